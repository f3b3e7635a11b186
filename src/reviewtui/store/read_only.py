"""Read-only sessions: `reviewtui serve` runs each browser session with REVIEWTUI_READ_ONLY=1,
and then no state file (config, bookmarks, reading positions) is written."""

from __future__ import annotations

import os

READ_ONLY_VARIABLE = "REVIEWTUI_READ_ONLY"


class ReadOnlySession(PermissionError):
    """A write refused because this session is read-only; its text is the one message shown."""

    def __init__(self) -> None:
        super().__init__(
            "this is a read-only session (reviewtui serve was started without --allow-writes)"
        )


def is_read_only() -> bool:
    """The one place the variable is read."""
    return os.environ.get(READ_ONLY_VARIABLE, "") not in ("", "0")


def refuse_writes_when_read_only() -> None:
    if is_read_only():
        raise ReadOnlySession
