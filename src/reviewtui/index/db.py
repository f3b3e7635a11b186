"""The index's SQLite file: its schema, one connection per thread, and starting it afresh.

It is a cache: an unreadable, corrupt or outdated file is set aside and rebuilt, never
reported as an error.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from reviewtui.index.records import IndexDamaged
from reviewtui.index.usage import LeftAs, UseRecord
from reviewtui.store import paths

SCHEMA_VERSION = 6
# 4: inline spoilers left out of the searchable text; 5: the reviews' tags; 6: the listing's
# index holds a summary's columns. An older index is rebuilt.
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
    tags TEXT,
    rating REAL,
    comparables TEXT,
    sections TEXT,
    spoilers TEXT,
    warnings TEXT,
    outline TEXT,
    problem TEXT,
    problem_line INTEGER,
    checksum INTEGER
);
-- In listing order: a listing walks it, and streams without sorting the whole library first.
-- In listing order, with what a summary shows: `list --json` reads this index alone.
CREATE INDEX reviews_title
    ON reviews(title_key, path, title, year, kind, platform, genres, rating, problem);
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
    digest = paths.sha256_hex(resolved.encode("utf-8", "surrogatepass"))[:16]
    return paths.cache_dir() / f"index-{digest}.sqlite3"


_PASSING = ("BUSY", "LOCKED", "FULL", "IOERR", "READONLY", "INTERRUPT", "NOMEM", "CANTOPEN")
"""SQLite's names for the errors that say the moment is bad, not the file."""


def means_damage(error: Exception) -> bool:
    """Whether an error met while reading the index says the file is damaged or of a schema
    this code does not know (rather than busy, locked or on a full disk): then it is set
    aside and rebuilt, as SQLite advises for a cache."""
    if isinstance(error, IndexDamaged):
        return True
    if isinstance(error, sqlite3.DatabaseError):
        if isinstance(error, sqlite3.ProgrammingError | sqlite3.InterfaceError):
            return False  # a closed connection or a wrong parameter: this code, not the file
        if isinstance(error, sqlite3.IntegrityError):
            return False  # another process refreshing at the same moment
        name = getattr(error, "sqlite_errorname", None)
        if name is not None:
            return not name.removeprefix("SQLITE_").startswith(_PASSING)
        # No code: raised by Python (a text that does not decode), or by a caller's words.
        message = str(error)
        return message.startswith("Could not decode") or not any(
            word.lower() in message.lower() for word in _PASSING
        )
    # A value that does not decode as what was written (a JSON list, an outline).
    return isinstance(error, ValueError | TypeError | AttributeError | LookupError)


def schema_intact(connection: sqlite3.Connection) -> bool:
    """Whether the tables are the kind this code made (the text table a full-text one)."""
    kinds = dict(
        connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE name IN ('reviews', 'texts', 'meta', 'terms')"
        ).fetchall()
    )
    return (
        len(kinds) == 4
        and str(kinds["texts"]).startswith("CREATE VIRTUAL TABLE texts USING fts5(")
        and str(kinds["terms"]).startswith("CREATE VIRTUAL TABLE terms USING fts5vocab(")
    )


class Database:
    """The index file of one library, or an in-memory stand-in when the cache folder cannot
    hold it. Safe to use from several threads (one connection each)."""

    def __init__(
        self,
        db_path: Path,
        library_root: Path,
        verify_rows: Callable[[sqlite3.Connection], None] | None = None,
    ) -> None:
        self.path = db_path
        self.library_root = library_root
        self._verify_rows = verify_rows
        self._lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[tuple[int, sqlite3.Connection]] = []
        """Every open connection, with the thread that owns it."""
        self._generation = 0
        self._memory_uri: str | None = None
        self._use = UseRecord(db_path)
        self._writers = 0
        """Refreshes under way, in any thread: the file is not as a close would record it."""
        self.rebuilt = False
        """Set when the file was found unusable and started afresh (until a refresh says so)."""
        self._prepare()

    @property
    def on_disk(self) -> bool:
        """False when the cache folder could not hold the index and it lives in memory."""
        return self._memory_uri is None

    def _prepare(self) -> None:
        """Open the file, or start it afresh when it is unusable."""
        left = self._use.begin() if self.on_disk else LeftAs.CLEAN
        try:
            connection = self.connect()
            self._check(connection)
            self._verify(connection, left)
        except (sqlite3.DatabaseError, OSError, ValueError):  # ValueError: a message in bad UTF-8
            self.discard(set_aside=True)
            self.rebuilt = True
            try:
                self._check(self.connect())
            except (sqlite3.DatabaseError, OSError):
                # The cache dir cannot hold the index: keep it in memory for this run.
                self.discard()
                self._use.end(clean=False)
                digest = paths.sha256_hex(str(self.path).encode())[:16]
                self._memory_uri = f"file:reviewtui-{digest}-{id(self)}?mode=memory&cache=shared"
                self._check(self.connect())

    def _verify(self, connection: sqlite3.Connection, left: LeftAs) -> None:
        """Nothing for a file as its clean close left it, or in another program's hands. After
        a program ended without closing it, SQLite's quick check of its structure; a file changed
        behind the index's back has every row checked against what was written, and the
        full-text index against its text."""
        if not schema_intact(connection):
            raise IndexDamaged("the index's tables are not the ones it made")
        if left in (LeftAs.CLEAN, LeftAs.IN_USE):
            return
        check = "quick_check" if left is LeftAs.UNCLEAN else "integrity_check"
        found = connection.execute(f"PRAGMA {check}").fetchall()
        if found != [("ok",)]:
            raise IndexDamaged(f"{check}: {found[:3]}")
        if left is LeftAs.CHANGED:
            # (A command written as an INSERT: Python opens a transaction for it, which held
            # the file's write lock until this connection closed; every other thread's write
            # waited for it, and failed with "database is locked".)
            with connection:
                connection.execute("INSERT INTO texts(texts) VALUES ('integrity-check')")
            if self._verify_rows is not None:
                self._verify_rows(connection)

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
        """Set the damaged file aside and open an empty one in its place."""
        self.discard(set_aside=True)
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
            with contextlib.suppress(OSError):
                # Private from its first byte (it holds the reviews' text); SQLite gives its
                # -wal and -shm files the same mode.
                os.close(os.open(self.path, os.O_CREAT | os.O_RDWR | os.O_EXCL, 0o600))
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

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Around a refresh: what a clean close recorded (here or in another program) is no
        longer true, and a close while it runs is not a clean one."""
        with self._lock:
            self._writers += 1
        self._use.forget()
        try:
            yield
        finally:
            with self._lock:
                self._writers -= 1

    def close(self) -> None:
        """Close this thread's connection, and record how the file was left, so that the next
        start can trust it without a check."""
        clean = False
        if self.on_disk:
            with contextlib.suppress(sqlite3.Error, OSError):
                # Everything into the file itself: a connection another thread closes later
                # then finds nothing to write, and the record stays true.
                busy, _, _ = self.connect().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                clean = busy == 0 and not self._writers
        self.release()
        if self.on_disk:
            self._use.end(clean=clean)

    def discard(self, *, set_aside: bool = False) -> None:
        """Close every connection and delete the index file and its journals (set_aside: keep
        the file as `….damaged`, one at a time, for whoever wants to know what happened)."""
        self.release()
        if self._memory_uri is None:
            if set_aside:
                with contextlib.suppress(OSError):
                    self.path.replace(self.path.with_name(f"{self.path.name}.damaged"))
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink()
            self._use.forget()
