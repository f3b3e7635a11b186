"""What the terminal shows after a scroll is what the reader has: every paint written (whole or in
parts) is applied to a screen of text, as a terminal applies it, and compared with a whole paint
made afresh. Scrolling with `j` at 80 columns left the review's lines blank every other press:
the title bar's progress ("1 %") laid the screen out again, and that paint had the text blank."""

from __future__ import annotations

import pytest
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.screen import Screen

from .app_support import RecordingApp, make_app, open_reader
from .conftest import SAMPLE_LIBRARY

SIZE = (80, 24)


class Terminal:
    """A screen of text that paints are applied to, as the terminal applies what is written."""

    def __init__(self, width: int, height: int) -> None:
        self.rows = [[" "] * width for _ in range(height)]

    def write(self, y: int, x: int, text: str, x1: int = 0, x2: int = 10_000) -> None:
        row = self.rows[y]
        for offset, char in enumerate(text):
            if x1 <= x + offset < min(x2, len(row)):
                row[x + offset] = char

    def apply(self, update: object) -> None:
        if isinstance(update, LayoutUpdate):
            for y, line in enumerate(update.strips):
                text = "".join(segment.text for segment in line)
                self.write(update.region.y + y, update.region.x, text)
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:
                for x, strip in update.chops[y].items():
                    if strip is not None:
                        self.write(y, x, "".join(segment.text for segment in strip), x1, x2)

    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.rows]


def afresh(app: RecordingApp) -> list[str]:
    update = app.screen._compositor.render_update(full=True)
    return ["".join(segment.text for segment in line).rstrip() for line in update.strips]


@pytest.mark.parametrize("key", ["j", "down"])
async def test_what_the_terminal_shows_after_each_scroll_is_the_review(
    monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    terminal = Terminal(*SIZE)
    display = RecordingApp._display

    def written(app: RecordingApp, screen: Screen[object], update: object) -> None:
        terminal.apply(update)
        display(app, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordingApp, "_display", written)
    app = make_app(SAMPLE_LIBRARY, title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot)
        await pilot.pause(0.5)
        for _ in range(4):
            await pilot.press(key)
            await pilot.pause(0.3)
            assert terminal.lines() == afresh(app)
