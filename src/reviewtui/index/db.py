"""The index's SQLite file: its schema, one connection per thread, and starting it afresh.

It is a cache: an unreadable, corrupt or outdated file is deleted and rebuilt, never
reported as an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from pathlib import Path

from reviewtui.store import paths

SCHEMA_VERSION = 3
# bm25 weights of the FTS columns: title, section headings (one per line), text.
WEIGHTS = (10.0, 5.0, 1.0)

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value);
-- Paths are the file system's bytes (os.fsencode): a name that is not UTF-8 is kept as it is.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    path BLOB UNIQUE NOT NULL,
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
INSERT INTO texts(texts, rank) VALUES ('rank', 'bm25({", ".join(map(str, WEIGHTS))})');
-- Fewer merges while a large library is first indexed, for a few more segments to read, and
-- pages twice the default size: a first build of 10,000 reviews writes a fifth faster, and a
-- search reads as fast.
INSERT INTO texts(texts, rank) VALUES ('automerge', 16);
INSERT INTO texts(texts, rank) VALUES ('pgsz', 8000);
CREATE VIRTUAL TABLE terms USING fts5vocab(texts, 'row');
PRAGMA user_version = {SCHEMA_VERSION};
"""


def default_db_path(library_root: Path) -> Path:
    resolved = str(Path(library_root).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return paths.cache_dir() / f"index-{digest}.sqlite3"


def means_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether an error says the index file is damaged or of a schema this code does not know
    (rather than busy, locked or on a full disk)."""
    if not isinstance(error, sqlite3.OperationalError):
        return True  # "database disk image is malformed", "file is not a database"
    return str(error).startswith("no such")  # table or column: another schema


class Database:
    """The index file of one library, or an in-memory stand-in when the cache folder cannot
    hold it. Safe to use from several threads (one connection each)."""

    def __init__(self, db_path: Path, library_root: Path) -> None:
        self.path = db_path
        self.library_root = library_root
        self._lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[tuple[int, sqlite3.Connection]] = []
        """Every open connection, with the thread that owns it."""
        self._generation = 0
        self._memory_uri: str | None = None
        self.rebuilt = False
        """Set when the file was found unusable and started afresh (until a refresh says so)."""
        self._prepare()

    @property
    def on_disk(self) -> bool:
        """False when the cache folder could not hold the index and it lives in memory."""
        return self._memory_uri is None

    def _prepare(self) -> None:
        """Open the file, or start it afresh when it is unusable."""
        try:
            self._check(self.connect())
        except (sqlite3.DatabaseError, OSError):
            self.discard()
            self.rebuilt = True
            try:
                self._check(self.connect())
            except (sqlite3.DatabaseError, OSError):
                # The cache dir cannot hold the index: keep it in memory for this run.
                self.discard()
                digest = hashlib.sha256(str(self.path).encode()).hexdigest()[:16]
                self._memory_uri = f"file:reviewtui-{digest}-{id(self)}?mode=memory&cache=shared"
                self._check(self.connect())

    def _check(self, connection: sqlite3.Connection) -> None:
        """Accept a file of this schema; fill an empty one; refuse anything else."""
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
                "INSERT INTO meta(key, value) VALUES ('library', ?)",
                (os.fsencode(self.library_root.resolve()),),
            )

    def start_afresh(self) -> None:
        """Delete the damaged file and open an empty one in its place."""
        self.discard()
        self.rebuilt = True
        self._check(self.connect())

    def connect(self) -> sqlite3.Connection:
        """The calling thread's connection."""
        local = self._local
        if getattr(local, "generation", None) == self._generation and local.connection:
            connection: sqlite3.Connection = local.connection
            return connection
        if self._memory_uri is not None:
            connection = sqlite3.connect(self._memory_uri, uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            # A cache: a power cut may cost the index (rebuilt on next start), never a review.
            connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-8000")
        with self._lock:
            self._connections.append((threading.get_ident(), connection))
        local.connection = connection
        local.generation = self._generation
        return connection

    def release(self) -> None:
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

    def discard(self) -> None:
        """Close every connection and delete the index file and its journals."""
        self.release()
        if self._memory_uri is None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink()
