"""Commands run one after another reuse the last full check of the library folder, for a few
seconds, while no folder of the library changes."""

from __future__ import annotations

import json
import os
import shutil
import time
import types
from pathlib import Path

import pytest

from reviewtui import start
from reviewtui.cli import library as cli
from reviewtui.library import last_check
from reviewtui.library import scan as folder_scan
from reviewtui.library.scan import index_root

from .conftest import write_review

pytestmark = pytest.mark.folder_check_reuse
LONG_AGO = time.time() - 3600


class Checks:
    """Counts the full checks (child processes) that commands start."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = 0
        real = folder_scan.DigestInChild

        def counting(root: Path) -> folder_scan.DigestInChild:
            self.started += 1
            return real(root)

        monkeypatch.setattr(folder_scan, "DigestInChild", counting)  # start.main's
        monkeypatch.setattr(cli, "DigestInChild", counting)  # ask_index's


@pytest.fixture(autouse=True)
def precise_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that tells apart changes a nanosecond apart: a folder changed just before a check
    may be trusted (these tests' folders were all changed moments ago, and a change time cannot
    be set back). `test_a_folder_changed_just_before_the_check_is_not_trusted` puts it back."""
    monkeypatch.setattr(last_check, "CLOCK_MARGIN_NS", 0)


def settled(library: Path) -> Path:
    """The library with its folders' modification times an hour back."""
    for folder, _, _ in os.walk(library):
        os.utime(folder, (LONG_AGO, LONG_AGO))
    return library


def search(library: Path, words: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert start.main(["search", words, "--json", "--library", str(library)]) == 0
    return [hit["title"] for hit in json.loads(capsys.readouterr().out)]


@pytest.fixture
def library(library_dir: Path) -> Path:
    (library_dir / "drama").mkdir()
    write_review(library_dir, "a.md", "# Alpha\n\n## Plot\n\nA glacier.\n")
    write_review(library_dir / "drama", "b.md", "# Beta\n\n## Plot\n\nAnother glacier.\n")
    return settled(library_dir)


def test_a_search_right_after_another_reuses_its_check(
    library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    checks = Checks(monkeypatch)
    assert sorted(search(library, "glacier", capsys)) == ["Alpha", "Beta"]
    assert checks.started == 1
    record = last_check.record_path(index_root(library))
    assert record.stat().st_mode & 0o777 == 0o600
    assert sorted(search(library, "glacier", capsys)) == ["Alpha", "Beta"]
    assert start.main(["list", "--json", "--library", str(library)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert checks.started == 1


def test_a_file_added_removed_or_renamed_is_seen_at_once(
    library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    checks = Checks(monkeypatch)
    search(library, "glacier", capsys)
    write_review(library / "drama", "c.md", "# Gamma\n\n## Plot\n\nA third glacier.\n")
    assert sorted(search(library, "glacier", capsys)) == ["Alpha", "Beta", "Gamma"]
    settled(library)
    search(library, "glacier", capsys)  # a full check again, remembered
    (library / "drama" / "c.md").rename(library / "drama" / "c.txt.bak")
    assert sorted(search(library, "glacier", capsys)) == ["Alpha", "Beta"]
    settled(library)
    search(library, "glacier", capsys)
    (library / "a.md").unlink()
    assert search(library, "glacier", capsys) == ["Beta"]
    assert checks.started == 6


def test_a_file_saved_by_renaming_a_new_one_over_it_is_seen_at_once(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    search(library, "glacier", capsys)
    fresh = library / "drama" / ".b.md.swp"
    fresh.write_text("# Beta\n\n## Plot\n\nA volcano now.\n", encoding="utf-8")
    os.replace(fresh, library / "drama" / "b.md")  # as many editors save
    assert search(library, "volcano", capsys) == ["Beta"]


def test_a_file_rewritten_in_place_is_seen_once_the_check_is_a_few_seconds_old(
    library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    search(library, "glacier", capsys)
    (library / "a.md").write_text("# Alpha\n\n## Plot\n\nA volcano now.\n", encoding="utf-8")
    later = time.time_ns() + int(last_check.REUSE_SECONDS * 1e9) + 1
    monkeypatch.setattr(last_check, "time", types.SimpleNamespace(time_ns=lambda: later))
    assert search(library, "volcano", capsys) == ["Alpha"]


def test_a_folder_changed_just_before_the_check_is_not_trusted(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A clock that ticks every two seconds (FAT) would show a change made in the same tick as
    # the check with the time the check saw: the next command checks in full.
    monkeypatch.setattr(last_check, "CLOCK_MARGIN_NS", 2_000_000_000)
    write_review(library_dir, "a.md", "# Alpha\n\n## Plot\n\nA glacier.\n")
    settled(library_dir)  # its modification time set back does not hide its change time
    checks = Checks(monkeypatch)
    search(library_dir, "glacier", capsys)
    assert last_check.recent(index_root(library_dir)) is None
    search(library_dir, "glacier", capsys)
    assert checks.started == 2


def test_a_folder_gone_or_a_check_for_another_folder_is_not_reused(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = index_root(library)
    search(library, "glacier", capsys)
    assert last_check.recent(root) is not None
    other = tmp_path / "other"
    other.mkdir()
    last_check.record_path(index_root(other)).write_bytes(last_check.record_path(root).read_bytes())
    assert last_check.recent(index_root(other)) is None
    (library / "drama" / "b.md").unlink()
    (library / "drama").rmdir()
    os.utime(library, (LONG_AGO, LONG_AGO))  # even with the library folder's time put back
    assert last_check.recent(root) is None


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "future", "not a number", "fifo", "folder"],
)
def test_a_damaged_record_means_a_full_check(
    library: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = index_root(library)
    search(library, "glacier", capsys)
    record = last_check.record_path(root)
    data = record.read_bytes()
    parts = data.split(b"\0")
    record.unlink()
    if damage == "garbage":
        record.write_bytes(b"\x1b[31m" + os.urandom(64))
    elif damage == "truncated":
        record.write_bytes(data[: len(data) // 2])
    elif damage == "future":
        parts[2] = str(time.time_ns() + 60_000_000_000).encode()
        record.write_bytes(b"\0".join(parts))
    elif damage == "not a number":
        parts[-1] = b"soon"
        record.write_bytes(b"\0".join(parts))
    elif damage == "fifo":
        os.mkfifo(record)
    else:
        record.mkdir()
    assert last_check.recent(root) is None
    assert sorted(search(library, "glacier", capsys)) == ["Alpha", "Beta"]


def test_a_link_in_place_of_the_record_is_replaced_not_written_through(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    search(library, "glacier", capsys)
    record = last_check.record_path(index_root(library))
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    victim.chmod(0o644)
    record.unlink()
    record.symlink_to(victim)
    assert last_check.recent(index_root(library)) is None  # never read through a link
    search(library, "glacier", capsys)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert victim.stat().st_mode & 0o777 == 0o644
    assert record.is_file() and not record.is_symlink()
    assert last_check.recent(index_root(library)) is not None


def test_a_change_of_permissions_or_a_folder_replaced_by_a_copy_is_seen_at_once(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = index_root(library)
    search(library, "glacier", capsys)
    (library / "drama").chmod(0o700)  # its change time moves; its modification time does not
    assert last_check.recent(root) is None
    search(library, "glacier", capsys)
    # A copy that keeps every time (`cp -a`, a backup restored) put in the library's place.
    copy = tmp_path / "copy"
    shutil.copytree(library, copy, copy_function=shutil.copy2)
    (copy / "a.md").write_text("# Alpha\n\n## Plot\n\nA volcano now.\n", encoding="utf-8")
    for folder in (copy / "drama", copy):
        original = library / folder.relative_to(copy)
        os.utime(folder, ns=(original.stat().st_atime_ns, original.stat().st_mtime_ns))
    library.rename(tmp_path / "old")
    copy.rename(library)
    assert search(library, "volcano", capsys) == ["Alpha"]


def linked_from_outside(library: Path, tmp_path: Path, name: str, text: str) -> Path:
    """A review written in a folder beside the library, linked into it; the folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    write_review(outside, name, text)
    (library / name).symlink_to(outside / name)
    settled(library)
    return outside


def test_a_review_linked_from_outside_the_library_is_seen_when_replaced(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = linked_from_outside(
        library, tmp_path, "o.md", "# Outside\n\n## Plot\n\nA glacier far away.\n"
    )
    search(library, "glacier", capsys)
    assert last_check.recent(index_root(library)) is not None
    fresh = outside / "o.md.new"
    fresh.write_text("# Outside\n\n## Plot\n\nA volcano far away.\n", encoding="utf-8")
    os.replace(fresh, outside / "o.md")
    assert search(library, "volcano", capsys) == ["Outside"]


def test_a_check_made_with_links_out_followed_is_not_reused_without(
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    linked_from_outside(library, tmp_path, "secret.md", "# Secret\n\n## Plot\n\nA platypus.\n")
    assert search(library, "platypus", capsys) == ["Secret"]
    monkeypatch.setenv(folder_scan.NO_OUTSIDE_LINKS, "1")  # as `reviewtui serve` runs
    assert last_check.recent(index_root(library)) is None
    assert search(library, "platypus", capsys) == []


def test_a_link_that_leads_elsewhere_through_another_link_is_seen_at_once(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The "current" link that sync and deploy tools swap in one step.
    data = tmp_path / "data"
    for version, word in (("v1", "glacier"), ("v2", "volcano")):
        (data / version).mkdir(parents=True)
        write_review(data / version, "ext.md", f"# External\n\n## Plot\n\nA {word} far off.\n")
    (data / "current").symlink_to("v1")
    (library / "ext.md").symlink_to(data / "current" / "ext.md")
    settled(library)
    search(library, "glacier", capsys)
    assert last_check.recent(index_root(library)) is not None
    (data / "next").symlink_to("v2")
    os.replace(data / "next", data / "current")
    assert search(library, "volcano", capsys) == ["External"]
