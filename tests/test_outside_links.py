"""Symbolic links that leave the library: followed only to a review file, never when the
environment says not to (`reviewtui serve` does), and otherwise a problem with its reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reviewtui.core.model import Problem, Review
from reviewtui.library.load import load_review
from reviewtui.library.root import LibrarySource
from reviewtui.tui.screens.problems_screen import ProblemsScreen

from .app_support import make_app, wait_until
from .conftest import run_cli, write_review
from .library_support import load_library

SECRET_WORD = "privatekeymaterial"
NOT_A_REVIEW = "symbolic link to a file outside the library that is not a review file"
NOT_FOLLOWED = "symbolic link to a file outside the library (not followed here)"


@pytest.fixture
def linked_library(tmp_path: Path) -> Path:
    """A library with its own review (in a folder), a link to a private key outside it, a link
    to a review outside it, and a link to its own review."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "id_rsa").write_text(f"-----BEGIN KEY-----\n{SECRET_WORD}\n", encoding="utf-8")
    write_review(outside, "shared.md", "# Shared Review\n\n## Verdict\n\nGood.\n")
    library = tmp_path / "library"
    (library / "sub").mkdir(parents=True)
    write_review(library / "sub", "own.md", "# Own Review\n\n## Verdict\n\nFine.\n")
    os.symlink(outside / "id_rsa", library / "notes.md")
    os.symlink(outside / "shared.md", library / "shared.md")
    os.symlink(library / "sub" / "own.md", library / "alias.md")
    return library


def titles(library: Path, **env: str) -> list[str]:
    listed = run_cli("list", "--json", "--library", str(library), **env)
    assert listed.returncode == 0, listed.stderr
    return sorted(entry["title"] for entry in json.loads(listed.stdout))


def test_a_link_out_of_the_library_to_a_private_file_is_a_problem_not_a_review(
    linked_library: Path,
) -> None:
    assert titles(linked_library) == ["Own Review", "Own Review", "Shared Review"]
    found = run_cli("search", SECRET_WORD, "--library", str(linked_library))
    assert SECRET_WORD not in found.stdout and "notes" not in found.stdout
    checked = run_cli("check", "--library", str(linked_library))
    assert checked.returncode == 1
    assert f"notes.md: error: {NOT_A_REVIEW}" in checked.stdout
    shown = run_cli("show", "notes", "--library", str(linked_library))
    assert shown.returncode != 0 and SECRET_WORD not in shown.stdout + shown.stderr


def test_a_link_to_a_review_file_outside_the_library_is_followed(linked_library: Path) -> None:
    shown = run_cli("show", "Shared Review", "--library", str(linked_library))
    assert shown.returncode == 0 and "Good." in shown.stdout


def test_with_outside_links_turned_off_no_link_leaves_the_library(linked_library: Path) -> None:
    off = {"REVIEWTUI_NO_OUTSIDE_LINKS": "1"}
    assert titles(linked_library, **off) == ["Own Review", "Own Review"]
    checked = run_cli("check", "--library", str(linked_library), **off)
    assert f"shared.md: error: {NOT_FOLLOWED}" in checked.stdout
    assert f"notes.md: error: {NOT_FOLLOWED}" in checked.stdout
    assert "alias.md: error" not in checked.stdout  # a link inside the library is followed


def test_the_index_follows_the_setting_from_one_run_to_the_next(linked_library: Path) -> None:
    # The index is a cache shared by every run: one built while links were followed must not
    # show their text to a run that does not follow them, and the other way round.
    off = {"REVIEWTUI_NO_OUTSIDE_LINKS": "1"}
    assert "Shared Review" in titles(linked_library)
    assert "Shared Review" not in titles(linked_library, **off)
    found = run_cli("search", "Good", "--library", str(linked_library), **off)
    assert "Shared Review" not in found.stdout
    assert "Shared Review" in titles(linked_library)


def test_loading_judges_a_link_against_the_library_folder(
    linked_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = load_library(LibrarySource(linked_library, "option"))
    assert [p for p in library.problems] == [Problem(linked_library / "notes.md", NOT_A_REVIEW)]
    monkeypatch.setenv("REVIEWTUI_NO_OUTSIDE_LINKS", "1")
    alias = load_review(linked_library / "alias.md", linked_library)
    assert isinstance(alias, Review) and alias.title == "Own Review"
    assert load_review(linked_library / "shared.md", linked_library) == Problem(
        linked_library / "shared.md", NOT_FOLLOWED
    )


async def test_the_problems_screen_lists_the_link_with_its_reason(linked_library: Path) -> None:
    app = make_app(linked_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None and app.last_refresh is not None)
        await pilot.press("tab", "exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        reasons = {p.path.name: p.reason for p in screen.problems if p.fatal}
        assert reasons == {"notes.md": NOT_A_REVIEW}
        assert all(SECRET_WORD not in str(p) for p in screen.problems)
