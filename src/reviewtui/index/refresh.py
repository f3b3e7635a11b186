"""Bringing the index up to date with the folder: by file size and mtime, so that a start-up
reads only the reviews that changed."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.core.model import Problem
from reviewtui.index.reading import Record, ToRead, batches, load_in_background
from reviewtui.index.records import (
    INSERT_ROW,
    ProgressCallback,
    RefreshResult,
    StoredReview,
    checksum,
    path_key,
    storable,
    stored_path,
)
from reviewtui.library.scan import files_digest, scan_review_files

_BATCH = 200
_BIG_REFRESH = 2_000
"""Files to read from which a refresh gives SQLite a bigger page cache..."""
_BIG_CACHE_KB = 32_768
"""...of this many KB (the default is 8 MB; 32 MB keeps a 100,000-review build under 250 MB)."""


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
    root: Path | None = None
    """The library folder, which a link out of it is judged against when its file is read."""


def stored_digest(connection: sqlite3.Connection) -> str | None:
    """The `files_digest` of the folder when a refresh last completed."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'files'").fetchone()
    return str(row[0]) if row is not None else None


def make_plan(connection: sqlite3.Connection, root: Path) -> RefreshPlan:
    """What a refresh has to do: nothing (`current`) when the folder is as the last complete
    refresh left it."""
    scanned = scan_review_files(root) if root.is_dir() else []
    digest = files_digest(scanned)
    if stored_digest(connection) == digest:
        return RefreshPlan(digest, current=True, unchanged=len(scanned))
    known: dict[str, tuple[int, int, int]] = {
        os.fsdecode(path): (review_id, size, mtime)
        for path, review_id, size, mtime in connection.execute(
            "SELECT path, id, size, mtime_ns FROM reviews"
        )
    }
    plan = RefreshPlan(digest, root=root)
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


def carry_out(
    connection: sqlite3.Connection, plan: RefreshPlan, progress: ProgressCallback | None
) -> RefreshResult:
    """Do what the plan says: forget the files that are gone, read the new and changed ones."""
    result = RefreshResult(unchanged=plan.unchanged)
    if plan.current:
        if progress is not None:
            progress(0, 0)
        result.problems = problems(connection)
        return result
    if plan.gone:
        with connection:
            for review_id in plan.gone:
                _delete(connection, review_id)
        result.removed = len(plan.gone)
    to_read = plan.to_read
    if progress is not None:
        progress(0, len(to_read))
    if len(to_read) > _BIG_REFRESH:
        # A first build of a big library: the index's pages, written all over as titles and
        # paths come in any order, stay in memory (at 100,000 reviews, twice as fast).
        connection.execute(f"PRAGMA cache_size=-{_BIG_CACHE_KB}")
    done = 0
    for batch in batches(load_in_background(to_read, plan.root), _BATCH):
        with connection:
            for (path, size, mtime, old_id), record in batch:
                if old_id is not None:
                    _delete(connection, old_id)
                    result.changed += 1
                else:
                    result.added += 1
                _store(connection, path, size, mtime, record)
                done += 1
                if progress is not None:
                    progress(done, len(to_read))
    with connection:  # only now: a refresh stopped half-way is taken up again next time
        connection.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('files', ?)", (plan.digest,)
        )
    result.problems = problems(connection)
    return result


def problems(connection: sqlite3.Connection) -> list[Problem]:
    """Files that could not be read, with the reason (from the last refresh)."""
    rows = connection.execute(
        "SELECT path, problem, problem_line FROM reviews WHERE problem IS NOT NULL ORDER BY path"
    )
    return [Problem(stored_path(path), reason, line) for path, reason, line in rows]


def _delete(connection: sqlite3.Connection, review_id: int) -> None:
    connection.execute("DELETE FROM texts WHERE rowid = ?", (review_id,))
    connection.execute("DELETE FROM reviews WHERE id = ?", (review_id,))


def _store(
    connection: sqlite3.Connection, path: Path, size: int, mtime: int, record: Record
) -> None:
    problem, stored, text = record
    reason, line = problem if problem is not None else (None, None)
    values = (
        path_key(path),
        size,
        mtime,
        *(stored or (None,) * len(StoredReview._fields)),
        None if reason is None else storable(reason),
        line,
    )
    cursor = connection.execute(INSERT_ROW, (*values, checksum(values)))
    if stored is None:
        return
    headings, body = text or ("", "")
    connection.execute(
        "INSERT INTO texts(rowid, title, heading, body) VALUES (?, ?, ?, ?)",
        (cursor.lastrowid, stored.title, headings, body),
    )
