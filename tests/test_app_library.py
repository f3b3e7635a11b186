"""The library screen: rows, type-to-filter, sorting, opening, load problems, empty states."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from reviewtui.index.catalog import Catalog
from reviewtui.library.load import LibrarySource
from reviewtui.store.bookmarks import BookmarkStore
from reviewtui.tui.app import ReviewApp, run_app
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.problems_screen import ProblemsScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.review_table import ReviewTable

from .app_support import FIXTURE_LIBRARY, make_app, open_reader, wait_until, widget_text
from .conftest import write_review

SIZE = (120, 30)


def titles_shown(app: ReviewApp) -> list[str]:
    table = app.screen.query_one("#reviews", ReviewTable)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


async def loaded(pilot: object, app: ReviewApp) -> LibraryScreen:
    await wait_until(pilot, lambda: app.catalog is not None)  # type: ignore[arg-type]
    await pilot.pause(0.1)  # type: ignore[attr-defined]
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


async def test_the_library_lists_every_review_with_its_metadata_sorted_by_title() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        assert titles_shown(app) == ["Ballard", "The Killing", "True Detective", "Zodiac"]
        table = screen.query_one("#reviews", ReviewTable)
        row = [str(cell) for cell in table.get_row_at(3)]
        assert row == ["", "Zodiac", "2007", "film", "Paramount …", "crime, myst…", "★ 5", "●"]
        assert "4 reviews" in str(screen.query_one("#status", Static).visual)


async def test_bookmarked_titles_carry_a_mark() -> None:
    BookmarkStore().add("Zodiac", FIXTURE_LIBRARY / "zodiac.md")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        table = screen.query_one("#reviews", ReviewTable)
        marks = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert marks == ["", "", "", "◆"]


async def test_typing_filters_the_titles_and_escape_clears_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.press("z", "o", "d")
        await pilot.pause(0.1)
        assert screen.query_one("#filter", Input).value == "zod"
        assert titles_shown(app) == ["Zodiac"]
        await pilot.press("enter")
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "Zodiac"
        await pilot.press("escape")
        await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert titles_shown(app) == ["Ballard", "The Killing", "True Detective", "Zodiac"]


async def test_the_filter_is_fuzzy_and_says_when_nothing_matches() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.press("ctrl+f", *"trdt")
        await pilot.pause(0.1)
        assert titles_shown(app) == ["True Detective"]
        await pilot.press(*"qqq")
        await pilot.pause(0.1)
        assert app.return_code is None
        assert not screen.query_one("#reviews").display
        assert "No title matches" in str(screen.query_one("#empty", Static).visual)


async def test_sorting_cycles_through_the_columns() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert screen.sort_by == "year"
        assert titles_shown(app) == ["Ballard", "True Detective", "The Killing", "Zodiac"]
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert screen.sort_by == "rating"
        assert titles_shown(app) == ["Zodiac", "True Detective", "The Killing", "Ballard"]
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert screen.sort_by == "kind"
        assert titles_shown(app)[0] == "Zodiac"
        for _ in range(5):
            await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert screen.sort_by == "title"
        assert titles_shown(app)[0] == "Ballard"


async def test_clicking_a_column_header_sorts_by_it_and_one_click_on_a_row_opens_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        table = screen.query_one("#reviews", ReviewTable)
        year_x = table.column_x("year")
        await pilot.click("#reviews", offset=(year_x + 1, 0))
        await pilot.pause(0.1)
        assert screen.sort_by == "year"
        assert table.cursor_row != 3 and table.item_at(3).title == "Zodiac"
        await pilot.click("#reviews", offset=(5, 4))  # the fourth row, under the header
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "Zodiac"


async def test_arrows_and_enter_open_the_highlighted_review() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("down", "down", "enter")
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "True Detective"


async def test_load_problems_are_counted_and_listed_not_fatal(library_dir: Path) -> None:
    write_review(library_dir, "good.md", "# Good One\n\n## Part\n\nFine.\n")
    (library_dir / "broken.md").write_bytes(b"\x00\x01\x02binary")
    write_review(library_dir, "bad-front.md", '+++\ntitle = "unclosed\n+++\n# x\n')
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        assert titles_shown(app) == ["Good One"]
        status = str(screen.query_one("#status", Static).visual)
        assert "2 files could not be read" in status
        await pilot.press("tab", "exclamation_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ProblemsScreen)
        text = str(app.screen.query_one("#problems").get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        listed = text + str(app.screen.query_one("#problems").get_option_at_index(1).prompt)  # type: ignore[attr-defined]
        assert "broken.md" in listed and "bad-front.md" in listed
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LibraryScreen)


async def test_an_empty_library_says_how_to_add_reviews(library_dir: Path) -> None:
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        assert "no reviews yet" in widget_text(screen)
        assert "reviewtui import" in widget_text(screen)


async def test_read_with_an_unknown_title_stays_on_the_library_with_the_filter_set() -> None:
    app = make_app(title="Nothing Like It")
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot, app)
        await pilot.pause(0.2)
        assert isinstance(app.screen, LibraryScreen)
        assert screen.query_one("#filter", Input).value == "Nothing Like It"
        assert any("no review titled" in notice for notice in app.notices)


async def test_the_library_is_read_in_a_worker_thread_through_one_method() -> None:
    threads: list[threading.Thread] = []

    class WatchedApp(ReviewApp):
        def read_library(self) -> Catalog:
            threads.append(threading.current_thread())
            return super().read_library()

    app = WatchedApp(LibrarySource(FIXTURE_LIBRARY, "option"))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
    assert threads and threads[0] is not threading.main_thread()


async def test_a_library_folder_that_vanished_is_reported_on_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path / "gone")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.library_error is not None)
        await pilot.pause(0.1)
        assert "could not be read" in widget_text(app.screen)


def test_run_app_with_a_missing_library_exits_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_app(str(tmp_path / "missing")) == 1
    assert "library folder not found" in capsys.readouterr().err


def test_run_app_with_a_file_for_its_library_says_it_is_not_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "reviews.md").write_text("# A review\n", encoding="utf-8")
    assert run_app(str(tmp_path / "reviews.md")) == 1
    assert f"library is not a folder: {tmp_path / 'reviews.md'}" in capsys.readouterr().err


async def test_opening_a_comparable_then_going_back_returns_to_the_library() -> None:
    app = make_app(title="The Killing")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        await pilot.press("c", "enter")
        await wait_until(
            pilot, lambda: reader.review is not None and reader.review.title == "Ballard"
        )
        await pilot.press("l")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LibraryScreen)
        assert not any(isinstance(s, ReaderScreen) for s in app.screen_stack)
