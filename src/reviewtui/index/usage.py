"""Small files beside the index file that say who has it open and how its last clean close left
it, so that a start checks the file only when something may have gone wrong with it.

- `NAME-open-PID-N`: one per open index, removed by its clean close. One left by a process that
  is gone means that process ended without closing (killed, crashed).
- `NAME-clean`: how the file was (size, times, inode, WAL size) when it was last closed cleanly.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import json
import os
from enum import Enum
from pathlib import Path

from reviewtui.store.atomic import atomic_write_text

_CLEAN = "-clean"
_OPEN = "-open-"
_numbers = itertools.count()


class LeftAs(Enum):
    """How the index file was left when it is opened."""

    CLEAN = "as its last clean close left it"
    IN_USE = "open in another program, which answers for it"
    UNCLEAN = "after a program ended without closing it"
    CHANGED = "written by something else since its clean close"


class UseRecord:
    """The records of one open index."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._mine: Path | None = None

    def begin(self) -> LeftAs:
        """Record that this index has the file open, and say how the file was left."""
        crashed = others = False
        pattern = f"{glob.escape(self.db_path.name)}{_OPEN}*"
        with contextlib.suppress(OSError):
            for opener in self.db_path.parent.glob(pattern):
                if _alive(_pid(opener.name)):
                    others = True
                else:
                    crashed = True
                    with contextlib.suppress(OSError):
                        opener.unlink()
        marker = self._take_marker()
        mine = Path(f"{self.db_path}{_OPEN}{os.getpid()}-{next(_numbers)}")
        with contextlib.suppress(OSError):
            mine.touch()
            self._mine = mine
        if crashed:
            return LeftAs.UNCLEAN
        if marker is not None and marker == self.signature():
            return LeftAs.CLEAN
        if others:
            return LeftAs.IN_USE
        if marker is not None:
            return LeftAs.CHANGED
        # No record at all: a new file has nothing to check; an old one has no history.
        return LeftAs.UNCLEAN if self.db_path.exists() else LeftAs.CLEAN

    def end(self, *, clean: bool) -> None:
        """This index is closed: cleanly (everything is in the file itself) or not."""
        if clean:
            with contextlib.suppress(OSError):
                atomic_write_text(Path(f"{self.db_path}{_CLEAN}"), self.signature())
        if self._mine is not None:
            with contextlib.suppress(OSError):
                self._mine.unlink()
            self._mine = None

    def forget(self) -> None:
        """The file is gone (set aside, deleted): so is what was known of its last close."""
        self._take_marker()

    def signature(self) -> str:
        """What changes whenever the file is written, by SQLite or anything else."""
        try:
            state = self.db_path.stat()
            wal = Path(f"{self.db_path}-wal")
            wal_size = wal.stat().st_size if wal.exists() else 0
        except OSError:
            return ""
        return json.dumps(
            [state.st_size, state.st_mtime_ns, state.st_ctime_ns, state.st_ino, wal_size]
        )

    def _take_marker(self) -> str | None:
        marker = Path(f"{self.db_path}{_CLEAN}")
        try:
            return marker.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        finally:
            with contextlib.suppress(OSError):
                marker.unlink()


def _pid(name: str) -> int | None:
    number = name.rpartition(_OPEN)[2].split("-")[0]
    return int(number) if number.isdigit() else None


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    if pid == os.getpid() or os.name == "nt":  # no signal 0 on Windows: trust the record
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive, and someone else's
    return True
