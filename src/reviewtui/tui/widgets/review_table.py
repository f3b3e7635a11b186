"""The library's table of reviews: a virtual list that draws only the rows in view.

The rows are a sequence the caller keeps (the catalog's sorted, filtered entries); a row's cells
are made when it scrolls into view. Setting the rows, moving the cursor, the first and last row
and a page cost the same for ten reviews as for a hundred thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, Generic, NamedTuple, TypeVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Item = TypeVar("Item")

CELL_PADDING = 1
"""Blank cells on each side of a cell's text."""

ROW_CACHE = 256
"""Rows whose cells are kept once made: more than the tallest screen shows."""

SHRUNK_WIDTH = 16
"""Cells a shrinking column keeps at least (or its header's, if wider)."""


class Column(NamedTuple):
    key: str
    label: str | Text
    width: int | None = None
    """Cells of text; None: as wide as the widest value the caller says it has."""
    shrinks: bool = False
    """Whether the column gives up width when the table is narrower than its columns: down to
    SHRUNK_WIDTH cells, its values cut with "…", so that every column is on screen."""

    @property
    def label_text(self) -> Text:
        return self.label if isinstance(self.label, Text) else Text(self.label)


class ReviewTable(ScrollView, Generic[Item], can_focus=True):
    """A row-cursor table over a sequence of items, drawing only the rows in view."""

    DEFAULT_CSS = """
    ReviewTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;  /* (the columns fit: see Column.shrinks) */
        &:focus {
            background-tint: $foreground 5%;
            & > .review-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .review-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .review-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .review-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .review-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .review-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .review-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "review-table--header",
        "review-table--even-row",
        "review-table--cursor",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False, always_update=True)
    """The highlighted row's index in the rows."""

    class RowSelected(Message):
        """A row was chosen (Enter, or a click on it)."""

        def __init__(self, table: ReviewTable[object], index: int, item: object) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.item = item

        @property
        def control(self) -> ReviewTable[object]:
            return self.table

    class RowHighlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: ReviewTable[object], index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

        @property
        def control(self) -> ReviewTable[object]:
            return self.table

    class HeaderSelected(Message):
        """A column's header was clicked."""

        def __init__(self, table: ReviewTable[object], key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> ReviewTable[object]:
            return self.table

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self._given_widths: Mapping[str, int] = {}
        self._widths = self._column_widths()
        self._fitted: tuple[tuple[int, tuple[int, ...]], list[int]] | None = None
        self._items: Sequence[Item] = ()
        self._make_row: Callable[[Item], Sequence[Text]] = lambda item: ()
        self._rows: dict[int, Sequence[Text]] = {}

    # The caller's API -----------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._items)

    def set_rows(
        self,
        items: Sequence[Item],
        make_row: Callable[[Item], Sequence[Text]],
        widths: Mapping[str, int] | None = None,
    ) -> None:
        """Show one row per item, in order; `make_row` gives a row's cells when it comes into
        view. `widths` gives the widest value of each column without a fixed width."""
        self._items = items
        self._make_row = make_row
        self._rows = {}
        self._given_widths = widths or {}
        self._widths = self._column_widths()
        self.virtual_size = Size(self.table_width, len(items) + 1)  # the header is a line
        self.cursor_row = min(self.cursor_row, max(0, len(items) - 1))
        self.refresh()

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show these columns (rows made from then on have a cell for each)."""
        columns = tuple(columns)
        if columns != self.columns:
            self.columns = columns
            self._rows = {}
            self._widths = self._column_widths()
            self.virtual_size = Size(self.table_width, len(self._items) + 1)
            self.refresh()

    def _column_widths(self) -> tuple[int, ...]:
        return tuple(
            column.width or max(column.label_text.cell_len, self._given_widths.get(column.key, 0))
            for column in self.columns
        )

    def fitted_widths(self) -> list[int]:
        """The columns' widths in the table's width now: a shrinking column gives up what the
        others need to be on screen (one long title does not push them off it)."""
        available = self.scrollable_content_region.width
        if self._fitted is None or self._fitted[0] != (available, self._widths):
            widths = list(self._widths)
            excess = self.table_width - available
            if available > 0 and excess > 0:
                for at, column in enumerate(self.columns):
                    if column.shrinks:
                        floor = max(SHRUNK_WIDTH, column.label_text.cell_len)
                        widths[at] = max(min(widths[at], floor), widths[at] - excess)
            self._fitted = ((available, self._widths), widths)
        return self._fitted[1]

    def get_row_at(self, index: int) -> Sequence[Text]:
        """The cells of the row at `index`."""
        row = self._rows.get(index)
        if row is None:
            if len(self._rows) >= ROW_CACHE:
                self._rows.clear()
            row = self._rows[index] = self._make_row(self._items[index])
        return row

    def item_at(self, index: int) -> Item:
        return self._items[index]

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    @property
    def column_keys(self) -> list[str]:
        return [column.key for column in self.columns]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def get_column(self, key: str) -> list[Text]:
        """Every row's cell in the column `key` (made for each row: for tests and small lists)."""
        at = self.column_keys.index(key)
        return [self._make_row(item)[at] for item in self._items]

    def column_x(self, key: str) -> int:
        """Where a column starts, from the table's left edge."""
        x = 0
        for column, width in zip(self.columns, self.fitted_widths(), strict=True):
            if column.key == key:
                return x
            x += width + 2 * CELL_PADDING
        raise KeyError(key)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # The scrollbar's room is kept whether it is shown or not (the library's CSS has
        # `scrollbar-gutter: stable`), but Textual adds it to an auto width only while the
        # scrollbar is shown: the list would be narrower than its columns without it, and
        # widen a frame after its first paint (the scrollbar is shown after the first layout).
        width = self.virtual_size.width
        if not self.show_vertical_scrollbar and self.styles.scrollbar_gutter == "stable":
            width += self.styles.scrollbar_size_vertical
        return width

    @property
    def table_width(self) -> int:
        return sum(self._widths) + 2 * CELL_PADDING * len(self._widths)

    # The cursor -----------------------------------------------------------------

    @property
    def page_rows(self) -> int:
        """Rows a screen shows, under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._items) - 1))

    def watch_cursor_row(self) -> None:
        row, top = self.cursor_row, round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + self.page_rows:
            self.scroll_to(y=row - self.page_rows + 1, animate=False, force=True)
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.cursor_row))  # type: ignore[arg-type]

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_scroll_top(self) -> None:
        self.cursor_row = 0

    def action_scroll_bottom(self) -> None:
        self.cursor_row = len(self._items) - 1

    def action_page_down(self) -> None:
        page = self.page_rows
        self.scroll_to(y=round(self.scroll_y) + page, animate=False, force=True)
        self.cursor_row += page

    def action_page_up(self) -> None:
        page = self.page_rows
        self.scroll_to(y=max(0, round(self.scroll_y) - page), animate=False, force=True)
        self.cursor_row -= page

    def action_select_cursor(self) -> None:
        if 0 <= self.cursor_row < len(self._items):
            row = self.cursor_row
            self.post_message(self.RowSelected(self, row, self._items[row]))  # type: ignore[arg-type]

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            x = offset.x + round(self.scroll_x)
            widths = self.fitted_widths()
            for column in self.columns:
                start = self.column_x(column.key)
                if start <= x < start + widths[self.columns.index(column)] + 2:
                    self.post_message(self.HeaderSelected(self, column.key))  # type: ignore[arg-type]
                    return
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self._items):
            # A click on a row opens it, as Enter does (the first click of a double click
            # already has: its second belongs to whatever was opened).
            self.cursor_row = row
            if event.chain == 1:
                self.action_select_cursor()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # Drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = round(self.scroll_x), round(self.scroll_y)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("review-table--header")
            cells: Sequence[Text] = [column.label_text for column in self.columns]
            extend = style
        else:
            row = scroll_y + y - 1
            if row >= len(self._items):
                return Strip.blank(width, base)
            style = base
            if row % 2 == 0:
                style += self.get_component_rich_style("review-table--even-row")
            extend = style
            if row == self.cursor_row:
                style += self.get_component_rich_style("review-table--cursor")
                extend = style
            cells = self.get_row_at(row)
        line = Text(no_wrap=True, end="")
        pad = " " * CELL_PADDING
        for cell, cell_width, column in zip(
            cells, self.fitted_widths(), self.columns, strict=False
        ):
            text = cell.copy()
            text.truncate(cell_width, overflow="ellipsis" if column.shrinks else "crop", pad=True)
            line.append(pad)
            line.append_text(text)
            line.append(pad)
        # Text.render leaves out a style of the whole line: it is put under each segment here.
        segments = Segment.apply_style(line.render(self.app.console), style)
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, extend)
