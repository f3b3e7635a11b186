"""Refreshing the index in a child process, so that a UI keeps its interpreter to itself.

A big refresh is mostly the work of the worker processes that parse the files; but taking in
their results and writing them to SQLite is Python too, and in the UI's process it competes
with drawing for the interpreter lock. A child process does it with its own.
"""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.connection import Connection
from pathlib import Path

from reviewtui.index import ProgressCallback, RefreshResult, ReviewIndex

BIG_REFRESH = 400
"""Files to read from which the refresh moves to a child process (below, starting one costs
more than it saves)."""
_PROGRESS_EVERY = 0.05
"""Seconds between the progress reports a child sends."""


class RefreshFailed(OSError):
    """The child process could not refresh the index (the reason is in the message)."""


def refresh_in_child(index: ReviewIndex, progress: ProgressCallback | None = None) -> RefreshResult:
    """`index.refresh(progress)`, done by a child process when many files are to be read.

    An exception raised by progress (the app is closing, say) stops the child; what it wrote
    is kept, and the next refresh takes up from there.
    """
    plan = index.plan()
    if not index.on_disk or len(plan.to_read) < BIG_REFRESH:
        return index.refresh(progress, plan)
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_refresh_and_report,
        args=(index.root, index.db_path, sender),
        name="reviewtui-index",
    )
    try:
        child.start()
    except (OSError, ValueError, RuntimeError):  # no processes here: refresh in this one
        receiver.close()
        return index.refresh(progress)
    finally:
        sender.close()
    try:
        while True:
            try:
                kind, *payload = receiver.recv()
            except EOFError:
                # The child died without a word: what it wrote stays; finish the job here.
                return index.refresh(progress)
            if kind == "progress":
                if progress is not None:
                    progress(*payload)
            elif kind == "done":
                result: RefreshResult = payload[0]
                return result
            else:
                raise RefreshFailed(payload[0])
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receiver.close()


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
