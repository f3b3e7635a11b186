"""Refreshing the index in a child process, so that a UI keeps its interpreter to itself.

A big refresh is mostly the work of the worker processes that parse the files; but taking in
their results and writing them to SQLite is Python too, and in the UI's process it competes
with drawing for the interpreter lock. A child process does it with its own.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reviewtui.index.reading import prepare_worker_processes
from reviewtui.index.records import ProgressCallback, RefreshResult
from reviewtui.index.review_index import ReviewIndex
from reviewtui.library.scan import holds_review_files

if TYPE_CHECKING:  # multiprocessing is imported when a child starts, not by every start
    from multiprocessing.connection import Connection

BIG_REFRESH = 400
"""Files to read from which the refresh moves to a child process (below, starting one costs
more than it saves)."""
_PROGRESS_EVERY = 0.05
"""Seconds between the progress reports a child sends."""


class RefreshFailed(OSError):
    """The child process could not refresh the index (the reason is in the message)."""


class RefreshStopped(Exception):
    """The child's refresh was stopped from this process (the program is closing)."""


class ChildRefresh:
    """`index.refresh()` running in a child process, followed from this one.

    Started before a UI starts (`early_refresh`), it has the index building while the UI is
    still importing and drawing: on two cores, most of a second of a first start.
    """

    def __init__(self, index: ReviewIndex) -> None:
        """Start the child; OSError, ValueError or RuntimeError when no process can start."""
        self.index = index
        self._stopped = False
        self._following = False
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # spawn, not fork: a UI has threads
        prepare_worker_processes()  # (under a UI, a spawned process needs it started so)
        self._receiver, sender = context.Pipe(duplex=False)
        self._child = context.Process(
            target=_refresh_and_report,
            args=(index.root, index.db_path, sender),
            name="reviewtui-index",
        )
        try:
            self._child.start()
        except BaseException:
            self._receiver.close()
            raise
        finally:
            sender.close()

    def follow(self, progress: ProgressCallback | None = None) -> RefreshResult:
        """Pass the child's progress on until it is done, and return its result.

        A child that dies without a word leaves what it wrote; the refresh is finished here.
        An exception raised by progress (the app is closing, say) stops the child.
        """
        self._following = True
        try:
            while True:
                try:
                    kind, *payload = self._receiver.recv()
                except (EOFError, OSError):
                    if self._stopped:
                        raise RefreshStopped from None
                    return self.index.refresh(progress)
                if kind == "progress":
                    if progress is not None:
                        progress(*payload)
                elif kind == "done":
                    result: RefreshResult = payload[0]
                    return result
                else:
                    raise RefreshFailed(payload[0])
        finally:
            self._end_child()
            self._receiver.close()

    def stop(self) -> None:
        """Stop the child if it is still at work (what it wrote is kept); a thread following
        it gets `RefreshStopped`."""
        self._stopped = True
        self._end_child()
        if not self._following:  # else the following thread closes it, once out of recv()
            self._receiver.close()

    def _end_child(self) -> None:
        if self._child.is_alive():
            self._child.terminate()
        self._child.join(5)


def early_refresh(index: ReviewIndex) -> ChildRefresh | None:
    """A child refresh started now, for an empty index (a first start, or a rebuilt one) of a
    big library: its build is all there is to wait for. None when the index has reviews, the
    library is small (a refresh in the UI's process is done before a child would have
    started), or no child can start."""
    try:
        if not index.on_disk or len(index):
            return None
        if not holds_review_files(index.root, at_least=BIG_REFRESH):
            return None
        return ChildRefresh(index)
    except (sqlite3.Error, OSError, ValueError, RuntimeError):
        return None  # the app's own refresh meets the trouble, and says what it is


def refresh_in_child(
    index: ReviewIndex,
    progress: ProgressCallback | None = None,
    early: ChildRefresh | None = None,
    started: Callable[[ChildRefresh], None] | None = None,
) -> RefreshResult:
    """`index.refresh(progress)`, done by a child process when many files are to be read.

    With early, that child's refresh is followed, then one more refresh here reads what changed
    since its scan of the folder. started(child) is told of the child before it is followed,
    so that another thread can stop it (`RefreshStopped` is raised here then). An exception
    raised by progress (the app is closing, say) stops the child too; what it wrote is kept,
    and the next refresh takes up from there.
    """
    if early is not None:
        if started is not None:
            started(early)
        result = early.follow(progress)
        later = index.refresh()
        result.added += later.added
        result.changed += later.changed
        result.removed += later.removed
        result.rebuilt = result.rebuilt or later.rebuilt
        result.problems = later.problems
        return result
    plan = index.plan()
    if not index.on_disk or len(plan.to_read) < BIG_REFRESH:
        return index.refresh(progress, plan)
    try:
        child = ChildRefresh(index)
    except (OSError, ValueError, RuntimeError):  # no processes here: refresh in this one
        return index.refresh(progress)
    if started is not None:
        started(child)
    return child.follow(progress)


def _refresh_and_report(root: Path, db_path: Path, sender: Connection) -> None:
    """The child process: refresh, sending progress a few times a second, then the result."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done in (0, total) or now - last[0] >= _PROGRESS_EVERY:
            last[0] = now
            sender.send(("progress", done, total))

    try:
        with ReviewIndex(root, db_path) as index:
            result = index.refresh(report)
        sender.send(("done", result))
    except (BrokenPipeError, EOFError):
        pass  # the app is gone: so is the reason to go on
    except Exception as error:  # noqa: BLE001 - said to the parent, which reports it
        sender.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()
