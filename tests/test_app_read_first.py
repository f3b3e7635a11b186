"""`reviewtui read TITLE` paints the review first: the library screen is built only when it is
wanted (back from the reader, the title not found, a first build, a library that cannot be
read)."""

from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path

import pytest
from textual._compositor import LayoutUpdate
from textual.screen import Screen
from textual.widgets import Input

from reviewtui.core.model import Problem
from reviewtui.index import ReviewIndex
from reviewtui.library import load
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
from reviewtui.tui.widgets.section_sidebar import SectionSidebar
from reviewtui.tui.widgets.title_bar import TitleBar

from .app_support import (
    FIXTURE_LIBRARY,
    RecordingApp,
    first_paint_of,
    make_app,
    open_reader,
    wait_until,
    widget_text,
)
from .conftest import SAMPLE_LIBRARY, write_review

SIZE = (110, 30)


async def test_the_reader_comes_first_and_back_shows_the_library_under_it() -> None:
    with ReviewIndex(FIXTURE_LIBRARY) as index:  # as any start but the first finds it
        index.refresh()
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "Ballard"
        assert not app.library_screen.is_mounted  # nothing was spent on it
        assert not any(isinstance(screen, LibraryScreen) for screen in app.screen_stack)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert not any(isinstance(screen, ReaderScreen) for screen in app.screen_stack)
        assert len(app.screen_stack) == 2
        await wait_until(pilot, lambda: app.library_screen.table.row_count > 1)
        # And a review opened from there opens over it, as always.
        await pilot.press(*"zodiac", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("l")
        await wait_until(pilot, lambda: app.screen is app.library_screen)
        assert len(app.screen_stack) == 2


async def test_a_title_not_in_the_library_shows_the_library_filtered_for_it() -> None:
    app = make_app(title="No Such Film")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen is app.library_screen)
        field = app.library_screen.query_one("#filter", Input)
        await wait_until(pilot, lambda: field.value == "No Such Film")
        assert any("No Such Film" in notice for notice in app.notices)


async def test_a_first_build_shows_its_progress_in_the_library_then_opens_the_title(
    library_dir: Path,
) -> None:
    for number in range(3):
        write_review(library_dir, f"r{number}.md", f"# Film {number}\n\n## Plot\n\nText.\n")
    app = make_app(library_dir, title="Film 2")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "Film 2"
        assert app.screen_stack[-2] is app.library_screen


async def test_a_library_that_cannot_be_read_is_said_so_in_the_library(tmp_path: Path) -> None:
    app = make_app(tmp_path / "gone", title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.library_error is not None)
        await wait_until(pilot, lambda: app.screen is app.library_screen)
        await pilot.pause(0.1)
        assert "could not be read" in widget_text(app.screen)


async def test_a_library_gone_while_reading_leaves_the_reader_open(tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(FIXTURE_LIBRARY, library)
    app = make_app(library, watch_interval=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.last_refresh is not None)
        await pilot.press(*"ballard", "enter")
        reader = await open_reader(pilot)
        library.rename(tmp_path / "moved")
        await wait_until(pilot, lambda: app.library_error is not None, timeout=10)
        await pilot.pause(0.2)
        assert app.screen is reader


async def test_a_title_not_found_at_last_leaves_a_review_opened_meanwhile_open() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.last_refresh is not None)
        await pilot.press(*"zodiac", "enter")
        reader = await open_reader(pilot)
        # `read No Such Film`: the refresh ends, and the title is still not in the library.
        app.open_title_on_load = "No Such Film"
        assert app.catalog is not None
        app.library_loaded(app.catalog, True)
        await pilot.pause(0.2)
        assert app.screen is reader
        assert any("No Such Film" in notice for notice in app.notices)


async def test_the_readers_first_paint_shows_the_review_it_was_opened_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The review is read before the reader opens (off the UI thread): the reader was painted
    # once with no review ("Loading…", no sections) while it read the file itself.
    shown_at_paint: list[bool] = []
    read_on_main: list[bool] = []
    real_display, real_read = RecordingApp._display, load.load_review

    def display(app: RecordingApp, screen: Screen[object], update: object) -> None:
        if isinstance(screen, ReaderScreen) and update is not None:
            shown_at_paint.append(screen.review is not None)
        real_display(app, screen, update)  # type: ignore[arg-type]

    def recording(path: Path, *rest: object) -> object:
        read_on_main.append(threading.current_thread() is threading.main_thread())
        return real_read(path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordingApp, "_display", display)
    monkeypatch.setattr(load, "load_review", recording)
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "Ballard"
    assert shown_at_paint and shown_at_paint[0]
    assert read_on_main and not any(read_on_main)


async def test_a_title_whose_file_cannot_be_read_at_start_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_read = load.load_review

    def unreadable(path: Path, *rest: object) -> object:
        # (The reader's read only: the index read it fine.)
        if path.name == "ballard.md" and sys._getframe(1).f_code.co_name == "read_then_open":
            return Problem(path, "permission denied")
        return real_read(path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "load_review", unreadable)
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await wait_until(pilot, lambda: "could not be read" in widget_text(app.screen))
        assert "permission denied" in widget_text(app.screen)
        assert app.screen.review is None  # type: ignore[attr-defined]
        # The header says so too, and still does once the terminal is resized (it went back
        # to "Loading…": shown as the reader is mounted, the caption came before any resize).
        title = app.screen.query_one(TitleBar)
        await wait_until(pilot, lambda: str(title.visual) == "Cannot open ballard.md")
        await pilot.resize_terminal(SIZE[0] - 20, SIZE[1])
        await pilot.pause(0.2)
        assert str(title.visual) == "Cannot open ballard.md"


async def test_the_side_panels_are_listed_once_the_review_is_on_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Their options take milliseconds the review's first paint does not wait for: its text
    # comes first, in the panels' frames, and their lists follow.
    paints = first_paint_of(monkeypatch, ReaderScreen)
    app = make_app(title="Ballard")
    async with app.run_test(size=(160, 40)) as pilot:
        reader = await open_reader(pilot)
        review = reader.review
        assert review is not None
        sidebar, panel = reader.query_one(SectionSidebar), reader.query_one(ComparablesPanel)
        await wait_until(
            pilot,
            lambda: (
                sidebar.option_count == len(review.top_sections)
                and panel.option_count >= len(review.comparables)
            ),
        )
        first = next(paint for paint in paints if "In 2025, the streaming" in paint)
        assert "Sections" in first and "Comparables" in first
        # The sidebar is the first 30 columns, the comparables the last 26.
        assert not any("Introduction" in line[:30] for line in first.splitlines())
        assert not any("Mindhunter" in line[-26:] for line in first.splitlines())
        update = reader._compositor.render_update(full=True)
        assert isinstance(update, LayoutUpdate)
        now = ["".join(strip.text for strip in line) for line in update.strips]
        assert any("Introduction" in line[:30] for line in now)
        assert any("Mindhunter" in line[-26:] for line in now)


async def test_the_library_shown_from_the_reader_has_its_cursor_on_the_review_read() -> None:
    # After `read Heat`, `l` showed the library with its cursor on its first review; and a
    # comparable opened from the reader left the cursor on the review first opened.
    app = make_app(SAMPLE_LIBRARY, title="Heat")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        await pilot.press("l")
        library = app.library_screen
        await wait_until(pilot, lambda: app.screen is library and library.table.row_count > 1)
        await wait_until(pilot, lambda: library.highlighted_review() is not None)
        review = library.highlighted_review()
        assert review is not None and review.title == "Heat"
        await pilot.press("enter")
        reader = await open_reader(pilot)
        await pilot.press("c", "enter")  # Heat's first comparable: Chinatown
        await wait_until(
            pilot, lambda: reader.review is not None and reader.review.title == "Chinatown"
        )
        await pilot.press("l")
        await wait_until(pilot, lambda: app.screen is library)
        review = library.highlighted_review()
        assert review is not None and review.title == "Chinatown"
