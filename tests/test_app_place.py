"""Where a review opens, and that its place is kept: defects a new user met (keys and focus)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reviewtui.store.positions import PositionStore
from reviewtui.tui.messages import OpenTitle
from reviewtui.tui.screens import reader_screen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.section_sidebar import SectionSidebar

from .app_support import make_app, open_reader, type_quickly, wait_until
from .conftest import SAMPLE_LIBRARY


@pytest.mark.parametrize("size", [(100, 30), (140, 40)])
async def test_a_comparable_opens_at_its_top_after_a_jump_and_a_spoiler_toggle(
    size: tuple[int, int],
) -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=size) as pilot:
        screen = await open_reader(pilot)
        await type_quickly(pilot, "12")
        await wait_until(pilot, lambda: screen.section == 11)
        await pilot.press("s", "c")
        await pilot.pause(0.3)
        assert screen.section == 11, "revealing spoilers moved Ballard off its section"
        panel = screen.query_one(ComparablesPanel)
        assert screen.focused is panel
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "True Detective"
        )
        await pilot.pause(0.6)
        pane = screen.query_one(ReaderPane)
        assert screen.section == 0
        assert pane.scroll_y == 0
        top = pane.current_position()  # (the lines above section 1's heading: its title)
        assert top[0] == 0 and top[1] < 0
        review = screen.review
        assert review is not None
        await pilot.press("l")
        await pilot.pause(0.1)
    saved = PositionStore().load(review).value
    assert saved is None or (saved.section, round(saved.scroll_y)) == top


async def test_leaving_a_review_that_is_still_opening_never_crashes_the_app() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        for _ in range(25):
            await pilot.press("enter")
            await pilot.pause(0.02)
            await pilot.press("escape")
            await pilot.pause(0.01)
        await pilot.pause(0.5)
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_e_brings_the_reader_back_to_the_same_place_after_the_edit(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library_dir / "ballard.md"
    shutil.copy(SAMPLE_LIBRARY / "ballard.md", path)

    def editor(app: object, edited: Path) -> None:
        # What a person does in their editor: a word changed, the file saved.
        edited.write_text(edited.read_text(encoding="utf-8").replace("gripping", "tense"))
        return None

    monkeypatch.setattr(reader_screen, "edit_file", editor)
    app = make_app(library_dir, title="Ballard", watch_interval=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("9")
        await wait_until(pilot, lambda: screen.section == 8)
        await pilot.pause(0.3)
        await pilot.press("j", "j")
        await pilot.pause(0.2)
        pane = screen.query_one(ReaderPane)
        before = pane.current_position()
        assert before[0] == 8 and before[1] > 0
        await pilot.press("e")
        await wait_until(pilot, lambda: screen.review is not None and "tense" in screen.review.body)
        await pilot.pause(1.5)  # the library watcher sees the change too, and reloads again
        assert pane.current_position() == before
        assert screen.section == 8


async def test_with_the_section_list_focused_reading_keys_move_the_review_with_it() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_reader(pilot)
        sidebar = screen.query_one(SectionSidebar)
        pane = screen.query_one(ReaderPane)
        await pilot.press("t")
        assert screen.focused is sidebar
        last = len(screen.review.top_sections) - 1  # type: ignore[union-attr]
        await pilot.press("end")
        await wait_until(pilot, lambda: pane.current_position()[0] == last)
        assert screen.section == last and sidebar.highlighted == last
        await pilot.press("k")
        await wait_until(pilot, lambda: pane.current_position()[0] == last - 1)
        assert screen.section == last - 1 and sidebar.highlighted == last - 1
        await pilot.press("home")
        await wait_until(pilot, lambda: pane.current_position()[0] == 0)
        assert screen.section == 0 and sidebar.highlighted == 0


async def test_escape_goes_back_to_the_review_read_before_at_its_place_and_l_to_the_library() -> (
    None
):
    app = make_app(title="Ballard")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("3")
        await wait_until(pilot, lambda: screen.section == 2)
        await pilot.pause(0.3)
        ballard_place = screen.query_one(ReaderPane).current_position()
        await pilot.press("c", "enter")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "True Detective"
        )
        await pilot.press("escape")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "Ballard"
        )
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.current_position() == ballard_place)
        await pilot.press("right_square_bracket")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "True Detective"
        )
        await pilot.press("l")
        await wait_until(pilot, lambda: app.screen is not screen)
        assert app.screen is app.library_screen


async def test_escape_with_nothing_read_before_goes_to_the_library() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.library_screen)


async def test_a_search_hit_in_the_review_being_read_moves_to_its_section() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        app.open_review(screen.path, 5)
        await wait_until(pilot, lambda: pane.current_position()[0] == 5 and screen.section == 5)


async def test_a_narrower_terminal_keeps_the_section_being_read() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await pilot.press("7")
        await wait_until(pilot, lambda: pane.current_position()[0] == 6)
        await pilot.pause(3.5)  # the jump's hold is over: the reader is on their own
        await pilot.press("j", "j")
        await pilot.pause(0.2)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(1.0)
        assert pane.current_position()[0] == 6
        assert screen.section == 6


WITHOUT_SECTIONS = "# A Long Letter\n\n" + "\n\n".join(
    f"Paragraph {n}: a review written as one long letter, with no headings in it at all."
    for n in range(120)
)


async def test_a_review_without_sections_reopens_where_it_was_left(library_dir: Path) -> None:
    # Pasted blog reviews and plain text often have no `##` headings: their place was never
    # kept, and they reopened at the top.
    (library_dir / "letter.md").write_text(WITHOUT_SECTIONS, encoding="utf-8")
    app = make_app(library_dir, title="A Long Letter")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.max_scroll_y > 100)
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause(0.3)
        left_at = round(pane.scroll_y)
        assert left_at > 40
        assert pane.current_position()[0] == 0
        await pilot.press("l")  # to the library: the place is saved
        await wait_until(pilot, lambda: not isinstance(app.screen, reader_screen.ReaderScreen))
        marks = app.screen.query_one("#reviews")
        # Being read, as far in as the reader said (no sections to count by).
        assert f"◐ {screen.progress}%" in str(marks.get_row_at(0))
        await pilot.press("enter")
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: abs(round(pane.scroll_y) - left_at) <= 1)
        await pilot.pause(0.5)
        assert abs(round(pane.scroll_y) - left_at) <= 1  # still there once laid out


PREFACE = "\n\n".join(
    f"Preface paragraph {n}: how this film found me, and why it stayed." for n in range(1, 31)
)
PREFACED = (
    "# Long Preface\n\n" + PREFACE + "\n\n## First Part\n\nThe first part.\n\n"
    "## Second Part\n\nThe second part.\n"
)


async def reopen(pilot: Pilot[int], title: str) -> ReaderPane:
    app = pilot.app
    await pilot.press("l")
    await wait_until(pilot, lambda: app.screen is app.library_screen)  # type: ignore[attr-defined]
    app.post_message(OpenTitle(title))
    screen = await open_reader(pilot)
    await pilot.pause(0.5)
    assert screen.review is not None and screen.review.title == title
    return screen.query_one(ReaderPane)


@pytest.mark.parametrize("keys", [(), ("pagedown",), ("pagedown", "pagedown")])
async def test_a_place_in_the_text_before_the_first_section_is_kept(
    library_dir: Path, keys: tuple[str, ...]
) -> None:
    # Its place was (0, 0), also section 1's heading: it reopened there, below the title and
    # the preface the reader was in, or (for a while) at the very top.
    (library_dir / "preface.md").write_text(PREFACED, encoding="utf-8")
    app = make_app(library_dir, title="Long Preface")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await pilot.press(*keys)
        await pilot.pause(0.3)
        left = pane.scroll_y
        assert (left > 0) == bool(keys)
        place = pane.current_position()
        assert place[0] == 0 and place[1] < 0  # still above section 1's heading
        pane = await reopen(pilot, "Long Preface")
        assert pane.scroll_y == left
        assert pane.current_position() == place


async def test_section_1_s_heading_reopens_there(library_dir: Path) -> None:
    (library_dir / "preface.md").write_text(PREFACED, encoding="utf-8")
    app = make_app(library_dir, title="Long Preface")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await pilot.press("1")
        await wait_until(pilot, lambda: pane.current_position() == (0, 0) and pane.scroll_y > 0)
        left = pane.scroll_y
        pane = await reopen(pilot, "Long Preface")
        assert pane.current_position() == (0, 0)
        assert pane.scroll_y == left


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_keys_typed_with_c_go_to_the_comparables(size: tuple[int, int]) -> None:
    # `c` `j` typed in one burst, as soon as the review is there: `j` went to the review
    # (scrolling it), the panel's focus coming only after the keys already queued.
    app = make_app(SAMPLE_LIBRARY, title="Heat")
    async with app.run_test(size=size) as pilot:
        await wait_until(
            pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.review is not None
        )
        screen = app.screen
        await type_quickly(pilot, "cj")
        panel = screen.query_one(ComparablesPanel)
        await wait_until(pilot, lambda: panel.highlighted is not None)
        await pilot.pause(0.3)
        assert screen.focused is panel
        assert str(panel.get_option_at_index(panel.highlighted or 0).prompt) == "→ Bosch"
        assert screen.query_one(ReaderPane).scroll_y == 0


async def test_keys_typed_with_t_go_to_the_section_list() -> None:
    app = make_app(SAMPLE_LIBRARY, title="Heat")
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_until(
            pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.review is not None
        )
        screen = app.screen
        await type_quickly(pilot, "tj")
        sidebar = screen.query_one(SectionSidebar)
        await wait_until(pilot, lambda: screen.section == 1)
        await pilot.pause(0.3)
        assert screen.focused is sidebar
        assert sidebar.highlighted == 1
