"""Bookmarks of titles, kept in `bookmarks.toml` in the user data dir.

Reading takes no lock and writes nothing, so bookmarks can be listed from a read-only folder.
Every change re-reads the file under a lock and writes it atomically, so two running instances
(a TUI and a CLI, say) never lose each other's bookmarks. One bad entry is skipped with a
warning, and whatever reviewtui does not know (a user's notes, a bad entry) is written back as
it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple, TypeVar

from reviewtui.core.text import clean_line, printable
from reviewtui.store import paths
from reviewtui.store.atomic import (
    StateFileError,
    atomic_write_text,
    locked,
    read_state_file,
    set_aside,
    write_error,
    write_target,
)
from reviewtui.store.outcome import Outcome

FILE_NAME = "bookmarks.toml"

T = TypeVar("T")


class Bookmark(NamedTuple):
    """A bookmarked title: a review of the library (`path`), or a title to watch, which has
    no review yet and names the review it was found in (`source`)."""

    title: str
    path: str
    added: datetime
    source: str = ""

    @property
    def to_watch(self) -> bool:
        return not self.path

    def matches(self, title: str) -> bool:
        return self.title.casefold() == title.casefold()


@dataclass
class _Contents:
    """The file as read: each entry as written (kept on rewrite) with the bookmark read from it
    (None when it was skipped), and the other top-level keys."""

    entries: list[tuple[object, Bookmark | None]] = field(default_factory=list)
    other: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    damaged: bool = False
    """Part of the file could not be read at all: a copy is kept before it is rewritten."""
    raw: bytes = b""
    unreadable: bool = False
    """Not a file that can be read (a folder, a pipe): it is moved aside before a write."""
    text: str = ""
    """The file's text, when it read whole as TOML: a change can then be an edit of it."""
    read: list[object] = field(default_factory=list)
    """The entries as read, in the file's order."""

    @property
    def marks(self) -> list[Bookmark]:
        return [mark for _, mark in self.entries if mark is not None]


class BookmarkStore:
    def __init__(self, file: Path | None = None) -> None:
        self._file = file

    @property
    def file(self) -> Path:
        return self._file or paths.data_dir() / FILE_NAME

    def entries(self) -> Outcome[list[Bookmark]]:
        contents = self._read()
        return Outcome(contents.marks, tuple(contents.warnings))

    def contains(self, title: str) -> bool:
        return any(b.matches(title) for b in self.entries().value)

    def add(self, title: str, path: Path | str, source: str = "") -> Outcome[bool]:
        """Bookmark a title (with no path: a title to watch, found in the review `source`);
        False when it was already bookmarked."""

        def change(contents: _Contents) -> bool:
            if any(b.matches(title) for b in contents.marks):
                return False
            contents.entries.append(_new_entry(title, path, source))
            return True

        return self._change(change)

    def remove(self, title: str) -> Outcome[bool]:
        """Remove a bookmark; False when there was none."""

        def change(contents: _Contents) -> bool:
            kept = [(raw, b) for raw, b in contents.entries if b is None or not b.matches(title)]
            removed = len(kept) < len(contents.entries)
            contents.entries = kept
            return removed

        return self._change(change)

    def toggle(self, title: str, path: Path | str, source: str = "") -> Outcome[bool]:
        """Add or remove; the value is whether the title is bookmarked afterwards."""

        def change(contents: _Contents) -> bool:
            kept = [(raw, b) for raw, b in contents.entries if b is None or not b.matches(title)]
            if len(kept) < len(contents.entries):
                contents.entries = kept
                return False
            contents.entries.append(_new_entry(title, path, source))
            return True

        return self._change(change)

    def _change(self, change: Callable[[_Contents], T]) -> Outcome[T]:
        """Read, change and write the file under the lock; StateFileError when it cannot be
        saved."""
        file = self.file
        try:
            with locked(file):
                contents = self._read()
                value = change(contents)
                warnings = contents.warnings
                if contents.unreadable or contents.damaged:
                    warnings = [*warnings, self._keep_old(contents)]
                atomic_write_text(file, _dumps(contents))
        except OSError as error:
            raise write_error(file, error) from error
        return Outcome(value, tuple(warnings))

    def _keep_old(self, contents: _Contents) -> str:
        """Keep the file as it was before it is rewritten: moved aside when it cannot be read,
        else copied."""
        kept = set_aside(write_target(self.file), None if contents.unreadable else contents.raw)
        return f"{self.file}: the file as it was is kept as {kept.name}"

    def _read(self) -> _Contents:
        file = self.file
        try:
            raw = read_state_file(file)
        except StateFileError as error:
            return _Contents(warnings=[f"{error}; no bookmarks are shown"], unreadable=True)
        if raw is None:
            return _Contents()
        return _parse(raw, file)


def _parse(raw: bytes, file: Path) -> _Contents:
    contents = _Contents(raw=raw)
    try:
        text = raw.decode("utf-8-sig")  # (a byte-order mark, from an editor, is no part of it)
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        contents.warnings.append(f"{file}: bytes that are not UTF-8 text are shown as \ufffd")
        contents.damaged = True
    import tomllib  # here: a start without bookmarks does without it

    try:
        data = tomllib.loads(text)
        whole = True
    except tomllib.TOMLDecodeError:
        data = _parse_entry_by_entry(text, file, contents)
        whole = False
    entries = data.pop("bookmark", [])
    contents.other = data
    if not isinstance(entries, list):
        contents.warnings.append(f"{file}: 'bookmark' is not a list of bookmarks; it is skipped")
        contents.other["bookmark"] = entries
        contents.damaged = True
        return contents
    if whole and not contents.damaged:
        contents.text, contents.read = text, list(entries)
    lines: list[int] | None = None
    for number, entry in enumerate(entries, 1):
        try:
            mark: Bookmark | None = _bookmark(entry)
        except (TypeError, ValueError) as error:
            mark = None
            lines = _entry_lines(text) if lines is None else lines
            where = f" (line {lines[number - 1]})" if len(lines) == len(entries) else ""
            contents.warnings.append(
                f"{file}: bookmark {number}{where} is skipped: {clean_line(str(error))}"
            )
        contents.entries.append((entry, mark))
    return contents


def _entry_lines(text: str) -> list[int]:
    """The line (1-based) of each `[[bookmark]]` in the file, to say where a skipped one is."""
    from reviewtui.store.bookmark_edits import ENTRY_HEADER

    return [text.count("\n", 0, m.start()) + 1 for m in ENTRY_HEADER.finditer(text)]


def _parse_entry_by_entry(text: str, file: Path, contents: _Contents) -> dict[str, object]:
    """A file that is not valid TOML as a whole: read each `[[bookmark]]` on its own, so one
    broken entry costs only itself."""
    import tomllib

    from reviewtui.store.bookmark_edits import ENTRY_HEADER

    starts = [0, *(m.start() for m in ENTRY_HEADER.finditer(text)), len(text)]
    data: dict[str, object] = {}
    entries: list[object] = []
    for start, end in zip(starts, starts[1:], strict=False):
        if start == end:
            continue
        try:
            part = tomllib.loads(text[start:end])
        except tomllib.TOMLDecodeError as error:
            line = text.count("\n", 0, start) + 1
            what = "the settings before the first bookmark" if start == 0 else "a bookmark"
            contents.warnings.append(
                f"{file}: {what} at line {line} is not valid TOML ({error}); it is skipped"
            )
            contents.damaged = True
            continue
        found = part.pop("bookmark", [])
        entries += found if isinstance(found, list) else [found]
        data.update(part)
    data["bookmark"] = entries
    return data


def _dumps(contents: _Contents) -> str:
    """The file's new text: its own text with only the bookmarks changed (`_edited`), or, when
    that cannot be, written afresh. One an editor saved with a byte-order mark or Windows line
    endings keeps them."""
    import tomli_w  # here: only a change writes the file

    data = dict(contents.other)
    data["bookmark"] = [raw for raw, _ in contents.entries]
    newline = "\r\n" if b"\r\n" in contents.raw else "\n"
    text = _edited(contents, data, newline)
    if text is None:
        text = tomli_w.dumps(data).replace("\n", newline)
    return ("\ufeff" if contents.raw.startswith(b"\xef\xbb\xbf") else "") + text


def _edited(contents: _Contents, data: dict[str, object], newline: str) -> str | None:
    """The file's text with the removed bookmarks cut out and the new ones appended, so that
    the user's comments and layout stay; None when the edit would not read back as `data`."""
    import tomllib

    from reviewtui.store.bookmark_edits import edited_text, entry_spans, tables_text

    spans = entry_spans(contents.text, len(contents.read)) if contents.text else None
    if spans is None:
        return None
    now = {id(raw) for raw, _ in contents.entries}
    before = {id(raw) for raw in contents.read}
    new = [raw for raw, _ in contents.entries if id(raw) not in before]
    added = tables_text([raw for raw in new if isinstance(raw, dict)], newline)
    kept = [id(raw) in now for raw in contents.read]
    text = edited_text(contents.text, spans, kept, added, newline)
    wanted = {key: value for key, value in data.items() if key != "bookmark" or value}
    try:
        return text if tomllib.loads(text) == wanted else None
    except tomllib.TOMLDecodeError:
        return None


def _new_entry(title: str, path: Path | str, source: str = "") -> tuple[object, Bookmark]:
    added = datetime.now(UTC).replace(microsecond=0)
    mark = Bookmark(clean_line(title), _absolute(path), added, clean_line(source))
    entry: dict[str, object] = {"title": mark.title, "path": mark.path, "added": mark.added}
    if mark.source:
        entry["from"] = mark.source
    return entry, mark


def _absolute(path: Path | str) -> str:
    """Bookmarks outlive the working directory they were made in: keep absolute paths.

    TOML holds only Unicode: a name's undecodable bytes are kept as visible escapes (`\\xe9`),
    and such a bookmark opens by its title."""
    if not str(path):
        return ""
    return printable(str(Path(path).expanduser().absolute()))


def _bookmark(entry: object) -> Bookmark:
    if not isinstance(entry, dict):
        raise TypeError("it is not a table with a title")
    title, path, added = entry.get("title"), entry.get("path", ""), entry.get("added")
    source = entry.get("from", "")
    if not isinstance(title, str) or not clean_line(title):
        raise TypeError(f"its title should be text, got {_shown(title)}")
    if not isinstance(path, str):
        raise TypeError(f"its path should be text, got {_shown(path)}")
    if not isinstance(added, datetime):
        added = datetime.fromtimestamp(0, UTC)
    elif added.tzinfo is None:
        added = added.replace(tzinfo=UTC)
    if not isinstance(source, str):
        raise TypeError(f"its 'from' should be text, got {_shown(source)}")
    return Bookmark(clean_line(title), clean_line(path), added, clean_line(source))


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict | list):
        return "a table" if isinstance(value, dict) else "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."
