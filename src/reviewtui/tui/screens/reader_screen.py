"""The reader: section sidebar, the review, and its comparables. State flows down: this screen
owns `review`, `section` and `spoilers_shown` and binds them to its widgets; messages flow up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.reactive import reactive

from reviewtui.core.model import Problem, Review
from reviewtui.index import Entry, ReviewIndex
from reviewtui.index.catalog import Catalog
from reviewtui.library.load import load_review
from reviewtui.store.positions import PositionStore
from reviewtui.tui.comforts import edit_file
from reviewtui.tui.messages import OpenReview, OpenTitle, ShowLibrary, ToggleBookmark
from reviewtui.tui.reading_place import PLACE_EVERY, History, ReadingPlace
from reviewtui.tui.screens.reader_find import FIND_ACTIONS, ReaderFind
from reviewtui.tui.screens.reader_keys import READER_BINDINGS, SectionNumbers
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
from reviewtui.tui.widgets.find_bar import FindBar
from reviewtui.tui.widgets.late_footer import FOOTER_PENDING, footer_after_paint
from reviewtui.tui.widgets.metadata_card import MetadataCard
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.safe_text import plain
from reviewtui.tui.widgets.section_sidebar import SectionSidebar
from reviewtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from reviewtui.library.watch import Changes

FIRST_WORDS_WAIT = 0.5
"""Seconds the reader's first paint waits at most for the first words of a review it opens
with (built at once, they are mounted in a few milliseconds)."""


class ReaderScreen(ReaderFind):
    CSS_PATH = "reader_screen.tcss"
    HELP_TOPIC = "reader"
    AUTO_FOCUS = "ReaderPane"

    BINDINGS = READER_BINDINGS

    review: reactive[Review | None] = reactive(None)
    section: reactive[int] = reactive(0)
    spoilers_shown: reactive[bool] = reactive(False)
    library_titles: reactive[frozenset[str]] = reactive(frozenset)
    bookmarked: reactive[bool] = reactive(False)
    """Whether this review's title is bookmarked (◆ in the header)."""
    progress: reactive[int] = reactive(0)
    """How far into the review the reader is, in percent."""
    similar: reactive[tuple[Entry, ...]] = reactive(tuple)

    def __init__(
        self,
        path: Path,
        *,
        positions: PositionStore,
        index: ReviewIndex,
        spoilers_shown: bool = False,
        section: int | None = None,
        words: tuple[str, ...] = (),
        loaded: Review | Problem | None = None,
    ) -> None:
        super().__init__(classes=FOOTER_PENDING)
        self._loaded = loaded
        """The review already read (`read TITLE` at start): shown as the screen is mounted."""
        self.initial_words = words
        self.index = index
        self.place = ReadingPlace(positions, self.warn)
        self.history = History()
        self._marks: frozenset[str] = frozenset()
        self.path = path
        self.initial_section = section
        self.default_spoilers = spoilers_shown
        self.set_reactive(ReaderScreen.spoilers_shown, spoilers_shown)
        self.numbers = SectionNumbers()
        self._shown_review: Review | None = None
        """The review last reported laid out (`ReviewShown`): its progress can be worked out."""
        self._keep_place: tuple[int, int] | None = None
        """Where to stay when the review is read again in place (after an edit, say)."""

    def compose(self) -> ComposeResult:
        self.set_width_class()
        yield TitleBar("Loading…").data_bind(
            ReaderScreen.review,
            ReaderScreen.section,
            ReaderScreen.bookmarked,
            ReaderScreen.progress,
        )
        yield MetadataCard(id="metadata").data_bind(
            ReaderScreen.review, ReaderScreen.library_titles
        )
        with Horizontal(id="reader-body"):
            yield SectionSidebar(id="sections").data_bind(
                ReaderScreen.review, ReaderScreen.section, ReaderScreen.spoilers_shown
            )
            yield ReaderPane(id="pane").data_bind(ReaderScreen.review, ReaderScreen.spoilers_shown)
            yield ComparablesPanel(id="comparables").data_bind(
                ReaderScreen.review, ReaderScreen.library_titles, ReaderScreen.similar
            )
        yield FindBar(id="find-bar")

    async def on_mount(self) -> None:
        footer_after_paint(self)
        self.watch(self.app, "catalog", self.catalog_changed)
        self.watch(self.app, "bookmarked", self.bookmarks_changed)
        self.watch(self.app, "library_changes", self.library_changed, init=False)
        pane = self.query_one(ReaderPane)
        pane.set_hint(self.reveal_hint())
        loaded, self._loaded = self._loaded, None
        self.open_path(self.path, self.initial_section, words=self.initial_words, loaded=loaded)
        self.watch(pane, "scroll_y", self.note_place, init=False)
        self.watch(pane, "virtual_size", self.text_resized, init=False)
        self.set_interval(PLACE_EVERY, self.place.write)
        if isinstance(loaded, Review) and self.review is loaded:
            # The screen is first painted once it is mounted: with the review's first words.
            await pane.first_blocks(loaded, FIRST_WORDS_WAIT)

    def on_unmount(self) -> None:
        # The widgets are gone by now: the place last seen is what is saved.
        self.place.write()

    def bookmarks_changed(self, marks: frozenset[str]) -> None:
        self._marks = marks
        self.update_bookmarked()

    def update_bookmarked(self) -> None:
        review = self.review
        self.bookmarked = review is not None and review.title.casefold() in self._marks

    def watch_bookmarked(self) -> None:
        self.refresh_bindings()  # "Bookmark" or "Unbookmark" (the footer is rebuilt: only then)

    def watch_review(self) -> None:
        self.update_bookmarked()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_bookmark":
            return not self.bookmarked
        if action == "unbookmark":
            return self.bookmarked
        if action in FIND_ACTIONS:
            return self.find_allows(action)
        return True

    def catalog_changed(self, catalog: Catalog | None) -> None:
        self.library_titles = frozenset(catalog.titles()) if catalog is not None else frozenset()

    def library_changed(self, changes: Changes | None) -> None:
        """Reviews changed on disk: read this one again in place if its file changed."""
        if changes is None:
            return
        if self.path in changes.changed or self.path in changes.added:
            self.reload_in_place()
        elif self.path in changes.removed:
            self.file_removed()

    def reveal_hint(self) -> str:
        return f"Press {self.key_for('toggle_spoilers', 's')} to reveal it."

    def key_for(self, binding_id: str, default: str) -> str:
        """The key currently bound to an action (keymaps can change it)."""
        for key, active in self.active_bindings.items():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding) or key
        return default

    # Loading -----------------------------------------------------------------

    def open_path(
        self,
        path: Path,
        section: int | None = None,
        *,
        place: tuple[int, int] | None = None,
        remember: bool = True,
        words: tuple[str, ...] = (),
        loaded: Review | Problem | None = None,
    ) -> None:
        """Load the review at `path`, then go to its `section`-th numbered section if given,
        or to `place`, else to where the reader left it. The review left is remembered, for
        going back to it (unless `remember` is False: going back or forward itself). A library
        search's `words` are found in it. `loaded`: the review at `path`, already read."""
        self.land_on_words(words)
        if remember and self.review is not None and path != self.path:
            self.history.leave(self.here())
        self.save_position()
        self.path = path
        self.initial_section = section
        self._keep_place = place
        if loaded is not None:
            self.show_loaded(loaded)
        else:
            self.load_review(path)

    def here(self) -> tuple[Path, tuple[int, int]]:
        """This review and the place in it."""
        try:
            return self.path, self.query_one(ReaderPane).current_position()
        except NoMatches:
            return self.path, (0, 0)

    def reload_in_place(self) -> None:
        """Read the file again and stay where the reader is (after an edit, say)."""
        if self.review is not None:
            self._keep_place = self.query_one(ReaderPane).current_position()
        self.load_review(self.path)

    def file_removed(self) -> None:
        self.save_position()
        self.review = None
        self.query_one(TitleBar).show_caption(plain(f"{self.path.name} was removed"))
        self.query_one(ReaderPane).show_message(
            f"This review's file was removed from the library: {self.path}"
        )
        self.notify(f"{self.path.name} was removed.", severity="warning", markup=False)

    def note_place(self) -> None:
        """Keep where the reader is: saved now and then, and when the screen closes."""
        review = self.review
        if review is None or self.gone:
            return
        try:
            pane = self.query_one(ReaderPane)
        except NoMatches:
            return
        self.progress = pane.progress()
        at_end = pane.end_in_view()
        self.place.note(review, pane.current_position(), at_end=at_end, percent=self.progress)

    def save_position(self) -> None:
        """Remember the section and the lines into it, for the next time this review opens."""
        self.note_place()
        self.place.write()

    def warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def on_screen_suspend(self) -> None:
        # Another screen over the reader (help, bookmarks): keep the place meanwhile.
        self.save_position()

    @work(thread=True, exclusive=True, group="load-review")
    def load_review(self, path: Path) -> None:
        loaded = load_review(path)
        self.app.call_from_thread(self.show_loaded, loaded)

    @property
    def gone(self) -> bool:
        """Whether this screen was closed: a worker's result that arrives then is dropped."""
        return not self.is_attached or self not in self.app.screen_stack

    def show_loaded(self, loaded: Review | Problem) -> None:
        if self.gone:
            return
        if isinstance(loaded, Problem):
            self.review = None
            self.query_one(TitleBar).show_caption(plain(f"Cannot open {loaded.path.name}"))
            self.query_one(ReaderPane).show_message(f"This review could not be read: {loaded}")
            return
        place, self._keep_place = self._keep_place, None
        if place is not None and loaded == self.review:
            return  # read again (the watcher saw an edit already shown): nothing to redo
        if loaded == self.review:
            loaded = self.review  # the review shown (a search hit in it): only the place moves
        section, self.initial_section = self.initial_section, None
        if place is None and loaded is not self.review:  # (the same: its spoilers as they are)
            self.spoilers_shown = self.default_spoilers
        if place is None:
            # A search hit names its section; otherwise the review opens where it was left.
            if section is not None and loaded.top_sections:
                place = (max(0, min(section, len(loaded.top_sections) - 1)), 0)
            else:
                place = self.place.saved(loaded)
        self.section = place[0] if place is not None else 0
        self.similar = ()
        same = loaded is self.review
        self.review = loaded
        if place is not None:
            self.query_one(ReaderPane).scroll_to_position(*place, review=loaded)
        if same:
            self.review_opened()  # no new review to show: a search's words are found now

    @work(thread=True, exclusive=True, group="more-like-this")
    def find_similar(self, path: Path) -> None:
        try:
            # The index holds absolute paths; a bookmark may hold a relative one.
            similar = tuple(self.index.more_like_this(path.absolute()))
        except Exception:  # noqa: BLE001 - suggestions are a nicety: without them, none shown
            similar = ()
        self.app.call_from_thread(self.show_similar, path, similar)

    def show_similar(self, path: Path, similar: tuple[Entry, ...]) -> None:
        if self.gone:
            return
        if self.review is not None and self.review.path == path:
            self.similar = similar

    # Messages from the widgets -------------------------------------------------

    @on(SectionSidebar.SectionSelected)
    def section_selected(self, event: SectionSidebar.SectionSelected) -> None:
        self.jump_to(event.index)

    def text_resized(self) -> None:
        """The shown review's text grew or shrank where the reader is (spoilers revealed or
        hidden below, a new width): how far in they are, without a scroll."""
        if self.review is not None and self._shown_review is self.review:
            self.progress = self.query_one(ReaderPane).progress()

    @on(ReaderPane.ReviewShown)
    def review_shown(self, event: ReaderPane.ReviewShown) -> None:
        self._shown_review = event.review
        if event.review is not None and event.review is self.review:
            self.query_one(SectionSidebar).show_sections()
            self.query_one(ComparablesPanel).show_comparables()
            self.note_place()  # (its progress: a review opened at the top scrolls nothing)
            self.review_opened()
            # Suggestions wait for the review's first screen: they are read from the index.
            self.find_similar(event.review.path)

    @on(ReaderPane.SectionReached)
    def section_reached(self, event: ReaderPane.SectionReached) -> None:
        self.section = event.index

    @on(ComparablesPanel.ComparableChosen)
    def comparable_chosen(self, event: ComparablesPanel.ComparableChosen) -> None:
        self.post_message(OpenTitle(event.title))
        self.leave_panel(self.query_one(ComparablesPanel))  # to the review it opens

    @on(ComparablesPanel.SimilarChosen)
    def similar_chosen(self, event: ComparablesPanel.SimilarChosen) -> None:
        self.post_message(OpenReview(event.path))
        self.leave_panel(self.query_one(ComparablesPanel))

    # Actions ---------------------------------------------------------------

    def action_toggle_spoilers(self) -> None:
        review = self.review
        if review is None:
            return
        if not review.has_spoilers:
            self.notify("This review has no spoiler sections.", markup=False)
            return
        self.spoilers_shown = not self.spoilers_shown
        count = len(review.spoiler_titles)
        word = "section" if count == 1 else "sections"
        state = "revealed" if self.spoilers_shown else "hidden"
        what = f"{count} spoiler {word}" if count else "Inline spoilers"
        self.notify(f"{what} {state}.", markup=False)

    def action_toggle_bookmark(self) -> None:
        if self.review is not None:
            self.post_message(ToggleBookmark(self.review))

    def action_unbookmark(self) -> None:
        self.action_toggle_bookmark()

    def action_edit(self) -> None:
        self.save_position()
        problem = edit_file(self.app, self.path)
        if problem is not None:
            self.notify(problem, title="Not edited", severity="warning", markup=False)
            return
        self.reload_in_place()

    def action_back(self) -> None:
        """Back to the review read before this one, where it was left; else the library (a
        find on, it ends first; a panel focused, the review has the focus again)."""
        if self.finding:
            self.action_end_find()
            return
        if self.leave_focused_panel():
            return
        target = self.history.go_back(self.here())
        if target is None:
            self.action_library()
            return
        self.open_path(target[0], place=target[1], remember=False)

    def action_forward(self) -> None:
        target = self.history.go_forward(self.here())
        if target is None:
            self.notify("Nothing to go forward to.", markup=False, timeout=2)
            return
        self.open_path(target[0], place=target[1], remember=False)

    def action_library(self) -> None:
        self.save_position()
        self.post_message(ShowLibrary(self.path if self.review is not None else None))
