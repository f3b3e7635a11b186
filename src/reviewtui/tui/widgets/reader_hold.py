"""A jump's hold: the place jumped to is kept at the top of the reader while the text above it
is still being laid out (Markdown lays its blocks out over several refreshes, and they grow)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

HOLD_SECONDS = 3.0
"""How long a jump at least keeps its place at the top (it lets go only once it is there)."""


@dataclass
class Hold:
    """Keep `offset` lines into `target` (a section, or an item of a huge review's window; or
    the end of the text) at the top until `is_over`."""

    target: int
    offset: int = 0
    end: bool = False
    until: float = field(default_factory=lambda: time.monotonic() + HOLD_SECONDS)

    def restart(self) -> None:
        """Count the hold from now (a jump's text shown only now, say)."""
        self.until = time.monotonic() + HOLD_SECONDS

    def is_over(self, *, reached: bool, now: float | None = None) -> bool:
        """Whether the hold may let go of its place.

        It lets go only with its place at the top, so that what follows keeps that text there;
        a place it cannot reach (the text below it still being laid out) is given up after
        twice the time, rather than fighting the reader's scrolling forever.
        """
        now = time.monotonic() if now is None else now
        return now > self.until and (reached or now > self.until + HOLD_SECONDS)
