"""The library index: an SQLite (FTS5) cache of every review's metadata and text.

It lives in the cache dir, one file per library, and is refreshed by file size and mtime, so
a start-up reads only the reviews that changed. It is a cache: an unreadable, corrupt or
outdated file is deleted and rebuilt, never reported as an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import multiprocessing
import os
import re
import sqlite3
import threading
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from reviewtui import paths
from reviewtui.library import REVIEW_SUFFIXES, load_review
from reviewtui.model import Problem, Review

SCHEMA_VERSION = 1
# An FTS row id holds the review id and the section number, so a review's rows are a range.
_SECTION_BITS = 20
_MAX_SECTIONS = (1 << _SECTION_BITS) - 2
_BATCH = 200
_POOL_THRESHOLD = 400  # files: below this, starting worker processes costs more than it saves
_CHUNK = 50
_IN_FLIGHT = 6
# bm25 weights of the FTS columns: title, section heading, section text.
_WEIGHTS = (10.0, 5.0, 1.0)
_SNIPPET_TOKENS = 24
_PER_REVIEW = 3
_MIN_PREFIX = 3
_WORD = re.compile(r"\w+")
_FTS_SYNTAX = re.compile(r'["*^()]|\b(?:AND|OR|NOT|NEAR)\b|\b(?:title|heading|body)\s*:')
_COLUMN_FILTER = re.compile(r"\b(?:title|heading|body)\s*:")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_LIKE_TERM = re.compile(r"[^\W\d_]{4,}")
_LIKE_CANDIDATES = 40
# Frequent words that never make two reviews alike; the rest is left to idf.
_COMMON_WORDS = frozenset(
    str.split(
        """
    about after again also been before being between both could does doing down during each
    even every film films from further have having here into itself just like made make many
    more most much must only other over same series season should show some such than that
    their them then there these they this those through very were what when where which while
    will with within without would your scene scenes story character characters episode
    episodes really still well first last little great good another because
    """
    )
)

ProgressCallback = Callable[[int, int], None]
T = TypeVar("T")


class SearchSyntaxError(ValueError):
    """The query is not valid search syntax; the message says what to fix."""


class Entry:
    """What a library listing needs to know about a review, without reading its file.

    Built from an index row; the list fields are decoded on first use, so listing ten
    thousand reviews costs little more than reading their titles.
    """

    def __init__(self, row: Sequence[Any]) -> None:
        self._row = row
        self.title: str = row[1]
        self.year: int | None = row[2]
        self.kind: str | None = row[3]
        self.platform: str | None = row[4]
        self.rating: float | None = row[6]
        self.size: int = row[11]

    @cached_property
    def path(self) -> Path:
        return Path(self._row[0])

    @cached_property
    def genres(self) -> list[str]:
        return _strings(self._row[5])

    @cached_property
    def comparables(self) -> list[str]:
        return _strings(self._row[7])

    @cached_property
    def sections(self) -> list[str]:
        """Titles of the `##` sections, in order."""
        return _strings(self._row[8])

    @cached_property
    def spoilers(self) -> list[str]:
        """Titles of the `##` sections that are spoilers."""
        return _strings(self._row[9])

    @cached_property
    def warnings(self) -> list[str]:
        """What was wrong but readable in the file (e.g. a front matter value ignored)."""
        return _strings(self._row[10])

    def __repr__(self) -> str:
        return f"Entry({self.title!r}, {str(self._row[0])!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and tuple(self._row) == tuple(other._row)

    def __hash__(self) -> int:
        return hash(tuple(self._row))

    def meta_line(self) -> str:
        """ "2025 · Prime Video · series · ★ 4.5" with what is known."""
        parts: list[str] = []
        if self.year is not None:
            parts.append(str(self.year))
        if self.platform:
            parts.append(self.platform)
        if self.kind:
            parts.append(self.kind)
        if self.rating is not None:
            parts.append(f"★ {self.rating:g}")
        return " · ".join(parts)

    def summary(self) -> dict[str, object]:
        """The same fields as `Review.summary()`."""
        return {
            "title": self.title,
            "year": self.year,
            "kind": self.kind,
            "platform": self.platform,
            "genres": list(self.genres),
            "rating": self.rating,
            "path": str(self.path),
        }


def _strings(value: str | None) -> list[str]:
    decoded = json.loads(value) if value else []
    return [str(item) for item in decoded] if isinstance(decoded, list) else []


@dataclass(frozen=True)
class Hit:
    """One search result: a section of a review (section None: the text before the first one)."""

    title: str
    path: Path
    section: str | None
    section_index: int | None
    """Index into the review's `top_sections`."""
    snippet: str
    highlights: list[tuple[int, int]]
    """(start, end) offsets of the matched words in `snippet`."""
    score: float
    """Higher is better (the negated bm25 rank)."""
    spoiler: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "path": str(self.path),
            "section": self.section,
            "snippet": self.snippet,
            "score": round(self.score, 4),
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


def default_db_path(library_root: Path) -> Path:
    resolved = str(Path(library_root).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return paths.cache_dir() / f"index-{digest}.sqlite3"


_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT,
    title_key TEXT,
    year INTEGER,
    kind TEXT,
    platform TEXT,
    genres TEXT,
    rating REAL,
    comparables TEXT,
    sections TEXT,
    spoilers TEXT,
    warnings TEXT,
    problem TEXT,
    problem_line INTEGER
);
CREATE INDEX reviews_title ON reviews(title_key);
CREATE VIRTUAL TABLE sections USING fts5(
    title, heading, body, spoiler UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO sections(sections, rank) VALUES ('rank', 'bm25({", ".join(map(str, _WEIGHTS))}, 0)');
CREATE VIRTUAL TABLE terms USING fts5vocab(sections, 'row');
PRAGMA user_version = {SCHEMA_VERSION};
"""


class ReviewIndex:
    """The index of one library folder. Safe to use from several threads (one connection each)."""

    def __init__(self, library_root: Path, db_path: Path | None = None) -> None:
        # Absolute, so the stored paths stay the same whatever the working directory.
        self.root = Path(library_root).expanduser().absolute()
        self.db_path = db_path or default_db_path(self.root)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._generation = 0
        self._memory_uri: str | None = None
        self.rebuilt = False
        self._prepare()

    # -- connections ---------------------------------------------------------------------

    def _prepare(self) -> None:
        """Open the file, or start it afresh when it is unusable."""
        try:
            self._check(self._connect())
        except (sqlite3.DatabaseError, OSError):
            self._discard()
            self.rebuilt = True
            try:
                self._check(self._connect())
            except (sqlite3.DatabaseError, OSError):
                # The cache dir cannot hold the index: keep it in memory for this run.
                self._discard()
                digest = hashlib.sha256(str(self.db_path).encode()).hexdigest()[:16]
                self._memory_uri = f"file:reviewtui-{digest}-{id(self)}?mode=memory&cache=shared"
                self._check(self._connect())

    def _check(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if version == SCHEMA_VERSION and {"reviews", "sections", "meta"} <= tables:
            connection.execute("SELECT count(*) FROM reviews").fetchone()
            return
        if tables:
            raise sqlite3.DatabaseError(f"index schema {version}, expected {SCHEMA_VERSION}")
        with connection:
            connection.executescript(_SCHEMA)
            connection.execute(
                "INSERT INTO meta(key, value) VALUES ('library', ?)", (str(self.root.resolve()),)
            )

    def _connect(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "generation", None) == self._generation and local.connection:
            connection: sqlite3.Connection = local.connection
            return connection
        if self._memory_uri is not None:
            connection = sqlite3.connect(self._memory_uri, uri=True, check_same_thread=False)
        else:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.db_path, timeout=10, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            # A cache: a power cut may cost the index (rebuilt on next start), never a review.
            connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-8000")
        with self._lock:
            self._connections.append(connection)
        local.connection = connection
        local.generation = self._generation
        return connection

    def _discard(self) -> None:
        """Close every connection and delete the index file and its journals."""
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    connection.close()
            self._connections.clear()
            self._generation += 1
        if self._memory_uri is None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    Path(f"{self.db_path}{suffix}").unlink()

    def _rebuild_on_error(self, action: Callable[[], T], *, refill: bool) -> T:
        """Run action; if the database turns out corrupt, start afresh and run it once more."""
        try:
            return action()
        except SearchSyntaxError:
            raise
        except sqlite3.DatabaseError:
            self._discard()
            self.rebuilt = True
            self._check(self._connect())
            if refill:
                self._refresh()
            return action()

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    connection.close()
            self._connections.clear()
            self._generation += 1

    def __enter__(self) -> ReviewIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- refresh ---------------------------------------------------------------------------

    def refresh(self, progress: ProgressCallback | None = None) -> RefreshResult:
        """Bring the index up to date with the folder, reading only new and changed files.

        progress(done, total) is called with the number of files read so far out of those
        that need reading (first with done == 0).
        """
        result = self._rebuild_on_error(lambda: self._refresh(progress), refill=False)
        # Reported once: the refresh that refilled a discarded index says so.
        result.rebuilt, self.rebuilt = self.rebuilt, False
        return result

    def _refresh(self, progress: ProgressCallback | None = None) -> RefreshResult:
        connection = self._connect()
        result = RefreshResult()
        known: dict[str, tuple[int, int, int]] = {
            row[0]: (row[1], row[2], row[3])
            for row in connection.execute("SELECT path, id, size, mtime_ns FROM reviews")
        }
        to_read: list[_ToRead] = []
        seen: set[str] = set()
        if self.root.is_dir():
            for key, size, mtime in scan_review_files(self.root):
                seen.add(key)
                old = known.get(key)
                if old is not None and old[1] == size and old[2] == mtime and size >= 0:
                    result.unchanged += 1
                    continue
                to_read.append((Path(key), size, mtime, old[0] if old else None))
        gone = [ids[0] for key, ids in known.items() if key not in seen]
        if gone:
            with connection:
                for review_id in gone:
                    self._delete(connection, review_id)
            result.removed = len(gone)
        if progress is not None:
            progress(0, len(to_read))
        done = 0
        for batch in _batches(_load_in_background(to_read), _BATCH):
            with connection:
                for (path, size, mtime, old_id), record in batch:
                    if old_id is not None:
                        self._delete(connection, old_id)
                        result.changed += 1
                    else:
                        result.added += 1
                    self._store(connection, path, size, mtime, record)
                    done += 1
                    if progress is not None:
                        progress(done, len(to_read))
        result.problems = self._problems()
        return result

    @staticmethod
    def _delete(connection: sqlite3.Connection, review_id: int) -> None:
        low = review_id << _SECTION_BITS
        connection.execute(
            "DELETE FROM sections WHERE rowid >= ? AND rowid < ?",
            (low, low + (1 << _SECTION_BITS)),
        )
        connection.execute("DELETE FROM reviews WHERE id = ?", (review_id,))

    @staticmethod
    def _store(
        connection: sqlite3.Connection, path: Path, size: int, mtime: int, record: _Record
    ) -> None:
        problem, meta, rows = record
        if problem is not None:
            connection.execute(
                "INSERT INTO reviews(path, size, mtime_ns, problem, problem_line)"
                " VALUES (?, ?, ?, ?, ?)",
                (str(path), size, mtime, *problem),
            )
            return
        cursor = connection.execute(
            "INSERT INTO reviews(path, size, mtime_ns, title, title_key, year, kind, platform,"
            " genres, rating, comparables, sections, spoilers, warnings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(path), size, mtime, *(meta or ())),
        )
        assert cursor.lastrowid is not None
        base = cursor.lastrowid << _SECTION_BITS
        connection.executemany(
            "INSERT INTO sections(rowid, title, heading, body, spoiler) VALUES (?, ?, ?, ?, ?)",
            [(base + number, *row) for number, *row in rows],
        )

    # -- reading ---------------------------------------------------------------------------

    def entries(self, offset: int = 0, limit: int | None = None) -> list[Entry]:
        """The reviews that loaded, sorted by title then path (a page of them with limit:
        a first screen needs only its first rows)."""
        return self._rebuild_on_error(lambda: self._entries(offset, limit), refill=True)

    def _entries(self, offset: int, limit: int | None) -> list[Entry]:
        rows = self._connect().execute(
            "SELECT path, title, year, kind, platform, genres, rating, comparables, sections,"
            " spoilers, warnings, size FROM reviews WHERE problem IS NULL"
            " ORDER BY title_key, path LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [_entry(row) for row in rows]

    def problems(self) -> list[Problem]:
        """Files of the library that could not be read, with the reason (from the last refresh)."""
        return self._rebuild_on_error(self._problems, refill=True)

    def _problems(self) -> list[Problem]:
        rows = self._connect().execute(
            "SELECT path, problem, problem_line FROM reviews WHERE problem IS NOT NULL ORDER BY path"
        )
        return [Problem(Path(path), reason, line) for path, reason, line in rows]

    def entry(self, path: Path) -> Entry | None:
        row = (
            self._connect()
            .execute(
                "SELECT path, title, year, kind, platform, genres, rating, comparables, sections,"
                " spoilers, warnings, size FROM reviews WHERE path = ? AND problem IS NULL",
                (str(path),),
            )
            .fetchone()
        )
        return _entry(row) if row else None

    def __len__(self) -> int:
        row = self._connect().execute("SELECT count(*) FROM reviews WHERE problem IS NULL")
        count: int = row.fetchone()[0]
        return count

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Sections matching query, best first (at most a few per review).

        Plain words match as word prefixes, all of them required. A query with FTS5 syntax
        (quotes, `*`, `OR`, `NOT`, `NEAR`, `title:`/`heading:`/`body:`) is used as such.
        """
        expression = fts_query(query)
        if expression is None:
            return []
        return self._rebuild_on_error(lambda: self._search(expression, query, limit), refill=True)

    def _search(self, expression: str, query: str, limit: int) -> list[Hit]:
        connection = self._connect()
        chosen: list[tuple[int, float]] = []
        per_review: dict[int, int] = {}
        try:
            rows = connection.execute(
                "SELECT rowid, rank FROM sections WHERE sections MATCH ? ORDER BY rank",
                (expression,),
            )
            for rowid, rank in rows:
                review_id = rowid >> _SECTION_BITS
                if per_review.get(review_id, 0) >= _PER_REVIEW:
                    continue
                per_review[review_id] = per_review.get(review_id, 0) + 1
                chosen.append((rowid, rank))
                if len(chosen) >= limit:
                    break
            rows.close()
        except sqlite3.OperationalError as error:
            raise SearchSyntaxError(syntax_message(query, error)) from error
        # Snippets are cut here rather than by FTS5's snippet(): that would run the whole
        # query again for every hit, which costs milliseconds each in a large library.
        terms = query_terms(query)
        hits: list[Hit] = []
        for rowid, rank in chosen:
            section = connection.execute(
                "SELECT heading, spoiler, body FROM sections WHERE rowid = ?", (rowid,)
            ).fetchone()
            review = connection.execute(
                "SELECT title, path FROM reviews WHERE id = ?", (rowid >> _SECTION_BITS,)
            ).fetchone()
            if section is None or review is None:
                continue
            (heading, spoiler, body), (title, path) = section, review
            number = (rowid & ((1 << _SECTION_BITS) - 1)) - 1
            snippet, highlights = make_snippet(body, terms)
            if spoiler:
                snippet, highlights = "(a spoiler section: its text is not shown here)", []
            hits.append(
                Hit(
                    title=title,
                    path=Path(path),
                    section=heading or None,
                    section_index=number if number >= 0 else None,
                    snippet=snippet,
                    highlights=highlights,
                    score=-rank,
                    spoiler=bool(spoiler),
                )
            )
        return hits

    # -- more like this --------------------------------------------------------------------

    def more_like_this(self, path: Path, limit: int = 5) -> list[Entry]:
        """Other reviews that share this one's distinctive words and genres.

        Reviews already among its comparables (by title) and the review itself are left out.
        """
        return self._rebuild_on_error(lambda: self._more_like_this(path, limit), refill=True)

    def _more_like_this(self, path: Path, limit: int) -> list[Entry]:
        connection = self._connect()
        row = connection.execute(
            "SELECT id, title, genres, comparables FROM reviews WHERE path = ? AND problem IS NULL",
            (str(path),),
        ).fetchone()
        if row is None:
            return []
        review_id, title, genres_json, comparables_json = row
        genres = {g.casefold() for g in _strings(genres_json)}
        excluded = {title.casefold()} | {c.casefold() for c in _strings(comparables_json)}
        terms = self._distinctive_terms(connection, review_id)
        scores: dict[int, float] = {}
        if terms:
            expression = " OR ".join(f'"{term}"' for term in terms)
            for rowid, rank in connection.execute(
                "SELECT rowid, rank FROM sections WHERE sections MATCH ? ORDER BY rank LIMIT 400",
                (expression,),
            ):
                other = rowid >> _SECTION_BITS
                if other != review_id:
                    scores[other] = scores.get(other, 0.0) - rank
        best = max(scores.values(), default=0.0) or 1.0
        ranked: list[tuple[float, Entry]] = []
        for other, score in sorted(scores.items(), key=lambda item: -item[1])[: limit * 8]:
            found = connection.execute(
                "SELECT path, title, year, kind, platform, genres, rating, comparables,"
                " sections, spoilers, warnings, size FROM reviews WHERE id = ?",
                (other,),
            ).fetchone()
            if found is None:
                continue
            entry = _entry(found)
            if entry.title.casefold() in excluded:
                continue
            theirs = {g.casefold() for g in entry.genres}
            shared = len(genres & theirs) / len(genres | theirs) if genres | theirs else 0.0
            ranked.append((score / best + 0.5 * shared, entry))
        ranked.sort(key=lambda item: -item[0])
        return [entry for _, entry in ranked[:limit]]

    def _distinctive_terms(self, connection: sqlite3.Connection, review_id: int) -> list[str]:
        """The review's words weighted by tf-idf over the library's sections, best first."""
        counts: dict[str, int] = {}
        low = review_id << _SECTION_BITS
        read = 0
        for (body,) in connection.execute(
            "SELECT body FROM sections WHERE rowid >= ? AND rowid < ? AND spoiler = 0",
            (low, low + (1 << _SECTION_BITS)),
        ):
            for word in _LIKE_TERM.findall(body.casefold()):
                counts[word] = counts.get(word, 0) + 1
            read += len(body)
            if read > 200_000:  # a huge review's first part says enough
                break
        if not counts:
            return []
        # The FTS5 shadow table of row sizes counts rows without reading any text.
        total = connection.execute("SELECT count(*) FROM sections_docsize").fetchone()[0] or 1
        candidates = sorted(
            (w for w in counts if w not in _COMMON_WORDS), key=lambda w: -counts[w]
        )[:_LIKE_CANDIDATES]
        frequency: dict[str, int] = {}
        for word in candidates:  # one lookup each: fts5vocab answers `term = ?` directly
            row = connection.execute("SELECT doc FROM terms WHERE term = ?", (word,)).fetchone()
            frequency[word] = row[0] if row else 0
        weighted = []
        for word in candidates:
            docs = frequency.get(word, 0)
            if docs <= 1 or docs > max(20, total // 20):
                # Only here (nothing to match), or in much of the library (nothing distinctive).
                continue
            weighted.append((counts[word] * math.log(total / docs), word))
        weighted.sort(reverse=True)
        return [word for _, word in weighted[:12]]


def scan_review_files(root: Path) -> Iterator[tuple[str, int, int]]:
    """(path, size, mtime_ns) of the files `library.iter_review_files` yields, unordered.

    os.scandir gives each entry's type without a stat and builds no Path objects: a warm
    start stats ten thousand files in a few hundredths of a second.
    """
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(entry.path)
                if not name.lower().endswith(REVIEW_SUFFIXES):
                    continue
            elif not name.lower().endswith(REVIEW_SUFFIXES):
                continue
            try:
                stat = entry.stat()
                yield entry.path, stat.st_size, stat.st_mtime_ns
            except OSError:
                yield entry.path, -1, -1


_ToRead = tuple[Path, int, int, int | None]
_Record = tuple[tuple[str, int | None] | None, tuple[Any, ...] | None, list[tuple[Any, ...]]]


def _load_in_background(to_read: list[_ToRead]) -> Iterator[tuple[_ToRead, _Record]]:
    """Yield (item, record) in order; a big refresh parses in other processes.

    Parsing is pure Python: in a thread it would hold the GIL against both the SQLite writer
    and the UI. A few chunks are in flight at a time, so memory stays bounded.
    """
    pool = _process_pool() if len(to_read) >= _POOL_THRESHOLD else None
    if pool is None:
        for item in to_read:
            yield item, read_record(item[0])
        return
    with pool:
        pending: deque[tuple[list[_ToRead], Future[list[_Record]]]] = deque()
        chunks = (to_read[i : i + _CHUNK] for i in range(0, len(to_read), _CHUNK))
        for chunk in chunks:
            pending.append((chunk, pool.submit(_read_records, [item[0] for item in chunk])))
            if len(pending) >= _IN_FLIGHT:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(
    chunk: list[_ToRead], future: Future[list[_Record]]
) -> Iterator[tuple[_ToRead, _Record]]:
    try:
        records = future.result()
    except Exception:  # noqa: BLE001 - a broken worker: read this chunk here instead
        records = [read_record(item[0]) for item in chunk]
    yield from zip(chunk, records, strict=True)


def _read_records(files: list[Path]) -> list[_Record]:
    return [read_record(path) for path in files]


def read_record(path: Path) -> _Record:
    """Load one file into what the index stores: (problem, metadata, section rows)."""
    loaded = load_review(path)
    if isinstance(loaded, Problem):
        return (loaded.reason, loaded.line), None, []
    review = loaded
    tops = review.top_sections
    meta = (
        review.title,
        review.title.casefold(),
        review.year,
        review.kind,
        review.platform,
        json.dumps(review.genres),
        review.rating,
        json.dumps(review.comparables),
        json.dumps([s.title for s in tops]),
        json.dumps([s.title for s in tops if s.spoiler]),
        json.dumps([str(p) for p in review.problems]),
    )
    return None, meta, list(_section_rows(review))


def _process_pool() -> ProcessPoolExecutor | None:
    workers = max(1, min(4, (os.cpu_count() or 1) - 1))
    try:
        # spawn, not fork: the caller may be a threaded UI.
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError, NotImplementedError):
        return None


def _batches(items: Iterator[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _section_rows(review: Review) -> Iterator[tuple[int, str, str, str, int]]:
    """(section number, review title, heading, text, spoiler): number 0 is the text before
    the first `##` section."""
    lines = review.body.split("\n")
    tops = review.top_sections[:_MAX_SECTIONS]
    first = tops[0].start_line if tops else len(lines)
    intro = "\n".join(line for line in lines[:first] if not line.startswith("# "))
    if intro.strip() or not tops:
        yield 0, review.title, "", intro, 0
    for number, section in enumerate(tops, 1):
        text = "\n".join(lines[section.start_line + 1 : section.end_line])
        yield number, review.title, section.title, text, int(section.spoiler)


def _entry(row: Sequence[Any]) -> Entry:
    return Entry(row)


def fts_query(query: str) -> str | None:
    """The FTS5 expression for what the user typed; None when there is nothing to search for.

    Plain words become prefix terms that must all match ("noir det" finds "noir detective"),
    from three letters on; words joined by punctuation stay a phrase ("neo-noir"). A query
    that already uses FTS5 syntax is passed through.
    """
    query = query.strip()
    if not query:
        return None
    if _FTS_SYNTAX.search(query):
        return query
    terms = []
    for chunk in query.split():
        words = _WORD.findall(chunk)
        if words:
            # A one- or two-letter prefix would match much of the library: it stays a word.
            star = "*" if len(words[-1]) >= _MIN_PREFIX else ""
            terms.append('"' + " ".join(words) + '"' + star)
    return " ".join(terms) or None


def syntax_message(query: str, error: sqlite3.Error) -> str:
    detail = str(error).removeprefix("fts5: ")
    if "unterminated string" in detail or query.count('"') % 2:
        hint = 'a quote (") is not closed: close it, or leave quotes out to search plain words'
    elif "no such column" in detail:
        hint = f"{detail}; the fields are title:, heading: and body:"
    else:
        hint = f"{detail}; plain words need no operators"
    return f"cannot search for {query!r}: {hint}"


def query_terms(query: str) -> list[str]:
    """The words of a query to highlight, folded as the index folds them (operators left out)."""
    words = _WORD.findall(_COLUMN_FILTER.sub(" ", query))
    return sorted({fold(w) for w in words if w not in _OPERATORS}, key=len, reverse=True)


def fold(word: str) -> str:
    """Lower case without diacritics, like the index's unicode61 tokenizer."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def make_snippet(text: str, terms: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """About _SNIPPET_TOKENS words of text around the most matched words, and their spans.

    A word matches when it starts with a term (plain words are prefix searches).
    """
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not tokens:
        return "", []
    matched: list[int] = []
    kind: dict[int, str] = {}
    for i, (a, b) in enumerate(tokens):
        word = text[a:b]
        word = word.casefold() if word.isascii() else fold(word)
        term = next((t for t in terms if _matches(word, t)), None)
        if term is not None:
            matched.append(i)
            kind[i] = term
    first = 0
    if matched:
        # The window that holds the most different terms, then the most matches.
        best = (-1, -1)
        for n, start in enumerate(matched[:200]):
            inside = [i for i in matched[n : n + _SNIPPET_TOKENS] if i < start + _SNIPPET_TOKENS]
            score = (len({kind[i] for i in inside}), len(inside))
            if score > best:
                best, first = score, start
        first = max(0, first - 3)  # a few words of context before the match
    last = min(len(tokens), first + _SNIPPET_TOKENS) - 1
    begin = 0 if first == 0 else tokens[first][0]
    end = len(text) if last == len(tokens) - 1 else tokens[last][1]
    prefix = "" if begin == 0 else "…"
    suffix = "" if end == len(text) else "…"
    raw = text[begin:end]
    spans = [(tokens[i][0] - begin, tokens[i][1] - begin) for i in matched if first <= i <= last]
    return _collapse(prefix, raw, suffix, spans)


def _matches(word: str, term: str) -> bool:
    return word == term or (len(term) >= _MIN_PREFIX and word.startswith(term))


def _collapse(
    prefix: str, raw: str, suffix: str, spans: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """Runs of whitespace (newlines included) become one space; spans follow the text."""
    out: list[str] = [prefix]
    mapping: list[int] = []
    length = len(prefix)
    previous_space = True  # no leading space
    for char in raw:
        mapping.append(length)
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        out.append(char)
        length += 1
    mapping.append(length)
    text = "".join(out)
    stripped = text.rstrip()
    return stripped + suffix, [(mapping[a], mapping[b]) for a, b in spans]


def open_index(library_root: Path) -> ReviewIndex:
    """The index of a library folder (for callers that do not care where it is stored)."""
    return ReviewIndex(library_root)


__all__ = [
    "Entry",
    "Hit",
    "RefreshResult",
    "ReviewIndex",
    "SearchSyntaxError",
    "default_db_path",
    "fts_query",
    "open_index",
]
