"""The app's stylesheet is parsed once, at start: not again for its theme, nor for a screen.

Textual parses every stylesheet again (the widgets' too) when the theme changes after the app
is mounted, and when a screen first shown brings a CSS file of its own. Both happened before
the first paint, and the second again when the reader first opened. A screen's file is now
read when the screen is first shown, and parsed on its own (`tui/screen_styles.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from reviewtui.store.config import config_path, load_config
from reviewtui.tui.app import DEFAULT_THEME, ReviewApp
from reviewtui.tui.config_check import every_screen
from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
from reviewtui.tui.screens.help_screen import HelpScreen
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.search_screen import SearchScreen

from .app_support import make_app, open_reader, wait_until

SIZE = (140, 40)


@pytest.fixture
def reparses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per time Textual parses the whole stylesheet again."""
    calls: list[int] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        calls.append(1)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return calls


def write_config(text: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def background(app: ReviewApp) -> Color:
    return app.screen.styles.background


async def test_reading_and_every_screen_parse_no_stylesheet_again(reparses: list[int]) -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        # The reader's own CSS file is applied: its body fills the height left.
        assert reader.query_one("#reader-body").styles.height is not None
        assert str(reader.query_one("#reader-body").styles.height) == "1fr"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        # (The filter box has the focus, and takes "/", "B" and "?" as text.)
        for action, screen_type in (
            (app.action_search, SearchScreen),
            (app.action_bookmarks, BookmarksScreen),
            (app.action_help, HelpScreen),
        ):
            action()
            await wait_until(pilot, lambda kind=screen_type: isinstance(app.screen, kind))
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
    assert reparses == []


async def test_the_default_theme_is_the_starting_one(reparses: list[int]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.theme == DEFAULT_THEME
        assert background(app) == Color.parse(BUILTIN_THEMES[DEFAULT_THEME].background or "")
    assert reparses == []


async def test_the_config_theme_is_the_starting_one_and_a_later_change_still_applies(
    reparses: list[int],
) -> None:
    write_config('theme = "nord"\n')
    config, warnings = load_config()
    app = make_app(config=config, config_warnings=warnings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.theme == "nord"
        assert background(app) == Color.parse(BUILTIN_THEMES["nord"].background or "")
        assert reparses == []
        app.theme = "gruvbox"
        await wait_until(
            pilot,
            lambda: background(app) == Color.parse(BUILTIN_THEMES["gruvbox"].background or ""),
        )


async def test_an_unknown_config_theme_starts_in_the_default_one() -> None:
    write_config('theme = "no-such-theme"\n')
    config, warnings = load_config()
    app = make_app(config=config, config_warnings=warnings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.theme == DEFAULT_THEME
        assert background(app) == Color.parse(BUILTIN_THEMES[DEFAULT_THEME].background or "")


def css_files_read(app: ReviewApp) -> set[str]:
    return {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}


def own_css_file(screen: type[Screen[Any]]) -> str:
    return Path(str(screen.CSS_PATH)).name


async def test_a_screen_css_file_is_read_when_the_screen_is_first_shown(
    reparses: list[int],
) -> None:
    screens = every_screen()
    assert all(screen.CSS_PATH for screen in screens)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        # The first paint parsed the app's file and the library's, and no other screen's.
        assert css_files_read(app) == {"app.tcss", own_css_file(LibraryScreen)}
        app.action_help()
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        assert own_css_file(HelpScreen) in css_files_read(app)
        # Its rules apply (help_screen.tcss: a round border, at most 96 cells wide)...
        body = app.screen.query_one("#help-body")
        assert body.styles.border_top[0] == "round"
        assert str(body.styles.max_width) == "96"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        # ...and the library's still do (library_screen.tcss: the list's gutter is kept).
        assert app.screen.query_one("#reviews").styles.scrollbar_gutter == "stable"
    assert reparses == []
