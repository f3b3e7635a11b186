"""What the screens tell the app: small messages that name what the user asked for.

Screens post these and the app acts on them (it owns navigation, the stores and the library),
so no screen needs to know the app, and the app never reaches into a screen's widgets.

Messages here and in the widgets are plain classes, as Textual's own are: a dataclass costs
the start a fraction of a millisecond to make (Python 3.11 compiles each generated method).
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from reviewtui.core.model import Review


class OpenReview(Message):
    """Read the review at `path`, at its `section`-th numbered section when given."""

    def __init__(self, path: Path, section: int | None = None) -> None:
        super().__init__()
        self.path = path
        self.section = section


class OpenTitle(Message):
    """Read the library's review of this exact title (a comparable, say)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title


class ShowLibrary(Message):
    """Go back to the library screen, its cursor on the review at `path` (the one read)."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path


class WatchTitle(Message):
    """Add a title that is not in the library to the watchlist (or take it off), noting the
    review it was found in."""

    def __init__(self, title: str, source: str) -> None:
        super().__init__()
        self.title = title
        self.source = source


class ToggleBookmark(Message):
    """Bookmark this review's title, or remove its bookmark."""

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review
