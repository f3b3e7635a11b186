"""The first screen's first paint reaches the terminal whole.

Textual holds back every paint made while the app itself is being mounted (its update batch),
and writes only what changed in later paints. A screen pushed in the app's `on_mount` was
painted in that batch: its first paint was never written, and the terminal showed only the
parts that changed afterwards (the list's rows once they came) until a later full paint."""

from __future__ import annotations

import pytest

from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen

from .app_support import FIXTURE_LIBRARY, make_app, paint_text, record_paints, wait_until


def whole_paints(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool, str]]:
    """Each whole paint of a screen, in order: the screen's class, whether Textual writes it
    to the terminal (it is not held back by a batch of updates), and its text."""
    return record_paints(
        monkeypatch,
        lambda app, screen, update: (
            type(screen).__name__,
            app._batch_count == 0,
            paint_text(update),
        ),
    )


async def test_the_library_screens_first_paint_is_written_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paints = whole_paints(monkeypatch)
    app = make_app(FIXTURE_LIBRARY)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await wait_until(pilot, lambda: any(name == "LibraryScreen" for name, _, _ in paints))
    name, written, text = next(paint for paint in paints if paint[0] == "LibraryScreen")
    assert "reviewtui · library" in text  # the whole screen, its title bar included
    assert written


async def test_a_review_opened_at_start_is_painted_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    paints = whole_paints(monkeypatch)
    app = make_app(FIXTURE_LIBRARY, "Ballard")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await wait_until(pilot, lambda: any(name == "ReaderScreen" for name, _, _ in paints))
    assert all(written for name, written, _ in paints if name == "ReaderScreen")
