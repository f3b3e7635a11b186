"""Import problems: front matter written by tomli-w from the parsed table, file names short
enough for any file system, and one bad file never stopping a batch."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from reviewtui.core.model import Review
from reviewtui.library.importer import import_file
from reviewtui.library.load import load_review

from .conftest import SEED, run_cli


def front_matter(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8").split("+++\n")[1])


@pytest.mark.parametrize(
    "matter",
    [
        '"title" = "Old Name"\nyear = 2001\n',
        'title = """Old\nName"""\nyear = 2001\n',
        "title = '''\nOld Name'''\nyear = 2001\n",
        '# my notes\n"title"="Old Name"\nyear = 2001\n[extra]\ntitle = "not this one"\n',
    ],
)
def test_title_option_on_markdown_writes_valid_front_matter(
    matter: str, tmp_path: Path, library_dir: Path
) -> None:
    source = tmp_path / "old.md"
    source.write_text(f"+++\n{matter}+++\n# Old Name\n\n## Story\n\nText.\n", encoding="utf-8")
    result = run_cli("import", str(source), "--library", str(library_dir), "--title", "New Name")
    assert result.returncode == 0, result.stderr
    written = library_dir / "new-name.md"
    table = front_matter(written)
    assert table["title"] == "New Name" and table["year"] == 2001
    review = load_review(written)
    assert isinstance(review, Review) and review.title == "New Name" and review.year == 2001
    assert not review.problems
    assert written.read_text(encoding="utf-8").endswith("# Old Name\n\n## Story\n\nText.\n")


@pytest.mark.parametrize("letter", ["é", "字", "𠀋"])
def test_a_long_title_gives_a_file_name_any_file_system_takes(
    letter: str, tmp_path: Path, library_dir: Path
) -> None:
    source = tmp_path / "long.txt"
    source.write_text("Story\n\nText of the review.\n", encoding="utf-8")
    title = letter * 300
    result = run_cli("import", str(source), "--library", str(library_dir), "--title", title)
    assert result.returncode == 0, result.stderr
    (written,) = library_dir.iterdir()
    assert len(os.fsencode(written.name)) <= 255 - 20  # room for the atomic write's temp name
    review = load_review(written)
    assert isinstance(review, Review) and review.title == title


def test_a_long_title_in_a_batch_does_not_stop_the_others(
    tmp_path: Path, library_dir: Path
) -> None:
    long = tmp_path / "long.txt"
    long.write_text(f"“{'𠀋' * 100}”\n\nIt names “{'𠀋' * 100}” twice.\n", encoding="utf-8")
    result = run_cli("import", str(long), str(SEED), "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    assert (library_dir / "ballard.md").exists()
    assert len(list(library_dir.iterdir())) == 2


def test_deeply_nested_front_matter_fails_alone_in_a_batch(
    tmp_path: Path, library_dir: Path
) -> None:
    deep = tmp_path / "deep.md"
    deep.write_text(f"+++\nx = {'[' * 3000}{']' * 3000}\n+++\n# Deep\n", encoding="utf-8")
    result = run_cli("import", str(deep), str(SEED), "--library", str(library_dir))
    assert result.returncode == 1
    assert "deep.md: too deeply nested to read" in result.stderr
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert (library_dir / "ballard.md").exists()


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_imported_files_have_the_mode_the_umask_gives(
    mask: int, tmp_path: Path, library_dir: Path
) -> None:
    old = os.umask(mask)
    try:
        imported = import_file(SEED, library_dir)
    finally:
        os.umask(old)
    assert stat.S_IMODE(imported.target.stat().st_mode) == 0o666 & ~mask


def test_imported_exports_have_the_mode_the_umask_gives(library_dir: Path) -> None:
    from .test_import_exports import EXPORT

    old = os.umask(0o022)
    try:
        result = run_cli("import", str(EXPORT), "--library", str(library_dir))
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    for path in library_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name


@pytest.mark.parametrize("name", ["export.zip", "reviews.csv", "page.html", "notes.txt"])
def test_a_fifo_named_like_an_import_source_fails_without_hanging(
    name: str, tmp_path: Path, library_dir: Path
) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    result = run_cli("import", str(fifo), str(SEED), "--library", str(library_dir))
    assert result.returncode == 1
    assert f"{name}: not a regular file" in result.stderr
    assert (library_dir / "ballard.md").exists()
