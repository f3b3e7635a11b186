"""Browsing the library: facets in the filter, sorting by any column either way, shelves, the
read marks and the preview pane."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, Static

from reviewtui.core.model import Review
from reviewtui.library import load
from reviewtui.library.load import load_review
from reviewtui.store.bookmarks import BookmarkStore
from reviewtui.store.config import Config
from reviewtui.store.positions import PositionStore
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.widgets.preview_pane import PreviewPane
from reviewtui.tui.widgets.reader_pane import HUGE_SECTIONS, ReaderPane
from reviewtui.tui.widgets.review_table import CELL_PADDING, ReviewTable
from reviewtui.tui.widgets.title_bar import TitleBar

from .app_support import (
    FIXTURE_LIBRARY,
    RecordingApp,
    first_paint_of,
    make_app,
    open_reader,
    wait_until,
)
from .conftest import write_review

SIZE = (120, 30)


async def library(pilot: object, app: RecordingApp) -> LibraryScreen:
    await wait_until(pilot, lambda: app.catalog is not None)  # type: ignore[arg-type]
    await pilot.pause(0.1)  # type: ignore[attr-defined]
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


def titles(screen: LibraryScreen) -> list[str]:
    table = screen.query_one("#reviews", ReviewTable)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


def column(screen: LibraryScreen, key: str) -> list[str]:
    table = screen.query_one("#reviews", ReviewTable)
    return [str(cell) for cell in table.get_column(key)]


def header(screen: LibraryScreen, key: str) -> str:
    table = screen.query_one("#reviews", ReviewTable)
    return str(table.column(key).label_text).strip()


def explanation(screen: LibraryScreen) -> str:
    box = screen.query_one("#filter-problems", Static)
    return str(box.visual) if box.display else ""


def loaded(path: Path) -> Review:
    review = load_review(path)
    assert isinstance(review, Review)
    return review


# Facets -----------------------------------------------------------------------------


async def test_typing_facets_narrows_the_list() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press(*"genre:crime")
        await pilot.pause(0.1)
        assert titles(screen) == ["Ballard", "True Detective", "Zodiac"]
        await pilot.press(*" year:>2010")
        await pilot.pause(0.1)
        assert titles(screen) == ["Ballard", "True Detective"]
        assert "2 of 4 reviews" in str(screen.query_one("#status", Static).visual)
        assert explanation(screen) == ""


async def test_facets_combine_with_the_fuzzy_title_match() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press(*"kind:series tru")
        await pilot.pause(0.1)
        assert titles(screen) == ["True Detective"]
        await pilot.press("enter")
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "True Detective"


async def test_a_wrong_term_is_explained_under_the_box_and_the_rest_still_filters() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press(*"rating:>=4 year:abc")
        await pilot.pause(0.1)
        assert "year:abc is not understood" in explanation(screen)
        assert titles(screen) == ["True Detective", "Zodiac"]
        for _ in range(len(" year:abc")):
            await pilot.press("backspace")
        await pilot.pause(0.1)
        assert explanation(screen) == ""


async def test_a_wrong_term_that_looks_like_markup_is_shown_literally() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        screen.query_one("#filter", Input).value = "is:[b]x[/b]"
        await pilot.pause(0.1)
        assert "is:[b]x[/b] is unknown" in explanation(screen)


async def test_tag_facet_lists_only_the_tagged_reviews_and_the_preview_shows_tags(
    library_dir: Path,
) -> None:
    (library_dir / "chinatown.md").write_text(
        '+++\ntitle = "Chinatown"\ntags = ["Noir", "[red]1970s"]\n+++\nWater.\n', encoding="utf-8"
    )
    (library_dir / "heat.md").write_text(
        "---\ntitle: Heat\ntags: heist, neo-noir\n---\nCoffee.\n", encoding="utf-8"
    )
    (library_dir / "paddington.md").write_text(
        "---\ntitle: Paddington\ntags: [family]\ngenres: [noir]\n---\nBuns.\n", encoding="utf-8"
    )
    (library_dir / "alien.md").write_text("# Alien\n\nNoir in space.\n", encoding="utf-8")
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        assert len(titles(screen)) == 4
        await pilot.press(*"tag:noir")
        await pilot.pause(0.1)
        assert titles(screen) == ["Chinatown", "Heat"]
        assert explanation(screen) == ""
        await wait_until(pilot, lambda: "Water." in preview_text(screen))
        assert "Noir, [red]1970s" in preview_text(screen)
        await pilot.press(*" -tag:HEIST")
        await pilot.pause(0.1)
        assert titles(screen) == ["Chinatown"]


async def test_is_bookmarked_lists_the_bookmarked_reviews() -> None:
    BookmarkStore().add("Zodiac", FIXTURE_LIBRARY / "zodiac.md")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press(*"is:bookmarked")
        await pilot.pause(0.1)
        assert titles(screen) == ["Zodiac"]


# Reading marks ---------------------------------------------------------------------


async def test_the_read_column_marks_unread_part_read_and_finished_reviews() -> None:
    positions = PositionStore()
    ballard = loaded(FIXTURE_LIBRARY / "ballard.md")
    zodiac = loaded(FIXTURE_LIBRARY / "zodiac.md")
    positions.save(ballard, 2, 0.0)
    positions.save(zodiac, len(zodiac.top_sections) - 1, 3.0)
    app = make_app(position_store=positions)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await wait_until(pilot, lambda: column(screen, "read")[0] != "●")
        percent = round(100 * 2 / len(ballard.top_sections))
        assert column(screen, "read") == [f"◐ {percent}%", "●", "●", "✓"]
        await pilot.press(*"is:unread")
        await pilot.pause(0.1)
        assert titles(screen) == ["The Killing", "True Detective"]
        await pilot.press("escape", "tab")
        screen.query_one("#filter", Input).value = "is:read"
        await pilot.pause(0.1)
        assert titles(screen) == ["Zodiac"]


async def test_the_read_mark_follows_reading_once_back_in_the_library() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        assert column(screen, "read")[0] == "●"
        await pilot.press(*"ballard")
        await pilot.press("enter")
        reader = await open_reader(pilot)
        await pilot.press("n", "n")
        await pilot.pause(0.3)
        # The mark says how far in, as the reader's header did (it said the share of the
        # sections before the place, another figure: 14 % for the header's 23 % at 120×30).
        shown = reader.progress
        assert 0 < shown < 100 and f"· {shown} %" in str(reader.query_one(TitleBar).visual)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: column(screen, "read")[0].startswith("◐"))
        assert column(screen, "read")[0] == f"◐ {shown}%"


def short_last_section(library_dir: Path, sections: int) -> None:
    """Heat: `sections` sections of forty lines, then a last one of two lines, far shorter
    than the screen (past 60 sections the reader shows it through a window of sections)."""
    middle = "\n\n".join(f"Paragraph {n} of the long middle section." for n in range(20))
    body = "".join(f"## Part {n}\n\n{middle}\n\n" for n in range(sections))
    write_review(
        library_dir,
        "heat.md",
        f'+++\ntitle = "Heat"\n+++\n{body}## Final Take\n\nA great film.\nSee it.\n',
    )


def read_marks(screen: LibraryScreen) -> dict[str, str]:
    return dict(zip(titles(screen), column(screen, "read"), strict=True))


async def scroll_until_the_end_shows(pilot: object, pane: ReaderPane) -> None:
    """`j` until the "— end of review —" line comes up at the bottom of the pane."""
    end = pane.query_one(".end-of-review")
    for _ in range(200):
        if end.region.y < pane.region.bottom:
            return
        await pilot.press("j")  # type: ignore[attr-defined]
    raise AssertionError("the end of the review never came into view")


@pytest.mark.parametrize(
    ("how", "sections"), [("G", 2), ("scrolling", 2), ("G", HUGE_SECTIONS + 5)]
)
async def test_reaching_the_end_of_a_review_with_a_short_last_section_marks_it_read(
    library_dir: Path, how: str, sections: int
) -> None:
    short_last_section(library_dir, sections)
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press(*"heat", "enter")
        reader = await open_reader(pilot)
        pane = reader.query_one(ReaderPane)
        assert pane.windowed == (sections > HUGE_SECTIONS)
        if how == "G":
            await pilot.press("G")
        else:
            await scroll_until_the_end_shows(pilot, pane)
        await pilot.pause(0.5)
        # The top of the screen is in the section before the last one.
        assert pane.current_position()[0] == sections - 1
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: read_marks(screen)["Heat"] != "●")
        assert read_marks(screen)["Heat"] == "✓"


# Sorting -------------------------------------------------------------------------------


async def click_header(pilot: object, screen: LibraryScreen, key: str) -> None:
    table = screen.query_one("#reviews", ReviewTable)
    x = table.column_x(key)
    await pilot.click("#reviews", offset=(x + 1, 0))  # type: ignore[attr-defined]
    await pilot.pause(0.1)  # type: ignore[attr-defined]


async def test_a_second_click_on_a_header_reverses_the_order_and_the_arrow() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        assert header(screen, "title") == "Title ▲"
        await click_header(pilot, screen, "year")
        assert titles(screen) == ["Ballard", "True Detective", "The Killing", "Zodiac"]
        assert header(screen, "year") == "Year ▼"
        assert header(screen, "title") == "Title"
        await click_header(pilot, screen, "year")
        assert titles(screen) == ["Zodiac", "The Killing", "True Detective", "Ballard"]
        assert header(screen, "year") == "Year ▲"
        assert "sorted by year, reversed" in str(screen.query_one("#status", Static).visual)


async def test_the_bookmark_column_shows_its_arrow_when_the_list_is_sorted_by_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        table = screen.query_one("#reviews", ReviewTable)
        await click_header(pilot, screen, "mark")
        # The column is two cells wide: the arrow is painted next to the mark, not cut off.
        painted = table.render_line(0).text
        x = table.column_x("mark") + CELL_PADDING
        assert painted[x : x + 2] == "◆▼"
        await click_header(pilot, screen, "mark")
        assert table.render_line(0).text[x : x + 2] == "◆▲"


@pytest.mark.parametrize(
    ("key", "first", "last"),
    [
        ("platform", "AMC", "Prime Video"),
        ("kind", "film", "series"),
        ("genres", "crime, drama", ""),
    ],
)
async def test_every_column_sorts_and_reverses_with_unknown_values_last(
    key: str, first: str, last: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await click_header(pilot, screen, key)
        values = column(screen, key)
        assert (values[0], values[-1]) == (first, last)
        await click_header(pilot, screen, key)
        reversed_values = column(screen, key)
        known = [v for v in values if v]
        assert [v for v in reversed_values if v] == known[::-1]
        assert reversed_values[len(known) :] == values[len(known) :]


async def test_ctrl_r_reverses_the_order_from_the_filter_box() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press("ctrl+r")
        await pilot.pause(0.1)
        assert titles(screen) == ["Zodiac", "True Detective", "The Killing", "Ballard"]
        assert header(screen, "title") == "Title ▼"
        assert screen.query_one("#filter", Input).value == ""


async def test_sorting_by_the_bookmark_column_puts_bookmarks_first() -> None:
    BookmarkStore().add("True Detective", FIXTURE_LIBRARY / "true-detective.md")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await click_header(pilot, screen, "mark")
        assert titles(screen)[0] == "True Detective"


# Shelves -------------------------------------------------------------------------------


async def test_a_shelf_from_the_config_is_offered_in_the_palette_and_fills_the_filter() -> None:
    config = Config(shelves={"Recent crime": "genre:crime year:>2010"})
    app = make_app(config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"recent crime")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause(0.1)
        assert screen.query_one("#filter", Input).value == "genre:crime year:>2010"
        assert titles(screen) == ["Ballard", "True Detective"]


# The preview pane ----------------------------------------------------------------------


def preview_text(screen: LibraryScreen) -> str:
    pane = screen.query_one(PreviewPane)
    return "\n".join(str(box.visual) for box in pane.query(Static))


async def test_the_preview_follows_the_cursor_with_metadata_verdict_and_comparables() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        assert screen.query_one(PreviewPane).display
        await wait_until(pilot, lambda: "Must-Watch" in preview_text(screen))
        text = preview_text(screen)
        assert "Ballard" in text and "Prime Video" in text and "crime, thriller, noir" in text
        assert "→ True Detective" in text and "· Mindhunter" in text
        await pilot.press("down", "down")
        await wait_until(
            pilot, lambda: "A landmark of television crime drama" in preview_text(screen)
        )
        text = preview_text(screen)
        assert "True Detective" in text and "HBO" in text and "★ 4.5" in text
        assert "Must-Watch" not in text


async def test_the_preview_never_quotes_a_spoiler_section(library_dir: Path) -> None:
    (library_dir / "a.md").write_text(
        "# Alpha\n\n## Key Moments (Spoilers)\n\nThe butler did it.\n\n## Final Take\n\nFine.\n",
        encoding="utf-8",
    )
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await wait_until(pilot, lambda: "Fine." in preview_text(screen))
        assert "butler" not in preview_text(screen)


async def test_the_preview_reads_only_the_highlighted_files_in_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[tuple[str, bool]] = []
    real = load.load_review

    def recording(path: Path, *rest: object) -> object:
        if sys._getframe(1).f_code.co_name == "read_verdict":  # the preview's reads only
            read.append((path.name, threading.current_thread() is threading.main_thread()))
        return real(path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "load_review", recording)  # where the preview takes it from
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await pilot.press("down")
        await wait_until(pilot, lambda: "Moody and slow" in preview_text(screen))
        assert read and {name for name, _ in read} <= {"ballard.md", "the-killing.md"}
        assert not any(on_main for _, on_main in read)


async def test_the_library_is_painted_before_the_preview_reads_a_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Reading the verdict (and importing the reader's parser for it) shared the interpreter
    # with the first paint, in a thread started as the first page was shown.
    happened: list[str] = []
    real_read, real_display = load.load_review, RecordingApp._display

    def recording(path: Path, *rest: object) -> object:
        if sys._getframe(1).f_code.co_name == "read_verdict":
            happened.append("read")
        return real_read(path, *rest)  # type: ignore[arg-type]

    def display(app: RecordingApp, screen: Screen[object], update: object) -> None:
        if isinstance(screen, LibraryScreen) and update is not None and titles(screen):
            happened.append("painted")
        real_display(app, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "load_review", recording)
    monkeypatch.setattr(RecordingApp, "_display", display)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await wait_until(pilot, lambda: "Must-Watch" in preview_text(screen))
    assert "read" in happened
    assert happened.index("painted") < happened.index("read")


async def test_the_preview_keeps_its_width_when_the_verdict_makes_it_scroll(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At 100 columns, Ballard's verdict makes the preview longer than the screen: its
    # scrollbar came with it, and the card above was wrapped again, two columns narrower.
    paints = first_paint_of(monkeypatch, LibraryScreen)
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await library(pilot, app)
        await wait_until(pilot, lambda: "Must-Watch" in preview_text(screen))
        await pilot.pause(0.2)
        preview = screen.query_one(PreviewPane)
        assert preview.max_scroll_y > 0  # (it scrolls)
        update = screen._compositor.render_update(full=True)
        now = ["".join(strip.text for strip in line) for line in update.strips]  # type: ignore[attr-defined]
    card = [paint for paint in paints if "▏ Genres" in paint and "Must-Watch" not in paint]
    assert card, "no paint had the card before the verdict"
    at = next(n for n, line in enumerate(card[0].splitlines()) if "▏ Genres" in line)
    assert card[0].splitlines()[at : at + 2] == now[at : at + 2]


async def test_below_100_columns_there_is_no_preview_and_the_list_has_the_width() -> None:
    app = make_app()
    async with app.run_test(size=(90, 30)) as pilot:
        screen = await library(pilot, app)
        assert not screen.query_one(PreviewPane).display
        table = screen.query_one("#reviews", ReviewTable)
        assert table.size.width >= 86


async def test_the_columns_fit_the_width_folding_into_the_preview_or_leaving_out_genres() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await library(pilot, app)
        table = screen.query_one("#reviews", ReviewTable)
        assert screen.query_one(PreviewPane).display
        assert table.column_keys == [
            "mark",
            "title",
            "year",
            "genres",
            "rating",
            "read",
        ]
        assert titles(screen)[0] == "Ballard"
        await pilot.press("down", "down")
        await pilot.resize_terminal(130, 30)
        await pilot.pause(0.2)
        assert table.cursor_row == 2, "the highlighted review stays highlighted"
        assert "platform" in table.column_keys
        assert column(screen, "platform")[0] == "Prime Video"
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        assert not screen.query_one(PreviewPane).display
        keys = table.column_keys
        assert keys == ["mark", "title", "year", "kind", "platform", "rating", "read"]
        assert table.virtual_size.width <= table.size.width, "the list fits 80 columns"


async def test_the_preview_shows_markup_in_a_review_literally(library_dir: Path) -> None:
    (library_dir / "a.md").write_text(
        '+++\ntitle = "[b]Bold[/b] [@click=app.quit]x[/]"\nplatform = "[red]HBO"\n'
        'comparables = ["[link=file:///etc]y[/link]"]\n+++\n'
        "## Verdict\n\n[i]Not[/i] markup.\n",
        encoding="utf-8",
    )
    app = make_app(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library(pilot, app)
        await wait_until(pilot, lambda: "markup." in preview_text(screen))
        text = preview_text(screen)
        assert "[b]Bold[/b] [@click=app.quit]x[/]" in text
        assert "[red]HBO" in text and "[link=file:///etc]y[/link]" in text
        assert "[i]Not[/i] markup." in text
