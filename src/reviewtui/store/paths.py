"""Where reviewtui keeps its files: platformdirs user dirs (XDG_* variables honoured).

The data, state and cache folders hold what the user read, bookmarked and indexed: they are
private (0700), as git and Jupyter keep private state, and asking for one makes it so.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "reviewtui"


def _dirs() -> platformdirs.PlatformDirs:
    # A fresh object each time, so XDG_* set after import (tests, shells) is honoured.
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    return private_dir(Path(_dirs().user_data_dir))


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def cache_dir() -> Path:
    return private_dir(Path(_dirs().user_cache_dir))


def state_dir() -> Path:
    return private_dir(Path(_dirs().user_state_dir))


def private_dir(folder: Path) -> Path:
    """Create `folder` readable by the user alone, or take the group's and others' access away
    from it. Failure is left to the write that needs the folder: reading never needs it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        mode = folder.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(folder, mode & 0o700)
    except OSError:
        pass
    return folder


def user_library_dir() -> Path:
    # Not data_dir(): looking for the user's library creates nothing.
    return Path(_dirs().user_data_dir) / "library"


def bundled_library_dir() -> Path:
    """The sample library: inside the installed wheel, or the repository's reviews/ folder."""
    packaged = Path(__file__).resolve().parents[1] / "sample_reviews"  # (reviewtui/store/..)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "reviews"


def env_library() -> Path | None:
    value = os.environ.get("REVIEWTUI_LIBRARY")
    return Path(value).expanduser() if value else None


def sha256_hex(data: bytes) -> str:
    """`hashlib.sha256(data).hexdigest()`: names of the files kept per library, and keys of the
    reading places. Hashed by CPython's own SHA-256 when it has one: hashlib loads OpenSSL for
    it, about 2 ms of the first paint."""
    return _sha256()(data).hexdigest()  # type: ignore[no-any-return]


def _sha256() -> Callable[[bytes], Any]:
    for builtin in ("_sha2", "_sha256"):  # Python 3.12 and later, 3.11
        try:
            return importlib.import_module(builtin).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            pass
    import hashlib  # a Python built without them

    return hashlib.sha256
