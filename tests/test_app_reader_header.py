"""The reader's header and footer: where am I, whether the title is bookmarked, and a footer
that fits 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer

from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.title_bar import TitleBar

from .app_support import first_paint_of, make_app, open_reader, wait_until
from .conftest import write_review


def header(screen: object) -> str:
    return str(screen.query_one(TitleBar).visual)  # type: ignore[attr-defined]


def footer_words(screen: object) -> list[tuple[str, int]]:
    """Each footer entry's text and the column where it ends."""
    footer = screen.query_one(Footer)  # type: ignore[attr-defined]
    return [(str(key.render()), key.region.right) for key in footer.children if key.display]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_the_header_says_which_section_and_how_far_in_every_width(
    size: tuple[int, int],
) -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=size) as pilot:
        screen = await open_reader(pilot)
        count = len(screen.review.top_sections)  # type: ignore[union-attr]
        assert f"§ 1/{count} · 0 %" in header(screen)
        await pilot.press("5")
        await wait_until(pilot, lambda: f"§ 5/{count}" in header(screen))
        await pilot.press("G")
        await wait_until(pilot, lambda: "· 100 %" in header(screen))


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_footer_entry_fits_the_width(size: tuple[int, int]) -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=size) as pilot:
        screen = await open_reader(pilot)
        await pilot.pause(0.2)
        entries = footer_words(screen)
        assert entries and all(right <= size[0] for _, right in entries), entries
        assert any("Find" in text for text, _ in entries)
        assert any("Quit" in text for text, _ in entries)
        await pilot.press("slash", *"ballard", "enter")  # a find on: its key joins the footer
        await pilot.pause(0.3)
        entries = footer_words(screen)
        assert all(right <= size[0] for _, right in entries), entries
        assert any("Match" in text for text, _ in entries)
        assert any("Quit" in text for text, _ in entries)


async def test_a_bookmarked_title_shows_its_mark_and_b_offers_to_unbookmark() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        assert "◆" not in header(screen)
        assert any(t.strip()[1:].strip() == "Bookmark" for t, _ in footer_words(screen))
        await pilot.press("b")
        await wait_until(pilot, lambda: "◆" in header(screen))
        await pilot.pause(0.1)
        assert any("Unbookmark" in t for t, _ in footer_words(screen))
        await pilot.press("b")
        await wait_until(pilot, lambda: "◆" not in header(screen))
        assert not any("Unbookmark" in t for t, _ in footer_words(screen))


async def test_at_80_columns_choosing_a_comparable_folds_the_panel_and_reads_on() -> None:
    from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
    from reviewtui.tui.widgets.reader_pane import ReaderPane

    app = make_app(title="Ballard")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("c", "enter")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "True Detective"
        )
        await pilot.pause(0.2)
        assert isinstance(screen.focused, ReaderPane)
        assert not screen.query_one(ComparablesPanel).display
        entries = footer_words(screen)
        assert all(right <= 80 for _, right in entries), entries


async def test_the_header_s_progress_is_the_new_review_s_when_another_is_opened(
    library_dir: Path,
) -> None:
    # A short review is all in view: 100 %. The long one opened from it, at its top, kept
    # showing 100 % until it was scrolled (its progress was taken only on a scroll).
    write_review(
        library_dir, "short.md", '+++\ntitle = "Short"\ncomparables = ["Long"]\n+++\n## A\n\nA.\n'
    )
    body = "\n\n".join(f"## Part {n}\n\n" + "Words of this part. " * 40 for n in range(1, 9))
    write_review(library_dir, "long.md", f"# Long\n\n{body}\n")
    app = make_app(library_dir, title="Short")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        await wait_until(pilot, lambda: screen.progress == 100)
        await pilot.press("c", "enter")
        await wait_until(pilot, lambda: screen.review is not None and screen.review.title == "Long")
        await wait_until(pilot, lambda: screen.progress == 0, timeout=3)


async def test_the_header_shows_the_whole_title_from_the_first_paint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Shown before its first layout, the bar had no width: the title was cut to its first
    # seven letters ("True De…") for a frame.
    paints = first_paint_of(monkeypatch, ReaderScreen)
    app = make_app(title="True Detective")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reader(pilot)
        await pilot.pause(0.2)
    headers = [paint.splitlines()[0] for paint in paints if "True De" in paint.splitlines()[0]]
    assert headers and all("True Detective" in line for line in headers)


async def test_the_headers_progress_follows_spoilers_revealed_below_the_reader(
    library_dir: Path,
) -> None:
    # Revealed below the place read, the spoilers lengthen the text without a scroll: the
    # header kept its percentage until the next one.
    words = "The twist is told here at length, scene by scene. " * 8
    sections = "".join(f"## Part {n}\n\n{words}\n\n" for n in range(1, 5))
    text = '+++\ntitle = "Spoiled"\nspoilers = ["Ending"]\n+++\n' + sections
    write_review(library_dir, "spoiled.md", text + "## Ending\n\n" + (words + "\n\n") * 12)
    app = make_app(library_dir, title="Spoiled")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("3")
        await wait_until(pilot, lambda: screen.section == 2)
        await pilot.pause(0.3)
        before, y = screen.progress, screen.query_one(ReaderPane).scroll_y
        assert 0 < before < 100
        await pilot.press("s")
        await wait_until(pilot, lambda: screen.progress < before)
        assert screen.query_one(ReaderPane).scroll_y == y
        assert f"· {screen.progress} %" in header(screen)
