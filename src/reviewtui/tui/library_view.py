"""What the library list shows: which reviews (title text and facets), in which order (any
column, either way) and each row's cells, with the bookmark and read marks.

The library screen keeps one `LibraryView` and asks it for the rows; the view holds no widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.fuzzy import Matcher

from reviewtui.core.facets import FilterQuery, Progress, Reading, parse_filter
from reviewtui.core.library_sort import SORT_COLUMNS, SORT_NAMES, sort_listed
from reviewtui.index import Entry
from reviewtui.index.catalog import Catalog
from reviewtui.store.positions import Position, review_id
from reviewtui.tui.widgets.safe_text import highlighted_text

BOOKMARK_MARK = "◆"
GENRES_WIDTH = 12
PLATFORM_WIDTH = 11
KIND_WIDTH = 10


class Column(NamedTuple):
    key: str
    label: str
    width: int | None = None
    """Fixed width, room for the sort arrow included; None: as wide as the widest cell."""
    shrinks: bool = False
    """Narrowed (its values cut with "…") when the list is narrower than its columns."""


COLUMNS = (
    Column("mark", BOOKMARK_MARK, 2),
    Column("title", "Title", shrinks=True),
    Column("year", "Year", 6),
    Column("kind", "Kind"),
    Column("platform", "Platform"),
    Column("genres", "Genres"),
    Column("rating", "Rating", 8),
    Column("read", "Read", 6),
)
assert tuple(c.key for c in COLUMNS) == SORT_COLUMNS

ASCENDING, DESCENDING = "▲", "▼"

PREVIEW_MIN_WIDTH = 100
"""Terminal columns from which the library shows the preview pane."""
ALL_COLUMNS_WIDTH = 120
"""Terminal columns from which the list shows every column beside the preview pane."""
GENRES_MIN_WIDTH = 95
"""Without the preview, terminal columns from which the list has room for the genres."""
KIND_MIN_WIDTH = 77
"""Terminal columns from which the list has room for the kind and the platform (at their
widest, beside a title cut to its least) and still shows the rating and read columns."""


def hidden_columns(width: int) -> frozenset[str]:
    """The columns a terminal `width` columns wide leaves out: kind and platform beside a
    preview pane too narrow for them (it shows them), the genres on a small terminal."""
    if PREVIEW_MIN_WIDTH <= width < ALL_COLUMNS_WIDTH:
        return frozenset({"kind", "platform"})
    if width < KIND_MIN_WIDTH:
        return frozenset({"genres", "kind", "platform"})
    if width < GENRES_MIN_WIDTH:
        return frozenset({"genres"})
    return frozenset()


def header(column: Column, sort_by: str, reverse: bool) -> Text:
    """The column's label, with ▲ or ▼ when the list is sorted by it (room kept for either,
    so sorting never makes a column wider)."""
    if column.key != sort_by:
        return Text(column.label + "  ")
    natural_descending = column.key in ("year", "rating", "mark", "read")
    arrow = DESCENDING if natural_descending != reverse else ASCENDING
    # A narrow column (the bookmark mark's two cells) has its arrow next to the label.
    narrow = column.width is not None and cell_len(column.label) + 2 > column.width
    return Text.assemble(column.label + ("" if narrow else " "), (arrow, "bold"))


class LibraryView:
    """The filter, the order and the reading marks of the library list."""

    def __init__(self) -> None:
        self.query: FilterQuery = FilterQuery()
        self.typed = ""
        self.sort_by = "title"
        self.reverse = False
        self.marks: frozenset[str] = frozenset()
        """The bookmarked titles, casefolded."""
        self._places: dict[str, Position] = {}
        self._progress: dict[str, Progress] = {}
        """Each listed review's progress, by path, worked out once per set of places."""
        self.hidden: frozenset[str] = frozenset()
        """Columns not shown (see `hidden_columns`)."""
        self._ordered: tuple[object, ...] | None = None
        self._ordered_entries: list[Entry] = []

    # What is typed and how it is sorted -----------------------------------------

    def set_filter(self, typed: str) -> None:
        self.typed = typed
        self.query = parse_filter(typed)

    @property
    def title_text(self) -> str:
        return self.query.text

    @property
    def filtering(self) -> bool:
        return bool(self.typed.strip())

    @property
    def sort_name(self) -> str:
        name = SORT_NAMES[self.sort_by]
        return f"{name}, reversed" if self.reverse else name

    # Marks ------------------------------------------------------------------------

    @property
    def places(self) -> dict[str, Position]:
        """Saved reading places by review id and by path (store/positions.py)."""
        return self._places

    @places.setter
    def places(self, places: dict[str, Position]) -> None:
        self._places = places
        self._progress = {}

    def progress(self, entry: Entry) -> Progress:
        key = str(entry.path)
        known = self._progress.get(key)
        if known is None:
            place = self._places.get(review_id(entry.title, entry.year)) or self._places.get(key)
            if place is None:
                known = Progress()
            else:
                last = max(len(entry.sections) - 1, 0)
                known = Progress(
                    min(place.section, last), len(entry.sections), place.finished, place.percent
                )
            self._progress[key] = known
        return known

    def reading(self, entry: Entry) -> Reading:
        return self.progress(entry).reading(entry.title.casefold() in self.marks)

    # The rows -----------------------------------------------------------------------

    def ordered(self, library: Catalog) -> list[Entry]:
        """Every review in the chosen order (worked out once per library, order and marks)."""
        uses_marks = self.sort_by in ("mark", "read")
        key = (
            id(library),
            library.count,
            len(library.entries),
            self.sort_by,
            self.reverse,
            (self.marks, id(self.places)) if uses_marks else None,
        )
        if key != self._ordered:
            if self.sort_by == "title" or (self.sort_by in ("year", "rating") and not self.reverse):
                entries = library.sorted_by(self.sort_by)  # cached by the catalog
                self._ordered_entries = list(reversed(entries)) if self.reverse else entries
            else:
                self._ordered_entries = sort_listed(
                    library.sorted_by("title"), self.sort_by, self.reverse, self.reading
                )
            self._ordered = key
        return self._ordered_entries

    def faceted(self, entries: Sequence[Entry]) -> list[Entry]:
        """The entries that pass every facet term (all of them when there is none)."""
        query = self.query
        if not query.has_facets:
            return list(entries)
        if query.needs_reading:
            return [e for e in entries if query.matches(e, self.reading(e))]
        return [e for e in entries if query.matches(e)]

    @property
    def columns(self) -> list[Column]:
        return [column for column in COLUMNS if column.key not in self.hidden]

    def cells(self, entry: Entry, matcher: Matcher | None) -> list[Text]:
        """The entry's cells in the shown columns."""
        every = self.every_cell(entry, matcher)
        if not self.hidden:
            return every
        return [
            cell
            for column, cell in zip(COLUMNS, every, strict=True)
            if column.key not in self.hidden
        ]

    def every_cell(self, entry: Entry, matcher: Matcher | None) -> list[Text]:
        genres = clipped(", ".join(entry.genres), GENRES_WIDTH)
        progress = self.progress(entry)
        marked = entry.title.casefold() in self.marks
        return [
            Text(BOOKMARK_MARK, style="bold") if marked else Text(""),
            highlighted_text(entry.title, matcher),
            Text(str(entry.year) if entry.year is not None else ""),
            Text(clipped(entry.kind or "", KIND_WIDTH)),
            Text(clipped(entry.platform or "", PLATFORM_WIDTH)),
            Text(genres),
            Text(f"★ {entry.rating:g}" if entry.rating is not None else ""),
            Text(progress.mark(), style="dim" if progress.section is None else ""),
        ]


def clipped(text: str, width: int) -> str:
    """`text` in `width` cells at most, cut with "…" (wide characters counted as two)."""
    if cell_len(text) <= width:
        return text
    cut = set_cell_size(text, width - 1)
    if not text.startswith(cut):  # (a wide character cut in two leaves a space)
        cut = cut.rstrip(" ")
    return cut + "…"


def widest_values(entries: Sequence[Entry]) -> dict[str, int]:
    """The widest value of each column without a fixed width, in cells (capped where the
    column clips its values)."""
    return {
        "title": max((cell_len(e.title) for e in entries), default=0),
        "kind": min(KIND_WIDTH, max((cell_len(e.kind or "") for e in entries), default=0)),
        "platform": min(
            PLATFORM_WIDTH, max((cell_len(e.platform or "") for e in entries), default=0)
        ),
        "genres": min(
            GENRES_WIDTH, max((cell_len(", ".join(e.genres)) for e in entries), default=0)
        ),
    }


def library_widths(library: Catalog) -> dict[str, int]:
    """The widest value of each column in the library: worked out by the loading worker for
    a whole listing; for a first page, at least as wide as the whole library was when it was
    last listed (kept with the index), so that the columns stay put when the rest comes."""
    known = library.column_widths
    if known is not None and library.complete:
        return dict(known)
    widths = widest_values(library.entries)
    if known is not None:
        widths = {key: max(width, known.get(key, 0)) for key, width in widths.items()}
    return widths


def index_of(reviews: list[Entry], wanted: Entry, *, same_list: bool) -> int | None:
    """Where `wanted` is in `reviews`: the same entry when the library is the same, else the
    entry of the same file (one pass, when a new library arrives)."""
    if same_list:
        return next((i for i, review in enumerate(reviews) if review is wanted), None)
    return next((i for i, review in enumerate(reviews) if review.path == wanted.path), None)
