"""Small things a new user met: help that closes like less's, help at the keys of the screen
it is asked from, a palette without filler, and screenshots with nowhere special to go."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.containers import VerticalScroll

from reviewtui.tui.screens.help_screen import HelpScreen

from .app_support import make_app, open_reader, wait_until

SIZE = (100, 30)


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_q_and_escape_close_the_help_and_the_app_goes_on(key: str) -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press(key)
        await wait_until(pilot, lambda: app.screen is reader)
        assert app.is_running


async def help_scroll(from_reader: bool) -> float:
    app = make_app(title="Ballard" if from_reader else None)
    async with app.run_test(size=SIZE) as pilot:
        if from_reader:
            await open_reader(pilot)
            await pilot.press("question_mark")
        else:
            await wait_until(pilot, lambda: app.catalog is not None)
            await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause(0.5)
        return app.screen.query_one("#help-body", VerticalScroll).scroll_y


async def test_help_from_the_reader_opens_at_the_readers_keys() -> None:
    assert await help_scroll(from_reader=True) > await help_scroll(from_reader=False)


async def test_the_palette_lists_no_textual_filler_and_one_quit() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause(0.5)
        palette = app.screen
        options = palette.query_one("CommandList")
        names = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        text = "\n".join(names)
        assert "Next section" in text
        for filler in ("Page Left", "Page Right", "Scroll Left", "Scroll Right"):
            assert filler not in text
        assert sum("Quit" in name for name in names) == 1, names


async def test_a_screenshot_without_a_downloads_folder_goes_to_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        app.action_screenshot()
        await pilot.pause(0.2)
    saved = list(here.glob("*.svg"))
    assert len(saved) == 1
    assert any(str(saved[0].name) in notice for notice in app.notices)
