"""Which library folder to read: the option, the environment, the config, the user's own
library or the bundled sample, in that order."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from reviewtui.library.scan import holds_review_files
from reviewtui.store.paths import bundled_library_dir, env_library, user_library_dir


class LibraryError(Exception):
    """A library-level failure, said to the user in one line."""


class LibrarySource(NamedTuple):
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
