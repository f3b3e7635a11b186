"""The last full check of a library folder, reused for a few seconds by the commands after it.

A full check stats every review file (a quarter of a second at 100,000 reviews). Commands run
one after another (a script, a shell loop) need not repeat it: for `REUSE_SECONDS` after a
full check found the index current, a command reuses it when every folder of the library still
has the stamp it had then (`scan.folder_stamp`: modification and change times, inode, device).
Adding, removing or renaming a file changes its folder's stamp, and so do editors that save by
writing a new file and renaming it over the old one, a change of permissions, and a folder
replaced by a copy. Review links must lead where they did, and the folders they lead into are
stamped too. A file rewritten in
place within those seconds is seen by the first command after them.

The record is a small private file in the cache folder. It is written as a new file put in
place of whatever is there (a link is replaced, never written through); anything wrong with it
(missing, damaged, not a regular file, from another folder, in the future) means a full check.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from reviewtui.library.scan import LINK_STAMP, DigestInChild, folder_stamp, outside_links_followed
from reviewtui.store import paths

REUSE_SECONDS = 5.0
"""How long a full check of the folder is reused by the commands that follow it."""
CLOCK_MARGIN_NS = 2_000_000_000
"""A folder changed this close to the check (or after it) is not trusted: a change in the same
tick of a coarse clock (2 s on FAT) would leave its time as the check saw it."""
_MAGIC = b"reviewtui-folder-check-2"
_LARGEST = 32 * 1024 * 1024
"""Far above the record of a library of 100,000 folders."""


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
    """Where the last check of this library folder is kept: one record for each way links
    out of the library are taken (followed or not: the scan differs)."""
    followed = b"1" if outside_links_followed() else b"0"
    key = paths.sha256_hex(os.fsencode(str(root)) + b"\0" + followed)[:16]
    return paths.cache_dir() / f"check-{key}"


def remember(check: DigestInChild, digest: str) -> None:
    """Keep a full check that found the index current: when it began (wall clock, taken before
    the first folder was looked at), its digest and each folder's stamp."""
    root = check.root
    parts = [_MAGIC, os.fsencode(str(root)), str(check.started_ns).encode(), digest.encode()]
    for folder, stamp in check.folders:
        parts += [os.fsencode(folder), os.fsencode(stamp)]
    # Imported here: a start that only reads the record is quicker without it.
    from reviewtui.store.atomic import atomic_write_bytes

    with contextlib.suppress(OSError):  # only a cache: without it the next check is full
        atomic_write_bytes(record_path(root), b"\0".join(parts), through_link=False)


def recent(root: Path, now_ns: int | None = None) -> Reused | None:
    """The last full check of `root`, when it may stand for a new one; otherwise None."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    data = _read(record_path(root))
    if data is None:
        return None
    parts = data.split(b"\0")
    if len(parts) < 6 or len(parts) % 2 or parts[0] != _MAGIC:
        return None
    try:
        started_ns = int(parts[2])
    except ValueError:
        return None
    if os.fsdecode(parts[1]) != str(root):
        return None
    if not 0 <= now_ns - started_ns <= REUSE_SECONDS * 1_000_000_000:
        return None
    trusted_before = started_ns - CLOCK_MARGIN_NS
    for index in range(4, len(parts), 2):
        path, stamp = os.fsdecode(parts[index]), os.fsdecode(parts[index + 1])
        if stamp.startswith(LINK_STAMP):  # a review link: it must lead where it did
            if os.path.realpath(path) != stamp.removeprefix(LINK_STAMP):
                return None
            continue
        if not stamp or folder_stamp(path) != stamp:
            return None
        try:
            mtime_ns, ctime_ns = (int(field) for field in stamp.split()[:2])
        except ValueError:
            return None
        if max(mtime_ns, ctime_ns) >= trusted_before:
            return None
    return Reused(root, parts[3].decode("ascii", "replace"))


def _read(path: Path) -> bytes | None:
    """The record's bytes: from a regular file of a sensible size only, never through a link
    and never waiting (a FIFO in its place)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LARGEST:
            return None
        return os.read(fd, _LARGEST)
    except OSError:
        return None
    finally:
        os.close(fd)


def forget(root: Path) -> None:
    """Drop the record (a refresh found the folder changed)."""
    with contextlib.suppress(OSError):
        record_path(root).unlink()
