"""A damaged index is always set aside and rebuilt: every run gives the right answer."""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reviewtui.index import ReviewIndex

from .conftest import python_env, run_cli, write_review

WORDS = ("lighthouse", "glacier", "harbour", "detective", "fog", "lantern", "desert", "ferry")


@pytest.fixture
def library(library_dir: Path) -> Path:
    for number in range(24):
        word = WORDS[number % len(WORDS)]
        write_review(
            library_dir,
            f"r{number:02d}.md",
            f'+++\ntitle = "Review {number}"\ngenres = ["drama", "{word}"]\n+++\n'
            f"# Review {number}\n\n## Plot\n\nA story of a {word}, marker{number}.\n\n"
            "## Verdict\n\nWorth it.\n",
        )
    return library_dir


def answers(index: ReviewIndex) -> tuple[object, ...]:
    """What `list` and `search` show of the library."""
    index.refresh()
    entries = index.entries()
    return (
        [(e.title, e.path.name, e.genres, e.sections) for e in entries],
        [h.title for h in index.search("marker7")],
        sorted(h.title for h in index.search("glacier")),
    )


def built(library: Path) -> tuple[Path, tuple[object, ...]]:
    """The library's index, built and closed as a run leaves it, and its right answers."""
    with ReviewIndex(library) as index:
        expected = answers(index)
    return index.db_path, expected


def test_random_byte_flips_never_outlast_one_run(library: Path, tmp_path: Path) -> None:
    db, expected = built(library)
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copyfile(db, pristine)
    for seed in range(40):
        rng = random.Random(seed)
        data = bytearray(pristine.read_bytes())
        for _ in range(rng.choice((1, 3, 10, 40))):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        db.write_bytes(bytes(data))
        for run in ("damaged", "next"):
            with ReviewIndex(library) as index:
                assert answers(index) == expected, (seed, run)


def test_the_command_line_recovers_from_a_damaged_index(library: Path, tmp_path: Path) -> None:
    db, expected = built(library)
    titles = [title for title, *_ in expected[0]]  # type: ignore[attr-defined]
    pristine = db.read_bytes()
    for seed in range(4):
        rng = random.Random(seed)
        data = bytearray(pristine)
        for _ in range(20):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        db.write_bytes(bytes(data))
        listed = run_cli("--library", str(library), "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert [item["title"] for item in json.loads(listed.stdout)] == titles
        found = run_cli("--library", str(library), "search", "marker7")
        assert found.returncode == 0, found.stderr
        assert found.stdout.startswith("Review 7 · Plot")


def replace_in_file(db: Path, old: bytes, new: bytes) -> None:
    data = db.read_bytes()
    assert old in data
    db.write_bytes(data.replace(old, new))


def test_an_invalid_utf8_byte_in_a_stored_title_is_rebuilt(library: Path) -> None:
    db, expected = built(library)
    replace_in_file(db, b"Review 12", b"Review \xff2")
    with ReviewIndex(library) as index:
        assert answers(index) == expected


def test_an_invalid_utf8_byte_met_while_open_is_rebuilt(library: Path) -> None:
    index = ReviewIndex(library)
    expected = answers(index)
    with sqlite3.connect(index.db_path) as other:  # damage done while this one runs
        other.execute("UPDATE reviews SET title = CAST(x'52ff' AS TEXT) WHERE title = 'Review 3'")
    other.close()
    assert answers(index) == expected


def test_a_title_changed_behind_the_index_is_caught(library: Path) -> None:
    db, expected = built(library)
    replace_in_file(db, b"Review 12", b"Review 92")  # still valid text: only a check sees it
    with ReviewIndex(library) as index:
        assert answers(index) == expected


def test_a_plain_table_in_place_of_the_full_text_one_is_rebuilt(library: Path) -> None:
    db, expected = built(library)
    with sqlite3.connect(db) as other:
        other.execute("DROP TABLE texts")
        other.execute("CREATE TABLE texts (title, heading, body)")
    other.close()
    with ReviewIndex(library) as index:
        assert answers(index) == expected


def test_a_full_text_table_replaced_while_open_is_not_a_syntax_error(library: Path) -> None:
    index = ReviewIndex(library)
    expected = answers(index)
    with sqlite3.connect(index.db_path) as other:
        other.execute("DROP TABLE texts")
        other.execute("CREATE TABLE texts (title, heading, body)")
    other.close()
    assert [h.title for h in index.search("marker7")] == ["Review 7"]
    assert answers(index) == expected


_KILLED_WHILE_OPEN = """
import os, signal, sys
from pathlib import Path
from reviewtui.index import ReviewIndex
index = ReviewIndex(Path(sys.argv[1]))
index.refresh()
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_an_index_left_by_a_killed_program_is_checked_when_opened(library: Path) -> None:
    db, expected = built(library)
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WHILE_OPEN, str(library)], env=python_env(), timeout=60
    )
    assert killed.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as other:
        found = other.execute("SELECT rootpage FROM sqlite_master WHERE name = 'reviews_title'")
        page = found.fetchone()[0]
        page_size = other.execute("PRAGMA page_size").fetchone()[0]
    other.close()
    with db.open("r+b") as handle:  # the title index: read by a listing, not by a refresh
        handle.seek((page - 1) * page_size)
        handle.write(b"\x0a\x00\x00\x00\xff")  # a leaf claiming 255 entries it lacks
    with ReviewIndex(library) as reopened:
        # Found at once, not half-way through the first listing.
        assert reopened.refresh().rebuilt
        assert answers(reopened) == expected


def test_a_cleanly_closed_index_is_trusted_and_not_rebuilt(library: Path) -> None:
    db, expected = built(library)
    assert Path(f"{db}-clean").exists()
    with ReviewIndex(library) as index:
        result = index.refresh()
        assert not result.rebuilt and result.read == 0
        assert answers(index) == expected


def test_closing_while_a_refresh_writes_is_not_recorded_as_clean(library: Path) -> None:
    import threading

    db, _ = built(library)
    write_review(library, "new.md", '+++\ntitle = "New"\n+++\n# New\n\nWords.\n')
    index = ReviewIndex(library)
    reading, closed = threading.Event(), threading.Event()

    def progress(done: int, total: int) -> None:
        reading.set()
        closed.wait(5)

    refresh = threading.Thread(target=index.refresh, args=(progress,))
    refresh.start()
    reading.wait(5)
    index.close()  # the app quits while a refresh is under way
    closed.set()
    refresh.join(5)
    assert not Path(f"{db}-clean").exists()  # the next start checks the file
    with ReviewIndex(library) as reopened:
        assert "New" in [e.title for e in reopened.entries()]


def test_an_index_deleted_behind_its_back_is_made_afresh_and_written_from_any_thread(
    library: Path,
) -> None:
    """A file changed since its clean close (here, deleted by hand: a new one is made) is
    checked, and the check holds no lock once it is over: the app's refresh runs in a worker
    thread, and waited for it until SQLite gave up ("database is locked")."""
    import threading

    db, expected = built(library)
    assert Path(f"{db}-clean").exists()
    db.unlink()
    write_review(library, "new.md", '+++\ntitle = "New"\n+++\n# New\n\nWords.\n')
    outcome: list[object] = []

    def refresh(index: ReviewIndex) -> None:
        try:
            outcome.append(index.refresh())
        except sqlite3.Error as error:
            outcome.append(error)

    with ReviewIndex(library) as index:
        worker = threading.Thread(target=refresh, args=(index,))
        worker.start()
        worker.join(30)
        assert outcome and not isinstance(outcome[0], Exception)
        assert "New" in [e.title for e in index.entries()]
