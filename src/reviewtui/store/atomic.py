"""Small-file persistence: atomic writes, a lock file for read-modify-write, and corrupt files
set aside rather than lost."""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from reviewtui.store.read_only import is_read_only, refuse_writes_when_read_only


def atomic_write_text(path: Path, text: str) -> None:
    """Write through a temp file in the same folder and os.replace it: a killed process leaves
    either the old file or the new one, never a truncated one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    remove_stale_temp_files(path)


def write_state_file(path: Path, text: str) -> None:
    """Write a state file (settings, bookmarks, reading positions) atomically; a read-only
    session refuses. Caches and imported reviews are written with atomic_write_text."""
    refuse_writes_when_read_only()
    atomic_write_text(path, text)


STALE_TEMP_SECONDS = 600


def remove_stale_temp_files(path: Path) -> None:
    """Temp files a killed writer left beside `path`; old ones only, as a running writer's
    temp file is seconds old."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside `path` (path + ".lock") for a read-modify-write."""
    if is_read_only():
        # This session writes nothing and writers replace files whole, so a read needs no lock
        # (and no lock file is made).
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def set_aside(path: Path) -> Path:
    """Rename a corrupt file to `name.corrupt-YYYYmmdd-HHMMSS` so nothing is lost; return it."""
    refuse_writes_when_read_only()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    return target
