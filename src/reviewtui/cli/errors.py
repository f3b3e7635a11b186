"""How a command ends: its exit statuses, and the error that ends it with one line."""

from __future__ import annotations

from collections.abc import Sequence

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """Ends the command with one line on stderr and the given exit status."""

    def __init__(self, message: str, status: int = EXIT_ERROR, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.details = details
        """Lines said after the message (the reviews a title could mean, say)."""
