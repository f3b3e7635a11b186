"""Notice reviews added, changed or removed in the library folder while the app runs.

Polling with `stat` only: no file is read, so a poll over 10,000 reviews takes a few dozen
milliseconds and works on every filesystem (network mounts included). A slow poll makes the
next one wait longer: twenty times the processor time it took (a big library), so watching never
costs more than a small share of one core, and four times its wall time (a network disk that
answers slowly). Wall time alone would also count the time the poll's thread waited for the
busy UI thread, and could leave a change unnoticed for many seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from reviewtui.library.scan import scan_review_files

Snapshot = dict[str, tuple[int, int]]
"""Each review file's (size, mtime_ns), by path."""
_CPU_SHARE = 20
"""A poll waits at least this many times the processor time the previous poll took..."""
_WALL_SHARE = 4
"""...and at least this many times its wall time."""


@dataclass(frozen=True)
class Changes:
    added: tuple[Path, ...] = ()
    changed: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def take_snapshot(root: Path) -> Snapshot:
    """Stat every review file below root, as the index's refresh sees them."""
    return {path: (size, mtime) for path, size, mtime in scan_review_files(root)}


def compare(before: Snapshot, after: Snapshot) -> Changes:
    return Changes(
        added=tuple(sorted(Path(p) for p in after.keys() - before.keys())),
        changed=tuple(
            sorted(Path(p) for p, state in after.items() if before.get(p, state) != state)
        ),
        removed=tuple(sorted(Path(p) for p in before.keys() - after.keys())),
    )


class LibraryWatcher:
    """Call `poll()` every `interval` seconds (off the UI thread) to get what changed since the
    previous poll; the first snapshot is taken when the watcher is made."""

    def __init__(self, root: Path, interval: float = 1.0) -> None:
        # Absolute, as the index stores paths: a relative --library still matches the open review.
        self.root = root.expanduser().absolute()
        self.interval = interval
        self._resting_until = 0.0
        self.snapshot = self._take()

    def _take(self) -> Snapshot:
        began, cpu = time.monotonic(), time.thread_time()
        snapshot = take_snapshot(self.root)
        ended = time.monotonic()
        rest = max((time.thread_time() - cpu) * _CPU_SHARE, (ended - began) * _WALL_SHARE)
        self._resting_until = ended + rest
        return snapshot

    def due(self) -> bool:
        """Whether a poll may run now: always after a quick poll, later after a slow one."""
        return time.monotonic() >= self._resting_until

    def poll(self) -> Changes:
        current = self._take()
        changes = compare(self.snapshot, current)
        self.snapshot = current
        return changes
