"""The reader mounts a review's first blocks, and paints them, before the rest: its first screen
does not wait for all of the review's Markdown. Meanwhile the blocks count as not built, so
that a jump, a place or the spoiler toggle waits for the rest. The first blocks' Markdown is
built as it is composed, so that a reader opened with a review (`read TITLE`) has its first
words in its first paint."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual._compositor import LayoutUpdate
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets.markdown import MarkdownBlock

from reviewtui.core.model import Problem, Review
from reviewtui.library.load import load_review
from reviewtui.store.positions import PositionStore
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.reader_pane import FIRST_BLOCKS, ReaderPane
from reviewtui.tui.widgets.section_block import SectionBlock
from reviewtui.tui.widgets.title_bar import TitleBar

from .app_support import (
    FIXTURE_LIBRARY,
    RecordingApp,
    make_app,
    open_reader,
    wait_until,
    widget_text,
)
from .conftest import write_review

SIZE = (120, 36)
T = TypeVar("T")
FIRST_WORDS = "In 2025, the streaming landscape"
"""Ballard's first words (its first section's first paragraph)."""
LATER_WORDS = "The plot navigates through a suspenseful investigation"
"""From its second section's text: not among its first blocks."""


def painted_text(screen: ReaderScreen, update: LayoutUpdate) -> str:
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def noted_paints(
    monkeypatch: pytest.MonkeyPatch, note: Callable[[ReaderScreen, LayoutUpdate], T]
) -> list[T]:
    """What `note` makes of each whole paint of the reader screen, in order."""
    paints: list[T] = []
    display = RecordingApp._display

    def recording(app: RecordingApp, screen: Screen[object], update: object) -> None:
        if isinstance(screen, ReaderScreen) and isinstance(update, LayoutUpdate):
            paints.append(note(screen, update))
        display(app, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordingApp, "_display", recording)
    return paints


def reader_paints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of each whole paint of the reader screen, in order, as the app paints it."""
    return noted_paints(monkeypatch, painted_text)


def while_the_rest_mount(monkeypatch: pytest.MonkeyPatch, act: Any, at: int = 2) -> list[int]:
    """Run act(pane) when the pane mounts the rest of a review's blocks (at=1: its first
    ones); the sizes of the pane's mounts of blocks, in order."""
    sizes: list[int] = []
    mount_all = ReaderPane.mount_all

    def recording(pane: ReaderPane, widgets: Iterable[Widget], **options: Any) -> Any:
        widgets = list(widgets)
        if widgets and all(isinstance(widget, SectionBlock) for widget in widgets):
            sizes.append(len(widgets))
            if len(sizes) == at:
                act(pane)
        return mount_all(pane, widgets, **options)

    monkeypatch.setattr(ReaderPane, "mount_all", recording)
    return sizes


async def test_the_first_blocks_are_mounted_before_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual paints once the screen is idle: between the two mounts, mostly (the benchmark
    # measures the effect on the first words; a test of when a paint comes would be one of
    # timing).
    first_batch: list[str] = []

    def note_first(pane: ReaderPane) -> None:
        first_batch.extend(
            block.section.title if block.section else "(preamble)"
            for block in pane.query_children(SectionBlock)
        )

    sizes = while_the_rest_mount(monkeypatch, note_first)
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert screen.review is not None
        blocks = screen.query_one(ReaderPane).section_blocks()
        first_title = screen.review.top_sections[0].title
    assert sizes == [FIRST_BLOCKS, len(blocks) - FIRST_BLOCKS]
    assert first_title in first_batch and len(first_batch) == FIRST_BLOCKS


async def test_the_readers_first_paint_has_the_reviews_first_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Before, the reader was first painted with its header and sidebar and an empty pane: the
    # first blocks' Markdown built its text only once mounted, and the words came a paint later.
    paints = reader_paints(monkeypatch)
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot)
    assert paints and FIRST_WORDS in paints[0]
    assert "Introduction and Context" in paints[0]  # (its heading, in the pane and sidebar)


async def test_the_rest_of_the_blocks_are_mounted_once_the_first_words_are_painted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Mounted before a paint, the rest were built and laid out before the first words showed.
    paints = reader_paints(monkeypatch)
    painted_before_the_rest: list[bool] = []
    while_the_rest_mount(
        monkeypatch,
        lambda pane: painted_before_the_rest.append(any(FIRST_WORDS in p for p in paints)),
    )
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await wait_until(pilot, lambda: LATER_WORDS in widget_text(screen))
    assert painted_before_the_rest == [True]


async def test_a_jump_asked_for_while_the_rest_mount_lands_on_its_section(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sizes = while_the_rest_mount(monkeypatch, lambda pane: pane.scroll_to_position(8, 0))
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.current_section() == 8)
        await pilot.pause(0.3)
        assert pane.current_section() == 8
    assert sizes[0] == FIRST_BLOCKS and len(sizes) == 2


async def test_the_end_asked_for_as_the_review_opens_is_where_the_reader_lands() -> None:
    # `G` as the review opened went to the end of its first blocks (or of nothing yet); the
    # rest were then mounted below, and the reader was put back at the top.
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("G")
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, pane.end_in_view)
        await pilot.pause(0.3)
        assert pane.end_in_view() and pane.progress() == 100
        # And the reader scrolls from there as ever (the end is not held against them).
        await pilot.press("pageup")
        await pilot.pause(0.3)
        assert not pane.end_in_view()


async def test_spoilers_revealed_while_the_rest_mount_are_revealed_in_every_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def reveal(pane: ReaderPane) -> None:
        # As the toggle's watcher finds it while the rest mount: no blocks to change (the
        # blocks already made, the first ones among them, were made with spoilers hidden).
        screen = pane.screen
        assert isinstance(screen, ReaderScreen)
        screen.set_reactive(ReaderScreen.spoilers_shown, True)
        pane.set_reactive(ReaderPane.spoilers_shown, True)

    while_the_rest_mount(monkeypatch, reveal)
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        blocks = screen.query_one(ReaderPane).section_blocks()
        await wait_until(pilot, lambda: all(block.spoilers_shown for block in blocks))
        spoilers = [block for block in blocks if block.section and block.section.spoiler]
        assert spoilers and not any(block.hidden for block in spoilers)
        assert not list(screen.query(".spoiler-placeholder"))


async def test_a_review_opened_further_in_is_not_painted_at_its_top_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (A search hit names its section, as a place to resume does.)
    sizes = while_the_rest_mount(monkeypatch, lambda pane: None)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        app.open_review(FIXTURE_LIBRARY / "ballard.md", 8)
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.current_section() == 8)
        total = len(pane.section_blocks())
    assert sizes == [total]


async def test_a_review_gone_while_its_first_blocks_mount_is_said_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Its file removed, or found unreadable on a reload, while a long first section mounts:
    # the rest of its blocks were then built for no review, and the app crashed.
    def gone(pane: ReaderPane) -> None:
        screen = pane.screen
        assert isinstance(screen, ReaderScreen)
        screen.show_loaded(Problem(screen.path, "binary file (contains NUL bytes)"))

    sizes = while_the_rest_mount(monkeypatch, gone, at=1)
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = app.screen
        await wait_until(pilot, lambda: "could not be read" in widget_text(screen))
        assert "NUL bytes" in widget_text(screen)
        assert not screen.query(SectionBlock)
        assert str(screen.query_one(TitleBar).visual) == "Cannot open ballard.md"
    assert sizes == [FIRST_BLOCKS]


@pytest.mark.parametrize(
    ("width", "sections", "comparables"),
    [(80, False, False), (100, True, False), (120, True, True)],
)
async def test_the_readers_first_paint_has_the_layout_of_the_terminals_width(
    monkeypatch: pytest.MonkeyPatch, width: int, sections: bool, comparables: bool
) -> None:
    # Textual sets the width's class on the screen's first resize, after its first paint:
    # that paint had both panels at any width, then the text was laid out again without them.
    paints = reader_paints(monkeypatch)
    app = make_app(title="Ballard")
    async with app.run_test(size=(width, 30)) as pilot:
        await open_reader(pilot)
        await pilot.pause(0.2)
    assert FIRST_WORDS in paints[0]
    assert ("─ Sections" in paints[0]) == sections  # (the panels' titles, in their borders)
    assert ("─ Comparables" in paints[0]) == comparables
    assert all(("─ Comparables" in paint) == comparables for paint in paints)


async def test_a_review_resumed_further_in_is_painted_before_it_is_all_mounted(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It is mounted whole (its top is not its first screen): the first paint waited for all of
    # its blocks, and the terminal stayed blank for seconds with a big review. Its header and
    # panels are painted first, as before the first words came in the first paint.
    body = "".join(
        f"## Part {n}\n\n" + "".join(f"Paragraph {p} of part {n}.\n\n" for p in range(40))
        for n in range(40)
    )
    path = write_review(library_dir, "long.md", f'+++\ntitle = "Long"\n+++\n{body}')
    review = load_review(path)
    assert isinstance(review, Review)
    PositionStore().save(review, 30, 0.0)
    mounted_at_paint = noted_paints(monkeypatch, lambda screen, _: len(screen.query(MarkdownBlock)))
    app = make_app(library_dir, title="Long")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await wait_until(pilot, lambda: pane.current_section() == 30, timeout=20)
        built = len(screen.query(MarkdownBlock))
    assert built > 40 * 40  # (every paragraph)
    assert mounted_at_paint and mounted_at_paint[0] < built
