"""Resume, live reload, keys, theme and spoilers from the config, and the editor key, in the app."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewtui.store.config import config_path, load_config
from reviewtui.store.positions import PositionStore
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.review_table import ReviewTable

from .app_support import FIXTURE_LIBRARY, RecordingApp, make_app, open_reader, wait_until
from .conftest import SAMPLE_LIBRARY, write_review

SIZE = (140, 40)


def write_config(text: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def configured_app(library: Path, title: str | None = None) -> RecordingApp:
    config, warnings = load_config()
    return make_app(library, title, config=config, config_warnings=warnings, watch_interval=0.2)


async def test_quit_in_section_9_of_ballard_and_reading_it_again_opens_at_section_9() -> None:
    first = make_app(SAMPLE_LIBRARY, title="Ballard")
    async with first.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("9")
        await wait_until(pilot, lambda: screen.section == 8)
        await pilot.pause(0.2)
        await pilot.press("j", "j", "j")
        await pilot.pause(0.1)
        place = screen.query_one(ReaderPane).current_position()
        assert place == (8, 3)
        await pilot.press("q")
    again = make_app(SAMPLE_LIBRARY, title="Ballard")
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.current_position() == (8, 3) and screen.section == 8)
        await pilot.pause(0.5)  # the place holds while the blocks above finish laying out
        assert pane.current_position() == (8, 3)
        assert screen.section == 8


async def test_going_back_to_the_library_keeps_the_place_for_next_time() -> None:
    app = make_app(SAMPLE_LIBRARY, title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("4")
        await wait_until(pilot, lambda: screen.section == 3)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        app.open_title("Ballard")
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.current_position() == (3, 0) and screen.section == 3)


async def test_opening_another_review_keeps_the_place_in_the_first() -> None:
    app = make_app(FIXTURE_LIBRARY, title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("3")
        await wait_until(pilot, lambda: screen.section == 2)
        ballard = screen.review
        assert ballard is not None
        app.open_title("Zodiac")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "Zodiac"
        )
        position = PositionStore().load(ballard).value
        assert position is not None and position.section == 2


async def test_a_review_copied_into_the_library_shows_up_without_a_restart(
    library_dir: Path,
) -> None:
    shutil.copy(FIXTURE_LIBRARY / "zodiac.md", library_dir / "zodiac.md")
    app = configured_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(ReviewTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        shutil.copy(SAMPLE_LIBRARY / "ballard.md", library_dir / "ballard.md")
        await wait_until(pilot, lambda: table.row_count == 2, timeout=3.0)
        (library_dir / "zodiac.md").unlink()
        await wait_until(pilot, lambda: table.row_count == 1, timeout=3.0)
        assert app.catalog is not None and [e.title for e in app.catalog.entries] == ["Ballard"]


async def test_the_open_review_reloads_in_place_when_its_file_changes(library_dir: Path) -> None:
    path = library_dir / "ballard.md"
    shutil.copy(SAMPLE_LIBRARY / "ballard.md", path)
    app = configured_app(library_dir, title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("6")
        await wait_until(pilot, lambda: screen.section == 5)
        before = screen.review
        assert before is not None and len(before.top_sections) == 14
        path.write_text(
            path.read_text(encoding="utf-8") + "\n## Postscript\n\nAdded later.\n", encoding="utf-8"
        )
        await wait_until(
            pilot,
            lambda: screen.review is not None and len(screen.review.top_sections) == 15,
            timeout=3.0,
        )
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.current_position() == (5, 0) and screen.section == 5)


async def test_removing_the_open_review_says_so_in_the_reader(library_dir: Path) -> None:
    path = write_review(library_dir, "heat.md", "# Heat\n\n## One\n\nText.\n")
    app = configured_app(library_dir, title="Heat")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        path.unlink()
        await wait_until(pilot, lambda: screen.review is None, timeout=3.0)
        await pilot.pause(0.1)
        assert any("heat.md was removed" in notice for notice in app.notices)
        messages = [str(w.visual) for w in screen.query(".reader-message")]  # type: ignore[attr-defined]
        assert any("was removed from the library" in m for m in messages)


async def test_next_section_x_in_the_config_makes_x_move_to_the_next_section() -> None:
    write_config('[keys]\nnext_section = "x"\n')
    app = configured_app(SAMPLE_LIBRARY, title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: screen.section == 1)
        await pilot.press("n")
        await pilot.pause(0.1)
        assert screen.section == 1


async def test_the_spoiler_placeholder_names_the_remapped_reveal_key() -> None:
    write_config('[keys]\ntoggle_spoilers = "v"\n')
    app = configured_app(FIXTURE_LIBRARY, title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        placeholders = [str(w.visual) for w in screen.query(".spoiler-placeholder")]  # type: ignore[attr-defined]
        assert placeholders and all("Press v to reveal it." in p for p in placeholders)
        await pilot.press("v")
        await wait_until(pilot, lambda: screen.spoilers_shown)


async def test_the_config_theme_is_used_and_a_theme_picked_later_is_remembered() -> None:
    write_config('theme = "nord"  # mine\n')
    app = configured_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await wait_until(pilot, lambda: load_config()[0].theme == "gruvbox")


async def test_config_problems_are_shown_in_the_app() -> None:
    write_config('theme = "no-such-theme"\ncolour = 1\n')
    app = configured_app(SAMPLE_LIBRARY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert app.theme != "no-such-theme"
    # One toast for both, pointing to the full list.
    [toast] = [notice for notice in app.notices if "colour" in notice]
    assert toast.startswith("2 problems in the settings; `reviewtui config --check` lists them")
    assert not any("no-such-theme" in notice for notice in app.notices if notice != toast)


async def test_spoilers_shown_in_the_config_start_revealed() -> None:
    write_config('spoilers = "shown"\n')
    app = configured_app(FIXTURE_LIBRARY, title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert screen.spoilers_shown
        assert not list(screen.query(".spoiler-placeholder"))


async def test_e_without_a_terminal_to_hand_over_says_so_and_changes_nothing(
    library_dir: Path,
) -> None:
    path = write_review(library_dir, "heat.md", "# Heat\n\n## One\n\nText.\n")
    app = configured_app(library_dir, title="Heat")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("e")
        await pilot.pause(0.1)
        assert app.screen is screen and screen.review is not None
    assert any("cannot hand over" in notice for notice in app.notices)
    assert path.read_text(encoding="utf-8") == "# Heat\n\n## One\n\nText.\n"


def test_every_remappable_binding_id_is_accepted_by_the_config() -> None:
    from reviewtui.store.config import ACTION_IDS
    from reviewtui.tui.app import ReviewApp
    from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
    from reviewtui.tui.widgets.filter_input import FilterInput

    ids = {
        binding.id
        for owner in (ReviewApp, ReaderScreen, LibraryScreen, BookmarksScreen, FilterInput)
        for binding in owner.BINDINGS
        if binding.id and not binding.id.startswith(("jump_to_digit", "close"))
    }
    assert ids <= set(ACTION_IDS), ids - set(ACTION_IDS)
