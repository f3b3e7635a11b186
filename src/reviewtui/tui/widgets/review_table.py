"""The library's table of reviews, filled a screenful first and the rest in steps.

Adding ten thousand rows to a DataTable at once takes about a second of the UI thread, so the
first screen would wait for rows nobody sees yet. `fill` adds the first rows at once and the
others a step per refresh; keys that need the whole list (the end, the next page) complete it
first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

Item = TypeVar("Item")
Row = tuple[Sequence[Text], str]
"""A row's cells, and its key."""

FIRST_ROWS = 120
"""Rows added at once: more than the tallest screen shows."""

ROWS_PER_STEP = 400
"""Rows added per later step (about 40 ms of the UI thread each)."""


class ReviewTable(DataTable[Text], Generic[Item]):
    """A row-cursor DataTable of items, filled from a list in steps."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._items: Sequence[Item] = ()
        self._make_row: Callable[[Item], Row] | None = None
        self._filled = 0
        self._generation = 0

    @property
    def filling(self) -> bool:
        """Whether rows of the last `fill` are still to be added."""
        return self._filled < len(self._items)

    def fill(self, items: Sequence[Item], make_row: Callable[[Item], Row]) -> None:
        """Show one row per item, in order: the first at once, the rest over the next refreshes."""
        self._generation += 1
        self._items = items
        self._make_row = make_row
        self._filled = 0
        self.clear()
        self.fill_to(FIRST_ROWS)
        if self.filling:
            self.call_after_refresh(self._fill_step, self._generation)

    def fill_to(self, count: int) -> None:
        """Add rows now until at least `count` are in (or every item is)."""
        make_row = self._make_row
        if make_row is None:
            return
        end = min(len(self._items), count)
        for item in self._items[self._filled : end]:
            cells, key = make_row(item)
            self.add_row(*cells, key=key)
        self._filled = max(self._filled, end)

    def fill_all(self) -> None:
        self.fill_to(len(self._items))

    def _fill_step(self, generation: int) -> None:
        if generation != self._generation or not self.is_mounted:
            return  # a newer fill (another filter, say) took over
        self.fill_to(self._filled + ROWS_PER_STEP)
        if self.filling:
            self.call_after_refresh(self._fill_step, generation)

    def action_scroll_bottom(self) -> None:
        self.fill_all()
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        # A page past the rows in so far needs the rows that follow.
        self.fill_to(self.cursor_row + FIRST_ROWS)
        super().action_page_down()

    def action_cursor_down(self) -> None:
        self.fill_to(self.cursor_row + 2)
        super().action_cursor_down()
