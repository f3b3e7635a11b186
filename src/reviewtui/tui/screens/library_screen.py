"""The library: every review in a table, filtered as you type and sorted by a column."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.fuzzy import Matcher
from textual.reactive import reactive
from textual.widgets import Input, Static

from reviewtui.core.library_sort import SORT_COLUMNS
from reviewtui.index import Entry
from reviewtui.index.catalog import Catalog
from reviewtui.store.positions import PositionStore
from reviewtui.tui.library_view import (
    PREVIEW_MIN_WIDTH,
    LibraryView,
    header,
    hidden_columns,
    index_of,
    library_widths,
)
from reviewtui.tui.messages import OpenReview
from reviewtui.tui.screens.library_keys import LIBRARY_BINDINGS
from reviewtui.tui.screens.library_places import LibraryPlaces
from reviewtui.tui.widgets.filter_input import FilterInput
from reviewtui.tui.widgets.late_footer import FOOTER_PENDING, footer_after_paint
from reviewtui.tui.widgets.preview_pane import PreviewPane
from reviewtui.tui.widgets.review_table import Column, ReviewTable
from reviewtui.tui.widgets.safe_text import plain
from reviewtui.tui.widgets.title_bar import TitleBar

SORTS = ("title", "year", "rating", "kind", "platform", "genres", "read", "mark")
"""The order `ctrl+s` goes through the columns."""
assert sorted(SORTS) == sorted(SORT_COLUMNS)


class LibraryScreen(LibraryPlaces):
    """Every review in a table. Watches the app's `catalog`, `bookmarked`, `indexing` and
    `library_error`; posts `OpenReview`."""

    CSS_PATH = "library_screen.tcss"
    HELP_TOPIC = "library"
    AUTO_FOCUS = "#filter"

    BINDINGS = LIBRARY_BINDINGS

    # (Not watched as the screen is mounted: its first listing comes with the library.)
    sort_by: reactive[str] = reactive("title", init=False)
    sort_reverse: reactive[bool] = reactive(False, init=False)
    filter_text: reactive[str] = reactive("", init=False)

    def __init__(
        self, positions: PositionStore | None = None, shelves: dict[str, str] | None = None
    ) -> None:
        super().__init__(classes=FOOTER_PENDING)
        self.library: Catalog | None = None
        self.marks: frozenset[str] = frozenset()
        """The bookmarked titles, casefolded."""
        self.positions = positions
        """Where each review was left, read (never written) for the read marks."""
        self.shelves: dict[str, str] = dict(shelves or {})
        """Saved filters by name (`[shelves]` in config.toml), offered in the palette."""
        self.view = LibraryView()
        self.shown: list[Entry] = []
        self._matched: tuple[Catalog, tuple[object, ...], str, list[Entry]] | None = None
        """The last filter's matches (library, sort, filter text, entries in sorted order)."""
        self._listed: Catalog | None = None
        """The library the table was last filled from."""
        self._wanted: Path | None = None
        """The review the cursor is to go to once it is listed (the one just read)."""
        self._widths: tuple[Catalog, dict[str, int]] | None = None
        """The widest value of each column without a fixed width, in a library."""

    def compose(self) -> ComposeResult:
        yield TitleBar("reviewtui · library", id="library-title")
        yield FilterInput(
            placeholder="Type to filter titles, or genre:crime year:>2010 is:unread…  (↑↓ pick, Enter reads, Tab to the list)",
            id="filter",
            select_on_focus=False,
        )
        table = ReviewTable[Entry](self.table_columns(), id="reviews")
        with Horizontal(id="browse"):
            yield table
            yield PreviewPane(id="preview")
        yield Static(Content(""), id="status")

    def on_mount(self) -> None:
        footer_after_paint(self)
        self.on_resize()
        self.show_loading()
        self.watch(self.app, "bookmarked", self.bookmarks_changed)
        self.watch(self.app, "catalog", self.catalog_changed)
        self.watch(self.app, "indexing", self.indexing_changed)
        self.watch(self.app, "library_error", self.library_failed)

    def on_resize(self) -> None:
        """The preview pane from about 100 columns up: narrower, the list has the width."""
        width = self.app.size.width
        previewing = width >= PREVIEW_MIN_WIDTH
        self.query_one(PreviewPane).display = previewing
        self.query_one("#browse").set_class(previewing, "previewing")
        hidden = hidden_columns(width)
        if hidden != self.view.hidden:
            self.view.hidden = hidden
            self.table.set_columns(self.table_columns())  # (the header, while still loading)
            self.populate()
        self.show_preview()

    def table_columns(self) -> list[Column]:
        """The shown columns, each header with the sort's arrow when sorted by it."""
        return [
            Column(
                column.key,
                header(column, self.sort_by, self.sort_reverse),
                column.width,
                column.shrinks,
            )
            for column in self.view.columns
        ]

    def column_widths(self, library: Catalog) -> dict[str, int]:
        """The widest value of each column without a fixed width (`library_widths`): columns
        keep their width as the filter narrows the list, and are worked out once per library."""
        if self._widths is None or self._widths[0] is not library:
            self._widths = (library, library_widths(library))
        return self._widths[1]

    def catalog_changed(self, catalog: Catalog | None) -> None:
        if catalog is not None:
            self.library = catalog
            self.populate()

    def bookmarks_changed(self, marks: frozenset[str]) -> None:
        if marks != self.marks:
            self.marks = marks
            self.populate()

    def indexing_changed(self, progress: tuple[int, int] | None) -> None:
        if progress is None:
            self.indexing_finished()
        else:
            self.show_indexing(*progress)

    def library_failed(self, message: str | None) -> None:
        if message is not None:
            self.show_error(f"The library could not be read: {message}")

    def populate(self) -> None:
        """Fill the table from the library, keeping the highlighted review if it is still shown."""
        library = self.library
        if library is None:
            return
        if not self.query(ReviewTable):
            self.call_after_refresh(self.populate)  # given the library before it is composed
            return
        table = self.table
        table.loading = False
        self.query_one("#library-title", TitleBar).show_caption(
            Content.assemble(
                Content.styled("reviewtui", "bold"),
                plain(f" · {library.root}", "$text-muted"),
            )
        )
        highlighted = self.highlighted_review()
        # On the last row of a first page (End pressed at once), stay on the last row.
        listed = self._listed
        at_end = (
            listed is not None
            and not listed.complete
            and len(self.shown) > 1
            and table.cursor_row == len(self.shown) - 1
        )
        self._listed = library
        view = self.view
        view.marks, view.sort_by, view.reverse = self.marks, self.sort_by, self.sort_reverse
        table.set_columns(self.table_columns())
        title_text = view.title_text
        reviews = view.faceted(view.ordered(library))
        matcher = None
        if title_text:
            from reviewtui.core.folding import fold_text  # (once a filter is typed)

            # Accents aside, as a search: "amelie" finds "Amélie" (the same length: the
            # matched letters are underlined in the title as it is written).
            matcher = Matcher(fold_text(title_text))
            reviews = self.narrowed(library, reviews)
            scored = [(matcher.match(fold_text(r.title)), r) for r in reviews]
            matching = [(score, r) for score, r in scored if score > 0]
            self._matched = (library, self.sort_key(), view.typed, [r for _, r in matching])
            reviews = [r for _, r in sorted(matching, key=lambda s: -s[0])]
        self.shown = reviews

        def row(review: Entry) -> list[Text]:
            return view.cells(review, matcher)

        # Rows are made only when they come into view (see ReviewTable).
        table.set_rows(reviews, row, self.column_widths(library))
        if at_end and reviews:
            table.action_scroll_bottom()
        elif highlighted is not None:
            index = index_of(reviews, highlighted, same_list=listed is library)
            if index is not None:
                table.move_cursor(index)
        self.show_empty_state(library, reviews)
        self.update_status(library)
        self.refresh_bindings()
        self.show_preview()
        self.go_to_wanted()

    def highlight_path(self, path: Path) -> None:
        """Put the cursor on the review at `path` (back from reading it), now or once it is
        listed: after `read TITLE`, the library is listed only when it is first shown."""
        self._wanted = path
        self.go_to_wanted()

    def go_to_wanted(self) -> None:
        wanted, library = self._wanted, self.library
        if wanted is None or library is None or not self.query(ReviewTable):
            return
        index = next((i for i, e in enumerate(self.shown) if e.path == wanted), None)
        if index is not None:
            self._wanted = None
            self.table.move_cursor(index)
            self.show_preview()
        elif library.complete:
            self._wanted = None  # filtered out: the cursor stays where it is

    def sort_key(self) -> tuple[object, ...]:
        """What the list's order and facets depend on besides the typed text."""
        return (self.sort_by, self.sort_reverse, self.marks, id(self.view.places))

    def show_preview(self) -> None:
        """Show the highlighted review in the preview pane (when it is shown)."""
        preview = self.query_one(PreviewPane)
        entry = self.highlighted_review()
        read_mark = self.view.progress(entry).describe() if entry is not None else ""
        preview.show(entry, read_mark, self.library)

    @on(ReviewTable.RowHighlighted, "#reviews")
    def row_highlighted(self) -> None:
        self.show_preview()

    def narrowed(self, library: Catalog, reviews: list[Entry]) -> list[Entry]:
        """The reviews a filter can match: a title the fuzzy filter "abc" misses, "abcd" misses
        too, so a letter typed at the end searches only the last filter's matches."""
        matched = self._matched
        if matched is None:
            return reviews
        last_library, last_sort, last_text, entries = matched
        same_list = last_library is library and last_sort == self.sort_key()
        # Only when the facets are the same too: the new text only added to the title words.
        same_facets = self.view.query.terms == () and not self.view.query.problems
        extends = same_facets and self.view.typed.startswith(last_text)
        return entries if same_list and extends else reviews

    def highlighted_review(self) -> Entry | None:
        table = self.table
        if not self.shown or not (0 <= table.cursor_row < len(self.shown)):
            return None
        return self.shown[table.cursor_row]

    # Filtering and sorting --------------------------------------------------

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    def watch_filter_text(self) -> None:
        self.view.set_filter(self.filter_text)
        self.show_filter_problems()
        self.populate()
        if self.shown:
            self.table.move_cursor(0)

    def show_filter_problems(self) -> None:
        """Under the box, why a term of the filter was left out (and what would work)."""
        found = self.view.query.problems
        if not found and self.shown_box("filter-problems") is None:
            return  # (mounted the first time a filter has a problem)
        problems = self.message_box("filter-problems", within=self, after="#filter")
        problems.update(Content("\n".join(found)))
        problems.display = bool(found)

    def watch_sort_by(self) -> None:
        self.populate()

    def watch_sort_reverse(self) -> None:
        self.populate()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        review = self.highlighted_review()
        if review is not None:
            self.post_message(OpenReview(review.path))

    @on(ReviewTable.RowSelected, "#reviews")
    def row_selected(self, event: ReviewTable.RowSelected) -> None:
        review = event.item
        if isinstance(review, Entry):
            self.post_message(OpenReview(review.path))

    @on(ReviewTable.HeaderSelected, "#reviews")
    def header_selected(self, event: ReviewTable.HeaderSelected) -> None:
        if event.key in SORTS:
            self.sort_on(event.key)

    def sort_on(self, column: str) -> None:
        """Sort by `column`; by the same column again, the other way round."""
        if column == self.sort_by:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_reverse = False
            self.sort_by = column

    def on_key(self, event: events.Key) -> None:
        """Type-to-filter: a printable key that is not bound starts the filter with it."""
        table = self.table
        if self.focused is not table or not event.is_printable or event.character is None:
            return
        if event.key in self.active_bindings or event.character == " ":
            return
        event.stop()
        event.prevent_default()
        search = self.query_one("#filter", Input)
        search.focus()
        search.insert_text_at_cursor(event.character)

    def filter_for(self, text: str) -> None:
        """Show the titles that match `text` (a title asked for that is not in the library)."""
        if not self.is_mounted:
            self.call_after_refresh(self.filter_for, text)  # pushed just now
            return
        search = self.query_one("#filter", Input)
        search.value = text
        search.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        # The focus stays where it is: in the filter, the next letter typed is still text.
        self.query_one("#filter", Input).value = ""

    def action_cycle_sort(self) -> None:
        self.sort_on(SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)])
        self.notify(f"Sorted by {self.view.sort_name}", timeout=2, markup=False)

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.notify(f"Sorted by {self.view.sort_name}", timeout=2, markup=False)

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_page_down(self) -> None:
        self.table.action_page_down()

    def action_page_up(self) -> None:
        self.table.action_page_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_filter":
            # Offered only where it does something: from the list.
            return not isinstance(self.focused, Input)
        return True

    def action_problems(self) -> None:
        library = self.library
        problems = library.all_problems() if library is not None else []
        if not problems:
            self.notify("The library has no problems: every file was read.", markup=False)
            return
        from reviewtui.tui.screens.problems_screen import ProblemsScreen

        self.app.push_screen(ProblemsScreen(problems))
