"""The bookmark store and the `reviewtui bookmarks` command."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from reviewtui.store.bookmarks import BookmarkStore

from .conftest import SAMPLE_LIBRARY, run_cli, write_review


def bookmarks_file(home: Path) -> Path:
    return home / "data" / "reviewtui" / "bookmarks.toml"


def test_bookmarks_live_in_the_xdg_data_dir_with_title_path_and_date(isolated_dirs: Path) -> None:
    store = BookmarkStore()
    assert store.add("Ballard", SAMPLE_LIBRARY / "ballard.md")
    data = tomllib.loads(bookmarks_file(isolated_dirs).read_text(encoding="utf-8"))
    [entry] = data["bookmark"]
    assert entry["title"] == "Ballard"
    assert entry["path"] == str(SAMPLE_LIBRARY / "ballard.md")
    assert entry["added"].tzinfo is not None


def test_a_relative_review_path_is_stored_absolute(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    BookmarkStore().add("Film", Path("reviews/film.md"))
    assert BookmarkStore().entries().value[0].path == str(tmp_path / "reviews" / "film.md")


def test_add_remove_and_toggle_match_titles_case_insensitively() -> None:
    store = BookmarkStore()
    assert store.add("Zodiac", "/r/zodiac.md").value
    assert not store.add("zodiac", "/r/zodiac.md").value
    assert store.contains("ZODIAC")
    assert store.toggle("Ballard", "/r/ballard.md").value is True
    assert [b.title for b in store.entries().value] == ["Zodiac", "Ballard"]
    assert store.toggle("ballard", "/r/ballard.md").value is False
    assert store.remove("Zodiac").value
    assert not store.remove("Zodiac").value
    assert store.entries().value == []


def test_writes_leave_no_temporary_or_lock_files_behind(isolated_dirs: Path) -> None:
    store = BookmarkStore()
    for title in ("A", "B", "C"):
        store.add(title, f"/r/{title}.md")
    store.remove("B")
    names = sorted(p.name for p in bookmarks_file(isolated_dirs).parent.iterdir())
    assert names == ["bookmarks.toml"]


def test_a_corrupt_bookmarks_file_is_set_aside_with_a_warning(isolated_dirs: Path) -> None:
    file = bookmarks_file(isolated_dirs)
    file.parent.mkdir(parents=True)
    file.write_text("this is = = not toml", encoding="utf-8")
    store = BookmarkStore()
    read = store.entries()
    assert read.value == []
    assert read.warnings and "not valid TOML" in read.warnings[0]
    added = store.add("Ballard", "/r/ballard.md")
    assert added.value and "kept as bookmarks.toml.corrupt-" in added.warnings[-1]
    kept = [p for p in file.parent.iterdir() if p.name.startswith("bookmarks.toml.corrupt-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "this is = = not toml"


def test_cli_add_list_and_remove_a_bookmark() -> None:
    added = run_cli("bookmarks", "add", "ballard", "--library", str(SAMPLE_LIBRARY))
    assert added.returncode == 0, added.stderr
    assert "bookmarked Ballard" in added.stdout
    listed = run_cli("bookmarks", "list", "--json")
    assert listed.returncode == 0
    [entry] = json.loads(listed.stdout)
    assert entry["title"] == "Ballard"
    assert entry["path"] == str(SAMPLE_LIBRARY / "ballard.md")
    assert "Ballard" in run_cli("bookmarks", "list").stdout
    removed = run_cli("bookmarks", "remove", "BALLARD")
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert json.loads(run_cli("bookmarks", "list", "--json").stdout) == []


def test_cli_errors_exit_2_with_a_message() -> None:
    unknown = run_cli("bookmarks", "add", "No Such Film", "--library", str(SAMPLE_LIBRARY))
    assert unknown.returncode == 2 and "no review titled" in unknown.stderr
    missing = run_cli("bookmarks", "remove", "Ballard")
    assert missing.returncode == 2 and "no bookmark titled" in missing.stderr
    assert "Traceback" not in unknown.stderr + missing.stderr


def test_cli_and_app_share_the_same_bookmarks() -> None:
    assert run_cli("bookmarks", "add", "Zodiac", "--library", str(SAMPLE_LIBRARY)).returncode == 0
    assert BookmarkStore().contains("Zodiac")


def test_a_bookmarks_file_an_editor_saved_with_a_byte_order_mark_is_read(
    isolated_dirs: Path,
) -> None:
    file = bookmarks_file(isolated_dirs)
    file.parent.mkdir(parents=True, exist_ok=True)
    entry = (
        '[[bookmark]]\ntitle = "Ballard"\npath = "/r/ballard.md"\nadded = 2026-01-02T03:04:05Z\n'
    )
    file.write_bytes(b"\xef\xbb\xbf" + entry.encode())
    listed = BookmarkStore().entries()
    assert [mark.title for mark in listed.value] == ["Ballard"]
    assert listed.warnings == ()


def test_a_change_keeps_the_byte_order_mark_and_windows_line_endings(isolated_dirs: Path) -> None:
    file = bookmarks_file(isolated_dirs)
    file.parent.mkdir(parents=True, exist_ok=True)
    entry = '[[bookmark]]\r\ntitle = "Ballard"\r\npath = "/r/ballard.md"\r\nadded = 2026-01-02T03:04:05Z\r\n'
    file.write_bytes(b"\xef\xbb\xbf" + entry.encode())
    assert BookmarkStore().add("Heat", SAMPLE_LIBRARY / "heat.md").value
    saved = file.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and not saved.startswith(b"\xef\xbb\xbf\xef")
    assert saved.count(b"\n") == saved.count(b"\r\n")
    assert [mark.title for mark in BookmarkStore().entries().value] == ["Ballard", "Heat"]


def test_cli_removes_a_bookmark_named_without_its_accents(library_dir: Path) -> None:
    for name, title in (("a.md", "Amélie"), ("b.md", "Élan"), ("c.md", "Elán")):
        write_review(library_dir, name, f"# {title}\n")
        added = run_cli("bookmarks", "add", title, "--library", str(library_dir))
        assert added.returncode == 0, added.stderr
    removed = run_cli("bookmarks", "remove", "amelie")
    assert removed.returncode == 0 and "removed the bookmark on Amélie" in removed.stdout
    both = run_cli("bookmarks", "remove", "elan")
    assert both.returncode == 2 and "Élan" in both.stderr and "Elán" in both.stderr
    assert [mark.title for mark in BookmarkStore().entries().value] == ["Élan", "Elán"]


COMMENTED = """# My bookmarks: films to see again.
# (Kept by reviewtui; comments are mine.)

[[bookmark]]
title = "Ballard"  # the seed review
path = "/r/ballard.md"
added = 2026-01-02T03:04:05Z

# Watch this one with the lights off.
[[bookmark]]
title = "Zodiac"
path = "/r/zodiac.md"
added = 2026-01-03T03:04:05Z

[display]
note = "not a bookmark: kept"
"""


def write_bookmarks(home: Path, text: str) -> Path:
    file = bookmarks_file(home)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def test_adding_a_bookmark_keeps_the_files_comments_and_layout(isolated_dirs: Path) -> None:
    file = write_bookmarks(isolated_dirs, COMMENTED)
    assert BookmarkStore().add("Heat", "/r/heat.md").value
    saved = file.read_text(encoding="utf-8")
    # Every line as the user wrote it, comments included; the new table after the last one.
    bookmarks, settings = COMMENTED.split("\n[display]")
    assert saved.startswith(bookmarks + '\n[[bookmark]]\ntitle = "Heat"\npath = "/r/heat.md"\n')
    assert saved.endswith("\n[display]" + settings)
    data = tomllib.loads(saved)
    assert [entry["title"] for entry in data["bookmark"]] == ["Ballard", "Zodiac", "Heat"]
    assert data["display"] == {"note": "not a bookmark: kept"}


def test_removing_a_bookmark_cuts_only_its_own_lines(isolated_dirs: Path) -> None:
    file = write_bookmarks(isolated_dirs, COMMENTED)
    assert BookmarkStore().remove("Ballard").value
    saved = file.read_text(encoding="utf-8")
    kept = COMMENTED.replace(
        '[[bookmark]]\ntitle = "Ballard"  # the seed review\npath = "/r/ballard.md"\n'
        "added = 2026-01-02T03:04:05Z\n",
        "",
    )
    assert saved == kept
    assert BookmarkStore().remove("Zodiac").value
    saved = file.read_text(encoding="utf-8")
    assert "# Watch this one with the lights off." in saved  # a comment is never lost
    assert "[display]" in saved and "Zodiac" not in saved
    assert BookmarkStore().entries().value == []


def test_a_file_of_bookmarks_written_another_way_is_written_afresh(isolated_dirs: Path) -> None:
    # An inline array of tables: not `[[bookmark]]` tables to cut, so the file is written whole.
    file = write_bookmarks(
        isolated_dirs,
        '# inline\nbookmark = [{ title = "Ballard", path = "/r/ballard.md" }]\n',
    )
    assert BookmarkStore().add("Heat", "/r/heat.md").value
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    assert [entry["title"] for entry in data["bookmark"]] == ["Ballard", "Heat"]


def test_windows_line_endings_stay_when_a_bookmark_is_added_to_a_commented_file(
    isolated_dirs: Path,
) -> None:
    file = bookmarks_file(isolated_dirs)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(COMMENTED.replace("\n", "\r\n").encode())
    assert BookmarkStore().add("Heat", "/r/heat.md").value
    saved = file.read_bytes()
    bookmarks = COMMENTED.split("\n[display]")[0].replace("\n", "\r\n")
    assert saved.startswith(bookmarks.encode() + b'\r\n[[bookmark]]\r\ntitle = "Heat"\r\n')
    assert saved.count(b"\n") == saved.count(b"\r\n")
    assert [mark.title for mark in BookmarkStore().entries().value] == ["Ballard", "Zodiac", "Heat"]


def test_the_first_bookmark_added_to_a_file_of_comments_keeps_them(isolated_dirs: Path) -> None:
    file = write_bookmarks(isolated_dirs, "# Titles to see again.\n")
    assert BookmarkStore().add("Heat", "/r/heat.md").value
    saved = file.read_text(encoding="utf-8")
    assert saved.startswith('# Titles to see again.\n\n[[bookmark]]\ntitle = "Heat"\n')
    assert [mark.title for mark in BookmarkStore().entries().value] == ["Heat"]
