"""A review's first blocks, when they are headings and paragraphs of plain words, are shown
without markdown-it (`PlainMarkdown`): the reader's first paint need not import it. The pane
then puts Textual's Markdown in their place, and the screen must not change by a cell."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.style import Style
from textual.geometry import Region
from textual.screen import Screen

from reviewtui.tui.app import ReviewApp
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.section_block import PlainMarkdown, SectionBlock

from .app_support import make_app, wait_until
from .test_huge_review import huge_review_text, opening

EVERY_HEADING = """+++
title = "Plain Words"
year = 2021
+++
# Plain Words

A first paragraph before any section,
on two lines   with   wide spaces.

## The First Section

Its words run on for a while so that the paragraph wraps at the reader's width, which is
narrower than the terminal's, and goes on to a second and a third line of text in the pane.

### A Third-Level Heading

#### A Fourth

##### A Fifth

###### A Sixth

The last paragraph of the first section! Is it shown the same? Yes (it is).

## A Second Section

Shown by the Markdown widget from the start.
"""


Cells = list[list[tuple[str, Style | None]]]


def first_blocks_cells(screen: Screen[object]) -> tuple[list[Region], Cells]:
    """Where the review's first two blocks are, and every cell of them as painted: its
    character and its style."""
    strips = screen._compositor.render_strips()
    regions = [block.region for block in list(screen.query(SectionBlock))[:2]]
    rows = []
    for region in regions:
        for y in range(region.y, min(region.bottom, len(strips))):  # (what is on the screen)
            strip = strips[y].crop(region.x, region.right)
            rows.append([(char, segment.style) for segment in strip for char in segment.text])
    return regions, rows


def plain_blocks_shown(screen: Screen[object]) -> list[SectionBlock]:
    return [block for block in screen.query(SectionBlock) if block.plain_shown]


@pytest.mark.parametrize("size", [(100, 40), (160, 45)])
async def test_the_plain_first_blocks_are_painted_as_the_markdown_that_replaces_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    (tmp_path / "plain.md").write_text(EVERY_HEADING, "utf-8")
    plain = await cells_before_and_after(make_app(tmp_path, title="Plain Words"), size, monkeypatch)
    assert "A Sixth" in "".join(char for row in plain[1] for char, _ in row)


async def test_a_huge_reviews_first_blocks_are_shown_plain_and_then_by_markdown_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A huge review is shown through a window of its sections; its first screen, too, is
    # painted without markdown-it.
    (tmp_path / "chronicle.md").write_text(huge_review_text(), "utf-8")
    app = make_app(tmp_path, title="Chronicle")
    plain = await cells_before_and_after(app, (140, 40), monkeypatch, windowed=True)
    assert opening(1) in "".join(char for row in plain[1] for char, _ in row)


async def cells_before_and_after(
    app: ReviewApp, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch, windowed: bool = False
) -> tuple[list[Region], Cells]:
    """The first two blocks' regions and cells as painted plain; asserts that the Markdown
    which then takes their place paints the same."""
    replace_plain = SectionBlock.replace_plain
    release = asyncio.Event()

    async def held(block: SectionBlock) -> None:
        await release.wait()
        await replace_plain(block)

    monkeypatch.setattr(SectionBlock, "replace_plain", held)
    async with app.run_test(size=size) as pilot:
        try:
            # (Not `pilot.pause`, which waits for the pane's handler held here.)
            for _ in range(100):
                if len(plain_blocks_shown(app.screen)) == 2:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)
            screen = app.screen
            assert len(screen.query(PlainMarkdown)) == 2  # (the preamble and the first section)
            assert screen.query_one(ReaderPane).windowed == windowed
            # As painted once laid out: on a busy machine, a while after they are mounted.
            plain = first_blocks_cells(screen)
            for _ in range(25):
                await asyncio.sleep(0.2)
                again = first_blocks_cells(screen)
                if again == plain:
                    break
                plain = again
        finally:
            release.set()  # (an app waiting for it would never end)
        await wait_until(pilot, lambda: not plain_blocks_shown(screen))
        # The first two blocks, shown plain, are now shown by Markdown (a huge review's window
        # may be mounting more blocks below meanwhile).
        firsts = list(screen.query(SectionBlock))[:2]
        assert len(firsts) == 2 and all(block.markdown_widgets() for block in firsts)
        # Once the Markdown has laid its text out (on a busy machine, a while after it is
        # mounted), the screen is as it was, cell for cell; a difference that stays fails.
        try:
            await wait_until(pilot, lambda: first_blocks_cells(screen) == plain, timeout=5)
        except AssertionError:
            assert first_blocks_cells(screen) == plain  # (shows the cells that differ)
    return plain


async def test_first_blocks_that_are_more_than_plain_words_are_shown_by_markdown(
    tmp_path: Path,
) -> None:
    text = EVERY_HEADING.replace("A first paragraph", "A *first* paragraph")
    (tmp_path / "marked.md").write_text(text, "utf-8")
    app = make_app(tmp_path, title="Plain Words")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(SectionBlock)))
        screen = app.screen
        preamble = screen.query(SectionBlock).first()
        assert not preamble.plain_shown and preamble.markdown_widgets()
        # The first section's words are plain: it alone is shown so, until replaced.
        await wait_until(pilot, lambda: not plain_blocks_shown(screen))
