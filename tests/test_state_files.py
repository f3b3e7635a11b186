"""Bookmarks survive concurrent writers, corrupt files and killed processes."""

import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from reviewtui.store import atomic as storage
from reviewtui.store.atomic import atomic_write_text, locked
from reviewtui.store.bookmarks import BookmarkStore

from .conftest import python_env

WRITER = """
import sys
from pathlib import Path
from reviewtui.store.bookmarks import BookmarkStore
store = BookmarkStore(Path(sys.argv[1]))
prefix, count = sys.argv[2], int(sys.argv[3])
for n in range(count):
    store.add(f"{prefix} kept {n}", f"/lib/{prefix}-{n}.md")
    store.toggle(f"{prefix} flip {n}", "/lib/flip.md")  # on ...
    if n % 2:
        store.toggle(f"{prefix} flip {n}", "/lib/flip.md")  # ... and off again for odd n
print("done", flush=True)
"""


def start(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=python_env(),
    )


def test_two_processes_toggling_bookmarks_at_once_lose_nothing(tmp_path: Path) -> None:
    file = tmp_path / "bookmarks.toml"
    count = 40
    writers = [start(WRITER, str(file), name, str(count)) for name in ("Alpha", "Beta")]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "done", err
    read = BookmarkStore(file).entries()
    titles = {b.title for b in read.value}
    expected = {f"{p} kept {n}" for p in ("Alpha", "Beta") for n in range(count)}
    expected |= {f"{p} flip {n}" for p in ("Alpha", "Beta") for n in range(0, count, 2)}
    assert titles == expected
    assert read.warnings == ()


def test_a_corrupt_bookmarks_file_is_set_aside_with_a_timestamp_and_a_warning(
    tmp_path: Path,
) -> None:
    file = tmp_path / "bookmarks.toml"
    garbage = b'[[bookmark]]\ntitle = "Heat\n\xff\xfe not toml'
    file.write_bytes(garbage)
    store = BookmarkStore(file)
    assert store.entries().value == []
    added = store.add("Heat", "/lib/heat.md")
    assert added.value
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("bookmarks.toml.corrupt-")]
    assert len(aside) == 1
    assert re.fullmatch(r"bookmarks\.toml\.corrupt-\d{8}-\d{6}", aside[0].name)
    assert aside[0].read_bytes() == garbage  # nothing of the user's is lost
    assert aside[0].name in added.warnings[-1]
    assert [b.title for b in BookmarkStore(file).entries().value] == ["Heat"]


def test_wrongly_shaped_bookmarks_and_a_folder_in_its_place_are_set_aside(tmp_path: Path) -> None:
    shaped = tmp_path / "shaped.toml"
    shaped.write_text('bookmark = "not a list of tables"\n', encoding="utf-8")
    read = BookmarkStore(shaped).entries()
    assert read.value == [] and len(read.warnings) == 1
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    store = BookmarkStore(folder)
    added = store.add("Heat", "/lib/heat.md")
    assert added.value
    assert [b.title for b in store.entries().value] == ["Heat"]
    assert "folder.toml.corrupt-" in added.warnings[-1]


def test_a_writer_killed_mid_write_never_leaves_a_truncated_file(tmp_path: Path) -> None:
    file = tmp_path / "bookmarks.toml"
    # Long entries make each write take a while, so the kill lands inside one more often.
    loop = (
        "import sys\nfrom pathlib import Path\nfrom reviewtui.store.bookmarks import BookmarkStore\n"
        "store = BookmarkStore(Path(sys.argv[1]))\nn = 0\n"
        "while True:\n"
        "    store.toggle(f'Title {n % 400} ' + 'x' * 2000, '/lib/x.md')\n"
        "    n += 1\n"
        "    if n == 5: print('running', flush=True)\n"
    )
    for delay in (0.0, 0.05, 0.13, 0.31):
        writer = start(loop, str(file))
        assert writer.stdout is not None and writer.stdout.readline().strip() == "running"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        assert all(entry["title"].startswith("Title ") for entry in data["bookmark"])
        assert BookmarkStore(file).entries().warnings == ()
    # What a killed writer left behind is cleaned up once it is old, at the next write.
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    for leftover in leftovers:
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    fresh = tmp_path / ".bookmarks.toml.running.tmp"
    fresh.write_text("another writer's", encoding="utf-8")
    BookmarkStore(file).toggle("After", "/lib/after.md")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == [fresh.name]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bookmarks.toml"
    atomic_write_text(path, "old = 1\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    with pytest.raises(OSError):
        atomic_write_text(path, "new = 2\n" * 1000)
    assert path.read_text(encoding="utf-8") == "old = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bookmarks.toml"]


def test_the_lock_is_exclusive_across_processes(tmp_path: Path) -> None:
    target = tmp_path / "bookmarks.toml"
    holder = start(
        "import sys, time\nfrom pathlib import Path\nfrom reviewtui.store.atomic import locked\n"
        "with locked(Path(sys.argv[1])):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(1.0)\n"
        "    print('released', flush=True)\n",
        str(target),
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    start_wait = time.perf_counter()
    with locked(target):
        waited = time.perf_counter() - start_wait
        assert holder.stdout.readline().strip() == "released"
    holder.wait(timeout=10)
    assert waited > 0.5
