"""The first screens are painted with few widgets: each one mounted costs the first paint about
a millisecond. The footer comes once the screen is painted, in a row kept free for it; the
library's messages (nothing matches, a filter's problems) are mounted the first time they are
needed."""

from __future__ import annotations

import pytest
from textual._compositor import LayoutUpdate
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen

from .app_support import (
    first_paint_of,
    library_ready,
    make_app,
    open_reader,
    record_paints,
    wait_until,
)

SIZE = (110, 30)

LIBRARY_FIRST_PAINT = [
    "LibraryScreen",
    "TitleBar#library-title",
    "FilterInput#filter",
    "Horizontal#browse",
    "ReviewTable#reviews",
    "PreviewPane#preview",
    "Static#preview-text",
    "Static#status",
]
"""Every widget of the library's first paint, in order."""


def widgets_of(screen: Screen[object]) -> list[str]:
    return [
        type(node).__name__ + (f"#{node.id}" if node.id else "")
        for node in screen.walk_children(with_self=True)
    ]


def lines_now(screen: Screen[object]) -> list[str]:
    update = screen._compositor.render_update(full=True)
    assert isinstance(update, LayoutUpdate)
    return ["".join(strip.text for strip in line) for line in update.strips]


def first_paint_widgets(
    monkeypatch: pytest.MonkeyPatch, kind: type[Screen[object]]
) -> list[list[str]]:
    """Filled with the widgets of each whole paint of a `kind` screen, in order."""
    return record_paints(
        monkeypatch,
        lambda app, screen, update: widgets_of(screen) if isinstance(screen, kind) else None,
    )


async def test_the_library_is_first_painted_with_its_named_widgets_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mounted = first_paint_widgets(monkeypatch, LibraryScreen)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await library_ready(pilot)
        assert mounted[0] == LIBRARY_FIRST_PAINT
        # What was left out comes when it is needed: the footer, and why nothing matches.
        screen = app.screen
        await wait_until(pilot, lambda: bool(screen.query(FooterKey)))
        await pilot.press("ctrl+f", *"qqq")
        await wait_until(pilot, lambda: bool(screen.query("#empty")))
        empty = screen.query_one("#empty", Static)
        assert "No title matches" in str(empty.visual) and empty.display
        assert not screen.query_one("#reviews").display
        await pilot.press("backspace", "backspace", "backspace")
        await wait_until(pilot, lambda: screen.query_one("#reviews").display)
        assert not empty.display


@pytest.mark.parametrize("reading", [False, True])
async def test_the_footer_comes_after_the_first_paint_and_nothing_moves(
    monkeypatch: pytest.MonkeyPatch, reading: bool
) -> None:
    kind: type[Screen[object]] = ReaderScreen if reading else LibraryScreen
    paints = first_paint_of(monkeypatch, kind)
    mounted = first_paint_widgets(monkeypatch, kind)
    app = make_app(title="Ballard" if reading else None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot) if reading else app.screen
        if not reading:
            await library_ready(pilot)
        await wait_until(pilot, lambda: bool(screen.query(FooterKey)))
        await pilot.pause(0.1)
        assert not [name for name in mounted[0] if "Footer" in name]
        first, now = paints[0].splitlines(), lines_now(screen)
        assert "Quit" not in first[-1] and first[-1].strip() == ""
        assert "Quit" in now[-1]
        # The row above the footer's is the same before and after it came: the reader's
        # panels' lower edges, the library's status line (loading, then loaded).
        if reading:
            assert first[-2] == now[-2] and "╰" in first[-2]
        else:
            assert "Loading the library" in first[-2] and "4 reviews" in now[-2]
