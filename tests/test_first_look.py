"""The first screen's reviews are read from the index before the app starts (`FirstLook`, begun
while Textual is imported): the library's first paint lists them, and `read TITLE` opens the
review of that exact title without waiting for the loading worker. What the look cannot do is
left to the worker, as before: a first build, a partial or shared title, a broken index."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reviewtui.core.model import Review
from reviewtui.index import ReviewIndex
from reviewtui.index.catalog import Catalog
from reviewtui.library.load import load_review
from reviewtui.store.positions import PositionStore
from reviewtui.tui.launch import FIRST_PAGE, Launch, prepare_launch
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.preview_pane import PreviewPane
from reviewtui.tui.widgets.review_table import ReviewTable

from .app_support import RecordingApp, first_paint_of, make_app, wait_until, widget_text
from .conftest import python_env, write_review

SIZE = (120, 30)


def review_text(title: str) -> str:
    return f"# {title}\n\n## Introduction\n\nThe story of {title}.\n"


def indexed_library(folder: Path, titles: list[str]) -> Path:
    for number, title in enumerate(titles):
        write_review(folder, f"r{number:03}.md", review_text(title))
    ReviewIndex(folder).refresh()  # (the index a launch opens: the same cache folder)
    return folder


def launched(folder: Path, title: str | None = None) -> Launch:
    launch = prepare_launch(str(folder), title)
    assert launch.first_look is not None
    assert launch.first_look.ready(10)
    return launch


def app_of(launch: Launch, title: str | None = None) -> RecordingApp:
    return make_app(launch.source.path, title, index=launch.index, first_look=launch.first_look)


def library_with_beta_read(folder: Path) -> Path:
    """A library of Alpha Film and Beta Film, Beta read to its last section."""
    indexed_library(folder, ["Alpha Film", "Beta Film"])
    beta = load_review(folder / "r001.md")
    assert isinstance(beta, Review)
    PositionStore().save(beta, len(beta.top_sections) - 1, 0.0)
    return folder


def test_the_look_reads_a_first_page_and_the_review_of_an_exact_title(
    library_dir: Path,
) -> None:
    titles = [f"Review {number:03}" for number in range(FIRST_PAGE + 20)]
    look = launched(indexed_library(library_dir, titles), "review 007").first_look
    assert look is not None and look.catalog is not None
    assert [entry.title for entry in look.catalog.entries] == titles[:FIRST_PAGE]
    assert look.catalog.count == FIRST_PAGE + 20
    assert look.review is not None
    path, review = look.review
    assert path.name == "r007.md"
    assert isinstance(review, Review) and review.title == "Review 007"


@pytest.mark.parametrize("title", ["Review", "Shared", None])
def test_the_look_opens_no_review_but_one_of_exactly_that_title(
    library_dir: Path, title: str | None
) -> None:
    # "Review" names no review exactly (it is a part of two titles); "Shared", two reviews.
    folder = indexed_library(library_dir, ["Review One", "Review Two", "Shared", "Shared"])
    look = launched(folder, title).first_look
    assert look is not None and look.catalog is not None and len(look.catalog.entries) == 4
    assert look.review is None


def test_a_first_start_has_nothing_to_look_at(library_dir: Path) -> None:
    write_review(library_dir, "r.md", review_text("Only"))
    look = prepare_launch(str(library_dir)).first_look  # (no index yet)
    assert look is not None and look.ready(10)
    assert look.catalog is None and look.review is None


async def test_a_look_that_fails_is_left_to_the_app_and_says_nothing(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = indexed_library(library_dir, ["Alpha Film", "Beta Film"])
    from_index = Catalog.from_index.__func__  # type: ignore[attr-defined]

    def failing_in_the_look(cls: type[Catalog], *args: object) -> Catalog:
        if threading.current_thread().name == "first-look":
            raise sqlite3.OperationalError("disk I/O error")
        return from_index(cls, *args)

    monkeypatch.setattr(Catalog, "from_index", classmethod(failing_in_the_look))
    launch = launched(folder, "Alpha Film")
    assert launch.first_look is not None
    assert launch.first_look.catalog is None and launch.first_look.review is None
    captured = capfd.readouterr()
    assert captured.out == captured.err == ""
    app = app_of(launch, "Alpha Film")
    async with app.run_test(size=SIZE) as pilot:  # the loading worker reads it instead
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await wait_until(pilot, lambda: screen.review is not None)
        assert screen.review is not None and screen.review.title == "Alpha Film"


async def test_the_librarys_first_paint_lists_the_reviews(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launched(indexed_library(library_dir, ["Alpha Film", "Beta Film"])))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(paints))
        assert "Alpha Film" in paints[0] and "Beta Film" in paints[0]


async def test_the_librarys_first_paint_has_the_read_marks(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library_with_beta_read(library_dir)
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launched(folder))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(paints))
        beta_row = next(line for line in paints[0].splitlines() if "Beta Film" in line)
        alpha_row = next(line for line in paints[0].splitlines() if "Alpha Film" in line)
        assert "✓" in beta_row and "✓" not in alpha_row


async def test_the_places_are_read_again_once_the_library_is_painted(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The look read them: reading them again in a worker before the first paint (twice, as
    # the screen was mounted and shown) only made its thread compete with that paint.
    folder = library_with_beta_read(library_dir)
    paints = first_paint_of(monkeypatch, LibraryScreen)
    reads: list[int] = []
    read_all = PositionStore.all_places

    def noted(store: PositionStore) -> dict[str, object]:
        reads.append(len(paints))
        return read_all(store)  # type: ignore[return-value]

    launch = launched(folder)
    monkeypatch.setattr(PositionStore, "all_places", noted)
    app = app_of(launch)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(paints) and bool(reads))
        await pilot.pause(0.3)
        assert reads and min(reads) >= 1  # none before the first paint
        assert len(reads) == 1


async def test_the_library_is_listed_once_before_its_first_paint(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The filter was watched as the screen was mounted, and listed the reviews again after
    # the look's listing: the first paint waited for both.
    paints = first_paint_of(monkeypatch, LibraryScreen)
    listings: list[int] = []
    set_rows = ReviewTable.set_rows

    def noted(table: ReviewTable[object], *args: object) -> None:
        listings.append(len(paints))
        set_rows(table, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ReviewTable, "set_rows", noted)
    app = app_of(launched(indexed_library(library_dir, ["Alpha Film", "Beta Film"])))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(paints))
        assert "Alpha Film" in paints[0]
        assert listings.count(0) == 1


async def test_the_previews_comparables_follow_the_first_paint(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Marking which comparables are in the library compares every title listed: the first
    # paint has the highlighted review's card, and its comparables come right after it.
    front = '+++\ntitle = "Alpha Film"\nyear = 1999\ncomparables = ["Beta Film", "Gamma"]\n+++\n'
    write_review(library_dir, "alpha.md", front + "\n## Introduction\n\nWords.\n")
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launched(indexed_library(library_dir, ["Beta Film"])))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(paints))
        assert "Alpha Film" in paints[0] and "1999" in paints[0]
        assert "Comparables" not in paints[0]
        preview = app.screen.query_one(PreviewPane)
        await wait_until(pilot, lambda: "→ Beta Film" in widget_text(preview))
        assert "· Gamma" in widget_text(preview)


@pytest.mark.parametrize(
    ("titles", "typed", "title"),
    [
        (["Alpha Film", "Beta Film"], "beta film", "Beta Film"),
        # Typed without its accents: the look read only exact titles, and the library was
        # shown for a moment until the worker found it.
        (["Amélie", "Heat"], "amelie", "Amélie"),
    ],
)
async def test_read_title_opens_the_review_the_look_read(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, titles: list[str], typed: str, title: str
) -> None:
    launch = launched(indexed_library(library_dir, titles), typed)
    opened: list[str] = []
    monkeypatch.setattr(RecordingApp, "read_then_open", lambda app, path: opened.append(path))
    library_paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launch, typed)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await wait_until(pilot, lambda: screen.review is not None)
        assert screen.review is not None and screen.review.title == title
        assert opened == []  # not read again by the worker
        assert library_paints == []  # the library was not painted on the way
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert {e.title for e in app.screen.shown} == set(titles)


def test_the_look_reads_the_review_of_a_title_typed_without_its_accents(
    library_dir: Path,
) -> None:
    folder = indexed_library(library_dir, ["Amélie", "Amelia Earhart", "Heat"])
    look = launched(folder, "AMELIE").first_look
    assert look is not None and look.review is not None
    path, review = look.review
    assert isinstance(review, Review) and review.title == "Amélie"


@pytest.mark.parametrize("looked", [True, False], ids=["looked-before", "worker"])
async def test_read_title_of_a_review_deleted_since_indexing_says_it_is_not_there(
    library_dir: Path, looked: bool
) -> None:
    indexed_library(library_dir, ["Alpha Film", "Heat"])
    (library_dir / "r001.md").unlink()  # "Heat", while the app was closed
    launch = launched(library_dir, "Heat")
    assert launch.first_look is not None and launch.first_look.review is None
    app = app_of(launch, "Heat") if looked else make_app(library_dir, "Heat")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "no review titled 'Heat'" in app.notices, timeout=10)
        assert isinstance(app.screen, LibraryScreen)  # not a reader saying "file not found"
        assert not any(isinstance(screen, ReaderScreen) for screen in app.screen_stack)


@pytest.mark.parametrize("looked", [True, False], ids=["looked-before", "worker"])
@pytest.mark.parametrize("title", ["Heat", "Ronin"])
async def test_read_title_finds_a_review_by_the_title_it_has_now(
    library_dir: Path, looked: bool, title: str
) -> None:
    indexed_library(library_dir, ["Alpha Film", "Heat"])
    write_review(library_dir, "r001.md", review_text("Ronin"))  # retitled while closed
    launch = launched(library_dir, title)
    app = app_of(launch, title) if looked else make_app(library_dir, title)
    async with app.run_test(size=SIZE) as pilot:
        if title == "Heat":
            await wait_until(pilot, lambda: "no review titled 'Heat'" in app.notices, 10)
            assert not any(isinstance(s, ReaderScreen) for s in app.screen_stack)
            return
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), 10)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await wait_until(pilot, lambda: screen.review is not None)
        assert screen.review is not None and screen.review.title == "Ronin"


async def test_the_library_shown_after_read_title_has_the_read_marks_at_once(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `read TITLE` makes the library screen only when it is wanted (its first paint does
    # without it): the places the look read are handed to it then.
    folder = library_with_beta_read(library_dir)
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = app_of(launched(folder, "alpha film"), "alpha film")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app._library_screen is None
        await pilot.press("escape")
        await wait_until(pilot, lambda: bool(paints))
        beta_row = next(line for line in paints[0].splitlines() if "Beta Film" in line)
        assert "✓" in beta_row


IMPORTS_IN_THREADS = """
import importlib.abc, sys, threading

in_threads = []


class Noted(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if threading.current_thread() is not threading.main_thread():
            in_threads.append(name)
        return None


sys.meta_path.insert(0, Noted())
from reviewtui.tui.launch import prepare_launch

launch = prepare_launch(sys.argv[1], sys.argv[2] or None)
assert launch.first_look is not None and launch.first_look.ready(10)
assert launch.first_look.catalog is not None
assert (launch.first_look.review is not None) == bool(sys.argv[2])
print(*in_threads, sep="\\n", end="")
"""


@pytest.mark.parametrize("title", ["", "Beta Film"])
def test_the_look_imports_nothing_in_its_thread(tmp_path: Path, title: str) -> None:
    # A thread importing while the main thread imports Textual makes each wait for the other:
    # whatever the look needs is imported before its thread starts.
    indexed_library(tmp_path, ["Alpha Film", "Beta Film"])
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS_IN_THREADS, str(tmp_path), title],
        capture_output=True,
        text=True,
        env=python_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
