import multiprocessing
import threading
from pathlib import Path

import pytest

from reviewtui.index import RefreshResult, ReviewIndex
from reviewtui.index.child import BIG_REFRESH, RefreshStopped, early_refresh, refresh_in_child

from .conftest import write_review

MANY = BIG_REFRESH + 50


def fill(library: Path, count: int) -> None:
    for number in range(count):
        write_review(
            library, f"r{number:03d}.md", f"# Review {number}\n\n## Plot\n\nMarker{number}.\n"
        )


class Stop(Exception):
    pass


def test_a_big_refresh_in_a_child_process_fills_the_index(library_dir: Path) -> None:
    fill(library_dir, MANY)
    index = ReviewIndex(library_dir)
    seen: list[tuple[int, int]] = []
    result = refresh_in_child(index, lambda done, total: seen.append((done, total)))
    assert result.added == MANY and result.problems == []
    assert seen[0] == (0, MANY) and seen[-1] == (MANY, MANY)
    assert len(index.entries()) == MANY  # this process sees what the child wrote
    assert [h.title for h in index.search("marker123")] == ["Review 123"]
    assert refresh_in_child(index).unchanged == MANY


def test_a_small_refresh_stays_in_this_process(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(library_dir, 5)

    def no_processes(*args: object) -> None:
        raise AssertionError("no child process for five files")

    monkeypatch.setattr(multiprocessing, "get_context", no_processes)
    result = refresh_in_child(ReviewIndex(library_dir))
    assert result.added == 5


def test_a_stopped_refresh_keeps_what_it_wrote_and_the_next_one_finishes(
    library_dir: Path,
) -> None:
    fill(library_dir, MANY)
    index = ReviewIndex(library_dir)

    def stop_at_once(done: int, total: int) -> None:
        raise Stop  # as the app does when it is closing

    with pytest.raises(Stop):
        refresh_in_child(index, stop_at_once)
    assert multiprocessing.active_children() == []  # the child was stopped, not left running
    kept = len(index.entries())  # however far it got, in whole batches
    result = refresh_in_child(index)
    assert result.added == MANY - kept
    assert len(index.entries()) == MANY


def test_a_first_start_builds_the_index_in_a_child_started_early(library_dir: Path) -> None:
    fill(library_dir, MANY)
    index = ReviewIndex(library_dir)
    early = early_refresh(index)
    assert early is not None  # the index is empty: its build starts at once
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        if not seen:
            # The child has scanned the folder: a review written now is one it did not see.
            write_review(library_dir, "late.md", "# Late Arrival\n\n## Plot\n\nLate.\n")
        seen.append((done, total))

    result = refresh_in_child(index, progress, early)
    assert seen[0] == (0, MANY) and seen[-1] == (MANY, MANY)
    assert result.added == MANY + 1  # the late one read by the catch-up refresh here
    assert len(index.entries()) == MANY + 1
    assert [h.title for h in index.search("late arrival")] == ["Late Arrival"]
    assert multiprocessing.active_children() == []
    # Once the index lists reviews, a start has no early build to wait for.
    assert early_refresh(index) is None


def test_a_small_library_starts_no_early_child(library_dir: Path) -> None:
    # Its refresh in the app's own process is over before a child process would be started.
    fill(library_dir, BIG_REFRESH - 1)
    assert early_refresh(ReviewIndex(library_dir)) is None
    assert multiprocessing.active_children() == []


def test_stopping_an_early_child_ends_the_thread_that_follows_it(library_dir: Path) -> None:
    fill(library_dir, MANY)
    index = ReviewIndex(library_dir)
    early = early_refresh(index)
    assert early is not None
    outcome: list[BaseException | RefreshResult] = []
    reporting, stopped = threading.Event(), threading.Event()

    def progress(done: int, total: int) -> None:
        reporting.set()
        stopped.wait(10)  # the follower is held here while the child is stopped

    def follow() -> None:
        try:
            outcome.append(early.follow(progress))
        except Exception as error:  # noqa: BLE001 - the test looks at what it was
            outcome.append(error)

    thread = threading.Thread(target=follow)
    thread.start()
    assert reporting.wait(30)
    early.stop()  # as the program does when it ends during the build
    stopped.set()
    thread.join(10)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], RefreshStopped)
    assert multiprocessing.active_children() == []
    # What the child wrote stays, and the next refresh finishes the job.
    kept = len(index.entries())
    assert index.refresh().added == MANY - kept
