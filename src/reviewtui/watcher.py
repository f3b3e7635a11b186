"""Notice reviews added, changed or removed in the library folder while the app runs.

Polling with `stat` only: no file is read, so a poll over 10,000 reviews takes a few dozen
milliseconds and works on every filesystem (network mounts included).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reviewtui.library import iter_review_files

Snapshot = dict[Path, tuple[int, int]]
"""Each review file's (size, mtime_ns)."""


@dataclass(frozen=True)
class Changes:
    added: tuple[Path, ...] = ()
    changed: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def take_snapshot(root: Path) -> Snapshot:
    """Stat every review file below root; a file gone between listing and stat is left out."""
    snapshot: Snapshot = {}
    try:
        for path in iter_review_files(root):
            try:
                info = os.stat(path)
            except OSError:
                continue
            snapshot[path] = (info.st_size, info.st_mtime_ns)
    except OSError:
        pass
    return snapshot


def compare(before: Snapshot, after: Snapshot) -> Changes:
    return Changes(
        added=tuple(sorted(p for p in after if p not in before)),
        changed=tuple(sorted(p for p in after if p in before and after[p] != before[p])),
        removed=tuple(sorted(p for p in before if p not in after)),
    )


class LibraryWatcher:
    """Call `poll()` every `interval` seconds (off the UI thread) to get what changed since the
    previous poll; the first snapshot is taken when the watcher is made."""

    def __init__(self, root: Path, interval: float = 1.0) -> None:
        self.root = root
        self.interval = interval
        self.snapshot = take_snapshot(root)

    def poll(self) -> Changes:
        current = take_snapshot(self.root)
        changes = compare(self.snapshot, current)
        self.snapshot = current
        return changes
