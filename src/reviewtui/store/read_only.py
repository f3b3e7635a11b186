"""Read-only sessions: `reviewtui serve` runs each browser session with REVIEWTUI_READ_ONLY=1,
and then no state file (config, bookmarks, reading places) is changed. Reading them still works;
store/atomic.py `locked` is where a change is refused."""

from __future__ import annotations

import os

READ_ONLY_VARIABLE = "REVIEWTUI_READ_ONLY"

READ_ONLY_MESSAGE = (
    "this is a read-only session (reviewtui serve was started without --allow-writes)"
)


def is_read_only() -> bool:
    """The one place the variable is read."""
    return os.environ.get(READ_ONLY_VARIABLE, "") not in ("", "0")
