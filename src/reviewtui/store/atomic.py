"""Small-file persistence: reads that never block or write, atomic writes through symlinks, a
lock for read-modify-write that leaves nothing behind, and corrupt files set aside rather than
lost."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from reviewtui.store.read_only import READ_ONLY_MESSAGE, is_read_only

MAX_STATE_BYTES = 16 * 1024 * 1024
"""Far above any bookmarks, positions or config file; a bigger file is not one of ours."""


class StateFileError(OSError):
    """A state file that cannot be read or written, said in one line naming the file."""


class ReadOnlySession(StateFileError):
    """A state file change refused because this session is read-only (`reviewtui serve`
    without --allow-writes). Its one line is about the session, not a file."""

    def __init__(self) -> None:
        super().__init__(READ_ONLY_MESSAGE)


def os_reason(error: OSError) -> str:
    """An OS error as a person reads it, without the errno and path Python adds."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied" if error.errno != errno.EROFS else "read-only file system"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOSPC:
        return "no space left on the disk"
    return error.strerror or str(error)


def read_state_file(path: Path) -> bytes | None:
    """The bytes of a state file, or None when there is none. Never blocks (a FIFO in its place)
    and never needs write access; StateFileError says why a file cannot be read."""
    try:
        # Non-blocking, so a FIFO cannot hang us; then only regular files are read.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StateFileError(f"{path}: cannot be read ({os_reason(error)})") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe, device or socket"
            raise StateFileError(f"{path}: cannot be read (it is {kind}, not a file)")
        if info.st_size > MAX_STATE_BYTES:
            raise StateFileError(f"{path}: cannot be read (too large: {info.st_size} bytes)")
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return handle.read(MAX_STATE_BYTES + 1)
    except StateFileError:
        raise
    except OSError as error:
        raise StateFileError(f"{path}: cannot be read ({os_reason(error)})") from error
    finally:
        if fd >= 0:
            os.close(fd)


def write_target(path: Path) -> Path:
    """Where writing `path` lands: the file a symlink points to (a config kept in a dotfiles
    repository stays a link), else `path` itself."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def atomic_write_text(path: Path, text: str) -> None:
    """Write through a temp file in the same folder and os.replace it: a killed process leaves
    either the old file or the new one, never a truncated one. A symlink is written through to
    its target. The file is private to the user (0600)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes, *, through_link: bool = True) -> None:
    """`atomic_write_text` for bytes. With through_link False, a symlink at `path` is replaced
    by the file, never written through (a cache record: nothing outside it is ever written)."""
    if through_link:
        path = write_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    remove_stale_temp_files(path)


STALE_TEMP_SECONDS = 600


def remove_stale_temp_files(path: Path) -> None:
    """Temp files a killed writer left beside `path`; old ones only, as a running writer's
    temp file is seconds old."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def lock_path(path: Path) -> Path:
    """The lock of a state file: beside the file it guards (a symlink's target), so two names
    of one file share a lock."""
    target = write_target(path)
    return target.with_name(target.name + ".lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for a read-modify-write of `path`; the lock file is removed when
    it is let go. Only writers lock: a reader sees the old file or the new one whole.

    Every change to a state file (settings, bookmarks, reading places) is made under this
    lock, so this is the one place a read-only session refuses one: ReadOnlySession, before a
    lock file is made or a corrupt file set aside. Caches and imported reviews are written
    without it and are not refused.

    A waiter may get the lock on a file the last holder has just removed, so it checks that
    the file it locked is still the lock file, and tries again if not.
    """
    if is_read_only():
        raise ReadOnlySession
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                current = os.stat(lock)
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(fd)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)  # closing lets go of the lock


def write_error(path: Path, error: OSError) -> StateFileError:
    """A failed save of `path` as one line naming the file and the reason."""
    if isinstance(error, StateFileError):
        return error
    return StateFileError(f"{path}: cannot be saved ({os_reason(error)})")


def set_aside(path: Path, copy_of: bytes | None = None) -> Path:
    """Rename a corrupt file to `name.corrupt-YYYYmmdd-HHMMSS` so nothing is lost; return it.
    Given the file's bytes (`copy_of`), write them there instead and leave the file in place."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    if copy_of is None:
        os.replace(path, target)
    else:
        atomic_write_bytes(target, copy_of)
    return target
