"""The library's focus model: typing a title never runs a shortcut, and every shortcut stays
reachable from where the focus is, as the footer says."""

from __future__ import annotations

from textual.widgets import Input

from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
from reviewtui.tui.screens.help_screen import HelpScreen
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.review_table import ReviewTable

from .app_support import make_app, open_reader, wait_until
from .conftest import SAMPLE_LIBRARY

SIZE = (100, 30)


def footer_keys(screen: object) -> set[str]:
    """The keys the footer offers now: shown, enabled bindings."""
    active = screen.active_bindings  # type: ignore[attr-defined]
    return {key for key, a in active.items() if a.binding.show and a.enabled}


def titles_listed(screen: LibraryScreen) -> list[str]:
    return [entry.title for entry in screen.shown]


async def test_typing_bos_from_a_fresh_start_lists_bosch_and_opens_nothing() -> None:
    app = make_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert isinstance(screen.focused, Input)
        await pilot.press("B", "o", "s")
        await pilot.pause(0.1)
        assert app.screen is screen, "typing B opened another screen"
        assert titles_listed(screen)[0] == "Bosch"


async def test_typing_a_title_starting_with_q_filters_instead_of_quitting() -> None:
    app = make_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.press(*"quiet")
        await pilot.pause(0.1)
        assert app.is_running
        assert app.screen.query_one("#filter", Input).value == "quiet"


async def test_in_the_filter_the_footer_offers_ctrl_keys_and_they_work() -> None:
    app = make_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        keys = footer_keys(app.screen)
        # `?` is typed into the box: help is F1 there, and the footer says so.
        assert {"ctrl+b", "ctrl+g", "ctrl+q", "tab", "f1"} <= keys
        assert not {"q", "B", "slash", "question_mark"} & keys
        library = app.screen
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is library)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))


async def test_tab_moves_to_the_list_where_single_letters_act() -> None:
    app = make_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        screen = app.screen
        await pilot.press("tab")
        assert isinstance(screen.focused, ReviewTable)
        assert {"q", "B", "slash"} <= footer_keys(screen)
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))


async def test_back_from_the_reader_the_same_model_holds() -> None:
    app = make_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        library = app.screen
        await pilot.press(*"ballard")
        await pilot.press("enter")
        await open_reader(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is library)
        assert isinstance(library.focused, Input)
        await pilot.press("B", "q")
        await pilot.pause(0.1)
        assert app.is_running and app.screen is library
        assert library.query_one("#filter", Input).value == "ballardBq"
        await pilot.press("ctrl+g")
        await pilot.pause(0.2)
        assert app.screen is not library and not isinstance(app.screen, ReaderScreen)


async def test_exclamation_mark_on_a_library_without_problems_says_so() -> None:
    app = make_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.press("tab", "exclamation_mark")
        await pilot.pause(0.1)
        assert any("no problems" in notice for notice in app.notices)
        assert app.screen.query_one("#filter", Input).value == ""


async def test_escape_clears_the_filter_and_typing_after_it_still_filters() -> None:
    app = make_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.press(*"Bos", "escape", *"quiet")
        await pilot.pause(0.1)
        assert app.is_running
        assert app.screen.query_one("#filter", Input).value == "quiet"
