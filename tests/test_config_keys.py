"""`config --check` and the app catch the mistakes a user makes in `[keys]` and `theme`: key
names that do not exist, a key another action already has, a theme that is not there; the app
says so in one toast."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.keys import Keys, _character_to_key

from reviewtui.store.config import config_path, load_config
from reviewtui.store.keynames import is_key_name
from reviewtui.tui.app import ReviewApp
from reviewtui.tui.config_check import every_screen

from .app_support import make_app, wait_until
from .conftest import SAMPLE_LIBRARY, run_cli


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_key_names_that_do_not_exist_are_reported_and_the_good_ones_kept(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_text(
        '[keys]\nnext_section = "ctrl+"\nsearch = "pagedwn"\nhelp = "f1,question_mark"\n'
        'top = "ctrl+shift+home"\nbookmarks = "?"\n',
        encoding="utf-8",
    )
    config, warnings = load_config(file)
    assert config.keys == {"help": "f1,question_mark", "top": "ctrl+shift+home", "bookmarks": "?"}
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{file}: [keys] 'next_section' uses 'ctrl+', which is not a")
    assert warnings[1].startswith(f"{file}: [keys] 'search' uses 'pagedwn', which is not a")
    assert all("keeps its default key" in warning for warning in warnings)


@pytest.mark.parametrize("key", ["ctrl+", "+x", "pagedwn", "ctrl+ctrl+a", "hyper+", "f99", "a b"])
def test_these_are_not_key_names(key: str) -> None:
    assert not is_key_name(key)


def test_every_key_textual_names_is_a_key_name_here() -> None:
    # The list in store/ is kept without Textual: this holds it to Textual's own names.
    named = [k.value for k in Keys if "<" not in k.value and "-" not in k.value]
    characters = [_character_to_key(c) for c in string.printable if not c.isspace()]
    bound = [
        key
        for owner in (ReviewApp, *every_screen())
        for binding in owner.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    ]
    assert [key for key in named + characters + bound if not is_key_name(key)] == []


def test_config_check_reports_a_key_another_action_has_and_an_unknown_theme() -> None:
    path = write_config('theme = "no-such-theme"\n\n[keys]\nhelp = "n"\nsearch = "ctrl+k"\n')
    checked = run_cli("config", "--check")
    assert checked.returncode == 1
    assert checked.stderr.strip().splitlines() == [
        f"reviewtui: {path}: theme 'no-such-theme' is not known, the default is used (themes: "
        + checked.stderr.split("(themes: ", 1)[1].split("\n", 1)[0],
        f"reviewtui: {path}: [keys] 'help' uses 'n', which 'next_section' already uses on the "
        "reader screen",
    ]
    assert "textual-dark" in checked.stderr


def test_a_key_the_library_filter_has_is_a_clash_unless_it_runs_the_same_action() -> None:
    path = write_config('[keys]\nsearch = "ctrl+b"\n')
    checked = run_cli("config", "--check")
    assert checked.returncode == 1
    assert checked.stderr.strip().splitlines() == [
        f"reviewtui: {path}: [keys] 'search' uses 'ctrl+b', which 'filter_bookmarks' already uses on "
        "the library screen"
    ]
    write_config('[keys]\nbookmarks = "ctrl+b,B"\n')  # the filter's ctrl+b opens bookmarks too
    assert run_cli("config", "--check").returncode == 0


def test_a_key_that_only_another_screen_uses_is_not_a_clash() -> None:
    # `b` bookmarks a review in the reader; the library screen has no `b`.
    write_config('[keys]\ncycle_sort = "b"\n')
    checked = run_cli("config", "--check")
    assert checked.returncode == 0, checked.stderr


async def test_several_settings_problems_make_one_toast_pointing_to_config_check() -> None:
    write_config('theme = "no-such-theme"\nspoilers = "maybe"\n\n[keys]\nhelp = "n"\n')
    config, warnings = load_config()
    app = make_app(SAMPLE_LIBRARY, config=config, config_warnings=warnings)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.pause(0.1)
        settings = [n for n in app.notices if "settings" in n or "config" in n]
        assert len(settings) == 1
        assert settings[0].startswith("3 problems in the settings; `reviewtui config --check`")
