"""The library index: an SQLite (FTS5) cache of every review's metadata and text.

It lives in the cache dir, one file per library (`db`), and is refreshed by file size and
mtime (`refresh`), so a start-up reads only the reviews that changed. It is a cache: an
unreadable, corrupt or outdated file is set aside and rebuilt, never reported as an error.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from reviewtui.core.model import Problem
from reviewtui.index import refresh as refreshing
from reviewtui.index.db import Database, default_db_path, means_damage
from reviewtui.index.records import (
    ENTRY_SELECT,
    SUMMARY_SELECT,
    Entry,
    Hit,
    ProgressCallback,
    RefreshResult,
    SearchSyntaxError,
    entry_rows,
    path_key,
    read_entries,
    stream_rows,
    summary_rows,
    verify_rows,
)
from reviewtui.index.refresh import RefreshPlan
from reviewtui.library.scan import index_root

T = TypeVar("T")
_KEPT = "kept:"
"""The prefix of the keys of what the app keeps with the index (`keep`) in its meta table."""
_LISTING = "WHERE problem IS NULL ORDER BY title_key, path"
_LISTING_AFTER = "WHERE problem IS NULL AND (title_key, path) > (?, ?) ORDER BY title_key, path"
Place = tuple[str, bytes]
"""Where a review comes in the listing: its (title_key, path)."""


class ReviewIndex:
    """The index of one library folder. Safe to use from several threads (one connection each)."""

    def __init__(self, library_root: Path, db_path: Path | None = None) -> None:
        # Absolute, so the stored paths stay the same whatever the working directory.
        self.root = index_root(library_root)
        self.db_path = db_path or default_db_path(self.root)
        self._db = Database(self.db_path, self.root, verify_rows)

    @property
    def on_disk(self) -> bool:
        """False when the cache folder could not hold the index and it lives in memory."""
        return self._db.on_disk

    def _connect(self) -> sqlite3.Connection:
        return self._db.connect()

    def _rebuild_on_error(self, action: Callable[[], T], *, refill: bool) -> T:
        """Run action; if the database turns out corrupt, start afresh and run it once more."""
        try:
            return action()
        except SearchSyntaxError:
            raise
        except Exception as error:
            if not means_damage(error):
                raise  # busy, locked, out of disk: the index is fine, the moment is not
            self._db.start_afresh()
            if refill:
                self._refresh()
            return action()

    def close(self) -> None:
        self._db.close()

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
        result.rebuilt, self._db.rebuilt = self._db.rebuilt, False
        return result

    def _refresh(
        self, progress: ProgressCallback | None = None, plan: RefreshPlan | None = None
    ) -> RefreshResult:
        connection = self._connect()
        with self._db.writing():
            return refreshing.carry_out(
                connection, plan or refreshing.make_plan(connection, self.root), progress
            )

    def plan(self) -> RefreshPlan:
        """What a refresh would do now (a scan of the folder; nothing is read or written)."""
        return self._rebuild_on_error(
            lambda: refreshing.make_plan(self._connect(), self.root), refill=False
        )

    def scan_matches(self, digest: str) -> bool:
        """Whether a folder scan with this `files_digest` finds the folder as the last complete
        refresh left it (then a refresh would read nothing)."""
        return self._rebuild_on_error(
            lambda: refreshing.stored_digest(self._connect()) == digest, refill=False
        )

    # -- reading ---------------------------------------------------------------------------

    def entries(self, offset: int = 0, limit: int | None = None) -> list[Entry]:
        """The reviews that loaded, sorted by title then path (a page of them with limit:
        a first screen needs only its first rows)."""
        return self._rebuild_on_error(
            lambda: read_entries(
                self._connect(),
                f"{_LISTING} LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset),
            ),
            refill=True,
        )

    def entries_titled(self, title: str) -> list[Entry]:
        """The reviews titled exactly `title` (case aside), through the index on titles: one
        review looked up in a library of any size without listing it."""
        return self._rebuild_on_error(
            lambda: read_entries(
                self._connect(),
                "WHERE problem IS NULL AND title_key = ? ORDER BY path",
                (title.casefold(),),
            ),
            refill=True,
        )

    def iter_entries(self) -> Iterator[Entry]:
        """Every review that loaded, as `entries()` lists them, read from the index as they are
        used: a listing of any size in constant memory."""

        def listing(after: Place | None) -> Iterator[tuple[Place, Entry]]:
            entries = self._listing(ENTRY_SELECT, entry_rows, after)
            return (((entry.title.casefold(), entry.row.path), entry) for entry in entries)

        return self._resumed(listing)

    def iter_summaries(self) -> Iterator[dict[str, object]]:
        """`summary()` of every entry `iter_entries` gives, read from the few columns a
        summary shows (what `list --json` prints)."""
        return self._resumed(lambda after: self._listing(SUMMARY_SELECT, summary_rows, after))

    def _listing(
        self,
        select: str,
        factory: Callable[[sqlite3.Cursor, tuple[object, ...]], T],
        after: Place | None,
    ) -> Iterator[T]:
        where, parameters = (_LISTING, ()) if after is None else (_LISTING_AFTER, after)
        return stream_rows(self._connect(), select, factory, where, parameters)

    def _resumed(self, listing: Callable[[Place | None], Iterator[tuple[Place, T]]]) -> Iterator[T]:
        """The items of a listing, read in order of their places; damage met half-way is
        rebuilt once, and the listing goes on after the last item given."""
        after: Place | None = None
        rebuilt = False
        while True:
            try:
                for place, item in listing(after):
                    yield item
                    after = place
                return
            except Exception as error:
                if rebuilt or not means_damage(error):
                    raise
                rebuilt = True
                self._db.start_afresh()
                self._refresh()

    def problems(self) -> list[Problem]:
        """Files of the library that could not be read, with the reason (from the last refresh)."""
        return self._rebuild_on_error(lambda: refreshing.problems(self._connect()), refill=True)

    def entry(self, path: Path) -> Entry | None:
        found = self._rebuild_on_error(
            lambda: read_entries(
                self._connect(), "WHERE path = ? AND problem IS NULL", (path_key(path),)
            ),
            refill=True,
        )
        return found[0] if found else None

    def __len__(self) -> int:
        return self._rebuild_on_error(self._count, refill=True)

    def _count(self) -> int:
        # Counted through the two small indexes: a WHERE on the table itself reads every row
        # (a tenth of a second at 10,000 reviews when not cached), before a first screen.
        row = self._connect().execute(
            "SELECT (SELECT count(*) FROM reviews)"
            " - (SELECT count(*) FROM reviews WHERE problem IS NOT NULL)"
        )
        count: int = row.fetchone()[0]
        return count

    # -- what the app keeps with the index ---------------------------------------------------

    def kept(self, key: str) -> object:
        """What the app last kept under `key` (`keep`); None when nothing is, or it cannot
        be read. Hints for its next start, gone with the index as a cache's contents are."""
        try:
            row = (
                self._connect()
                .execute("SELECT value FROM meta WHERE key = ?", (_KEPT + key,))
                .fetchone()
            )
            return None if row is None else json.loads(row[0])
        except (sqlite3.Error, TypeError, ValueError):
            return None

    def keep(self, key: str, value: object) -> None:
        """Keep a small JSON value with the index under `key`, in place of the last one."""
        connection = self._connect()
        with self._db.writing(), connection:
            connection.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                (_KEPT + key, json.dumps(value)),
            )

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, offset: int = 0) -> list[Hit]:
        """Reviews matching query, best first, each at the section where it matches best
        (the `limit` that follow the `offset` best ones).

        Plain words match as word prefixes, all of them required. A query with FTS5 syntax
        (quotes, `*`, `OR`, `NOT`, `NEAR`, `title:`/`heading:`/`body:`) is used as such.
        """
        # The search modules load with the first search: a first screen does not need them.
        from reviewtui.index.query import fts_query

        expression = fts_query(query)
        if expression is None:
            return []
        return self._rebuild_on_error(
            lambda: self._search(expression, query, limit, offset), refill=True
        )

    def _search(self, expression: str, query: str, limit: int, offset: int) -> list[Hit]:
        from reviewtui.index import search as searching

        return searching.search(self._connect(), expression, query, limit, offset)

    def more_like_this(self, path: Path, limit: int = 5) -> list[Entry]:
        """Other reviews that share this one's distinctive words and genres.

        Reviews already among its comparables (by title) and the review itself are left out.
        """
        from reviewtui.index import similar

        return self._rebuild_on_error(
            lambda: similar.more_like_this(self._connect(), path, limit), refill=True
        )
