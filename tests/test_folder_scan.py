"""The scan of a library folder, and the check of it a child process makes for `search`."""

import json
import sys
from pathlib import Path

import pytest

from reviewtui import folder_scan
from reviewtui.cli import main
from reviewtui.folder_scan import DigestInChild, files_digest, index_root, scan_review_files

from .conftest import write_review


def test_the_child_process_fingerprints_the_folder_as_this_process_does(
    library_dir: Path,
) -> None:
    (library_dir / "sub").mkdir()
    for number in range(3):
        write_review(library_dir / "sub", f"r{number}.md", f"# R{number}\n")
    write_review(library_dir, "notes.txt", "Plain\n\nText.\n")
    root = index_root(library_dir)
    expected = files_digest(scan_review_files(root))
    assert DigestInChild(root).result() == expected
    # And it tells a change apart.
    (library_dir / "notes.txt").write_text("Plain\n\nText, longer now.\n", encoding="utf-8")
    assert DigestInChild(root).result() != expected


def test_search_answers_from_a_fresh_index_when_no_child_process_can_start(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_review(library_dir, "a.md", "# A\n\n## Plot\n\nA glacier.\n")
    assert main(["search", "glacier", "--json", "--library", str(library_dir)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys, "executable", str(library_dir / "no-such-python"))
    assert DigestInChild(index_root(library_dir)).result() is None
    write_review(library_dir, "b.md", "# B\n\n## Plot\n\nAnother glacier.\n")
    assert main(["search", "glacier", "--json", "--library", str(library_dir)]) == 0
    titles = [hit["title"] for hit in json.loads(capsys.readouterr().out)]
    assert sorted(titles) == ["A", "B"]


def test_a_child_that_fails_gives_no_digest(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folder_scan, "_CHILD", "raise SystemExit(3)")
    assert DigestInChild(index_root(library_dir)).result() is None
