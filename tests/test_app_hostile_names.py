"""The app on hostile file names, folder names and config values: every screen shows them with
their control characters made visible, and no raw escape reaches the terminal."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot

from reviewtui.store.bookmarks import BookmarkStore
from reviewtui.store.config import config_path, load_config
from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.problems_screen import ProblemsScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.screens.search_screen import SearchScreen
from reviewtui.tui.widgets.title_bar import TitleBar

from .app_support import make_app, open_reader, wait_until
from .conftest import write_review

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
CSI = "\x1b[2J"
C1 = "\x9b31m"
BIDI = "\u202eevil\u202c"
EVIL = OSC52 + CSI + C1 + BIDI
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def assert_screen_printable(pilot: Pilot[int], where: str) -> str:
    """The screen as the terminal would show it: no raw control character in it."""
    shot = pilot.app.export_screenshot()
    raw = sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(shot)})
    assert not raw, (where, raw)
    return shot


async def test_every_screen_shows_hostile_names_without_raw_escapes(tmp_path: Path) -> None:
    library = tmp_path / f"lib{OSC52}"
    folder = library / f"sub{CSI}"
    folder.mkdir(parents=True)
    review = write_review(
        folder, f"case{EVIL}.md", "# The Case\n\n## Plot\n\nA glacier in the bay.\n"
    )
    write_review(folder, f"broken{EVIL}.md", '+++\ntitle = "unclosed\n+++\n')
    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        'theme = "\\u001b]52;c;eA==\\u0007"\n"\\u001b[2Jkey" = 1\n[keys]\n"\\u009b2J" = "x"\n',
        encoding="utf-8",
    )
    settings, warnings = load_config()
    assert warnings  # the theme and the key are checked as the app applies them
    BookmarkStore().add(f"Mark {EVIL}", str(folder / f"gone{EVIL}.md"))
    app = make_app(library, config=settings, config_warnings=warnings, watch_interval=0.2)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None, timeout=20)
        await pilot.pause(0.3)
        assert isinstance(app.screen, LibraryScreen)
        shot = assert_screen_printable(pilot, "library with the settings warnings")
        assert "x1b" in shot  # the config's escape is shown, made visible

        await pilot.press("tab", "exclamation_mark")  # from the list, where letters act
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await pilot.pause(0.2)
        shot = assert_screen_printable(pilot, "problems")
        assert "broken" in shot and "x1b]52" in shot
        await pilot.press("escape")

        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await pilot.pause(0.2)
        shot = assert_screen_printable(pilot, "bookmarks")
        assert "Mark" in shot and "gone" in shot
        await pilot.press("escape")

        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*"glacier")
        await pilot.pause(0.5)
        shot = assert_screen_printable(pilot, "search")
        assert "Case" in shot and "glacier" in shot
        await pilot.press("escape")

        app.open_review(review)
        screen = await open_reader(pilot)
        assert isinstance(screen, ReaderScreen)
        assert_screen_printable(pilot, "reader")

        review.unlink()
        await wait_until(pilot, lambda: screen.review is None, timeout=5.0)
        await pilot.pause(0.3)
        caption = str(screen.query_one(TitleBar).visual)
        assert "was removed" in caption and not RAW_CONTROL.search(caption)
        assert "\\x1b]52" in caption
        assert_screen_printable(pilot, "the removed caption")
