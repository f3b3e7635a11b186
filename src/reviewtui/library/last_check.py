"""The last full check of a library folder, reused for a few seconds by the commands after it.

A full check stats every review file (a quarter of a second at 100,000 reviews). Commands run
one after another (a script, a shell loop) need not repeat it: for `REUSE_SECONDS` after a
full check found the index current, a command reuses it when every folder of the library
still has the modification time it had then. Adding, removing or renaming a file changes its
folder's time, and so do editors that save by writing a new file and renaming it over the old
one. A file rewritten in place within those seconds is seen by the first command after them.

The record is a small private file in the cache folder, written atomically. Anything wrong
with it (missing, damaged, from another folder, in the future) means a full check.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from pathlib import Path

from reviewtui.library.scan import DigestInChild
from reviewtui.store import paths

REUSE_SECONDS = 5.0
"""How long a full check of the folder is reused by the commands that follow it."""
CLOCK_MARGIN_NS = 2_000_000_000
"""A folder changed this close to the check (or after it) is not trusted: a change in the same
tick of a coarse clock (2 s on FAT) would leave its time as the check saw it."""
_MAGIC = b"reviewtui-folder-check-1"
_LARGEST = 64 * 1024 * 1024


class Reused:
    """A full check taken again: what `DigestInChild` answers, without a scan."""

    def __init__(self, root: Path, digest: str) -> None:
        self.root = root
        self.digest = digest
        self.unreadable: list[tuple[str, str]] = []

    def result(self, timeout: float = 0.0) -> str:
        return self.digest

    def stop(self) -> None:
        """Nothing runs: there is nothing to stop."""


FolderCheck = DigestInChild | Reused
"""A check of the library folder: a scan in a child process, or the last one reused."""


def record_path(root: Path) -> Path:
    """Where the last check of this library folder is kept."""
    key = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:16]
    return paths.cache_dir() / f"check-{key}"


def remember(check: DigestInChild, digest: str) -> None:
    """Keep a full check that found the index current: when it began (wall clock, taken before
    the first folder was looked at), its digest and each folder's modification time."""
    root = check.root
    parts = [_MAGIC, os.fsencode(str(root)), str(check.started_ns).encode(), digest.encode()]
    for folder, mtime_ns in check.folders:
        parts += [os.fsencode(folder), str(mtime_ns).encode()]
    # Imported here: a start that only reads the record is quicker without it.
    from reviewtui.store.atomic import atomic_write_bytes

    with contextlib.suppress(OSError):  # only a cache: without it the next check is full
        atomic_write_bytes(record_path(root), b"\0".join(parts))


def recent(root: Path, now_ns: int | None = None) -> Reused | None:
    """The last full check of `root`, when it may stand for a new one; otherwise None."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    try:  # without blocking (a FIFO in its place), and only from a regular file
        fd = os.open(record_path(root), os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, _LARGEST + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    parts = data.split(b"\0")
    if len(data) > _LARGEST or len(parts) < 4 or len(parts) % 2 or parts[0] != _MAGIC:
        return None
    try:
        started_ns = int(parts[2])
        folders = [(os.fsdecode(parts[i]), int(parts[i + 1])) for i in range(4, len(parts), 2)]
    except ValueError:
        return None
    if os.fsdecode(parts[1]) != str(root) or not folders:
        return None
    if not 0 <= now_ns - started_ns <= REUSE_SECONDS * 1_000_000_000:
        return None
    for folder, mtime_ns in folders:
        try:
            now_mtime = os.stat(folder).st_mtime_ns
        except OSError:
            return None
        if now_mtime != mtime_ns or mtime_ns >= started_ns - CLOCK_MARGIN_NS:
            return None
    return Reused(root, parts[3].decode("ascii", "replace"))


def forget(root: Path) -> None:
    """Drop the record (a refresh found the folder changed)."""
    with contextlib.suppress(OSError):
        record_path(root).unlink()
