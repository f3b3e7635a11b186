"""Reading a library's files for its index, parsing them in worker processes (the scan of the
folder is `folder_scan`)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from reviewtui.core.model import Problem, Review
from reviewtui.index.records import StoredReview

if TYPE_CHECKING:  # multiprocessing is imported when a refresh needs it, not by every command
    from concurrent.futures import Future, ProcessPoolExecutor

_POOL_THRESHOLD = 400  # files: below this, starting worker processes costs more than it saves
_CHUNK = 50
_IN_FLIGHT = 16

T = TypeVar("T")
ToRead = tuple[Path, int, int, int | None]
"""A file to read: its path, size, mtime and the id it had in the index (None: new)."""
Record = tuple[tuple[str, int | None] | None, StoredReview | None, tuple[str, str] | None]
"""What the index stores of a file: (problem and its line, metadata, (headings, text) to search)."""


def load_in_background(
    to_read: list[ToRead], library: Path | None = None
) -> Iterator[tuple[ToRead, Record]]:
    """Yield (item, record) in order; a big refresh parses in other processes.

    Parsing is pure Python: in a thread it would hold the GIL against both the SQLite writer
    and the UI. A few chunks are in flight at a time, so memory stays bounded.
    """
    pool = _process_pool() if len(to_read) >= _POOL_THRESHOLD else None
    if pool is None:
        for item in to_read:
            yield item, read_record(item[0], library)
        return
    with pool:
        pending: deque[tuple[list[ToRead], Future[list[Record]] | None]] = deque()
        chunks = (to_read[i : i + _CHUNK] for i in range(0, len(to_read), _CHUNK))
        for chunk in chunks:
            pending.append((chunk, _submit(pool, [item[0] for item in chunk], library)))
            if len(pending) >= _IN_FLIGHT:
                yield from _collect(*pending.popleft(), library)
        while pending:
            yield from _collect(*pending.popleft(), library)


def _submit(
    pool: ProcessPoolExecutor, files: list[Path], library: Path | None
) -> Future[list[Record]] | None:
    try:
        return pool.submit(_read_records, files, library)
    except RuntimeError:  # the pool broke (a worker died, or could not start)
        return None


def _collect(
    chunk: list[ToRead], future: Future[list[Record]] | None, library: Path | None
) -> Iterator[tuple[ToRead, Record]]:
    try:
        if future is None:
            raise RuntimeError("no worker process")
        records = future.result()
    except Exception:  # noqa: BLE001 - a broken worker: read this chunk here instead
        records = [read_record(item[0], library) for item in chunk]
    yield from zip(chunk, records, strict=True)


def _read_records(files: list[Path], library: Path | None = None) -> list[Record]:
    return [read_record(path, library) for path in files]


def read_record(path: Path, library: Path | None = None) -> Record:
    """Load one file into what the index stores: (problem, metadata, text to search); a link
    out of the `library` folder is judged against it."""
    from reviewtui.library.load import load_review

    loaded = load_review(path, library)
    if isinstance(loaded, Problem):
        return (loaded.reason, loaded.line), None, None
    review = loaded
    tops = review.top_sections
    headings, text, outline = searchable_text(review)
    stored = StoredReview(
        title=review.title,
        title_key=review.title.casefold(),
        year=review.year,
        kind=review.kind,
        platform=review.platform,
        genres=json.dumps(review.genres),
        tags=json.dumps(review.tags),
        rating=review.rating,
        comparables=json.dumps(review.comparables),
        sections=json.dumps([s.title for s in tops]),
        spoilers=json.dumps([s.title for s in tops if s.spoiler]),
        warnings=json.dumps([str(p) for p in review.problems]),
        outline=json.dumps(outline),
    )
    return None, stored, (headings, text)


def prepare_worker_processes() -> None:
    """Start multiprocessing's resource tracker (once: later calls check it is running).

    The tracker takes over the process's stderr, asked of `sys.stderr`. A full-screen UI
    replaces `sys.stderr` with an object whose file descriptor is -1, and the tracker could
    not start then: every worker pool failed and a big refresh parsed in a single thread. The
    tracker is now started with the process's own stderr, whoever replaced `sys.stderr`.

    It is started only for worker processes: a Python process of its own, it shared the two
    cores with every start of the app when it was started before the UI.
    """
    from multiprocessing import resource_tracker

    with _TRACKER_LOCK, contextlib.suppress(Exception), _own_stderr():
        resource_tracker.ensure_running()


_TRACKER_LOCK = threading.Lock()


@contextlib.contextmanager
def _own_stderr() -> Iterator[None]:
    """`sys.stderr` as the process's own while the tracker starts, if a UI replaced it.

    Put back only if still the one set here: a UI ending meanwhile puts its own back."""
    replaced = sys.stderr
    try:
        usable = replaced.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable or sys.__stderr__ is None:
        yield
        return
    own = _OwnStderr(sys.__stderr__)
    sys.stderr = own
    try:
        yield
    finally:
        if sys.stderr is own:
            sys.stderr = replaced


class _OwnStderr:
    """The process's own stderr, as an object of its own (see `_own_stderr`)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def fileno(self) -> int:
        return self._stream.fileno()

    def write(self, text: str) -> int:
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()


def _process_pool() -> ProcessPoolExecutor | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # One more than cores: while one waits for the disk the others parse, and the writer
    # (less work than parsing) shares a core. Measured at 10,000 plain-text reviews on two
    # cores: 11.0 s with two workers, 9.6 s with three.
    workers = max(1, min(4, (os.cpu_count() or 1) + 1))
    prepare_worker_processes()
    try:
        # spawn, not fork: the caller may be a threaded UI.
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        )
    except (OSError, ValueError, NotImplementedError):
        return None


def _watch_parent(parent: int) -> None:
    """In each worker process: exit once the process that started it is gone.

    A refresh stopped from outside (the app closing during a first build) ends without
    shutting its pool down, and the workers would wait for work forever.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(0)

    threading.Thread(target=watch, name="reviewtui-watch-parent", daemon=True).start()


def batches(items: Iterator[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def searchable_text(review: Review) -> tuple[str, str, list[tuple[int, int]]]:
    """(headings, text, outline) of a review, as the index searches it.

    text is the part before the first `##` section (without the `#` title), then each
    section's text without its heading line; outline holds, for each of `top_sections`,
    where its text starts in `text` and whether it is a spoiler.
    """
    # Here, not at the top: the app's first screen imports this module without indexing.
    from reviewtui.core.spoilers import shown_spoilers

    lines = review.body.split("\n")
    tops = review.top_sections
    first = tops[0].start_line if tops else len(lines)
    preamble = "\n".join(line for line in lines[:first] if not line.startswith("# "))
    parts = [shown_spoilers(preamble, False)]
    outline: list[tuple[int, int]] = []
    offset = len(parts[0]) + 1
    for section in tops:
        part = "\n".join(lines[section.start_line + 1 : section.end_line])
        # Inline spoilers (>!…!<, ||…||) are kept out of what snippets can show.
        part = part if section.spoiler else shown_spoilers(part, False)
        outline.append((offset, int(section.spoiler)))
        parts.append(part)
        offset += len(part) + 1
    return "\n".join(section.title for section in tops), "\n".join(parts), outline
