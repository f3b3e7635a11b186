"""Pictures of the app on a small fixed library (tests/data/snapshot_library)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reviewtui.library.load import LibrarySource
from reviewtui.tui.app import ReviewApp

from .app_support import library_ready, preview_ready, reader_ready, steady_cursor, type_quickly
from .conftest import DATA

LIBRARY = Path("snapshot_library")


@pytest.fixture(autouse=True)
def in_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library path shows in the header: keep it the same in every checkout."""
    monkeypatch.chdir(DATA)


def snapshot_app(title: str | None = None) -> ReviewApp:
    return ReviewApp(LibrarySource(LIBRARY, "option"), title)


def test_library_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot[int]) -> None:
        await library_ready(pilot)
        await preview_ready(pilot)
        await steady_cursor(pilot)

    assert snap_compare(snapshot_app(), terminal_size=(110, 24), run_before=ready)


def test_library_with_its_preview_pane_at_120_columns(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def on_true_detective(pilot: Pilot[int]) -> None:
        await library_ready(pilot)
        await pilot.press("down", "down")
        await preview_ready(pilot)
        await steady_cursor(pilot)

    assert snap_compare(snapshot_app(), terminal_size=(120, 30), run_before=on_true_detective)


def test_reader_with_spoilers_hidden(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def at_key_moments(pilot: Pilot[int]) -> None:
        await reader_ready(pilot)
        await type_quickly(pilot, "12")
        await pilot.pause(0.3)

    assert snap_compare(snapshot_app("Ballard"), terminal_size=(130, 34), run_before=at_key_moments)


def test_reader_with_spoilers_revealed(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def revealed(pilot: Pilot[int]) -> None:
        await reader_ready(pilot)
        await type_quickly(pilot, "12")
        await pilot.press("s")
        await pilot.pause(0.3)
        # The notification toast would make the picture depend on timing.
        pilot.app.clear_notifications()
        await pilot.pause(0.1)

    assert snap_compare(snapshot_app("Ballard"), terminal_size=(130, 34), run_before=revealed)


def test_help_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def help_open(pilot: Pilot[int]) -> None:
        await library_ready(pilot)
        await pilot.press("tab", "question_mark")  # from the list
        await pilot.pause(0.3)

    assert snap_compare(snapshot_app(), terminal_size=(100, 34), run_before=help_open)


def test_reader_at_80_by_24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snapshot_app("Ballard"), terminal_size=(80, 24), run_before=reader_ready)
