"""The reviewtui app: the library screen, the reader, bookmarks and help."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import Initialize, Reactive, reactive
from textual.widgets import Input

from reviewtui.core.model import Problem, Review
from reviewtui.core.text import printable
from reviewtui.index import RefreshResult, ReviewIndex
from reviewtui.index.catalog import Catalog, LookupFailed
from reviewtui.index.child import ChildRefresh
from reviewtui.library.root import LibraryError, LibrarySource
from reviewtui.store.bookmarks import Bookmark, BookmarkStore
from reviewtui.store.config import Config, config_path
from reviewtui.store.positions import PositionStore
from reviewtui.tui.comforts import (
    apply_config,
    configured_theme,
    opens_in_browser,
    remember_theme_changes,
    save_screenshot,
    settings_toast,
)
from reviewtui.tui.config_check import config_problems
from reviewtui.tui.ending import AppEnding, exit_on_signals, watch_terminal
from reviewtui.tui.launch import FirstLook, Launch, prepare_launch
from reviewtui.tui.loading import LibraryLoading
from reviewtui.tui.messages import OpenReview, OpenTitle, ShowLibrary, ToggleBookmark, WatchTitle
from reviewtui.tui.palette import ScreenActionsProvider, ShelvesProvider
from reviewtui.tui.screen_styles import ScreenStyles
from reviewtui.tui.widgets.safe_text import shown

if TYPE_CHECKING:
    from reviewtui.store.positions import Position
    from reviewtui.tui.screens.library_screen import LibraryScreen
    from reviewtui.tui.screens.search_screen import SearchResult
    from reviewtui.tui.widgets.reader_pane import ReaderPane

DEFAULT_THEME = "tokyo-night"
HERE = Path(__file__).parent
SINGLE_LETTER_ACTIONS = frozenset({"quit", "help", "bookmarks", "search"})
"""App actions bound to printable keys (q, ?, B, /)."""


class ReviewApp(AppEnding, LibraryLoading, ScreenStyles):
    """The app: owns the library (read from the index in workers), the stores and navigation.

    State flows down: screens watch the reactives below (`catalog`, `bookmarked`, `indexing`,
    `library_error`, `library_changes`). Messages flow up: screens post `OpenReview`,
    `OpenTitle`, `ShowLibrary` and `ToggleBookmark`, and the app acts on them.
    """

    TITLE = "reviewtui"
    CSS_PATH = HERE / "app.tcss"  # not relative: tests subclass the app (screens bring theirs)
    COMMANDS = App.COMMANDS | {ScreenActionsProvider, ShelvesProvider}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit reviewtui"),
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Show every key"),
        Binding(
            "B", "bookmarks", "Bookmarks", id="bookmarks", tooltip="List, open or remove bookmarks"
        ),
        Binding(
            "slash", "search", "Search", id="search", tooltip="Search the text of every review"
        ),
    ]

    theme: Reactive[str] = Reactive(Initialize(lambda app: app.starting_theme()))  # type: ignore[attr-defined]
    """Textual's reactive, starting at the theme of `starting_theme`."""
    bookmarked: reactive[frozenset[str]] = reactive(frozenset, init=False)
    """The bookmarked titles, casefolded."""

    def __init__(
        self,
        library_source: LibrarySource,
        open_title: str | None = None,
        *,
        spoilers_shown: bool = False,
        bookmark_store: BookmarkStore | None = None,
        config: Config | None = None,
        config_warnings: list[str] | None = None,
        position_store: PositionStore | None = None,
        watch_interval: float = 1.0,
        index: ReviewIndex | None = None,
        early_refresh: ChildRefresh | None = None,
        first_look: FirstLook | None = None,
    ) -> None:
        self.config = config or Config()  # (before Textual's set-up: it picks the theme)
        super().__init__()
        self.config_warnings = list(config_warnings or [])
        self.position_store = position_store or PositionStore()
        self.watch_interval = watch_interval
        self.watching_library = False
        self.library_source = library_source
        self.open_title_on_load = open_title
        self.first_review_shown = threading.Event()
        if open_title is None:
            self.first_review_shown.set()
        self.spoilers_shown = spoilers_shown
        self.bookmark_store = bookmark_store or BookmarkStore()
        # (Not `index or …`: an index with no reviews yet, as on a first start, is falsy.)
        self.index = index if index is not None else ReviewIndex(library_source.path)
        self.early_refresh = early_refresh
        """The index's first build, started before the app (followed by the load worker)."""
        self.first_look = first_look
        """The first screen's reviews, read before the app (shown by its first paint if ready)."""
        self.index_child: ChildRefresh | None = None
        """The child process refreshing the index, if any: stopped when the app closes."""
        self.last_refresh: RefreshResult | None = None
        """What the start-up refresh of the index read (None until it is done)."""
        self._library_screen: LibraryScreen | None = None
        self._places_known: dict[str, Position] | None = None
        """The reading places read before the library screen was made (its read marks)."""

    @property
    def library_screen(self) -> LibraryScreen:
        """The library screen, made when first wanted: `read TITLE` shows the reader first,
        and its first paint does without the library screen's modules."""
        screen = self._library_screen
        if screen is None:
            from reviewtui.tui.screens.library_screen import LibraryScreen

            screen = LibraryScreen(self.position_store, self.config.shelves)
            if self._places_known is not None:
                screen.know_places(self._places_known)
            self._library_screen = screen
        return screen

    def know_places(self, places: dict[str, Position]) -> None:
        """The reading places, read before the library is shown (its first rows' read marks)."""
        if self._library_screen is None:
            self._places_known = places
        else:
            self._library_screen.know_places(places)

    def starting_theme(self) -> str:
        """The config's theme if Textual has it, else ours (`config_check` reports an unknown
        one). It is in the stylesheet from the start: set once the app was mounted, it made
        Textual parse every stylesheet again before the first paint."""
        return configured_theme(self, self.config) or DEFAULT_THEME

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast, the screens' too: its text made printable (a file name, a config value
        or an OS error may hold escape sequences), and taken as markup only when asked."""
        if not markup:
            message, title = shown(message), shown(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_mount(self) -> None:
        watch_terminal(self, self.last_rites)
        apply_config(self, self.config)
        problems = config_problems(
            self.config, config_path(), self.BINDINGS, set(self.available_themes)
        )
        toast = settings_toast(self.config_warnings + problems)
        if toast is not None:
            self.notify(toast, title="Settings", severity="warning", markup=False, timeout=10)
        remember_theme_changes(self, self.warn)
        self.refresh_bookmarks()
        # Textual holds back every paint made while the app is mounted, then writes only what
        # changes: a screen pushed here had its first paint held back, and the terminal got
        # only the parts that changed after it (the rows) until a later whole paint.
        self.call_later(self.show_first_screen)
        self.mounted()

    def library_loaded(self, library: Catalog, final: bool) -> None:
        """Show the listing; `final` once the index is up to date with the folder."""
        if self.closing:
            return
        self.catalog = library
        if final:
            self.indexing = None
        title = self.open_title_on_load
        if title is not None:
            self.open_first_match(library, title, final)

    # Navigation -------------------------------------------------------------------

    def on_open_review(self, message: OpenReview) -> None:
        self.open_review(message.path, message.section)

    def on_open_title(self, message: OpenTitle) -> None:
        self.open_title(message.title)

    def on_show_library(self, message: ShowLibrary) -> None:
        self.show_library()
        if message.path is not None:
            self.library_screen.highlight_path(message.path)

    def on_toggle_bookmark(self, message: ToggleBookmark) -> None:
        self.toggle_bookmark(message.review)

    def open_review(
        self,
        path: Path,
        section: int | None = None,
        words: tuple[str, ...] = (),
        *,
        loaded: Review | Problem | None = None,
    ) -> None:
        """Show the review at `path` in the reader (the one open, or a new one), at the
        `section`-th of its numbered sections when given, with `words` found in it; `loaded`:
        that review, already read."""
        from reviewtui.tui.screens.reader_screen import ReaderScreen

        if isinstance(self.screen, ReaderScreen):
            self.screen.open_path(path, section, words=words, loaded=loaded)
        else:
            if len(self.screen_stack) > 1:  # (at start, `read TITLE` opens the reader first)
                self.show_library()
            self.push_screen(
                ReaderScreen(
                    path,
                    positions=self.position_store,
                    index=self.index,
                    spoilers_shown=self.config.show_spoilers or self.spoilers_shown,
                    section=section,
                    words=words,
                    loaded=loaded,
                )
            )

    def open_title(self, title: str) -> None:
        """Open a review of the library by its exact title (a comparable, say)."""
        library = self.catalog
        try:
            if library is None:
                raise LookupFailed(title)
            entry = library.find(title, exact_only=True)
        except LookupFailed as failed:
            if not failed.candidates:
                self.notify(f"{title} is not in the library.", markup=False)
                return
            entry = failed.candidates[0]  # two reviews share the title: the first listed
        self.open_review(entry.path)

    def show_library(self) -> None:
        while len(self.screen_stack) > 1 and self.screen is not self.library_screen:
            self.pop_screen()
        if self.screen is not self.library_screen:  # a review opened by title came first
            self.push_screen(self.library_screen)

    def show_library_if_nothing_is(self) -> None:
        """The library, when no screen is shown yet (`read TITLE` has not shown its review)."""
        if len(self.screen_stack) == 1:
            self.push_screen(self.library_screen)

    def on_reader_pane_review_shown(self) -> None:
        self.first_review_shown.set()

    def on_reader_pane_link_followed(self, event: ReaderPane.LinkFollowed) -> None:
        """A link in a review was clicked: only web links open, and only in the browser."""
        if opens_in_browser(event.href):
            self.open_url(event.href)
            self.notify(f"Opening {event.href}", markup=False)
        else:
            self.notify(
                f"Links to local files are not opened: {event.href}",
                title="Link not followed",
                severity="warning",
                markup=False,
            )

    # Bookmarks --------------------------------------------------------------------

    def refresh_bookmarks(self) -> None:
        """Read the bookmarked titles again (another copy of reviewtui may have changed them)."""
        try:
            # Warnings about the file are shown where bookmarks are listed or changed.
            marks = self.bookmark_store.entries().value
            self.bookmarked = frozenset(b.title.casefold() for b in marks)
        except OSError as error:
            self.notify(f"Bookmarks could not be read: {error}", severity="error", markup=False)

    def on_watch_title(self, message: WatchTitle) -> None:
        """A comparable bookmarked from the reader: a review of the library when there is one,
        else a title on the watchlist, noting the review it came from."""
        library = self.catalog
        try:
            entry = library.find(message.title, exact_only=True) if library else None
        except LookupFailed as failed:
            entry = failed.candidates[0] if failed.candidates else None
        path = entry.path if entry is not None else ""
        try:
            toggled = self.bookmark_store.toggle(message.title, path, message.source)
        except OSError as error:
            self.notify(f"The bookmark was not saved: {error}", severity="error", markup=False)
            return
        for warning in toggled.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.refresh_bookmarks()
        where = "your bookmarks" if entry is not None else "your watchlist"
        if toggled.value:
            self.notify(f"Added {message.title} to {where}", markup=False)
        else:
            self.notify(f"Took {message.title} off {where}", markup=False)

    def toggle_bookmark(self, review: Review) -> bool | None:
        try:
            toggled = self.bookmark_store.toggle(review.title, review.path)
        except OSError as error:
            self.notify(f"The bookmark was not saved: {error}", severity="error", markup=False)
            return None
        for warning in toggled.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.refresh_bookmarks()
        marked = toggled.value
        if marked:
            self.notify(f"Bookmarked {review.title}", markup=False)
        else:
            self.notify(f"Removed the bookmark on {review.title}", markup=False)
        return marked

    def action_bookmarks(self) -> None:
        from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen

        if isinstance(self.screen, BookmarksScreen):
            return
        self.push_screen(BookmarksScreen(self.bookmark_store), self.open_bookmark)

    def open_bookmark(self, bookmark: Bookmark | None) -> None:
        if bookmark is None:
            self.refresh_bookmarks()  # some may have been removed
            return
        path = Path(bookmark.path) if bookmark.path else None
        if path is not None and path.is_file():
            self.open_review(path)
            return
        if self.catalog is not None and self.catalog.has_title(bookmark.title):
            self.open_title(bookmark.title)
            return
        if bookmark.to_watch:
            found = f" (from {bookmark.source})" if bookmark.source else ""
            self.notify(
                f"{bookmark.title} is on your watchlist{found}: no review yet.", markup=False
            )
            return
        self.notify(
            f"{bookmark.title}: its review file is gone ({bookmark.path})",
            severity="warning",
            markup=False,
        )

    # Search ---------------------------------------------------------------------------

    def action_search(self) -> None:
        from reviewtui.tui.screens.search_screen import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.index), self.open_search_result)

    def open_search_result(self, result: SearchResult | None) -> None:
        if result is not None:
            self.open_review(result.path, result.section_index, result.words)

    # Other screens ------------------------------------------------------------------

    def action_help(self) -> None:
        from reviewtui.tui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            # Opened at the keys of the screen it is asked from.
            self.push_screen(HelpScreen(getattr(self.screen, "HELP_TOPIC", None)))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        save_screenshot(self, filename, path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Typing must never run a shortcut: in a text box these keys are text, and the footer
        # does not offer them (the filter box has ctrl-keys for them).
        return not (action in SINGLE_LETTER_ACTIONS and isinstance(self.focused, Input))


def run_app(
    library_option: str | Path | None, title: str | None = None, launch: Launch | None = None
) -> int:
    """Run the TUI; launch is what `prepare_launch` made of library_option, when the caller
    prepared it before importing this module."""
    if launch is None:
        try:
            launch = prepare_launch(library_option, title)
        except LibraryError as error:
            print(printable(f"reviewtui: {error}"), file=sys.stderr)
            return 1
    app = ReviewApp(
        launch.source,
        title,
        config=launch.config,
        config_warnings=launch.config_warnings,
        index=launch.index,
        early_refresh=launch.early_refresh,
        first_look=launch.first_look,
    )
    restore_signals = exit_on_signals(app, app.last_rites)
    try:
        app.run()
    finally:
        restore_signals()
        launch.stop()
    return app.return_code or 0
