"""What the index stores and hands out: its rows, read by name, and the records built from them.

The column lists of the `reviews` table are the fields of `StoredReview` (what a refresh
writes) and `EntryRow` (what a listing reads): every statement is built from them, so no
caller counts positions.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, TypeVar

from reviewtui.core.model import Problem, listing_summary, meta_line
from reviewtui.core.text import printable

T = TypeVar("T")

ProgressCallback = Callable[[int, int], None]


class StoredReview(NamedTuple):
    """The columns of a review that loaded, as a refresh writes them (lists as JSON)."""

    title: str
    title_key: str
    year: int | None
    kind: str | None
    platform: str | None
    genres: str
    tags: str
    rating: float | None
    comparables: str
    sections: str
    spoilers: str
    warnings: str
    outline: str


class EntryRow(NamedTuple):
    """The columns a library listing reads of a review (`sound`: its lists read as JSON)."""

    path: bytes
    title: str
    year: int | None
    kind: str | None
    platform: str | None
    genres: str | None
    tags: str | None
    rating: float | None
    comparables: str | None
    sections: str | None
    spoilers: str | None
    warnings: str | None
    size: int
    sound: bool


_JSON_COLUMNS = ("genres", "tags", "comparables", "sections", "spoilers", "warnings")
# Checked by SQLite as it reads them: an entry's lists are decoded only when first used, and
# a damaged one must be found while the index can still be rebuilt.
_COMPUTED = {"sound": " AND ".join(f"json_valid({column})" for column in _JSON_COLUMNS)}
ENTRY_SELECT = f"SELECT {', '.join(_COMPUTED.get(f, f) for f in EntryRow._fields)} FROM reviews"
"""Every listing's statement starts here; add a WHERE (and ORDER BY) to it."""

ROW_COLUMNS = ("path", "size", "mtime_ns", *StoredReview._fields, "problem", "problem_line")
"""What a refresh writes of each file (and its checksum, of these values)."""
INSERT_ROW = (
    f"INSERT INTO reviews({', '.join(ROW_COLUMNS)}, checksum)"
    f" VALUES ({', '.join('?' * (len(ROW_COLUMNS) + 1))})"
)


class SearchSyntaxError(ValueError):
    """The query is not valid search syntax; the message says what to fix."""


class IndexDamaged(sqlite3.DatabaseError):
    """The index file is damaged: what it holds does not read back as it was written."""


def checksum(values: tuple[object, ...]) -> int:
    """Of a row's values as written, or as read back (numbers as SQLite may convert them)."""
    normal = tuple(
        float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in values
    )
    return zlib.crc32(repr(normal).encode("utf-8", "backslashreplace"))


def verify_rows(connection: sqlite3.Connection) -> None:
    """Raise IndexDamaged unless every row reads back as it was written."""
    for row in connection.execute(f"SELECT {', '.join(ROW_COLUMNS)}, checksum FROM reviews"):
        *values, written = row
        if checksum(tuple(values)) != written:
            raise IndexDamaged("a row of the index does not match its checksum")


def entry_rows(cursor: sqlite3.Cursor, row: tuple[object, ...]) -> Entry:
    """A `row_factory` for statements built on ENTRY_SELECT."""
    entry_row = EntryRow._make(row)
    if not entry_row.sound:
        raise IndexDamaged("a list in the index is not JSON")
    return Entry(entry_row)


SUMMARY_SELECT = (
    "SELECT title_key, path, title, year, kind, platform, genres, rating, json_valid(genres)"
    " FROM reviews"
)
"""The columns of a listing's summary alone (and where it sorts): `list --json` reads no more."""


def summary_rows(
    cursor: sqlite3.Cursor, row: tuple[object, ...]
) -> tuple[tuple[str, bytes], dict[str, object]]:
    """A `row_factory` for SUMMARY_SELECT: (the row's place in the listing, `Entry.summary()`
    of it, built from the columns without an Entry; a test holds the two the same)."""
    key, path, title, year, kind, platform, genres, rating, sound = row
    if not sound:
        raise IndexDamaged("a list in the index is not JSON")
    assert isinstance(key, str) and isinstance(path, bytes)
    summary = {
        "title": title,
        "year": year,
        "kind": kind,
        "platform": platform,
        "genres": strings(genres if isinstance(genres, str) else None),
        "rating": rating,
        "path": os.fsdecode(path),
    }
    return (key, path), summary


def read_entries(
    connection: sqlite3.Connection, where: str, parameters: tuple[object, ...] = ()
) -> list[Entry]:
    """The entries of `ENTRY_SELECT` + where (a WHERE clause, and any ORDER BY or LIMIT)."""
    return list(stream_entries(connection, where, parameters))


def stream_entries(
    connection: sqlite3.Connection, where: str, parameters: tuple[object, ...] = ()
) -> Iterator[Entry]:
    """`read_entries`, one at a time as SQLite reads them."""
    return stream_rows(connection, ENTRY_SELECT, entry_rows, where, parameters)


def stream_rows(
    connection: sqlite3.Connection,
    select: str,
    factory: Callable[[sqlite3.Cursor, tuple[object, ...]], T],
    where: str,
    parameters: tuple[object, ...] = (),
) -> Iterator[T]:
    """The rows of `select` + where, each made by `factory`, one at a time as SQLite reads them."""
    cursor = connection.cursor()
    cursor.row_factory = factory
    found: Iterator[T] = cursor.execute(f"{select} {where}", parameters)
    return found


class Entry:
    """What a library listing needs to know about a review, without reading its file.

    Built from an index row; the list fields are decoded on first use, so listing ten
    thousand reviews costs little more than reading their titles.
    """

    def __init__(self, row: EntryRow) -> None:
        self.row = row
        self.title: str = row.title
        self.year: int | None = row.year
        self.kind: str | None = row.kind
        self.platform: str | None = row.platform
        self.rating: float | None = row.rating
        self.size: int = row.size

    @cached_property
    def path(self) -> Path:
        return stored_path(self.row.path)

    @cached_property
    def genres(self) -> list[str]:
        return strings(self.row.genres)

    @cached_property
    def tags(self) -> list[str]:
        return strings(self.row.tags)

    @cached_property
    def comparables(self) -> list[str]:
        return strings(self.row.comparables)

    @cached_property
    def sections(self) -> list[str]:
        """Titles of the `##` sections, in order."""
        return strings(self.row.sections)

    @cached_property
    def spoilers(self) -> list[str]:
        """Titles of the `##` sections that are spoilers."""
        return strings(self.row.spoilers)

    @cached_property
    def warnings(self) -> list[str]:
        """What was wrong but readable in the file (e.g. a front matter value ignored)."""
        return strings(self.row.warnings)

    def __repr__(self) -> str:
        return f"Entry({self.title!r}, {str(self.path)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self.row == other.row

    def __hash__(self) -> int:
        return hash(self.row)

    def meta_line(self) -> str:
        return meta_line(self.year, self.platform, self.kind, self.rating)

    def summary(self) -> dict[str, object]:
        """The same fields as `Review.summary()`."""
        return listing_summary(self)


def path_key(path: str | Path) -> bytes:
    """A path as the index stores it: the file system's bytes, whatever their encoding."""
    return os.fsencode(path)


def stored_path(value: bytes) -> Path:
    """A stored path back as a Path (undecodable bytes as surrogate escapes, as os.listdir)."""
    return Path(os.fsdecode(value))


def storable(text: str) -> str:
    """Text SQLite can store: lone surrogates (undecodable bytes of a file name in a message)
    become visible escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return printable(text)
    return text


def strings(value: str | None) -> list[str]:
    """A JSON list column, as strings."""
    decoded = json.loads(value) if value else []
    return [str(item) for item in decoded] if isinstance(decoded, list) else []


def outline(value: str | None) -> list[tuple[int, int]]:
    """The `outline` column: (start in the text, spoiler) of each top section."""
    decoded = json.loads(value) if value else []
    return [(int(start), int(spoiler)) for start, spoiler in decoded]


def parts(sections: list[tuple[int, int]], length: int) -> list[tuple[int, int, int]]:
    """(start, end, spoiler) of the text before the first section, then of each section."""
    starts = [0] + [start for start, _ in sections]
    ends = [start - 1 for start, _ in sections] + [length]
    spoilers = [0] + [spoiler for _, spoiler in sections]
    return list(zip(starts, ends, spoilers, strict=True))


class Hit(NamedTuple):
    """One search result: a review, at the section where the query's words are best found
    (section None: the text before the first one)."""

    title: str
    path: Path
    section: str | None
    section_index: int | None
    """Index into the review's `top_sections`."""
    snippet: str
    highlights: list[tuple[int, int]]
    """(start, end) offsets of the matched words in `snippet`."""
    score: float
    """Higher is better (the negated bm25 rank). A word in more than half of the reviews
    weighs a millionth of a rare one (bm25's floor for its idf): such a search scores every
    review in the millionths, still in order."""
    spoiler: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "path": str(self.path),
            "section": self.section,
            "snippet": self.snippet,
            # Four significant digits, not places: a common word's scores are in the millionths.
            "score": float(f"{self.score:.4g}"),
        }


@dataclass
class RefreshResult:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    rebuilt: bool = False
    """True when the index file was unusable (corrupt, other version) and was started afresh."""

    @property
    def read(self) -> int:
        return self.added + self.changed
