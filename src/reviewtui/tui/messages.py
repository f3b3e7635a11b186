"""What the screens tell the app: small messages that name what the user asked for.

Screens post these and the app acts on them (it owns navigation, the stores and the library),
so no screen needs to know the app, and the app never reaches into a screen's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from reviewtui.core.model import Review


@dataclass
class OpenReview(Message):
    """Read the review at `path`, at its `section`-th numbered section when given."""

    path: Path
    section: int | None = None


@dataclass
class OpenTitle(Message):
    """Read the library's review of this exact title (a comparable, say)."""

    title: str


@dataclass
class ShowLibrary(Message):
    """Go back to the library screen."""


@dataclass
class WatchTitle(Message):
    """Add a title that is not in the library to the watchlist (or take it off), noting the
    review it was found in."""

    title: str
    source: str


@dataclass
class ToggleBookmark(Message):
    """Bookmark this review's title, or remove its bookmark."""

    review: Review
