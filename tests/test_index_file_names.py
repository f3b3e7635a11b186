"""File names that are not valid UTF-8 (a Latin-1 `café.md`): kept losslessly by the index,
shown with their bad bytes made visible, and never a reason for the library to fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewtui.core.text import printable
from reviewtui.index import ReviewIndex

from .conftest import python_env, run_cli

LATIN1_CAFE = os.fsdecode(b"caf\xe9.md")
"""`café.md` written in Latin-1: the file system's bytes, as Python names them."""
LATIN1_BROKEN = os.fsdecode(b"broken\xe9.md")

pytestmark = pytest.mark.skipif(
    sys.platform in ("darwin", "win32"), reason="the file system must accept any bytes in a name"
)


@pytest.fixture
def latin1_library(library_dir: Path) -> Path:
    (library_dir / LATIN1_CAFE).write_text(
        '+++\ntitle = "Cafe Society"\n+++\n# Cafe Society\n\n## Plot\n\nA lighthouse café.\n',
        encoding="utf-8",
    )
    (library_dir / "other.md").write_text("# Other\n\nA glacier.\n", encoding="utf-8")
    (library_dir / LATIN1_BROKEN).write_bytes(b"\x00\xff" * 50)
    return library_dir


def run_bytes(*args: str) -> tuple[int, str, str]:
    """Run `reviewtui ARGS`; output decoded as the terminal would, raw bytes kept as escapes."""
    ran = subprocess.run(
        [sys.executable, "-m", "reviewtui", *args],
        capture_output=True,
        env=python_env(),
        timeout=60,
    )
    out = ran.stdout.decode("utf-8", "surrogateescape")
    err = ran.stderr.decode("utf-8", "surrogateescape")
    return ran.returncode, out, err


def test_the_index_keeps_an_undecodable_name_byte_for_byte(latin1_library: Path) -> None:
    index = ReviewIndex(latin1_library)
    result = index.refresh()
    assert (result.added, [p.path.name for p in result.problems]) == (3, [LATIN1_BROKEN])
    cafe = latin1_library / LATIN1_CAFE
    listed = {entry.title: entry for entry in ReviewIndex(latin1_library).entries()}
    assert os.fsencode(listed["Cafe Society"].path) == os.fsencode(latin1_library) + b"/caf\xe9.md"
    assert listed["Cafe Society"].path.is_file()
    assert [hit.path for hit in index.search("lighthouse")] == [cafe]
    assert index.entry(cafe) == listed["Cafe Society"]
    # The next start finds the file unchanged: nothing is read again.
    again = ReviewIndex(latin1_library).refresh()
    assert (again.unchanged, again.read) == (3, 0)


def test_list_and_check_show_an_undecodable_name_with_its_byte_visible(
    latin1_library: Path,
) -> None:
    listed = run_cli("--library", str(latin1_library), "list")
    assert listed.returncode == 0, listed.stderr
    assert "Cafe Society" in listed.stdout and "Other" in listed.stdout
    assert "broken\\xe9.md" in listed.stderr  # the problem file, its bad byte shown
    checked = run_cli("--library", str(latin1_library), "check")
    assert "broken\\xe9.md: error: binary file" in checked.stdout
    as_json = run_cli("--library", str(latin1_library), "list", "--json")
    paths = {item["title"]: item["path"] for item in json.loads(as_json.stdout)}
    assert os.fsencode(paths["Cafe Society"]).endswith(b"/caf\xe9.md")  # lossless


def test_search_finds_a_review_whose_name_is_not_utf8(latin1_library: Path) -> None:
    status, out, err = run_bytes("--library", str(latin1_library), "search", "lighthouse")
    assert status == 0, err
    assert out.startswith("Cafe Society · Plot")
    status, out, err = run_bytes("--library", str(latin1_library), "search", "--json", "café")
    assert status == 0, err
    [hit] = json.loads(out)
    assert hit["title"] == "Cafe Society"
    assert os.fsencode(hit["path"]).endswith(b"/caf\xe9.md")


def test_show_and_bookmark_a_review_whose_name_is_not_utf8(latin1_library: Path) -> None:
    shown = run_cli("--library", str(latin1_library), "show", "Cafe Society")
    assert shown.returncode == 0, shown.stderr
    assert "A lighthouse café." in shown.stdout
    added = run_cli("--library", str(latin1_library), "bookmarks", "add", "Cafe Society")
    assert added.returncode == 0, added.stderr
    listed = run_cli("bookmarks", "list")
    assert "Cafe Society" in listed.stdout
    assert printable(str(latin1_library / LATIN1_CAFE)) in listed.stdout.replace("\n", "")


async def test_the_app_lists_a_review_whose_name_is_not_utf8(latin1_library: Path) -> None:
    from reviewtui.tui.widgets.review_table import ReviewTable

    from .app_support import make_app, wait_until

    app = make_app(latin1_library)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.pause(0.1)
        table = app.screen.query_one("#reviews", ReviewTable)
        titles = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert titles == ["Cafe Society", "Other"]
