"""The library index: an SQLite (FTS5) cache of every review's metadata and text.

It lives in the cache dir, one file per library, and is refreshed by file size and mtime, so
a start-up reads only the reviews that changed. It is a cache: an unreadable, corrupt or
outdated file is deleted and rebuilt, never reported as an error.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import itertools
import json
import math
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from reviewtui.core.model import Problem, listing_summary, meta_line
from reviewtui.index.query import (
    Passages,
    SearchSyntaxError,
    fts_query,
    query_terms,
    syntax_message,
)
from reviewtui.index.reading import Record, ToRead, batches, load_in_background
from reviewtui.library.scan import files_digest, index_root, scan_review_files
from reviewtui.store import paths

SCHEMA_VERSION = 2
_BATCH = 200
_IDS_AT_ONCE = 500
"""Row ids in one `IN (...)` list: well below SQLite's limit on a statement's parameters."""
# bm25 weights of the FTS columns: title, section headings (one per line), text.
_WEIGHTS = (10.0, 5.0, 1.0)
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
        return meta_line(self.year, self.platform, self.kind, self.rating)

    def summary(self) -> dict[str, object]:
        """The same fields as `Review.summary()`."""
        return listing_summary(self)


def _strings(value: str | None) -> list[str]:
    decoded = json.loads(value) if value else []
    return [str(item) for item in decoded] if isinstance(decoded, list) else []


@dataclass(frozen=True)
class Hit:
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
    outline TEXT,
    problem TEXT,
    problem_line INTEGER
);
CREATE INDEX reviews_title ON reviews(title_key);
CREATE INDEX reviews_problems ON reviews(path) WHERE problem IS NOT NULL;
-- One row per review (rowid = reviews.id): ranking ten thousand rows, not one per section,
-- keeps a search of a common word fast; the section of a hit is found from the outline.
CREATE VIRTUAL TABLE texts USING fts5(
    title, heading, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO texts(texts, rank) VALUES ('rank', 'bm25({", ".join(map(str, _WEIGHTS))})');
-- Fewer merges while a large library is first indexed, for a few more segments to read, and
-- pages twice the default size: a first build of 10,000 reviews writes a fifth faster, and a
-- search reads as fast.
INSERT INTO texts(texts, rank) VALUES ('automerge', 16);
INSERT INTO texts(texts, rank) VALUES ('pgsz', 8000);
CREATE VIRTUAL TABLE terms USING fts5vocab(texts, 'row');
PRAGMA user_version = {SCHEMA_VERSION};
"""


class ReviewIndex:
    """The index of one library folder. Safe to use from several threads (one connection each)."""

    def __init__(self, library_root: Path, db_path: Path | None = None) -> None:
        # Absolute, so the stored paths stay the same whatever the working directory.
        self.root = index_root(library_root)
        self.db_path = db_path or default_db_path(self.root)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[tuple[int, sqlite3.Connection]] = []
        """Every open connection, with the thread that owns it."""
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
        if version == SCHEMA_VERSION and {"reviews", "texts", "meta"} <= tables:
            connection.execute("SELECT 1 FROM reviews LIMIT 1").fetchone()
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
            self._connections.append((threading.get_ident(), connection))
        local.connection = connection
        local.generation = self._generation
        return connection

    def _release_connections(self) -> None:
        """Retire every connection: threads open new ones on their next use.

        Only the calling thread's own connection is closed here: closing one that another
        thread is using crashes the interpreter, so those are left to close when their thread
        lets go of them.
        """
        me = threading.get_ident()
        with self._lock:
            for owner, connection in self._connections:
                if owner == me:
                    with contextlib.suppress(sqlite3.Error):
                        connection.close()
            self._connections.clear()
            self._generation += 1

    def _discard(self) -> None:
        """Close every connection and delete the index file and its journals."""
        self._release_connections()
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
        except sqlite3.DatabaseError as error:
            if not _means_damage(error):
                raise  # busy, locked, out of disk: the index is fine, the moment is not
            self._discard()
            self.rebuilt = True
            self._check(self._connect())
            if refill:
                self._refresh()
            return action()

    def close(self) -> None:
        self._release_connections()

    def __enter__(self) -> ReviewIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- refresh ---------------------------------------------------------------------------

    def refresh(
        self, progress: ProgressCallback | None = None, plan: RefreshPlan | None = None
    ) -> RefreshResult:
        """Bring the index up to date with the folder, reading only new and changed files.

        progress(done, total) is called with the number of files read so far out of those
        that need reading (first with done == 0).
        """
        # A plan made before the index was found damaged is no good for its rebuilt successor.
        plans = [plan]
        result = self._rebuild_on_error(
            lambda: self._refresh(progress, plans.pop() if plans else None), refill=False
        )
        # Reported once: the refresh that refilled a discarded index says so.
        result.rebuilt, self.rebuilt = self.rebuilt, False
        return result

    def plan(self) -> RefreshPlan:
        """What a refresh would do now (a scan of the folder; nothing is read or written)."""
        return self._rebuild_on_error(self._plan, refill=False)

    def scan_matches(self, digest: str) -> bool:
        """Whether a folder scan with this `files_digest` finds the folder as the last complete
        refresh left it (then a refresh would read nothing)."""

        return self._rebuild_on_error(lambda: self._stored_digest() == digest, refill=False)

    def _stored_digest(self) -> str | None:
        """The `files_digest` of the folder when a refresh last completed."""
        row = self._connect().execute("SELECT value FROM meta WHERE key = 'files'").fetchone()
        return str(row[0]) if row is not None else None

    @property
    def on_disk(self) -> bool:
        """False when the cache folder could not hold the index and it lives in memory."""
        return self._memory_uri is None

    def _plan(self) -> RefreshPlan:
        """What a refresh has to do: nothing (`current`) when the folder is as the last complete
        refresh left it."""
        connection = self._connect()
        scanned = scan_review_files(self.root) if self.root.is_dir() else []
        digest = files_digest(scanned)
        if self._stored_digest() == digest:
            return RefreshPlan(digest, current=True, unchanged=len(scanned))
        known: dict[str, tuple[int, int, int]] = {
            row[0]: (row[1], row[2], row[3])
            for row in connection.execute("SELECT path, id, size, mtime_ns FROM reviews")
        }
        plan = RefreshPlan(digest)
        seen: set[str] = set()
        for key, size, mtime in scanned:
            seen.add(key)
            old = known.get(key)
            if old is not None and old[1] == size and old[2] == mtime and size >= 0:
                plan.unchanged += 1
                continue
            plan.to_read.append((Path(key), size, mtime, old[0] if old else None))
        plan.gone = [ids[0] for key, ids in known.items() if key not in seen]
        return plan

    def _refresh(
        self, progress: ProgressCallback | None = None, plan: RefreshPlan | None = None
    ) -> RefreshResult:
        connection = self._connect()
        result = RefreshResult()
        plan = plan or self._plan()
        result.unchanged = plan.unchanged
        if plan.current:
            if progress is not None:
                progress(0, 0)
            result.problems = self._problems()
            return result
        to_read, gone, digest = plan.to_read, plan.gone, plan.digest
        if gone:
            with connection:
                for review_id in gone:
                    self._delete(connection, review_id)
            result.removed = len(gone)
        if progress is not None:
            progress(0, len(to_read))
        done = 0
        for batch in batches(load_in_background(to_read), _BATCH):
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
        with connection:  # only now: a refresh stopped half-way is taken up again next time
            connection.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('files', ?)", (digest,)
            )
        result.problems = self._problems()
        return result

    @staticmethod
    def _delete(connection: sqlite3.Connection, review_id: int) -> None:
        connection.execute("DELETE FROM texts WHERE rowid = ?", (review_id,))
        connection.execute("DELETE FROM reviews WHERE id = ?", (review_id,))

    @staticmethod
    def _store(
        connection: sqlite3.Connection, path: Path, size: int, mtime: int, record: Record
    ) -> None:
        problem, meta, text = record
        if problem is not None:
            connection.execute(
                "INSERT INTO reviews(path, size, mtime_ns, problem, problem_line)"
                " VALUES (?, ?, ?, ?, ?)",
                (str(path), size, mtime, *problem),
            )
            return
        cursor = connection.execute(
            "INSERT INTO reviews(path, size, mtime_ns, title, title_key, year, kind, platform,"
            " genres, rating, comparables, sections, spoilers, warnings, outline)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(path), size, mtime, *(meta or ())),
        )
        headings, body = text or ("", "")
        connection.execute(
            "INSERT INTO texts(rowid, title, heading, body) VALUES (?, ?, ?, ?)",
            (cursor.lastrowid, meta[0] if meta else "", headings, body),
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
        # Counted through the two small indexes: a WHERE on the table itself reads every row
        # (a tenth of a second at 10,000 reviews when not cached), before a first screen.
        row = self._connect().execute(
            "SELECT (SELECT count(*) FROM reviews)"
            " - (SELECT count(*) FROM reviews WHERE problem IS NOT NULL)"
        )
        count: int = row.fetchone()[0]
        return count

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, offset: int = 0) -> list[Hit]:
        """Reviews matching query, best first, each at the section where it matches best
        (the `limit` that follow the `offset` best ones).

        Plain words match as word prefixes, all of them required. A query with FTS5 syntax
        (quotes, `*`, `OR`, `NOT`, `NEAR`, `title:`/`heading:`/`body:`) is used as such.
        """
        expression = fts_query(query)
        if expression is None:
            return []
        return self._rebuild_on_error(
            lambda: self._search(expression, query, limit, offset), refill=True
        )

    def _search(self, expression: str, query: str, limit: int, offset: int) -> list[Hit]:
        connection = self._connect()
        try:
            # Ties go by rowid, so that pages follow on; and SQLite then keeps only the best
            # `limit` rows as it goes, where `ORDER BY rank` alone sorts every match.
            ranked = connection.execute(
                "SELECT rowid, rank FROM texts WHERE texts MATCH ?"
                " ORDER BY rank, rowid LIMIT ? OFFSET ?",
                (expression, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise SearchSyntaxError(syntax_message(query, error)) from error
        if not ranked:
            return []
        # Snippets are cut here rather than by FTS5's snippet(): that would run the whole
        # query again for every hit, which costs milliseconds each in a large library.
        found: dict[int, tuple[Any, ...]] = {}
        ids = [rowid for rowid, _ in ranked]
        for start in range(0, len(ids), _IDS_AT_ONCE):
            chunk = ids[start : start + _IDS_AT_ONCE]
            for row in connection.execute(
                "SELECT r.id, r.title, r.path, r.sections, r.outline, t.heading, t.body"
                " FROM reviews r JOIN texts t ON t.rowid = r.id"
                f" WHERE r.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                found[row[0]] = row[1:]
        terms = query_terms(query)
        hits = []
        for rowid, rank in ranked:
            if rowid in found:
                hits.append(_hit(*found[rowid], terms=terms, score=-rank))
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
            for other, rank in connection.execute(
                "SELECT rowid, rank FROM texts WHERE texts MATCH ? ORDER BY rank, rowid LIMIT ?",
                (expression, limit * 8 + 1),
            ):
                if other != review_id:
                    scores[other] = -rank
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
        """The review's words weighted by tf-idf over the library, best first (words of its
        spoiler sections left out)."""
        row = connection.execute(
            "SELECT t.body, r.outline FROM texts t JOIN reviews r ON r.id = t.rowid"
            " WHERE t.rowid = ?",
            (review_id,),
        ).fetchone()
        if row is None:
            return []
        body, outline = row
        counts: dict[str, int] = {}
        read = 0
        for start, end, spoiler in _parts(_outline(outline), len(body)):
            if spoiler:
                continue
            for word in _LIKE_TERM.findall(body[start:end].casefold()):
                counts[word] = counts.get(word, 0) + 1
            read += end - start
            if read > 200_000:  # a huge review's first part says enough
                break
        if not counts:
            return []
        # The FTS5 shadow table of row sizes counts rows without reading any text.
        total = connection.execute("SELECT count(*) FROM texts_docsize").fetchone()[0] or 1
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


@dataclass
class RefreshPlan:
    """What a refresh has to do (from `ReviewIndex.plan`), to be given to `refresh`."""

    digest: str
    current: bool = False
    """The folder is as the last complete refresh left it: nothing to do."""
    unchanged: int = 0
    to_read: list[ToRead] = field(default_factory=list)
    gone: list[int] = field(default_factory=list)
    """Index ids of reviews whose files are gone."""


def _means_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether an error says the index file is damaged or of a schema this code does not know
    (rather than busy, locked or on a full disk)."""
    if not isinstance(error, sqlite3.OperationalError):
        return True  # "database disk image is malformed", "file is not a database"
    return str(error).startswith("no such")  # table or column: another schema


def _entry(row: Sequence[Any]) -> Entry:
    return Entry(row)


def _outline(value: str | None) -> list[tuple[int, int]]:
    decoded = json.loads(value) if value else []
    return [(int(start), int(spoiler)) for start, spoiler in decoded]


def _parts(outline: list[tuple[int, int]], length: int) -> list[tuple[int, int, int]]:
    """(start, end, spoiler) of the text before the first section, then of each section."""
    starts = [0] + [start for start, _ in outline]
    ends = [start - 1 for start, _ in outline] + [length]
    spoilers = [0] + [spoiler for _, spoiler in outline]
    return list(zip(starts, ends, spoilers, strict=True))


def _hit(
    title: str,
    path: str,
    sections_json: str,
    outline_json: str,
    headings: str,
    body: str,
    *,
    terms: list[str],
    score: float,
) -> Hit:
    """A search result at the review's part where the query's words are best found: the part
    with the most different words (in its text or heading), then the most matches; a part
    outside the spoiler sections whenever one matches."""
    passages = Passages(body, terms)
    parts = _parts(_outline(outline_json), len(body))
    names = [""] + _strings(sections_json)
    in_heading: list[set[str]] = [set() for _ in names]
    line_starts = list(itertools.accumulate((len(n) + 1 for n in names[1:-1]), initial=0))
    for start, _, term in Passages(headings, terms).matches(0, len(headings)):
        in_heading[bisect.bisect_right(line_starts, start)].add(term)
    part_starts = [start for start, _, _ in parts]
    matched = {number for number, named in enumerate(in_heading) if named}
    for start, _, _ in passages.matches(0, len(body), limit=len(body)):
        matched.add(bisect.bisect_right(part_starts, start) - 1)
    best: tuple[Any, ...] = (False, 0, 0, 0, 0)  # nothing found: the start of the review
    for number in matched:
        start, end, spoiler = parts[number]
        (different, count), _ = passages.best(start, end)
        named = len(in_heading[number])
        best = max(best, (not spoiler, max(different, named), named, count, -number))
    number = -best[-1]
    start, end, spoiler = parts[number]
    highlights: list[tuple[int, int]] = []
    if spoiler:
        snippet = "(a spoiler section: its text is not shown here)"
    else:
        snippet, highlights = passages.snippet(start, end)
    return Hit(
        title=title,
        path=Path(path),
        section=names[number] or None,
        section_index=number - 1 if number else None,
        snippet=snippet,
        highlights=highlights,
        score=score,
        spoiler=bool(spoiler),
    )


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
    "scan_review_files",
]
