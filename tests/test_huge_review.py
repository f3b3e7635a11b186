"""A 5 MB, 2,000-section review opens, jumps and scrolls as fast as a short one."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets.markdown import MarkdownBlock

from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets import reader_hold, reader_window
from reviewtui.tui.widgets.reader_pane import WINDOW_LIMIT, ReaderPane
from reviewtui.tui.widgets.section_sidebar import SectionSidebar

from .app_support import make_app, type_quickly, wait_until
from .conftest import write_review

SIZE = (140, 40)
SECTIONS = 2000
FILLER = (
    "The camera lingers on the harbour at night while the score hums under the dialogue, "
    "and the cast plays every scene with the restraint of people who know more than they say. "
)


def opening(number: int) -> str:
    return f"Part {number} opens with this sentence."


def huge_review_text() -> str:
    parts = ['+++\ntitle = "Chronicle"\n+++\n# Chronicle\n\nA preface to a very long review.\n']
    for number in range(1, SECTIONS + 1):
        # Every hundredth part gives away the plot.
        title = f"Part {number} spoilers" if number % 100 == 50 else f"Part {number}"
        paragraphs = "\n\n".join([FILLER * 3] * 5)
        parts.append(f"## {title}\n\n{opening(number)}\n\n{paragraphs}\n")
    parts.append("Here the review ends.\n")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def huge_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("huge")
    text = huge_review_text()
    assert len(text) > 5_000_000
    write_review(folder, "chronicle.md", text)
    return folder


def visible_text(screen: ReaderScreen) -> str:
    """The review's text in the paragraphs and headings on screen now."""
    pane = screen.query_one(ReaderPane)
    shown = []
    for block in pane.query(MarkdownBlock):
        if block.region.intersection(pane.region).area and block.source:
            shown.append(block.source)
    return "\n".join(shown)


def on_screen(screen: ReaderScreen, text: str) -> bool:
    return text in visible_text(screen)


async def open_huge(pilot: Pilot[int]) -> ReaderScreen:
    app = pilot.app

    def shown() -> bool:
        # The screen composes its widgets a moment after it is pushed.
        panes = app.screen.query(ReaderPane) if isinstance(app.screen, ReaderScreen) else []
        return any(pane.section_blocks() for pane in panes)

    await wait_until(pilot, shown, timeout=20)
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def sidebar_highlight(screen: ReaderScreen) -> int | None:
    return screen.query_one(SectionSidebar).highlighted


async def test_a_huge_review_shows_its_first_section_and_keeps_few_blocks_mounted(
    huge_library: Path,
) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        assert pane.windowed
        await wait_until(pilot, lambda: on_screen(screen, opening(1)))
        await pilot.pause(0.5)
        assert len(pane.section_blocks()) <= WINDOW_LIMIT
        # A long read, as with the mouse wheel: the window follows and stays small.
        for _ in range(60):
            pane.scroll_page_down(animate=False)
            await pilot.pause(0.06)
        await pilot.pause(0.3)
        assert pane.current_section() >= 20
        assert len(pane.section_blocks()) <= 2 * WINDOW_LIMIT


async def test_end_key_shows_the_last_section_of_a_huge_review(huge_library: Path) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        await pilot.press("G")
        await wait_until(pilot, lambda: on_screen(screen, "Here the review ends."))
        assert screen.section == SECTIONS - 1
        assert sidebar_highlight(screen) == SECTIONS - 1
        await pilot.press("g")
        await wait_until(pilot, lambda: on_screen(screen, "A preface to a very long review."))
        assert screen.section == 0


async def test_digits_and_search_jumps_land_on_their_section_in_a_huge_review(
    huge_library: Path,
) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        await type_quickly(pilot, "12")
        await wait_until(pilot, lambda: on_screen(screen, opening(12)))
        await pilot.pause(0.3)
        assert pane.current_section() == 11
        assert sidebar_highlight(screen) == 11
        screen.jump_to(1500)
        await wait_until(pilot, lambda: on_screen(screen, opening(1501)))
        await pilot.pause(0.5)
        assert pane.current_section() == 1500
        assert sidebar_highlight(screen) == 1500
        assert visible_text(screen).find(opening(1501)) < visible_text(screen).find(
            opening(1502)
        ) or opening(1502) not in visible_text(screen)
        await pilot.press("n")
        await wait_until(pilot, lambda: pane.current_section() == 1501)
        assert sidebar_highlight(screen) == 1501


async def test_scrolling_past_the_window_brings_the_next_sections(huge_library: Path) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        screen.jump_to(999)
        await wait_until(pilot, lambda: on_screen(screen, opening(1000)))
        await pilot.pause(0.3)
        for _ in range(20):
            await pilot.press("pagedown")
            if on_screen(screen, opening(1003)):
                break
        assert on_screen(screen, opening(1003))
        # The sidebar follows the scrolling once the window's layout has settled.
        await wait_until(pilot, lambda: sidebar_highlight(screen) in (1001, 1002))
        # And back up past where the jump opened the window, without the view jumping.
        for _ in range(40):
            await pilot.press("pageup")
            if on_screen(screen, opening(998)):
                break
        assert on_screen(screen, opening(998))
        assert pane.current_section() in (996, 997)


async def test_position_survives_a_round_trip_in_a_huge_review(huge_library: Path) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        pane.scroll_to_position(700, 12)
        await wait_until(pilot, lambda: pane.current_position() == (700, 12), timeout=2)
        # The sections mounted above it while the reader reads must not move the text, not
        # even for a moment.
        places = set()
        for _ in range(40):
            await pilot.pause(0.03)
            places.add(pane.current_position())
        assert places == {(700, 12)}
        assert opening(701) not in visible_text(screen)


async def test_a_jump_keeps_its_text_at_the_top_when_its_hold_ends_early(
    huge_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a busy machine the sections above a jump's target are laid out after its hold was
    # due to end: a short hold makes that happen on any machine.
    monkeypatch.setattr(reader_hold, "HOLD_SECONDS", 0.4)
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        pane.scroll_to_position(700, 12)
        await pilot.pause(1.5)
        assert pane.current_position() == (700, 12)
        assert screen.section == 700


async def test_spoilers_stay_hidden_in_a_huge_review_until_revealed(huge_library: Path) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        screen.jump_to(49)  # "Part 50 spoilers"
        await wait_until(pilot, lambda: "## Part 50 spoilers" in visible_text(screen))
        await pilot.pause(0.3)
        assert opening(50) not in visible_text(screen)
        await pilot.press("s")
        await wait_until(pilot, lambda: on_screen(screen, opening(50)))
        assert pane.current_section() == 49
        await pilot.press("s")
        await wait_until(pilot, lambda: not on_screen(screen, opening(50)))
        # A spoiler section mounted later, by a jump, is hidden too.
        screen.jump_to(149)
        await wait_until(pilot, lambda: "## Part 150 spoilers" in visible_text(screen))
        assert opening(150) not in visible_text(screen)


async def test_position_survives_a_round_trip_in_an_ordinary_review() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        assert not pane.windowed
        pane.scroll_to_position(2, 3)
        # The sidebar hears of the section through a message: wait for both.
        await wait_until(
            pilot, lambda: pane.current_position() == (2, 3) and screen.section == 2, timeout=2
        )


async def test_the_section_list_of_a_huge_review_comes_after_its_text_and_lists_every_part(
    huge_library: Path,
) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        sidebar = screen.query_one(SectionSidebar)
        shown_first: list[bool] = []

        def text_then_list() -> bool:
            if sidebar.option_count and not shown_first:
                shown_first.append(on_screen(screen, opening(1)))
            return sidebar.option_count == SECTIONS

        await wait_until(pilot, text_then_list)
        assert shown_first == [True]
        assert sidebar.highlighted == 0
        label = str(sidebar.get_option_at_index(49).prompt)
        assert "Part 50 spoilers" in label and "✱" in label


async def test_the_section_list_follows_a_jump_made_before_it_was_built(
    huge_library: Path,
) -> None:
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ReaderScreen) and app.screen.review is not None,
            timeout=20,
        )
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.jump_to(1234)
        await wait_until(pilot, lambda: screen.query_one(SectionSidebar).option_count == SECTIONS)
        await wait_until(pilot, lambda: on_screen(screen, opening(1235)), timeout=2)
        assert sidebar_highlight(screen) == 1234


async def test_a_huge_review_reopens_at_its_saved_place_without_showing_its_top(
    huge_library: Path,
) -> None:
    from reviewtui.core.model import Review
    from reviewtui.library.load import load_review
    from reviewtui.store.positions import PositionStore

    review = load_review(huge_library / "chronicle.md")
    assert isinstance(review, Review)
    PositionStore().save(review, 700, 3)
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        tops_seen = 0

        def at_place() -> bool:
            nonlocal tops_seen
            screen = app.screen
            if not isinstance(screen, ReaderScreen) or not screen.query(ReaderPane):
                return False
            tops_seen += on_screen(screen, "A preface to a very long review.")
            return on_screen(screen, "Part 701")

        waited = 0.0
        while not at_place():
            assert waited < 20, "the saved place was never shown"
            await pilot.pause(0.01)
            waited += 0.01
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert tops_seen == 0
        assert screen.query_one(ReaderPane).current_position() == (700, 3)
        assert screen.section == 700


async def test_a_search_hit_opens_a_huge_review_at_its_section(huge_library: Path) -> None:
    app = make_app(huge_library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None and app.catalog.complete)
        app.open_review(huge_library / "chronicle.md", section=1500)
        screen = await open_huge(pilot)
        await wait_until(pilot, lambda: on_screen(screen, opening(1501)), timeout=5)
        await pilot.pause(0.3)
        assert screen.query_one(ReaderPane).current_position() == (1500, 0)
        assert screen.section == 1500
        await wait_until(pilot, lambda: sidebar_highlight(screen) == 1500)


async def test_jumps_show_their_text_as_soon_as_it_is_laid_out(
    huge_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A jump waits, out of sight, for its sections' text: never for its time limit when the
    # text is there, even text laid out before the wait began.
    monkeypatch.setattr(reader_window, "LAY_OUT_WAIT", 30.0)
    app = make_app(huge_library, title="Chronicle")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_huge(pilot)
        pane = screen.query_one(ReaderPane)
        for section in (699, 1999, 0, 1299):
            screen.jump_to(section)
            await wait_until(pilot, partial(on_screen, screen, opening(section + 1)), timeout=5)
            assert pane.current_section() == section
