"""Where reviewtui keeps its files: platformdirs user dirs (XDG_* variables honoured)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "reviewtui"


def _dirs() -> platformdirs.PlatformDirs:
    # A fresh object each time, so XDG_* set after import (tests, shells) is honoured.
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def cache_dir() -> Path:
    return Path(_dirs().user_cache_dir)


def state_dir() -> Path:
    return Path(_dirs().user_state_dir)


def user_library_dir() -> Path:
    return data_dir() / "library"


def bundled_library_dir() -> Path:
    """The sample library: inside the installed wheel, or the repository's reviews/ folder."""
    packaged = Path(str(resources.files("reviewtui"))) / "sample_reviews"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "reviews"


def env_library() -> Path | None:
    value = os.environ.get("REVIEWTUI_LIBRARY")
    return Path(value).expanduser() if value else None
