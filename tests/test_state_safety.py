"""The files reviewtui keeps for the user stay safe: readable from a read-only folder, never a
hang on a FIFO, one bad bookmark costs only itself, symlinks stay links, no lock files are left
behind, and the folders are private."""

from __future__ import annotations

import builtins
import errno
import os
import stat
import subprocess
import sys
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reviewtui.cli.main import main
from reviewtui.core.model import Review
from reviewtui.library.load import load_review
from reviewtui.store import paths
from reviewtui.store.atomic import StateFileError
from reviewtui.store.bookmarks import BookmarkStore
from reviewtui.store.config import config_path, load_config, write_default_config
from reviewtui.store.positions import PositionStore
from reviewtui.store.theme_setting import save_theme

from .app_support import FIXTURE_LIBRARY, make_app, open_reader, wait_until
from .conftest import SAMPLE_LIBRARY, python_env, run_cli

SIZE = (100, 30)


def bookmarks_file(home: Path) -> Path:
    return home / "data" / "reviewtui" / "bookmarks.toml"


def make_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Every attempt to create, change or remove a file in `folder` fails as it does in a
    read-only folder (the tests run as root, whom a chmod would not stop)."""
    folder = Path(os.path.realpath(folder))

    def inside(name: object) -> bool:
        if not isinstance(name, str | bytes | os.PathLike):
            return False
        where = Path(os.path.abspath(os.fsdecode(name)))
        return where == folder or where.parent == folder

    def refuse(name: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(name))  # type: ignore[arg-type]

    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    real_os_open, real_open = os.open, builtins.open

    def os_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing and inside(name):
            refuse(name)
        return real_os_open(name, flags, *args, **kwargs)

    def open_(name: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+") and inside(name):
            refuse(name)
        return real_open(name, mode, *args, **kwargs)

    def guarded(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(name: Any, *args: Any, **kwargs: Any) -> Any:
            if inside(name) or any(inside(a) for a in args):
                refuse(name)
            return real(name, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    for name in ("replace", "rename", "unlink", "mkdir", "chmod"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name)))


# -- a read-only data folder ------------------------------------------------------------------


def test_bookmarks_are_listed_from_a_read_only_folder_and_nothing_is_created(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    BookmarkStore().add("Ballard", SAMPLE_LIBRARY / "ballard.md")
    folder = bookmarks_file(isolated_dirs).parent
    before = sorted(p.name for p in folder.iterdir())
    make_read_only(monkeypatch, folder)
    assert main(["bookmarks", "list"]) == 0
    out, err = capsys.readouterr()
    assert "Ballard" in out and err == ""
    assert sorted(p.name for p in folder.iterdir()) == before == ["bookmarks.toml"]


def test_a_bookmark_change_in_a_read_only_folder_is_one_line_naming_the_file(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    BookmarkStore().add("Ballard", SAMPLE_LIBRARY / "ballard.md")
    make_read_only(monkeypatch, bookmarks_file(isolated_dirs).parent)
    with pytest.raises(StateFileError) as raised:
        BookmarkStore().add("Zodiac", "/r/zodiac.md")
    assert (
        str(raised.value) == f"{bookmarks_file(isolated_dirs)}: cannot be saved (permission denied)"
    )
    status = main(["bookmarks", "add", "Zodiac", "--library", str(SAMPLE_LIBRARY)])
    _, err = capsys.readouterr()
    assert status != 0
    assert err.strip().splitlines() == [
        f"reviewtui: bookmarks not saved: {bookmarks_file(isolated_dirs)}: cannot be saved "
        "(permission denied)"
    ]
    assert [b.title for b in BookmarkStore().entries().value] == ["Ballard"]


async def test_the_bookmarks_screen_opens_from_a_read_only_folder_and_a_removal_says_why(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen

    BookmarkStore().add("Ballard", FIXTURE_LIBRARY / "ballard.md")
    make_read_only(monkeypatch, bookmarks_file(isolated_dirs).parent)
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot)
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert [b.title for b in screen.marks] == ["Ballard"]
        await pilot.press("d")
        await pilot.pause(0.1)
        assert app.is_running and app.screen is screen
        assert [b.title for b in screen.marks] == ["Ballard"]
        assert any(
            "not removed" in notice and "permission denied" in notice for notice in app.notices
        )
        await pilot.press("escape")
        await pilot.press("b")
        await pilot.pause(0.1)
        assert any("bookmark was not saved" in notice for notice in app.notices)
    assert app.return_code in (None, 0)


# -- lock files -------------------------------------------------------------------------------


def test_saving_the_theme_or_the_default_config_leaves_no_lock_file() -> None:
    write_default_config()
    assert save_theme("nord") is None
    assert [p.name for p in config_path().parent.iterdir()] == ["config.toml"]
    assert load_config()[0].theme == "nord"


def test_changing_bookmarks_and_positions_leaves_no_lock_file(isolated_dirs: Path) -> None:
    store = BookmarkStore()
    store.add("Ballard", "/r/ballard.md")
    store.toggle("Zodiac", "/r/zodiac.md")
    review = load_review(SAMPLE_LIBRARY / "ballard.md")
    assert isinstance(review, Review)
    PositionStore().save(review, 2, 0.0)
    assert [p.name for p in bookmarks_file(isolated_dirs).parent.iterdir()] == ["bookmarks.toml"]
    assert [p.name for p in (isolated_dirs / "state" / "reviewtui").iterdir()] == ["positions.json"]


# -- one bad bookmark -------------------------------------------------------------------------

THREE_BOOKMARKS = """\
note = "my own list, keep it"

[[bookmark]]
title = "Ballard"
path = "/r/ballard.md"
added = 2025-01-02T03:04:05Z
why = "Leonard's favourite"

[[bookmark]]
title = 5
path = "/r/five.md"

[[bookmark]]
title = "Zodiac"
path = "/r/zodiac.md"
"""


def test_one_bad_bookmark_is_skipped_with_a_warning_naming_it(tmp_path: Path) -> None:
    file = tmp_path / "bookmarks.toml"
    file.write_text(THREE_BOOKMARKS, encoding="utf-8")
    read = BookmarkStore(file).entries()
    assert [b.title for b in read.value] == ["Ballard", "Zodiac"]
    assert read.warnings == (
        f"{file}: bookmark 2 (line 9) is skipped: its title should be text, got 5",
    )


async def test_the_bookmarks_screen_lists_the_good_bookmarks_and_warns_once_about_the_bad(
    isolated_dirs: Path,
) -> None:
    from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen

    file = bookmarks_file(isolated_dirs)
    file.parent.mkdir(parents=True)
    file.write_text(THREE_BOOKMARKS, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None and app.last_refresh is not None)
        await pilot.press("tab", "B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert [b.title for b in screen.marks] == ["Ballard", "Zodiac"]
        await pilot.pause(0.1)
        assert [n for n in app.notices if "bookmark 2" in n] == [
            f"{file}: bookmark 2 (line 9) is skipped: its title should be text, got 5"
        ]


def test_a_rewrite_keeps_the_bad_entry_and_every_key_it_does_not_know(tmp_path: Path) -> None:
    file = tmp_path / "bookmarks.toml"
    file.write_text(THREE_BOOKMARKS, encoding="utf-8")
    assert BookmarkStore(file).add("Heat", "/r/heat.md").value
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    assert data["note"] == "my own list, keep it"
    assert [entry["title"] for entry in data["bookmark"]] == ["Ballard", 5, "Zodiac", "Heat"]
    assert data["bookmark"][0]["why"] == "Leonard's favourite"
    assert BookmarkStore(file).remove("Ballard").value
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    assert [entry["title"] for entry in data["bookmark"]] == [5, "Zodiac", "Heat"]
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]  # nothing was lost


def test_a_broken_entry_costs_only_itself_and_the_file_is_kept_as_it_was(tmp_path: Path) -> None:
    file = tmp_path / "bookmarks.toml"
    broken = THREE_BOOKMARKS.replace("title = 5", 'title = "Heat\x01 \u0000 unterminated')
    file.write_text(broken, encoding="utf-8")
    read = BookmarkStore(file).entries()
    assert [b.title for b in read.value] == ["Ballard", "Zodiac"]
    assert len(read.warnings) == 1
    assert "a bookmark at line 9 is not valid TOML" in read.warnings[0]
    added = BookmarkStore(file).add("Alien", "/r/alien.md")
    assert "the file as it was is kept as bookmarks.toml.corrupt-" in added.warnings[-1]
    [kept] = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert kept.read_text(encoding="utf-8") == broken
    marks = BookmarkStore(file).entries()
    assert [b.title for b in marks.value] == ["Ballard", "Zodiac", "Alien"]
    assert marks.warnings == ()


def test_a_stray_byte_that_is_not_utf8_costs_nothing(tmp_path: Path) -> None:
    file = tmp_path / "bookmarks.toml"
    file.write_bytes(
        THREE_BOOKMARKS.replace("title = 5", 'title = "Five"')
        .encode()
        .replace(b"Zodiac", b"Zodi\xe4c")
    )
    read = BookmarkStore(file).entries()
    assert [b.title for b in read.value] == ["Ballard", "Five", "Zodi\ufffdc"]
    assert read.warnings == (f"{file}: bytes that are not UTF-8 text are shown as \ufffd",)


# -- symlinked state files --------------------------------------------------------------------


def test_a_symlinked_bookmarks_file_stays_a_link_and_its_target_is_written(
    isolated_dirs: Path, tmp_path: Path
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "bookmarks.toml").write_text(THREE_BOOKMARKS, encoding="utf-8")
    link = bookmarks_file(isolated_dirs)
    link.parent.mkdir(parents=True)
    link.symlink_to(dotfiles / "bookmarks.toml")
    assert BookmarkStore().add("Heat", "/r/heat.md").value
    assert link.is_symlink() and link.resolve() == dotfiles / "bookmarks.toml"
    assert "Heat" in (dotfiles / "bookmarks.toml").read_text(encoding="utf-8")
    assert [p.name for p in dotfiles.iterdir()] == ["bookmarks.toml"]
    assert [p.name for p in link.parent.iterdir()] == ["bookmarks.toml"]


def test_a_symlinked_config_stays_a_link_when_the_theme_is_saved(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "reviewtui.toml").write_text('spoilers = "shown"\n', encoding="utf-8")
    link = config_path()
    link.parent.mkdir(parents=True)
    link.symlink_to(dotfiles / "reviewtui.toml")
    assert save_theme("nord") is None
    assert link.is_symlink()
    config, warnings = load_config()
    assert (config.theme, config.spoilers, warnings) == ("nord", "shown", [])
    assert sorted(p.name for p in dotfiles.iterdir()) == ["reviewtui.toml"]


# -- a FIFO in place of a state file ----------------------------------------------------------


def run_quickly(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `reviewtui ARGS`; a command that hangs fails the test in 20 seconds."""
    return subprocess.run(
        [sys.executable, "-m", "reviewtui", *args],
        capture_output=True,
        text=True,
        env=python_env(),
        timeout=20,
        stdin=subprocess.DEVNULL,
    )


def test_a_fifo_as_config_or_bookmarks_never_hangs_a_command(isolated_dirs: Path) -> None:
    config = config_path()
    config.parent.mkdir(parents=True)
    os.mkfifo(config)
    marks = bookmarks_file(isolated_dirs)
    marks.parent.mkdir(parents=True)
    os.mkfifo(marks)
    listed = run_quickly("list", "--library", str(SAMPLE_LIBRARY))
    assert listed.returncode == 0 and "Ballard" in listed.stdout
    assert f"{config}: cannot be read (it is a pipe, device or socket, not a file)" in listed.stderr
    checked = run_quickly("config", "--check")
    assert checked.returncode == 1 and "a pipe, device or socket" in checked.stderr
    shown = run_quickly("bookmarks", "list")
    assert shown.returncode == 0
    assert f"{marks}: cannot be read (it is a pipe, device or socket, not a file)" in shown.stderr
    added = run_quickly("bookmarks", "add", "Ballard", "--library", str(SAMPLE_LIBRARY))
    assert added.returncode == 0 and "bookmarked Ballard" in added.stdout
    assert "kept as bookmarks.toml.corrupt-" in added.stderr
    assert "Traceback" not in listed.stderr + checked.stderr + shown.stderr + added.stderr
    assert [b.title for b in BookmarkStore().entries().value] == ["Ballard"]


def test_a_fifo_as_the_positions_file_never_hangs_opening_a_review(tmp_path: Path) -> None:
    file = tmp_path / "positions.json"
    os.mkfifo(file)
    review = load_review(SAMPLE_LIBRARY / "ballard.md")
    assert isinstance(review, Review)
    result: list[object] = []
    worker = threading.Thread(
        target=lambda: result.append(PositionStore(file).load(review)), daemon=True
    )
    worker.start()
    worker.join(10)
    assert result, "reading the positions hung"
    loaded = result[0]
    assert loaded.value is None  # type: ignore[attr-defined]
    assert "a pipe, device or socket" in loaded.warnings[0]  # type: ignore[attr-defined]
    saved = PositionStore(file).save(review, 3, 0.0)
    assert "kept as positions.json.corrupt-" in saved.warnings[0]
    position = PositionStore(file).load(review).value
    assert position is not None and position.section == 3


# -- private folders and files ----------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_state_and_cache_folders_are_private_and_so_are_their_files(
    isolated_dirs: Path,
) -> None:
    os.umask(0o022)
    assert run_cli("list", "--library", str(SAMPLE_LIBRARY)).returncode == 0
    assert run_cli("bookmarks", "add", "Ballard", "--library", str(SAMPLE_LIBRARY)).returncode == 0
    review = load_review(SAMPLE_LIBRARY / "ballard.md")
    assert isinstance(review, Review)
    PositionStore().save(review, 1, 0.0)
    for kind in ("data", "state", "cache"):
        assert mode(isolated_dirs / kind / "reviewtui") == 0o700, kind
    assert mode(bookmarks_file(isolated_dirs)) == 0o600
    assert mode(isolated_dirs / "state" / "reviewtui" / "positions.json") == 0o600
    assert list((isolated_dirs / "cache" / "reviewtui").glob("index-*.sqlite3"))


def test_a_cache_folder_an_older_version_left_open_is_made_private(isolated_dirs: Path) -> None:
    cache = isolated_dirs / "cache" / "reviewtui"
    cache.mkdir(parents=True, mode=0o755)
    cache.chmod(0o755)
    assert run_cli("list", "--library", str(SAMPLE_LIBRARY)).returncode == 0
    assert mode(cache) == 0o700
    assert paths.cache_dir() == cache
