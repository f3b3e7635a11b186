"""The commands as a user meets them: one review file read to show one review, spoilers kept
out of JSON, usage errors for bad input, folders left out said so, and tidy text output."""

import io
import json
import os
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from reviewtui.cli import library as cli_library
from reviewtui.cli.main import main
from reviewtui.index import reading
from reviewtui.library import load

from .conftest import SAMPLE_LIBRARY, run_cli, write_review

SPOILERY = """+++
title = "The Case"
spoilers = ["Ending"]
+++
# The Case

## Plot

A detective arrives.

### Setting

A rainy port town.

## Ending

The detective solves it.

### The killer is Bob

Bob did it, with the anchor.

## Verdict

Worth it.
"""


@pytest.fixture
def many_reviews(library_dir: Path) -> Path:
    for number in range(30):
        write_review(library_dir, f"r{number:02}.md", f"# Review {number:02}\n\n## Plot\n\nText.\n")
    return library_dir


def count_review_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every review file parsed from now on, by whichever module reads it."""
    reads: list[Path] = []
    real = load.load_review

    def counted(path: Path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(path)

    # Every reader of review files takes `load_review` from library.load when it reads one.
    monkeypatch.setattr(load, "load_review", counted)
    for module in (reading, cli_library):
        assert not hasattr(module, "load_review")
    return reads


def test_show_reads_the_one_review_file_it_shows(
    many_reviews: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with redirect_stdout(io.StringIO()):
        assert main(["list", "--library", str(many_reviews)]) == 0  # the index is built
    reads = count_review_reads(monkeypatch)
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["show", "review 17", "--json", "--library", str(many_reviews)]) == 0
    assert json.loads(out.getvalue())["title"] == "Review 17"
    assert reads == [many_reviews / "r17.md"]


def test_bookmarking_reads_the_one_review_file_it_bookmarks(
    many_reviews: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with redirect_stdout(io.StringIO()):
        assert main(["list", "--library", str(many_reviews)]) == 0
    reads = count_review_reads(monkeypatch)
    with redirect_stdout(io.StringIO()):
        assert main(["bookmarks", "add", "Review 03", "--library", str(many_reviews)]) == 0
    assert reads == [many_reviews / "r03.md"]


def test_show_finds_a_review_added_since_the_index_was_built(many_reviews: Path) -> None:
    assert run_cli("list", "--library", str(many_reviews)).returncode == 0
    write_review(many_reviews, "new.md", "# Fresh Arrival\n\n## Plot\n\nNew.\n")
    shown = run_cli("show", "fresh arrival", "--json", "--library", str(many_reviews))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["title"] == "Fresh Arrival"


def test_show_json_keeps_spoiler_text_and_headings_out_unless_asked(library_dir: Path) -> None:
    write_review(library_dir, "case.md", SPOILERY)
    hidden = run_cli("show", "The Case", "--json", "--library", str(library_dir))
    assert hidden.returncode == 0, hidden.stderr
    assert "Bob" not in hidden.stdout and "solves" not in hidden.stdout
    sections = json.loads(hidden.stdout)["sections"]
    assert [(s["title"], s["hidden"]) for s in sections] == [
        ("Plot", False),
        ("Setting", False),
        ("Ending", True),
        ("Verdict", False),
    ]
    assert [s["text"] for s in sections] == [
        "A detective arrives.",
        "A rainy port town.",
        "",
        "Worth it.",
    ]
    shown = run_cli("show", "The Case", "--json", "--spoilers", "--library", str(library_dir))
    sections = json.loads(shown.stdout)["sections"]
    assert [s["title"] for s in sections] == [
        "Plot",
        "Setting",
        "Ending",
        "The killer is Bob",
        "Verdict",
    ]
    assert not any(s["hidden"] for s in sections)
    assert sections[3]["text"] == "Bob did it, with the anchor."


@pytest.mark.parametrize("limit", ["1e20", "100000000000000000000", "0", "-3", "many"])
def test_a_limit_out_of_range_is_a_usage_error(limit: str) -> None:
    result = run_cli("search", "noir", "--limit", limit, "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 2, result.stderr
    assert "--limit" in result.stderr and "unexpected" not in result.stderr


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_is_a_usage_error(query: str) -> None:
    result = run_cli("search", query, "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 2
    assert result.stderr.startswith("reviewtui: ") and "empty" in result.stderr


def unlistable_folder(library: Path) -> Path:
    """A folder no one can list, root included: its path is longer than the system allows."""
    fd = os.open(library, os.O_RDONLY)
    depth = 0
    try:
        while depth * 200 < 4200:
            os.mkdir("d" * 199, dir_fd=fd)
            inner = os.open("d" * 199, os.O_RDONLY, dir_fd=fd)
            if depth == 0:
                with open(
                    os.open("hidden.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=inner), "w"
                ) as f:
                    f.write("# Hidden Away\n")
            os.close(fd)
            fd, depth = inner, depth + 1
    finally:
        os.close(fd)
    return library


@pytest.mark.parametrize("command", [("list",), ("search", "glacier"), ("check",)])
def test_folders_that_cannot_be_listed_are_reported_not_left_out_silently(
    library_dir: Path, command: tuple[str, ...]
) -> None:
    write_review(library_dir, "a.md", "# A\n\n## Plot\n\nA glacier.\n")
    unlistable_folder(library_dir)
    result = run_cli(*command, "--library", str(library_dir))
    assert "Traceback" not in result.stderr
    said = result.stdout if command == ("check",) else result.stderr
    assert "folder not readable" in said and "ddddd" in said, (result.stdout, result.stderr)


def test_read_without_a_terminal_refuses_at_once() -> None:
    result = run_cli("read", "Ballard", "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "terminal" in lines[0], result.stderr


def test_text_format_keeps_headings_and_tables_within_78_columns(library_dir: Path) -> None:
    long_heading = "A heading that goes on " * 6
    wide = "| " + " | ".join(f"Column {n} with a long name" for n in range(4)) + " |"
    write_review(
        library_dir,
        "wide.md",
        f"# Wide\n\n## {long_heading}\n\nText.\n\n{wide}\n|---|---|---|---|\n"
        "| one | two | three | four |\n",
    )
    result = run_cli("show", "Wide", "--format", "text", "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 78, result.stdout
    assert "Column 3 with a long name: four" in result.stdout
    words = " ".join(" ".join(lines).split())
    assert " ".join(long_heading.split()) in words


def test_piped_tables_have_no_trailing_spaces() -> None:
    result = run_cli("list", "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Title", "Year", "Kind", "Platform", "Rating"]
    assert "Ballard" in result.stdout
    assert [line for line in lines if line != line.rstrip()] == []


def test_check_gives_each_warning_its_line_and_names_the_file_once() -> None:
    from .conftest import DATA

    result = run_cli("check", "--json", "--library", str(DATA / "nasty"))
    wrong = [p for p in json.loads(result.stdout) if p["path"].endswith("wrong_types.md")]
    assert sorted(p["line"] for p in wrong) == [2, 3, 4, 6, 7, 8, 9]
    assert all(p["reason"].startswith("field '") for p in wrong), wrong
    plain = run_cli("check", "--library", str(DATA / "nasty"))
    assert any(
        line.endswith(
            "wrong_types.md:4: warning: field 'rating' should be a number from 0 to 5, got 11"
        )
        for line in plain.stdout.splitlines()
    )


def test_show_and_search_piped_have_no_trailing_spaces() -> None:
    for args in (("show", "Ballard"), ("search", "crime")):
        result = run_cli(*args, "--library", str(SAMPLE_LIBRARY))
        assert result.returncode == 0, result.stderr
        lines = result.stdout.split("\n")
        assert len(lines) > 5
        assert [line for line in lines if line != line.rstrip()] == [], args
