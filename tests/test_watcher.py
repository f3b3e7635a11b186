import os
import time
from pathlib import Path

import pytest

from reviewtui.library.watch import Changes, LibraryWatcher

from .conftest import write_review


def test_nothing_changed_is_an_empty_change(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# A\n")
    watcher = LibraryWatcher(library_dir)
    changes = watcher.poll()
    assert changes == Changes() and not changes


def test_an_added_review_is_reported_once(library_dir: Path) -> None:
    watcher = LibraryWatcher(library_dir)
    path = write_review(library_dir, "heat.md", "# Heat\n")
    assert watcher.poll() == Changes(added=(path,))
    assert not watcher.poll()


def test_a_changed_and_a_removed_review_are_reported(library_dir: Path) -> None:
    kept = write_review(library_dir, "kept.md", "# Kept\n")
    gone = write_review(library_dir, "gone.md", "# Gone\n")
    watcher = LibraryWatcher(library_dir)
    kept.write_text("# Kept, longer now\n", encoding="utf-8")
    gone.unlink()
    assert watcher.poll() == Changes(changed=(kept,), removed=(gone,))


def test_a_same_size_rewrite_is_seen_by_its_modification_time(library_dir: Path) -> None:
    path = write_review(library_dir, "a.md", "# A\n")
    watcher = LibraryWatcher(library_dir)
    path.write_text("# B\n", encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    assert watcher.poll().changed == (path,)


def test_reviews_in_subfolders_count_and_other_files_do_not(library_dir: Path) -> None:
    watcher = LibraryWatcher(library_dir)
    (library_dir / "series").mkdir()
    nested = write_review(library_dir / "series", "the-wire.txt", "The Wire\n\nGood.\n")
    write_review(library_dir, "notes.pdf", "x")
    write_review(library_dir, ".hidden.md", "# Hidden\n")
    assert watcher.poll() == Changes(added=(nested,))


def test_a_library_folder_that_disappears_reports_its_reviews_removed(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    path = write_review(root, "a.md", "# A\n")
    watcher = LibraryWatcher(root, interval=0.5)
    path.unlink()
    root.rmdir()
    assert watcher.poll() == Changes(removed=(path,))
    assert watcher.interval == 0.5


def test_a_poll_over_ten_thousand_reviews_is_quick(library_dir: Path) -> None:
    for folder in range(10):
        sub = library_dir / f"shelf{folder}"
        sub.mkdir()
        for number in range(1000):
            (sub / f"review-{number}.md").write_text("# R\n", encoding="utf-8")
    watcher = LibraryWatcher(library_dir)
    assert len(watcher.snapshot) == 10_000
    started = time.perf_counter()
    changes = watcher.poll()
    elapsed = time.perf_counter() - started
    assert not changes
    assert elapsed < 1.5, f"a poll took {elapsed:.2f}s"


def test_a_slow_poll_makes_the_next_one_wait(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewtui.library import watch as watching

    write_review(library_dir, "a.md", "# A\n")
    quick = LibraryWatcher(library_dir, interval=0.01)
    time.sleep(0.05)
    assert quick.due()  # a small folder's quick poll rests only briefly

    real = watching.take_snapshot

    def waiting(root: Path) -> dict[str, tuple[int, int]]:
        time.sleep(0.1)  # a network disk that answers slowly (or a thread kept waiting)
        return real(root)

    monkeypatch.setattr(watching, "take_snapshot", waiting)
    watcher = LibraryWatcher(library_dir, interval=0.01)
    assert not watcher.due()  # it rests four times as long as the poll waited...
    time.sleep(0.8)
    assert watcher.due()  # ...not twenty times: a change is seen within a second or so

    def busy(root: Path) -> dict[str, tuple[int, int]]:
        spent = time.thread_time()
        while time.thread_time() - spent < 0.05:  # a big library: the poll's own work
            pass
        return real(root)

    monkeypatch.setattr(watching, "take_snapshot", busy)
    watcher = LibraryWatcher(library_dir, interval=0.01)
    time.sleep(0.5)
    assert not watcher.due()  # it rests twenty times the processor time the poll took
    time.sleep(0.8)
    assert watcher.due()


def test_a_library_named_relatively_reports_paths_as_the_index_stores_them(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewtui.index import ReviewIndex

    path = write_review(library_dir, "heat.md", "# Heat\n")
    monkeypatch.chdir(library_dir.parent)
    relative = Path(library_dir.name)
    index = ReviewIndex(relative)
    index.refresh()
    watcher = LibraryWatcher(relative)
    path.write_text("# Heat, longer now\n", encoding="utf-8")
    assert watcher.poll().changed == (index.entries()[0].path,)
