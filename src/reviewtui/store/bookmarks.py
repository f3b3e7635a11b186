"""Bookmarks of titles, kept in `bookmarks.toml` in the user data dir.

Every change re-reads the file under a lock and writes it atomically, so two running
instances (a TUI and a CLI, say) never lose each other's bookmarks.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import tomli_w

from reviewtui.core.text import clean_line, printable
from reviewtui.store import paths
from reviewtui.store.atomic import locked, set_aside, write_state_file

FILE_NAME = "bookmarks.toml"


@dataclass(frozen=True)
class Bookmark:
    title: str
    path: str
    added: datetime

    def matches(self, title: str) -> bool:
        return self.title.casefold() == title.casefold()


class BookmarkStore:
    def __init__(self, file: Path | None = None) -> None:
        self.file = file or paths.data_dir() / FILE_NAME
        self.warnings: list[str] = []
        """What went wrong reading the file (a corrupt file set aside, say), for the user."""

    def entries(self) -> list[Bookmark]:
        with locked(self.file):
            return self._read()

    def contains(self, title: str) -> bool:
        return any(b.matches(title) for b in self.entries())

    def add(self, title: str, path: Path | str) -> bool:
        """Bookmark a title; False when it was already bookmarked."""
        with locked(self.file):
            marks = self._read()
            if any(b.matches(title) for b in marks):
                return False
            marks.append(
                Bookmark(
                    clean_line(title), _absolute(path), datetime.now(UTC).replace(microsecond=0)
                )
            )
            self._write(marks)
            return True

    def remove(self, title: str) -> bool:
        """Remove a bookmark; False when there was none."""
        with locked(self.file):
            marks = self._read()
            kept = [b for b in marks if not b.matches(title)]
            if len(kept) == len(marks):
                return False
            self._write(kept)
            return True

    def toggle(self, title: str, path: Path | str) -> bool:
        """Add or remove; returns whether the title is bookmarked afterwards."""
        with locked(self.file):
            marks = self._read()
            kept = [b for b in marks if not b.matches(title)]
            if len(kept) == len(marks):
                kept.append(
                    Bookmark(
                        clean_line(title), _absolute(path), datetime.now(UTC).replace(microsecond=0)
                    )
                )
            self._write(kept)
            return len(kept) > len(marks)

    def _read(self) -> list[Bookmark]:
        try:
            raw = self.file.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:  # a folder in its place, a read error: keep it, start afresh
            self._set_aside(error.strerror or str(error))
            return []
        try:
            data = tomllib.loads(raw.decode("utf-8"))
            return [_bookmark(entry) for entry in data.get("bookmark", [])]
        except (
            UnicodeDecodeError,
            tomllib.TOMLDecodeError,
            TypeError,
            ValueError,
            KeyError,
        ) as error:
            self._set_aside(str(error))
            return []

    def _set_aside(self, reason: str) -> None:
        try:
            kept = f"it was kept as {set_aside(self.file).name}"
        except OSError as error:
            kept = f"it could not be moved aside either ({error.strerror or error})"
        self.warnings.append(
            f"{self.file.name} was unreadable ({clean_line(reason)}); {kept} "
            "and bookmarks start empty"
        )

    def _write(self, marks: list[Bookmark]) -> None:
        data = {"bookmark": [{"title": b.title, "path": b.path, "added": b.added} for b in marks]}
        write_state_file(self.file, tomli_w.dumps(data))


def _absolute(path: Path | str) -> str:
    """Bookmarks outlive the working directory they were made in: keep absolute paths.

    TOML holds only Unicode: a name's undecodable bytes are kept as visible escapes (`\\xe9`),
    and such a bookmark opens by its title."""
    if not str(path):
        return ""
    return printable(str(Path(path).expanduser().absolute()))


def _bookmark(entry: object) -> Bookmark:
    if not isinstance(entry, dict):
        raise TypeError("a bookmark entry is not a table")
    title, path, added = entry["title"], entry.get("path", ""), entry.get("added")
    if not isinstance(title, str) or not isinstance(path, str):
        raise TypeError("bookmark title and path must be strings")
    if not isinstance(added, datetime):
        added = datetime.fromtimestamp(0, UTC)
    return Bookmark(clean_line(title), clean_line(path), added)
