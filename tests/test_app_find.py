"""Find in the open review (`/`, as in less): a find bar, the matches marked, `>` `<` between
them with a counter, spoiler sections searched only once revealed; and a library search's
result opened with its words marked and on screen."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Input, Static
from textual.widgets.markdown import MarkdownBlock

from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.screens.search_screen import SearchScreen
from reviewtui.tui.widgets.find_bar import FindBar
from reviewtui.tui.widgets.find_marks import CURRENT_STYLE, MATCH_STYLE
from reviewtui.tui.widgets.reader_pane import ReaderPane

from .app_support import make_app, open_reader, type_quickly, wait_until
from .conftest import write_review

FILLER = "\n\n".join(
    f"Paragraph {n} of the long middle, about the sea and the ice." for n in range(80)
)
REVIEW = f"""# The Cold Bay

A glacier film, at first sight.

## Plot

{FILLER}

At the very end of the plot, the Glacier calves at dawn.

## Key Moments

The glacier hides the body of the first mate.

## Verdict

Worth the cold.
"""


def count_shown(screen: ReaderScreen) -> str:
    return str(screen.query_one("#find-count", Static).visual)


def marked_words(screen: ReaderScreen, style: str) -> list[str]:
    """The words marked with `style` in the review's text as shown."""
    words = []
    for block in screen.query_one(ReaderPane).query(MarkdownBlock):
        content = block.content
        if isinstance(content, Content):
            words += [content.plain[s.start : s.end] for s in content.spans if s.style == style]
    return words


def on_screen(screen: ReaderScreen, words: str) -> bool:
    """Whether `words` are in the part of the review the pane shows right now."""
    pane = screen.query_one(ReaderPane)
    for block in pane.query(MarkdownBlock):
        content = block.content
        if isinstance(content, Content) and words in content.plain:
            region = block.region
            if region.height and pane.region.overlaps(region):
                return True
    return False


async def open_cold_bay(pilot: object, library: Path) -> ReaderScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: app.catalog is not None, timeout=20)  # type: ignore[arg-type]
    app.open_review(library / "cold-bay.md")
    return await open_reader(pilot)  # type: ignore[arg-type]


async def test_slash_finds_words_marks_them_and_steps_through_them(library_dir: Path) -> None:
    write_review(library_dir, "cold-bay.md", REVIEW)
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cold_bay(pilot, library_dir)
        bar = screen.query_one(FindBar)
        assert not bar.display
        # Its text box is made when the bar is first opened: the reader's first paint does
        # without one.
        assert not screen.query(Input)

        await pilot.press("slash")
        assert bar.display and isinstance(app.focused, Input)
        await pilot.press(*"glacier")
        # The preamble's and the end of the plot's; the spoiler section's is not searched.
        await wait_until(pilot, lambda: count_shown(screen) == "1/2")
        await pilot.pause(0.2)
        assert marked_words(screen, CURRENT_STYLE) == ["glacier"]
        assert marked_words(screen, MATCH_STYLE) == ["Glacier"]  # any case, marked as shown

        await pilot.press("enter")  # back to reading, at that match
        await wait_until(pilot, lambda: isinstance(app.focused, ReaderPane))
        assert count_shown(screen) == "1/2"
        await wait_until(pilot, lambda: on_screen(screen, "A glacier film"))

        await pilot.press("greater_than_sign")  # the next match, deep in the plot
        await wait_until(pilot, lambda: count_shown(screen) == "2/2")
        await wait_until(pilot, lambda: on_screen(screen, "the Glacier calves"))
        assert marked_words(screen, CURRENT_STYLE) == ["Glacier"]
        assert screen.section == 0  # deep in the plot, 80 paragraphs down

        await pilot.press("greater_than_sign")  # wraps round to the first
        await wait_until(pilot, lambda: count_shown(screen) == "1/2")
        await wait_until(pilot, lambda: on_screen(screen, "A glacier film"))
        await pilot.press("less_than_sign")
        await wait_until(pilot, lambda: count_shown(screen) == "2/2")

        await pilot.press("n")  # n and p still move between sections while a find is on
        await wait_until(pilot, lambda: screen.section == 1)
        assert count_shown(screen) == "2/2"


async def test_words_typed_in_the_same_burst_as_the_slash_are_the_finds(
    library_dir: Path,
) -> None:
    # A terminal hands over quick typing at once: "/" then "n", "s" and "b", which are also the
    # reader's keys (next section, spoilers, bookmark). They went to the reader.
    write_review(library_dir, "cold-bay.md", REVIEW)
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cold_bay(pilot, library_dir)
        await type_quickly(pilot, "/nsb")
        await wait_until(pilot, lambda: screen.query_one(FindBar).display)
        await pilot.pause(0.2)
        box = screen.query_one("#find-input", Input)
        assert box.value == "nsb"
        assert screen.section == 0 and not screen.spoilers_shown and not screen.bookmarked
        await type_quickly(pilot, "/x")  # in the box, "/" is text
        assert box.value == "nsb/x"


async def test_a_spoiler_section_is_searched_only_once_revealed(library_dir: Path) -> None:
    write_review(library_dir, "cold-bay.md", REVIEW)
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cold_bay(pilot, library_dir)
        await pilot.press("slash", *"first mate")
        await wait_until(pilot, lambda: count_shown(screen) == "no match (spoilers hidden)")
        assert "first mate" not in "".join(marked_words(screen, MATCH_STYLE))

        await pilot.press("enter", "s")  # reveal the spoilers
        await wait_until(pilot, lambda: count_shown(screen).endswith("/1"))
        await pilot.press("greater_than_sign")
        await wait_until(pilot, lambda: marked_words(screen, CURRENT_STYLE) == ["first mate"])
        await wait_until(pilot, lambda: on_screen(screen, "the first mate"))


async def test_escape_ends_the_find_then_goes_back(library_dir: Path) -> None:
    write_review(library_dir, "cold-bay.md", REVIEW)
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cold_bay(pilot, library_dir)
        await pilot.press("slash", *"glacier", "enter", "greater_than_sign")
        await wait_until(pilot, lambda: count_shown(screen) == "2/2")
        await pilot.press("escape")  # the find ends: marks gone, bar hidden, still reading
        await wait_until(pilot, lambda: not screen.query_one(FindBar).display)
        assert app.screen is screen
        assert marked_words(screen, MATCH_STYLE) == marked_words(screen, CURRENT_STYLE) == []
        await pilot.press("greater_than_sign")  # no find: the key does nothing
        assert count_shown(screen) == ""
        await pilot.press("escape")  # and Esc goes back, as before
        await wait_until(pilot, lambda: not isinstance(app.screen, ReaderScreen))


async def test_a_library_search_result_opens_with_its_words_marked_and_shown(
    library_dir: Path,
) -> None:
    write_review(library_dir, "cold-bay.md", REVIEW.replace("the Glacier calves", "it calves"))
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.last_refresh is not None, timeout=20)
        await pilot.press("tab", "slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"calves")
        search = app.screen
        await wait_until(pilot, lambda: bool(search.hits))
        await pilot.press("enter")
        screen = await open_reader(pilot)
        # Found as the index found it: "calves" at the end of a long section, on screen.
        await wait_until(pilot, lambda: marked_words(screen, CURRENT_STYLE) == ["calves"])
        await wait_until(pilot, lambda: on_screen(screen, "it calves at dawn"))
        assert screen.query_one(FindBar).display and count_shown(screen) == "1/1"
        assert isinstance(app.focused, ReaderPane)  # reading, not typing


async def test_a_find_in_a_huge_review_opens_its_window_at_the_match(library_dir: Path) -> None:
    parts = ["# Almanac\n\nA year in many parts.\n"]
    for number in range(1, 121):  # past the size at which only a window of sections is mounted
        extra = "\n\nHere, at last, the needle in the haystack." if number == 97 else ""
        parts.append(f"## Part {number}\n\n{FILLER[:600]}{extra}\n")
    write_review(library_dir, "cold-bay.md", "\n".join(parts))
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cold_bay(pilot, library_dir)
        pane = screen.query_one(ReaderPane)
        assert pane.windowed
        await pilot.press("slash", *"needle", "enter")
        await wait_until(pilot, lambda: count_shown(screen) == "1/1")
        await wait_until(pilot, lambda: on_screen(screen, "the needle in the haystack"))
        assert marked_words(screen, CURRENT_STYLE) == ["needle"]
        assert screen.section == 96


async def test_each_letter_typed_finds_from_where_the_find_began(library_dir: Path) -> None:
    text = (
        "# Drift\n\nAn opening.\n\n## One\n\nA fjord, and The zeppelin.\n\n## Two\n\n"
        + FILLER
        + "\n\n## Three\n\nThe zebra and the zealot.\n"
    )
    write_review(library_dir, "cold-bay.md", text)
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cold_bay(pilot, library_dir)
        await pilot.press("slash", *"zeal")
        await wait_until(pilot, lambda: marked_words(screen, CURRENT_STYLE) == ["zeal"])
        await wait_until(pilot, lambda: on_screen(screen, "the zealot"))
        # Letters taken back: the first "ze" from the top, not from where "zeal" went.
        await pilot.press("backspace", "backspace")
        await wait_until(pilot, lambda: count_shown(screen) == "1/3")
        await wait_until(pilot, lambda: on_screen(screen, "The zeppelin."))
        assert marked_words(screen, CURRENT_STYLE) == ["ze"]


async def test_a_match_in_a_table_cell_brings_its_section_into_view(library_dir: Path) -> None:
    text = (
        "# Tables\n\nAn opening.\n\n## Long\n\n"
        + FILLER
        + "\n\n## Cast\n\n| Role | Actor |\n| --- | --- |\n| Keeper | Ann Quillfeather |\n"
    )
    write_review(library_dir, "cold-bay.md", text)
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cold_bay(pilot, library_dir)
        await pilot.press("slash", *"quillfeather")
        await wait_until(pilot, lambda: count_shown(screen) == "1/1")
        # Table cells are not marked, but the view goes to the section that holds it.
        await wait_until(pilot, lambda: screen.section == 1)
        pane = screen.query_one(ReaderPane)
        assert pane.current_position()[0] == 1
