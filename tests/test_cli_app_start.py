"""The app's plain starts (`reviewtui`, `reviewtui read TITLE`, with a `--library DIR`) are read
without building the command line's grammar of every command; what they mean is what the
grammar makes of them, and anything else is left to it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reviewtui.cli.parser import build_parser
from reviewtui.cli.plain_start import app_start_args

from .conftest import python_env

PLAIN_STARTS = [
    [],
    ["--library", "reviews"],
    ["--library=my reviews"],
    ["read", "Ballard"],
    ["read", "The Chair", "--library", "lib"],
    ["read", "--library", "lib", "Ballard"],
    ["--library", "lib", "read", "Ballard"],
    ["--library=lib", "read", "read"],
    ["--library", "read"],  # (a folder called "read")
]


@pytest.mark.parametrize("argv", PLAIN_STARTS, ids=" ".join)
def test_a_plain_start_means_what_the_grammar_says(argv: list[str]) -> None:
    assert vars(app_start_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["read"],
        ["read", "A", "B"],
        ["read", "-x"],
        ["--library"],
        ["--library="],
        ["--library", "-d"],
        ["--library", "a", "--library", "b"],
        ["--lib", "a"],  # (an abbreviation: the grammar decides what it abbreviates)
        ["--version"],
        ["--help"],
        ["search", "harbour"],
        ["read", "--", "-title"],
        ["Ballard"],
    ],
    ids=" ".join,
)
def test_anything_else_is_left_to_the_grammar(argv: list[str]) -> None:
    assert app_start_args(argv) is None


def test_a_start_without_a_settings_file_reads_no_toml(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from reviewtui.cli.main import main\n"
        "from reviewtui.tui import launch\n"
        "launch.prepare_launch(sys.argv[1])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('tomllib', 'tomli_w'))))\n"
    )
    env = python_env(XDG_CONFIG_HOME=f"{tmp_path}/config", XDG_CACHE_HOME=f"{tmp_path}/cache")
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "tomllib" not in result.stdout and "tomli_w" not in result.stdout


@pytest.mark.parametrize("argv", [["--library="], ["--library", ""], ["list", "--library", ""]])
def test_an_empty_library_option_is_a_usage_error(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reviewtui", *argv], capture_output=True, text=True, env=python_env()
    )
    assert result.returncode == 2
    assert "--library: needs a folder, not an empty name" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("argv", "hint"), [(["read", "-x"], "-- -x"), (["search", "-q"], "-- -q")])
def test_a_title_that_begins_with_a_dash_is_shown_where_it_goes(argv: list[str], hint: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reviewtui", *argv], capture_output=True, text=True, env=python_env()
    )
    assert result.returncode == 2
    assert f"go after '--', as in: {hint}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_title_gets_no_such_hint() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reviewtui", "read"],
        capture_output=True,
        text=True,
        env=python_env(),
    )
    assert result.returncode == 2 and "required: TITLE" in result.stderr
    assert "'--'" not in result.stderr
