"""The reviewtui app: the library screen, the reader, bookmarks and help."""

from __future__ import annotations

import sys
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import get_current_worker

from reviewtui.app_comforts import apply_config, remember_theme_changes, watch_library
from reviewtui.bookmarks import Bookmark, BookmarkStore
from reviewtui.config import Config, load_config
from reviewtui.library import Library, LibraryError, LibrarySource, load_library, resolve_library
from reviewtui.model import Review
from reviewtui.palette import ScreenActionsProvider
from reviewtui.positions import PositionStore
from reviewtui.screens.bookmarks_screen import BookmarksScreen
from reviewtui.screens.help_screen import HelpScreen
from reviewtui.screens.library_screen import LibraryScreen
from reviewtui.screens.problems_screen import ProblemsScreen
from reviewtui.screens.reader_screen import ReaderScreen
from reviewtui.watcher import Changes

DEFAULT_THEME = "tokyo-night"


class ReviewApp(App[int]):
    TITLE = "reviewtui"
    COMMANDS = App.COMMANDS | {ScreenActionsProvider}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit reviewtui"),
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Show every key"),
        Binding(
            "B", "bookmarks", "Bookmarks", id="bookmarks", tooltip="List, open or remove bookmarks"
        ),
    ]

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
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.config_warnings = list(config_warnings or [])
        self.position_store = position_store or PositionStore()
        self.watch_interval = watch_interval
        self.watching_library = False
        self.library_source = library_source
        self.open_title_on_load = open_title
        self.spoilers_shown = spoilers_shown
        self.bookmark_store = bookmark_store or BookmarkStore()
        self.library: Library | None = None
        self.library_error: str | None = None

    def on_mount(self) -> None:
        self.theme = DEFAULT_THEME
        for warning in self.config_warnings + apply_config(self, self.config):
            self.notify(warning, title="Settings", severity="warning", markup=False, timeout=10)
        remember_theme_changes(self, self.warn)
        self.push_screen(LibraryScreen())
        self.load_library_in_background()

    # The library -----------------------------------------------------------------

    def read_library(self) -> Library:
        """The one place the library list comes from (runs in a worker thread)."""
        return load_library(self.library_source)

    @work(thread=True, exclusive=True, group="library")
    def load_library_in_background(self) -> None:
        try:
            library = self.read_library()
        except LibraryError as error:
            self.call_from_thread(self.library_failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self.library_loaded, library)

    def library_failed(self, message: str) -> None:
        self.library_error = message
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_error(f"The library could not be read: {message}")

    def warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def library_changed(self, changes: Changes) -> None:
        """Reviews were added, changed or removed on disk: reload the list, and the open review
        in place when its file changed."""
        self.load_library_in_background()
        for screen in self.screen_stack:
            if not isinstance(screen, ReaderScreen):
                continue
            if screen.path in changes.changed or screen.path in changes.added:
                screen.reload_in_place()
            elif screen.path in changes.removed:
                screen.file_removed()

    def library_loaded(self, library: Library) -> None:
        self.library = library
        if not self.watching_library:
            self.watching_library = True
            watch_library(self, self.library_source.path, self.library_changed, self.watch_interval)
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.populate()
            elif isinstance(screen, ReaderScreen):
                screen.refresh_library_titles()
        title, self.open_title_on_load = self.open_title_on_load, None
        if title is not None:
            self.open_first_match(library, title)

    def open_first_match(self, library: Library, title: str) -> None:
        try:
            review = library.find(title)
        except LibraryError as error:
            self.notify(str(error), title="Not opened", severity="warning", markup=False)
            for screen in self.screen_stack:
                if isinstance(screen, LibraryScreen):
                    screen.query_one("#filter").focus()
                    screen.query_one("#filter").value = title  # type: ignore[attr-defined]
            return
        self.open_review(review.path)

    # Navigation -------------------------------------------------------------------

    def open_review(self, path: Path) -> None:
        """Show the review at `path` in the reader (the one open, or a new one)."""
        if isinstance(self.screen, ReaderScreen):
            self.screen.open_path(path)
        else:
            self.show_library()
            self.push_screen(
                ReaderScreen(path, spoilers_shown=self.config.show_spoilers or self.spoilers_shown)
            )

    def open_title(self, title: str) -> None:
        """Open a review of the library by its exact title (a comparable, say)."""
        library = self.library
        matches = (
            []
            if library is None
            else [r for r in library.reviews if r.title.casefold() == title.casefold()]
        )
        if not matches:
            self.notify(f"{title} is not in the library.", markup=False)
            return
        self.open_review(matches[0].path)

    def show_library(self) -> None:
        self.save_reading_positions()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    # Bookmarks --------------------------------------------------------------------

    def bookmarked_titles(self) -> set[str]:
        try:
            return {b.title.casefold() for b in self.bookmark_store.entries()}
        except OSError as error:
            self.notify(f"Bookmarks could not be read: {error}", severity="error", markup=False)
            return set()

    def toggle_bookmark(self, review: Review) -> bool | None:
        try:
            marked = self.bookmark_store.toggle(review.title, review.path)
        except OSError as error:
            self.notify(f"The bookmark could not be saved: {error}", severity="error", markup=False)
            return None
        for warning in self.bookmark_store.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.bookmark_store.warnings.clear()
        if marked:
            self.notify(f"Bookmarked {review.title}", markup=False)
        else:
            self.notify(f"Removed the bookmark on {review.title}", markup=False)
        return marked

    def action_bookmarks(self) -> None:
        if isinstance(self.screen, BookmarksScreen):
            return
        self.push_screen(BookmarksScreen(self.bookmark_store), self.open_bookmark)

    def open_bookmark(self, bookmark: Bookmark | None) -> None:
        if bookmark is None:
            if isinstance(self.screen, LibraryScreen):
                self.screen.populate()
            return
        path = Path(bookmark.path) if bookmark.path else None
        if path is not None and path.is_file():
            self.open_review(path)
            return
        if self.library is not None and self.library.has_title(bookmark.title):
            self.open_title(bookmark.title)
            return
        self.notify(
            f"{bookmark.title}: its review file is gone ({bookmark.path or 'no path'})",
            severity="warning",
            markup=False,
        )

    # Other screens ------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_problems(self) -> None:
        if self.library is not None and not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(self.library.all_problems()))

    def save_reading_positions(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position()

    async def action_quit(self) -> None:
        # Here, not on unmount: by then the reader's widgets are gone.
        self.save_reading_positions()
        self.exit(0)


def run_app(library_option: str | Path | None, title: str | None = None) -> int:
    config, warnings = load_config()
    source = resolve_library(library_option, configured=config.library)
    if not source.path.is_dir():
        print(f"reviewtui: library folder not found: {source.path}", file=sys.stderr)
        return 1
    app = ReviewApp(source, title, config=config, config_warnings=warnings)
    app.run()
    return app.return_code or 0
