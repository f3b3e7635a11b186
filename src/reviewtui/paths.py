"""Where reviewtui keeps its files: platformdirs user dirs (XDG_* variables honoured)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from reviewtui.folder_scan import holds_review_files

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
    return Path(__file__).resolve().parents[2] / "reviews"


def env_library() -> Path | None:
    value = os.environ.get("REVIEWTUI_LIBRARY")
    return Path(value).expanduser() if value else None


@dataclass(frozen=True)
class LibrarySource:
    path: Path
    origin: str
    """How it was chosen: "option", "environment", "config", "user" or "sample"."""

    @property
    def read_only(self) -> bool:
        return self.origin == "sample"


def resolve_library(
    option: str | Path | None = None, configured: Path | None = None
) -> LibrarySource:
    """--library, else $REVIEWTUI_LIBRARY, else the config's library, else the user's library
    if it holds reviews, else the bundled sample library."""
    if option is not None:
        return LibrarySource(Path(option).expanduser(), "option")
    env = env_library()
    if env is not None:
        return LibrarySource(env, "environment")
    if configured is not None:
        return LibrarySource(configured.expanduser(), "config")
    user = user_library_dir()
    if user.is_dir() and holds_review_files(user):
        return LibrarySource(user, "user")
    return LibrarySource(bundled_library_dir(), "sample")
