"""The app on the corpus of nasty files: everything opens or is listed, nothing runs."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList

from reviewtui.core.model import Review
from reviewtui.library.load import iter_review_files, load_review
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.title_bar import TitleBar

from .app_support import make_app, open_reader, wait_until, widget_text
from .conftest import DATA

NASTY = DATA / "nasty"
ESCAPES = ("\x1b", "\x9b", "\x07", "\x90", "\x9d")


def nasty_library(tmp_path: Path) -> Path:
    library = tmp_path / "nasty"
    shutil.copytree(NASTY, library)
    return library


def loadable(library: Path) -> list[Review]:
    return [r for path in iter_review_files(library) if isinstance(r := load_review(path), Review)]


async def test_every_nasty_review_opens_with_its_title_literal_and_no_escape(
    tmp_path: Path,
) -> None:
    library = nasty_library(tmp_path)
    reviews = loadable(library)
    assert len(reviews) >= 20
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None, timeout=20)
        for review in reviews:
            app.open_review(review.path)
            await wait_until(
                pilot,
                lambda r=review: (
                    isinstance(app.screen, ReaderScreen)
                    and app.screen.review is not None
                    and app.screen.review.path == r.path
                ),
                timeout=20,
            )
            screen = await open_reader(pilot)
            assert str(screen.query_one(TitleBar).visual).startswith(review.title)
            shown = widget_text(screen)
            assert not any(code in shown for code in ESCAPES), review.path.name
            assert app.return_code is None, f"{review.path.name} ended the app"
        assert app.is_running


async def test_unreadable_nasty_files_are_counted_and_listed_by_name(tmp_path: Path) -> None:
    library = nasty_library(tmp_path)
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None, timeout=20)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("tab", "!")  # from the list
        await pilot.pause(0.3)
        lists = app.screen.query(OptionList)
        listed = "\n".join(
            str(widget.get_option_at_index(i).prompt)
            for widget in lists
            for i in range(widget.option_count)
        )
        for name in ("binary_png_bytes.md", "front_matter_unclosed.md", "empty.md"):
            assert name in listed
