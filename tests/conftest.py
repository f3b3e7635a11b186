"""Every test runs with its own XDG dirs and no REVIEWTUI_* settings: nothing touches a real home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
SAMPLE_LIBRARY = REPO / "reviews"
SEED = Path(__file__).resolve().parent / "data" / "ballard_seed.txt"
"""The user's own plain-text review of Ballard, as it was handed to us."""
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("HOME", str(home))
    for variable in ("REVIEWTUI_LIBRARY", "REVIEWTUI_DEBUG", "VISUAL", "EDITOR"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture(autouse=True)
def full_folder_checks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands in this process check the whole folder each time, as they do more than a few
    seconds apart: a test that edits a file in place and asks again must not depend on how
    quickly it runs. Tests of the reuse itself are marked `folder_check_reuse`."""
    if request.node.get_closest_marker("folder_check_reuse") is None:
        from reviewtui.library import last_check

        monkeypatch.setattr(last_check, "REUSE_SECONDS", 0.0)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """An empty library folder to write reviews into."""
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def write_review(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def python_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess that must import this checkout's reviewtui."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_cli(*args: str, input: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `reviewtui ARGS` in a subprocess, as a user would from a shell."""
    return subprocess.run(
        [sys.executable, "-m", "reviewtui", *args],
        capture_output=True,
        text=True,
        input=input,
        env=python_env(**env),
        timeout=60,
    )
