"""The library's virtual list: a hundred thousand rows, of which only those in view are made."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from reviewtui.tui.widgets.review_table import Column, ReviewTable

COUNT = 100_000
COLUMNS = (Column("title", "Title"), Column("year", "Year", width=4))


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.made: list[int] = []
        self.chosen: list[int] = []
        self.sorted_by: list[str] = []

    def compose(self) -> ComposeResult:
        yield ReviewTable[int](COLUMNS, id="table")

    def on_mount(self) -> None:
        self.show(list(range(COUNT)))

    def show(self, items: list[int]) -> None:
        def row(item: int) -> list[Text]:
            self.made.append(item)
            return [Text(f"Review {item:06d}"), Text(str(1900 + item % 100))]

        table = self.query_one(ReviewTable)
        table.set_rows(items, row, {"title": 13})
        table.focus()

    def on_review_table_row_selected(self, event: ReviewTable.RowSelected) -> None:
        self.chosen.append(event.index)

    def on_review_table_header_selected(self, event: ReviewTable.HeaderSelected) -> None:
        self.sorted_by.append(event.key)


def screen_titles(table: ReviewTable[int]) -> list[str]:
    lines = [table.render_line(y).text for y in range(1, table.scrollable_content_region.height)]
    return [line.split()[1] for line in lines if line.strip()]


async def test_end_home_and_a_page_make_only_the_rows_in_view() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ReviewTable)
        await pilot.pause()
        assert table.row_count == COUNT
        assert screen_titles(table)[0] == "000000"
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == COUNT - 1
        assert screen_titles(table)[-1] == f"{COUNT - 1:06d}"
        await pilot.press("home", "pagedown")
        await pilot.pause()
        page = screen_titles(table)
        assert page[0] == f"{len(page):06d}"
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [table.cursor_row] and table.cursor_row >= len(page)
        assert len(app.made) < 200  # a hundred thousand rows, a few screens made


async def test_new_rows_show_at_once_and_the_cursor_stays_in_them() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ReviewTable)
        await pilot.press("end")
        app.show([7, 3, 5])
        await pilot.pause()
        assert table.row_count == 3 and table.cursor_row == 2
        assert screen_titles(table) == ["000007", "000003", "000005"]


async def test_clicking_a_header_asks_for_its_sort_and_a_click_on_a_row_opens_it() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ReviewTable)
        await pilot.click(ReviewTable, offset=(table.column_x("year") + 1, 0))
        await pilot.pause()
        assert app.sorted_by == ["year"] and app.chosen == []
        await pilot.click(ReviewTable, offset=(3, 3))
        await pilot.pause()
        assert table.cursor_row == 2 and app.chosen == [2]
        # A double click opens the row once: its second click is not a second choice.
        await pilot.double_click(ReviewTable, offset=(3, 5))
        await pilot.pause()
        assert table.cursor_row == 4 and app.chosen == [2, 4]
