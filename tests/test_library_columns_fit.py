"""Every column of the library's list is on screen: a long title is cut with "…" rather than
push the rating and read columns off the list (they were behind a horizontal scroll)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from reviewtui.tui.screens.library_screen import LibraryScreen

from .app_support import make_app, wait_until
from .conftest import write_review
from .test_first_look import app_of, first_paint_of, indexed_library, launched

LONG = "Zzyzx Road: An Extraordinarily Long Title That Sorts Last of All the Titles Here"


def header_of(paint: str) -> str:
    return next(line for line in paint.splitlines() if "Title" in line)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)], ids=str)
async def test_a_long_title_is_cut_and_every_column_stays_on_screen(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    folder = indexed_library(library_dir, ["Heat", "Zodiac", LONG])
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launched(folder))
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: any("Zzyzx" in paint for paint in paints))
        await pilot.pause(0.2)
    for paint in paints:
        header = header_of(paint)
        assert "Rating" in header and "Read" in header, header
    last_row = next(line for line in paints[-1].splitlines() if "Zzyzx" in line)
    assert "…" in last_row and LONG not in last_row


async def test_titles_that_fit_are_not_cut(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "Zzyzx Road: A Title of Forty Characters"
    folder = indexed_library(library_dir, ["Heat", title])
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launched(folder))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_until(pilot, lambda: any(title in paint for paint in paints))
    row = next(line for line in paints[-1].splitlines() if "Zzyzx" in line)
    assert title in row and "…" not in row


async def test_the_list_beside_the_preview_does_not_widen_after_its_first_paint(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # More rows than the screen shows: the list's scrollbar comes after the first layout, and
    # its room was added then, moving the preview's edge two columns a frame later.
    folder = indexed_library(library_dir, [f"Film number {n:03}" for n in range(60)])
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launched(folder))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_until(pilot, lambda: bool(paints))
        await pilot.pause(0.3)
    edges = {line.index("▏") for paint in paints for line in paint.splitlines() if "▏" in line}
    assert len(paints) > 1 and len(edges) == 1, edges


async def test_a_narrow_lists_header_leaves_out_its_columns_while_the_library_loads(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):
        write_review(library_dir, f"r{number}.md", f"# Film {number}\n\n## Intro\n\nText.\n")
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = make_app(library_dir)  # a first start: the index is built while the list waits
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: any("Film 2" in paint for paint in paints))
    for paint in paints:
        assert "Genres" not in header_of(paint)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=str)
async def test_the_columns_stay_put_when_a_filter_leaves_fewer_rows_than_the_screen(
    library_dir: Path, size: tuple[int, int]
) -> None:
    # Long titles, cut to the list's width: the scrollbar going took its room with it.
    titles = [f"Film {n:03} with a subtitle that goes on and on and on" for n in range(60)]
    app = app_of(launched(indexed_library(library_dir, titles)))
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "Film 000" in screen_text(app))
        before = header_of(screen_text(app))
        await pilot.press(*"059")
        await wait_until(pilot, lambda: "Film 000" not in screen_text(app))
        assert "Film 059" in screen_text(app)
        assert header_of(screen_text(app)).index("Year") == before.index("Year")


@pytest.mark.parametrize("size", [(60, 20), (76, 24), (80, 24)], ids=str)
async def test_long_kinds_and_narrow_terminals_keep_the_rating_and_read_columns(
    library_dir: Path, size: tuple[int, int]
) -> None:
    write_review(
        library_dir,
        "planet.md",
        '+++\ntitle = "Planet Earth"\nyear = 2006\nkind = "documentary-miniseries"\n'
        'platform = "スタジオジブリ株式会社"\nrating = 5\n+++\n\n## Intro\n\nText.\n',
    )
    app = app_of(launched(indexed_library(library_dir, ["Heat"])))
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "Planet Earth" in screen_text(app))
        text = screen_text(app)
        assert "Rating" in header_of(text) and "Read" in header_of(text)
        row = next(line for line in text.splitlines() if "Planet Earth" in line)
        assert "documentary-miniseries" not in row and "★ 5" in row


def screen_text(app: App[int]) -> str:
    update = app.screen._compositor.render_update(full=True)
    return "\n".join("".join(segment.text for segment in line) for line in update.strips)


async def test_the_filter_finds_a_title_typed_without_its_accents(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = indexed_library(library_dir, ["Amélie", "Heat", "Café Society"])
    app = app_of(launched(folder))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await wait_until(pilot, lambda: "Heat" in screen_text(app))
        await pilot.press(*"amelie")
        await wait_until(pilot, lambda: [e.title for e in screen.shown] == ["Amélie"])
        await pilot.press(*["backspace"] * 6, *"cafe")
        await wait_until(pilot, lambda: [e.title for e in screen.shown] == ["Café Society"])
        row = screen.table.get_row_at(0)[1]  # (the title, its matched letters underlined)
        underlined = "".join(
            row.plain[span.start : span.end] for span in row.spans if "underline" in str(span.style)
        )
        assert underlined == "Café"
