"""A library longer than its first page keeps its columns put at the start: the widest value of
each column is kept with the index once the whole library is listed, and the next start's
first page is laid out as wide, so its columns do not move when the rest of the library comes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reviewtui.index import ReviewIndex
from reviewtui.index.catalog import COLUMN_WIDTHS, Catalog, kept_widths
from reviewtui.tui.launch import FIRST_PAGE
from reviewtui.tui.library_view import widest_values
from reviewtui.tui.screens.library_screen import LibraryScreen

from .app_support import wait_until
from .test_first_look import SIZE, app_of, first_paint_of, indexed_library, launched

LAST = "Zulu, Which Only the Rest of the Library Has"


def long_library(folder: Path) -> Path:
    titles = [f"Film {number:03}" for number in range(FIRST_PAGE + 5)]
    return indexed_library(folder, [*titles, LAST])


def header_of(paint: str) -> str:
    return next(line for line in paint.splitlines() if "Title" in line and "Year" in line)


async def test_the_columns_of_a_first_page_are_as_wide_as_the_whole_librarys_were(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = long_library(library_dir)
    first = app_of(launched(folder))
    async with first.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: kept_widths(first.index) is not None, timeout=10)
    kept = kept_widths(ReviewIndex(folder))
    assert kept is not None and kept["title"] == len(LAST)

    paints = first_paint_of(monkeypatch, LibraryScreen)
    again = app_of(launched(folder))
    async with again.run_test(size=SIZE) as pilot:
        screen = again.screen
        assert isinstance(screen, LibraryScreen)
        await wait_until(pilot, lambda: bool(paints))
        assert LAST not in paints[0]  # (the first paint has the first page only)
        await wait_until(pilot, lambda: screen.library is not None and screen.library.complete)
        await pilot.pause(0.1)
        assert header_of(paints[0]) == header_of(paints[-1])


def test_what_the_app_keeps_with_the_index_is_read_back_and_nonsense_is_not(
    library_dir: Path,
) -> None:
    index = ReviewIndex(long_library(library_dir))
    assert index.kept(COLUMN_WIDTHS) is None
    index.keep(COLUMN_WIDTHS, {"title": 30, "kind": 6})
    assert Catalog.from_index(index, limit=FIRST_PAGE).column_widths == {"title": 30, "kind": 6}
    assert Catalog.from_index(index).column_widths is None  # (the whole library: its own)
    for nonsense in ([1, 2], {"title": -1}, {"title": "wide"}, {"title": 10**9}, {"title": True}):
        index.keep(COLUMN_WIDTHS, nonsense)
        assert Catalog.from_index(index, limit=FIRST_PAGE).column_widths is None
    with sqlite3.connect(index.db_path) as connection:
        connection.execute("UPDATE meta SET value = 'not json' WHERE key LIKE 'kept:%'")
    assert index.kept(COLUMN_WIDTHS) is None


def test_a_library_that_fits_in_its_first_page_has_widths_of_its_own(library_dir: Path) -> None:
    # (kept when it was longer: a first page that is the whole library is measured afresh)
    index = ReviewIndex(indexed_library(library_dir, ["Heat", "Zodiac"]))
    index.keep(COLUMN_WIDTHS, {"title": 60})
    assert Catalog.from_index(index, limit=FIRST_PAGE).column_widths is None


async def test_the_whole_listings_widths_are_worked_out_by_the_loading_worker(
    library_dir: Path,
) -> None:
    app = app_of(launched(long_library(library_dir)))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None and app.catalog.complete)
        catalog = app.catalog
        assert catalog is not None and catalog.column_widths is not None
        assert catalog.column_widths == widest_values(catalog.entries)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.column_widths(catalog) == catalog.column_widths
