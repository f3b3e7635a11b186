"""A big library's list is virtual: every row is in at once, only the rows in view are drawn,
and everything the library screen offers works on the whole list: filter, sort, the last row,
a page, bookmark marks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from reviewtui.index import ReviewIndex
from reviewtui.index.catalog import Catalog
from reviewtui.library.load import LibrarySource
from reviewtui.store.bookmarks import BookmarkStore
from reviewtui.tui.app import ReviewApp
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.widgets.review_table import ReviewTable

from .app_support import RecordingApp, make_app, open_reader, wait_until
from .conftest import write_review

SIZE = (120, 30)
COUNT = 360
LAST_TITLE = "Zodiac Killer"


def review_text(title: str, year: int) -> str:
    return f'+++\ntitle = "{title}"\nyear = {year}\n+++\n# {title}\n\n## Verdict\n\nFine.\n'


@pytest.fixture
def big_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """COUNT reviews, already indexed (a warm start)."""
    folder = tmp_path / "big"
    folder.mkdir()
    for number in range(COUNT - 1):
        write_review(folder, f"{number:03d}.md", review_text(f"Northern Line {number:03d}", 1990))
    # Last by title, first by year.
    write_review(folder, "zodiac.md", review_text(LAST_TITLE, 2007))
    index = ReviewIndex(folder)
    index.refresh()
    index.close()
    return folder


def expected_titles() -> list[str]:
    return [f"Northern Line {number:03d}" for number in range(COUNT - 1)] + [LAST_TITLE]


def table_of(app: ReviewApp) -> ReviewTable[object]:
    return app.screen.query_one("#reviews", ReviewTable)


def titles_shown(app: ReviewApp) -> list[str]:
    table = table_of(app)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


async def filling(pilot: object, app: ReviewApp) -> LibraryScreen:
    """Wait until the whole listing is in the app."""

    def arrived() -> bool:
        library = app.catalog
        if library is None or not library.complete or library.count != COUNT:
            return False
        return isinstance(app.screen, LibraryScreen)

    await wait_until(pilot, arrived)  # type: ignore[arg-type]
    await pilot.pause(0.1)  # type: ignore[attr-defined]
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


async def filled(pilot: object, app: ReviewApp) -> None:
    await pilot.pause(0.1)  # type: ignore[attr-defined]


def drawn_titles(app: ReviewApp) -> list[str]:
    """The titles on screen in the list, top to bottom."""
    table = table_of(app)
    start, end = table.column_x("title"), table.column_x("year")
    lines = [table.render_line(y).text for y in range(1, table.scrollable_content_region.height)]
    return [line[start:end].strip() for line in lines if line.strip()]


async def test_a_big_library_is_listed_whole_and_sorted_with_its_count(
    big_library: Path,
) -> None:
    app = make_app(big_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await filling(pilot, app)
        assert table_of(app).row_count == COUNT
        assert titles_shown(app) == expected_titles()
        assert f"{COUNT} reviews" in str(screen.query_one("#status", Static).visual)


async def test_a_filter_shows_only_its_matches_and_escape_the_whole_list(
    big_library: Path,
) -> None:
    app = make_app(big_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await filling(pilot, app)
        await pilot.press(*"zodiac")
        await pilot.pause(0.2)
        assert titles_shown(app) == [LAST_TITLE]
        assert f"1 of {COUNT} reviews" in str(screen.query_one("#status", Static).visual)
        await pilot.press("escape")
        await filled(pilot, app)
        assert titles_shown(app) == expected_titles()


async def test_sorting_sorts_the_whole_list(big_library: Path) -> None:
    app = make_app(big_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await filling(pilot, app)
        await pilot.press("ctrl+s")
        await filled(pilot, app)
        assert screen.sort_by == "year"
        assert titles_shown(app) == [LAST_TITLE] + expected_titles()[:-1]


async def test_end_goes_to_the_last_review_and_shows_it(big_library: Path) -> None:
    app = make_app(big_library)
    async with app.run_test(size=SIZE) as pilot:
        await filling(pilot, app)
        await pilot.press("tab", "end")  # from the list: in the filter, End edits the text
        await pilot.pause(0.1)
        table = table_of(app)
        assert table.cursor_row == COUNT - 1
        assert str(table.get_row_at(table.cursor_row)[1]) == LAST_TITLE
        drawn = drawn_titles(app)
        assert drawn[-1] == LAST_TITLE
        assert drawn == expected_titles()[-len(drawn) :]
        await pilot.press("home")
        await pilot.pause(0.1)
        assert table.cursor_row == 0
        assert drawn_titles(app)[0] == expected_titles()[0]
        await pilot.press("end", "enter")
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == LAST_TITLE


async def test_every_row_carries_its_bookmark_mark(big_library: Path) -> None:
    BookmarkStore().add(LAST_TITLE, big_library / "zodiac.md")
    app = make_app(big_library)
    async with app.run_test(size=SIZE) as pilot:
        await filling(pilot, app)
        await filled(pilot, app)
        table = table_of(app)
        marks = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert marks == [""] * (COUNT - 1) + ["◆"]


async def test_paging_down_shows_the_next_page_of_rows(big_library: Path) -> None:
    app = make_app(big_library)
    async with app.run_test(size=SIZE) as pilot:
        await filling(pilot, app)
        table = table_of(app)
        first_page = drawn_titles(app)
        await pilot.press("tab", "pagedown")
        await pilot.pause(0.1)
        second_page = drawn_titles(app)
        start = len(first_page)
        assert second_page == expected_titles()[start : start + len(second_page)]
        assert str(table.get_row_at(table.cursor_row)[1]) in second_page
        await pilot.press(*["pagedown"] * (COUNT // 20))
        await pilot.pause(0.1)
        assert table.cursor_row == COUNT - 1
        assert drawn_titles(app)[-1] == LAST_TITLE


async def test_a_filter_typed_letter_by_letter_shows_what_it_shows_pasted_whole(
    big_library: Path,
) -> None:
    app = make_app(big_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await filling(pilot, app)
        await filled(pilot, app)
        field = screen.query_one("#filter", Input)
        field.value = "line 12"
        await filled(pilot, app)
        pasted = titles_shown(app)
        assert pasted and len(pasted) < COUNT
        field.value = ""
        await filled(pilot, app)
        field.focus()
        await pilot.press("z", "backspace", *"line 12")
        await filled(pilot, app)
        assert titles_shown(app) == pasted
        await pilot.press("backspace", "backspace")
        await filled(pilot, app)
        widened = titles_shown(app)
        assert len(widened) > len(pasted)
        await pilot.press(*"12")
        await filled(pilot, app)
        assert titles_shown(app) == pasted
        # A filter that is not an extension of the last one searches every title again.
        await pilot.press("backspace", *"3")
        await filled(pilot, app)
        typed = titles_shown(app)
        field.value = ""
        await filled(pilot, app)
        field.value = "line 13"
        await filled(pilot, app)
        assert typed == titles_shown(app) and typed


async def test_end_pressed_on_the_first_page_lands_on_the_last_review_of_all(
    big_library: Path,
) -> None:
    release = threading.Event()

    class HeldListing(RecordingApp):
        def read_library(self, limit: int | None = None) -> Catalog:
            if limit is None:
                release.wait(5)  # the whole listing comes once End was pressed
            return super().read_library(limit)

    app = HeldListing(LibrarySource(big_library, "option"), watch_interval=3600.0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        assert app.catalog is not None and not app.catalog.complete
        await pilot.pause(0.1)
        await pilot.press("tab", "end")
        await pilot.pause(0.1)
        release.set()
        await wait_until(pilot, lambda: app.catalog is not None and app.catalog.complete)
        await pilot.pause(0.2)
        table = table_of(app)
        assert table.cursor_row == COUNT - 1
        assert str(table.get_row_at(table.cursor_row)[1]) == LAST_TITLE
