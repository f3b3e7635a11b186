"""The scan of a library folder, and the check of it a child process makes for `search`."""

import json
import sys
from pathlib import Path

import pytest

from reviewtui import start
from reviewtui.cli import library as cli
from reviewtui.cli.main import main
from reviewtui.library import scan as folder_scan
from reviewtui.library.scan import DigestInChild, files_digest, index_root, scan_review_files

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


def test_holds_review_files_answers_as_the_library_walk_would(library_dir: Path) -> None:
    from reviewtui.library.load import iter_review_files

    def walk_finds() -> bool:
        return next(iter_review_files(library_dir), None) is not None

    assert not folder_scan.holds_review_files(library_dir)
    (library_dir / ".hidden").mkdir()
    write_review(library_dir / ".hidden", "secret.md", "# S\n")
    (library_dir / "notes").mkdir()
    (library_dir / "notes" / "todo.rst").write_text("not a review", encoding="utf-8")
    assert folder_scan.holds_review_files(library_dir) is walk_finds() is False
    write_review(library_dir / "notes", "deep.txt", "Deep\n")
    assert folder_scan.holds_review_files(library_dir) is walk_finds() is True
    # And how many: the one in the hidden folder does not count.
    write_review(library_dir, "top.md", "# Top\n")
    assert folder_scan.holds_review_files(library_dir, at_least=2)
    assert not folder_scan.holds_review_files(library_dir, at_least=3)


@pytest.mark.parametrize(
    ("args", "command", "library"),
    [
        (["search", "x", "--library", "/a"], "search", "/a"),
        (["--library", "search", "list"], "list", "search"),
        (["--library=/a", "search", "--lib", "/b"], "search", "/b"),
        (["search", "--limit", "3", "x"], "search", None),
        (["search", "--", "--library", "/a"], "search", None),
        (["--version"], None, None),
    ],
)
def test_the_entry_point_reads_the_command_and_library_as_argparse_does(
    args: list[str], command: str | None, library: str | None
) -> None:
    assert start.command(args) == command
    assert start.library_option(args) == library


def test_search_takes_the_folder_check_the_entry_point_began(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_review(library_dir, "a.md", "# A\n\n## Plot\n\nA glacier.\n")
    assert start.main(["search", "glacier", "--json", "--library", str(library_dir)]) == 0
    capsys.readouterr()

    def no_second_check(root: Path) -> None:
        raise AssertionError("the command started a check of its own")

    monkeypatch.setattr(cli, "DigestInChild", no_second_check)
    write_review(library_dir, "b.md", "# B\n\n## Plot\n\nAnother glacier.\n")
    # The early check sees the new file: the index is refreshed before the answer.
    assert start.main(["search", "glacier", "--json", "--library", str(library_dir)]) == 0
    titles = [hit["title"] for hit in json.loads(capsys.readouterr().out)]
    assert sorted(titles) == ["A", "B"]


def test_other_commands_start_no_folder_check(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_review(library_dir, "a.md", "# A\n\n## Plot\n\nA glacier.\n")

    def no_check(root: Path) -> None:
        raise AssertionError("a folder check for a command that does not search")

    monkeypatch.setattr(folder_scan, "DigestInChild", no_check)
    assert start.main(["list", "--json", "--library", str(library_dir)]) == 0
    assert [entry["title"] for entry in json.loads(capsys.readouterr().out)] == ["A"]
