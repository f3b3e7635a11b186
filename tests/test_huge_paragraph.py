"""A review that is one huge paragraph (one line of megabytes, no headings to cut it at) opens
at once: the reader mounts a few parts of it, `G` reaches its end, and `q` quits."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets.markdown import MarkdownBlock

from reviewtui.core.parts import PART_CHARACTERS
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.reader_pane import WINDOW_LIMIT, ReaderPane
from reviewtui.tui.widgets.section_sidebar import SectionSidebar

from .app_support import make_app, wait_until
from .conftest import write_review

SIZE = (120, 35)
SENTENCE = "The harbour glows at night while the score hums under every single scene. "
FIRST, LAST = "Opening words of the giant paragraph.", "Closing words of the giant paragraph."
TWIST = "The twist is that the lighthouse keeper"


def one_line(megabytes: float, first: str, last: str) -> str:
    return f"{first} {SENTENCE * int(megabytes * 1_000_000 / len(SENTENCE))}{last}"


@pytest.fixture(scope="module")
def paragraph_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paragraph")
    write_review(folder, "monolith.md", '+++\ntitle = "Monolith"\n+++\n' + one_line(4, FIRST, LAST))
    sections = (
        '+++\ntitle = "Sections"\n+++\n# Sections\n\n'
        + one_line(1, "The preface begins.", "The preface ends.")
        + "\n\n## Plot\n\n"
        + one_line(0.5, "The plot begins.", "The plot ends.")
        + "\n\n## Ending spoilers\n\n"
        + one_line(0.2, f"{TWIST} was the ghost.", "The ending ends.")
        + "\n\n## Verdict\n\nA short verdict.\n"
    )
    write_review(folder, "sections.md", sections)
    return folder


def shown_sources(pane: ReaderPane) -> str:
    """The text of the Markdown blocks on screen now."""
    return "\n".join(
        block.source or ""
        for block in pane.query(MarkdownBlock)
        if block.region.intersection(pane.region).area
    )


def mounted_characters(pane: ReaderPane) -> int:
    return sum(len(block.source or "") for block in pane.query(MarkdownBlock))


async def open_pane(pilot: object, app: object, text: str) -> ReaderPane:
    def shown() -> bool:
        screen = app.screen  # type: ignore[attr-defined]
        panes = screen.query(ReaderPane) if isinstance(screen, ReaderScreen) else []
        return any(text in shown_sources(pane) for pane in panes)

    await wait_until(pilot, shown, timeout=30)  # type: ignore[arg-type]
    return app.screen.query_one(ReaderPane)  # type: ignore[attr-defined, no-any-return]


async def test_a_one_line_review_of_megabytes_mounts_a_few_parts_and_reaches_its_end(
    paragraph_library: Path,
) -> None:
    app = make_app(paragraph_library, title="Monolith")
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot, app, FIRST)
        assert pane.windowed
        await pilot.pause(0.5)
        # A handful of parts, not four megabytes of text in one widget.
        assert len(pane.section_blocks()) <= WINDOW_LIMIT
        assert mounted_characters(pane) <= WINDOW_LIMIT * PART_CHARACTERS
        # The UI answers keys while the review is open.
        for _ in range(5):
            await pilot.press("pagedown")
        assert pane.scroll_y > 4 * pane.scrollable_content_region.height
        await pilot.press("G")
        await wait_until(pilot, lambda: LAST in shown_sources(pane), timeout=10)
        assert mounted_characters(pane) <= WINDOW_LIMIT * PART_CHARACTERS
        await pilot.press("g")
        await wait_until(pilot, lambda: FIRST in shown_sources(pane), timeout=10)
        await pilot.press("q")
        await pilot.pause(0.2)
    assert app.return_code == 0


async def test_sections_of_a_review_cut_in_parts_keep_their_numbers_jumps_and_spoilers(
    paragraph_library: Path,
) -> None:
    app = make_app(paragraph_library, title="Sections")
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot, app, "The preface begins.")
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        sidebar = screen.query_one(SectionSidebar)
        await wait_until(pilot, lambda: sidebar.option_count == 3)
        await pilot.press("1")
        await wait_until(pilot, lambda: "The plot begins." in shown_sources(pane))
        await pilot.pause(0.3)
        assert mounted_characters(pane) <= WINDOW_LIMIT * PART_CHARACTERS
        assert pane.current_position() == (0, 0)
        await wait_until(pilot, lambda: screen.section == 0 and sidebar.highlighted == 0)
        await pilot.press("n")
        await wait_until(pilot, lambda: "Ending spoilers" in shown_sources(pane))
        await pilot.pause(0.3)
        assert screen.section == 1
        # Hidden: none of the spoiler section's parts is in any widget.
        assert TWIST not in "".join(b.source or "" for b in pane.query(MarkdownBlock))
        await pilot.press("s")
        await wait_until(pilot, lambda: TWIST in shown_sources(pane))
        assert pane.current_section() == 1
        await pilot.press("s")
        await wait_until(
            pilot, lambda: TWIST not in "".join(b.source or "" for b in pane.query(MarkdownBlock))
        )
        await pilot.press("n")
        await wait_until(pilot, lambda: "A short verdict." in shown_sources(pane))
        await wait_until(pilot, lambda: pane.current_section() == 2 and screen.section == 2)
        await pilot.press("p")
        await wait_until(pilot, lambda: pane.current_section() == 1)
        # The plot, a part of it scrolled past: its place is its section's.
        screen.jump_to(0)
        await wait_until(pilot, lambda: "The plot begins." in shown_sources(pane))
        await wait_until(pilot, lambda: pane.current_position() == (0, 0))
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.5)
        for _ in range(3):
            await pilot.press("pagedown")
        await wait_until(pilot, lambda: pane.current_position()[1] > 0)
        assert pane.current_position()[0] == 0


async def test_find_in_a_one_line_review_goes_to_the_part_that_holds_the_words(
    paragraph_library: Path,
) -> None:
    from textual.widgets import Input, Static

    app = make_app(paragraph_library, title="Monolith")
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot, app, FIRST)
        screen = app.screen
        await pilot.press("slash", *"closing words", "enter")
        count = screen.query_one("#find-count", Static)  # (made as the bar first opens)
        # Four megabytes away, in a part not mounted when the find began.
        await wait_until(pilot, lambda: str(count.visual) == "1/1", timeout=10)
        await wait_until(pilot, lambda: LAST in shown_sources(pane), timeout=10)
        assert mounted_characters(pane) <= WINDOW_LIMIT * PART_CHARACTERS
        await pilot.press("slash", *"harbour")  # typed over the last; in every sentence
        assert screen.query_one("#find-input", Input).value == "harbour"
        await wait_until(pilot, lambda: str(count.visual).endswith("/9999+"), timeout=10)
