"""The reader screen, driven with keys as a person would."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Markdown

from reviewtui.store.bookmarks import BookmarkStore
from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
from reviewtui.tui.screens.help_screen import HelpScreen, help_markdown
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_keys import DIGIT_WINDOW
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.section_sidebar import SectionSidebar
from reviewtui.tui.widgets.title_bar import TitleBar

from .app_support import (
    SPOILER_TEXT,
    make_app,
    open_reader,
    type_quickly,
    wait_until,
    widget_text,
)
from .conftest import write_review

SIZE = (140, 40)


async def test_read_title_opens_the_reader_with_title_and_metadata_in_the_header() -> None:
    app = make_app(title="ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert screen.review is not None and screen.review.title == "Ballard"
        assert (
            str(screen.query_one(TitleBar).visual)
            == "Ballard  § 1/14 · 0 % · 2025 · Prime Video · series"
        )
        assert screen.section == 0


async def test_next_and_previous_move_one_section_and_the_sidebar_follows() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await pilot.press("n", "n")
        await pilot.pause(0.1)
        assert screen.section == 2
        assert pane.current_section() == 2
        assert screen.query_one(SectionSidebar).highlighted == 2
        await pilot.press("p")
        await pilot.pause(0.1)
        assert screen.section == 1
        assert pane.current_section() == 1


async def test_two_digits_typed_quickly_jump_to_section_twelve() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await type_quickly(pilot, "12")
        await pilot.pause(0.1)
        assert screen.section == 11
        assert screen.review is not None
        assert screen.review.top_sections[11].title.startswith("Key Moments")
        assert screen.query_one(ReaderPane).current_section() == 11


async def test_one_then_zero_typed_quickly_jump_to_section_ten() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await type_quickly(pilot, "10")
        await pilot.pause(0.1)
        assert screen.section == 9


async def test_one_digit_jumps_to_that_section_and_a_slow_second_digit_starts_afresh() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("3")
        await pilot.pause(0.1)
        assert screen.section == 2
        await pilot.press("1")
        await asyncio.sleep(DIGIT_WINDOW + 0.2)
        await pilot.press("2")
        await pilot.pause(0.1)
        assert screen.section == 1


async def test_top_and_end_keys_go_to_the_start_and_the_last_section() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await pilot.press("G")
        await pilot.pause(0.2)
        end = pane.query_one(".end-of-review")
        assert pane.scroll_y > 0
        assert (
            pane.scroll_y
            <= end.virtual_region.y
            < pane.scroll_y + pane.scrollable_content_region.height
        )
        last_block = pane.section_blocks()[-1]
        assert last_block.virtual_region.y >= pane.scroll_y
        at_the_end = pane.scroll_y
        await pilot.press("g")
        await pilot.pause(0.2)
        assert pane.scroll_y == 0
        assert screen.section == 0
        await pilot.press("end")  # with the review focused, End goes where G goes
        await pilot.pause(0.2)
        assert app.focused is pane and pane.scroll_y == at_the_end
        await pilot.press("home")
        await pilot.pause(0.2)
        assert pane.scroll_y == 0


def wheel_down(pane: ReaderPane) -> None:
    pane.post_message(events.MouseScrollDown(pane, 5, 5, 0, 0, 0, False, False, False))


@pytest.mark.parametrize("key", ["pagedown", "j", "down", "wheel"])
async def test_scrolling_down_stops_at_the_end_of_the_text_where_end_goes(key: str) -> None:
    # The room below the last section (for a jump to bring it to the top) was scrolled into:
    # the review ended on a screen of nothing, lower than End goes.
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await pilot.press("G")
        await pilot.pause(0.2)
        at_the_end = pane.scroll_y
        await pilot.press("g")
        await pilot.pause(0.2)
        if key != "pagedown":  # (a line at a time: from a screen above the end)
            pane.scroll_to(y=at_the_end - 5, animate=False)
            await pilot.pause()
        for _ in range(200):
            before = pane.scroll_y
            if key == "wheel":
                wheel_down(pane)
            else:
                await pilot.press(key)
            await pilot.pause()
            if pane.scroll_y == before:
                break
        assert pane.scroll_y == at_the_end
        # After a jump to the last section (into that room), none goes further down.
        await pilot.press("1", "4")
        await wait_until(pilot, lambda: screen.section == 13)
        await pilot.pause(0.2)
        jumped = pane.scroll_y
        assert jumped > at_the_end
        if key == "wheel":
            wheel_down(pane)
        else:
            await pilot.press(key)
        await pilot.pause(0.1)
        assert pane.scroll_y == jumped


async def test_j_and_k_scroll_the_review() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        await pilot.press("j", "j", "j")
        await pilot.pause(0.1)
        assert pane.scroll_y == 3
        await pilot.press("k")
        await pilot.pause(0.1)
        assert pane.scroll_y == 2
        await pilot.press("down")
        await pilot.pause(0.1)
        assert pane.scroll_y == 3


async def test_spoiler_text_is_not_on_screen_until_revealed() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert SPOILER_TEXT not in widget_text(screen)
        assert "Spoiler section hidden" in widget_text(screen)
        assert "Key Moments (No Major Spoilers)" in widget_text(screen)
        await pilot.press("s")
        await pilot.pause(0.3)
        assert screen.spoilers_shown
        assert SPOILER_TEXT in widget_text(screen)
        assert "Spoiler section hidden" not in widget_text(screen)
        await pilot.press("s")
        await pilot.pause(0.3)
        assert SPOILER_TEXT not in widget_text(screen)


async def test_revealing_spoilers_keeps_the_reader_on_the_same_section() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await type_quickly(pilot, "12")
        await pilot.press("s")
        await pilot.pause(0.4)
        assert screen.section == 11
        assert screen.query_one(ReaderPane).current_section() == 11


async def test_spoilers_can_start_revealed() -> None:
    app = make_app(title="Ballard", spoilers_shown=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert SPOILER_TEXT in widget_text(screen)


async def test_b_bookmarks_the_title_and_the_bookmark_survives_a_restart(
    isolated_dirs: Path,
) -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot)
        await pilot.press("b")
        await pilot.pause(0.1)
    file = isolated_dirs / "data" / "reviewtui" / "bookmarks.toml"
    assert file.is_file()
    assert [b.title for b in BookmarkStore().entries().value] == ["Ballard"]

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: again.catalog is not None)
        await pilot.press("tab", "B")  # from the list
        await pilot.pause(0.2)
        assert isinstance(again.screen, BookmarksScreen)
        assert "Ballard" in widget_text(again.screen) or again.screen.marks[0].title == "Ballard"
        await pilot.press("enter")
        screen = await open_reader(pilot)
        assert screen.review is not None and screen.review.title == "Ballard"
        await pilot.press("b")
        await pilot.pause(0.1)
    assert BookmarkStore().entries().value == []


async def test_bookmarks_view_removes_a_bookmark_with_d() -> None:
    store = BookmarkStore()
    store.add("Zodiac", "/nowhere/zodiac.md")
    store.add("Ballard", "/nowhere/ballard.md")
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot)
        await pilot.press("B")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert [b.title for b in screen.marks] == ["Zodiac", "Ballard"]
        await pilot.press("d")
        await pilot.pause(0.1)
        assert [b.title for b in screen.marks] == ["Ballard"]
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert isinstance(app.screen, ReaderScreen)
    assert [b.title for b in BookmarkStore().entries().value] == ["Ballard"]


async def test_a_bookmark_whose_file_is_gone_is_reported_not_opened() -> None:
    BookmarkStore().add("Lost Film", "/nowhere/lost.md")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.press("tab", "B", "enter")  # B from the list
        await pilot.pause(0.2)
        assert isinstance(app.screen, LibraryScreen)
        assert any("Lost Film" in notice and "gone" in notice for notice in app.notices)


async def test_c_focuses_the_comparables_and_enter_opens_one_in_the_library() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        panel = screen.query_one(ComparablesPanel)
        titles = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert [t.strip("→· ").strip() for t in titles] == [
            "True Detective",
            "Mindhunter",
            "The Killing",
            "Sharp Objects",
        ]
        openable = [t.startswith("→") for t in titles]
        assert openable == [True, False, True, False]
        await pilot.press("c")
        await pilot.pause(0.1)
        assert screen.focused is panel
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "True Detective"
        )
        assert screen.section == 0


async def test_clicking_a_section_in_the_sidebar_jumps_there() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        # Row 0 of the sidebar is its border; option 3 (section 4) is on row 4.
        await pilot.click(SectionSidebar, offset=(5, 4))
        await pilot.pause(0.2)
        assert screen.section == 3
        assert screen.query_one(ReaderPane).current_section() == 3


async def test_tab_moves_focus_between_sidebar_review_and_comparables() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert isinstance(screen.focused, ReaderPane)
        await pilot.press("tab")
        assert isinstance(screen.focused, ComparablesPanel)
        await pilot.press("tab")
        assert isinstance(screen.focused, SectionSidebar)
        await pilot.press("tab")
        assert isinstance(screen.focused, ReaderPane)


async def test_l_and_escape_go_back_to_the_library() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot)
        await pilot.press("l")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await open_reader(pilot)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LibraryScreen)


async def test_q_quits_with_status_zero() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot)
        await pilot.press("q")
        await pilot.pause(0.1)
    assert app.return_code == 0
    assert app.return_value == 0


async def test_question_mark_shows_the_help_that_lists_every_reader_key() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        text = help_markdown()
        for binding in [*ReaderScreen.BINDINGS, *type(app).BINDINGS]:
            if binding.id and binding.id.startswith("jump_to_digit"):
                continue
            for key in binding.key.split(","):
                shown = {
                    "question_mark": "?",
                    "escape": "Esc",
                    "home": "Home",
                    "end": "End",
                    "f1": "F1",
                    "slash": "/",
                    "left_square_bracket": "[",
                    "right_square_bracket": "]",
                    "greater_than_sign": ">",
                    "less_than_sign": "<",
                }
                assert f"`{shown.get(key, key)}`" in text, key
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.screen is screen


def test_every_binding_has_an_id_equal_to_its_action_and_a_tooltip() -> None:
    from reviewtui.tui.app import ReviewApp
    from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen as Bookmarks
    from reviewtui.tui.screens.library_screen import LibraryScreen as Library
    from reviewtui.tui.screens.problems_screen import ProblemsScreen as Problems

    for owner in (ReviewApp, ReaderScreen, Library, HelpScreen, Bookmarks, Problems):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            action, _, argument = binding.action.removeprefix("app.").partition("(")
            if argument:  # one binding per digit: the id names the digit too
                assert binding.id == f"{action}_{argument.rstrip(')')}"
            else:
                assert binding.id == action, binding
            if binding.show:
                assert binding.tooltip, binding


async def test_a_keymap_remaps_next_section() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        app.set_keymap({"next_section": "x"})
        await pilot.press("x")
        await pilot.pause(0.1)
        assert screen.section == 1
        await pilot.press("n")
        await pilot.pause(0.1)
        assert screen.section == 1


async def test_the_command_palette_runs_reader_actions() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"reveal or hide")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause(0.2)
        assert screen.spoilers_shown


async def test_links_to_local_files_are_not_followed_and_web_links_open_on_request(
    library_dir: Path,
) -> None:
    write_review(
        library_dir,
        "linked.md",
        '+++\ntitle = "Linked"\n+++\n## Links\n\nSee [notes](notes.md), [secret](file:///etc/passwd)'
        " and [the site](https://example.com/page).\n",
    )
    app = make_app(library_dir, title="Linked")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert app.opened_urls == []
        markdown = screen.query(Markdown).last()
        markdown.post_message(Markdown.LinkClicked(markdown, "notes.md"))
        await pilot.pause(0.1)
        assert app.opened_urls == []
        assert any("not opened" in notice and "notes.md" in notice for notice in app.notices)
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.com/page"))
        await pilot.pause(0.1)
        assert app.opened_urls == ["https://example.com/page"]


async def test_markup_in_a_review_shows_literally_and_runs_no_action(library_dir: Path) -> None:
    write_review(
        library_dir,
        "evil.md",
        '+++\ntitle = "[@click=app.quit]x[/]"\ncomparables = ["[b]bold[/b]", "[/"]\n+++\n'
        "## [/\n\nBody with [red]markup[/red] and [@click=app.quit]a click[/].\n\n## Second\n\nMore.\n",
    )
    app = make_app(library_dir, title="[@click=app.quit]x[/]")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        title_bar = screen.query_one(TitleBar)
        assert str(title_bar.visual).startswith("[@click=app.quit]x[/]  § 1/")
        sidebar = screen.query_one(SectionSidebar)
        assert "[/" in str(sidebar.get_option_at_index(0).prompt)
        panel = screen.query_one(ComparablesPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any("[b]bold[/b]" in p for p in prompts) and any("[/" in p for p in prompts)
        await pilot.click(TitleBar, offset=(3, 0))
        await pilot.press("b")
        await pilot.pause(0.2)
        assert app.return_code is None
        assert isinstance(app.screen, ReaderScreen)
        assert "[@click=app.quit]x[/]" in app.notices[-1]
        await pilot.press("l")
        await pilot.pause(0.2)
        await pilot.click("#reviews", offset=(6, 1))
        await pilot.pause(0.2)
        assert app.return_code is None


async def test_at_80_by_24_the_panels_collapse_and_can_be_shown() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(pilot)
        pane = screen.query_one(ReaderPane)
        assert not screen.query_one(SectionSidebar).display
        assert not screen.query_one(ComparablesPanel).display
        assert pane.size.width >= 76
        await pilot.press("c")
        await pilot.pause(0.1)
        assert screen.query_one(ComparablesPanel).display
        assert isinstance(screen.focused, ComparablesPanel)
        await pilot.press("c")
        await pilot.pause(0.1)
        assert not screen.query_one(ComparablesPanel).display
        assert isinstance(screen.focused, ReaderPane)
        await pilot.press("t")
        await pilot.pause(0.1)
        assert screen.query_one(SectionSidebar).display
        assert isinstance(screen.focused, SectionSidebar)
        await pilot.press("t")
        await pilot.pause(0.1)
        assert not screen.query_one(SectionSidebar).display


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_escape_in_a_panel_goes_back_to_the_review_first(size: tuple[int, int]) -> None:
    # As the find bar: Esc leaves what is open first, and only then goes back to the library.
    app = make_app(title="Ballard")
    async with app.run_test(size=size) as pilot:
        screen = await open_reader(pilot)
        narrow = size[0] < 90
        for key, panel in (("c", ComparablesPanel), ("t", SectionSidebar)):
            await pilot.press(key)
            await wait_until(pilot, lambda panel=panel: isinstance(screen.focused, panel))
            await pilot.press("escape")
            await pilot.pause(0.1)
            assert app.screen is screen
            assert isinstance(screen.focused, ReaderPane)
            assert screen.query_one(panel).display is not narrow  # (kept beside it when wide)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_resizing_keeps_the_layout_and_the_section() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(pilot)
        await pilot.press("5")
        await pilot.pause(0.1)
        await pilot.resize_terminal(150, 45)
        await pilot.pause(0.3)
        assert screen.query_one(SectionSidebar).display
        assert screen.query_one(ComparablesPanel).display
        assert screen.section == 4
        await pilot.resize_terminal(60, 20)
        await pilot.pause(0.3)
        assert screen.query_one(ReaderPane).size.width > 40


async def test_a_review_that_cannot_be_read_says_so(library_dir: Path) -> None:
    good = write_review(library_dir, "good.md", "# Good\n\n## One\n\nText.\n")
    app = make_app(library_dir, title="Good")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        good.unlink()
        screen.open_path(good)
        await wait_until(pilot, lambda: screen.review is None)
        await pilot.pause(0.1)
        assert "could not be read" in widget_text(screen)


async def test_clicking_a_comparable_in_the_library_opens_it() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        # Row 0 is the border; The Killing is the third comparable.
        await pilot.click(ComparablesPanel, offset=(4, 3))
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "The Killing"
        )


async def test_a_review_without_sections_or_comparables_says_so(library_dir: Path) -> None:
    write_review(library_dir, "bare.md", "Just one paragraph of opinion, no headings at all.\n")
    app = make_app(library_dir, title="bare")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert "Just one paragraph" in widget_text(screen)
        panel = screen.query_one(ComparablesPanel)
        assert str(panel.get_option_at_index(0).prompt) == "No comparable titles"
        sidebar = screen.query_one(SectionSidebar)
        assert str(sidebar.get_option_at_index(0).prompt) == "No sections"
        await pilot.press("n", "3", "s", "G")
        await pilot.pause(0.1)
        assert screen.section == 0
        assert any("no spoiler sections" in notice for notice in app.notices)


async def test_a_jump_made_while_a_long_review_is_still_laid_out_lands_on_its_section(
    library_dir: Path,
) -> None:
    paragraph = "A long paragraph of opinion about the film, its pacing and its cast. " * 10
    sections = [f"## Part {n}\n\n" + "\n\n".join([paragraph] * 4) + "\n" for n in range(1, 61)]
    write_review(
        library_dir, "long.md", '+++\ntitle = "Long"\n+++\n# Long\n\n' + "\n".join(sections)
    )
    app = make_app(library_dir, title="Long")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, ReaderScreen)
                # The reader may be pushed but not yet composed.
                and any(pane.section_blocks() for pane in app.screen.query(ReaderPane))
            ),
        )
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        # Both keys arrive together, as from a terminal while the app is busy.
        app.post_message(events.Key("4", "4"))
        app.post_message(events.Key("5", "5"))
        await pilot.pause(1.5)
        pane = screen.query_one(ReaderPane)
        assert screen.section == 44
        assert pane.current_section() == 44
        await pilot.press("j")
        await pilot.pause(0.2)
        assert pane.current_section() == 44


async def test_q_quits_from_the_bookmarks_view_too() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.press("tab", "B")  # from the list
        await pilot.pause(0.2)
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("q")
        await pilot.pause(0.2)
    assert app.return_code == 0


async def test_a_comparable_written_without_its_accents_is_marked_as_in_the_library(
    library_dir: Path,
) -> None:
    # "amelie" opens "Amélie" (as `read amelie` does), but was listed as not in the library.
    write_review(library_dir, "amelie.md", "# Amélie\n\n## Story\n\nMontmartre.\n")
    write_review(
        library_dir,
        "leon.md",
        '+++\ntitle = "Léon"\ncomparables = ["amelie", "Nikita"]\n+++\n## Story\n\nA hitman.\n',
    )
    app = make_app(library_dir, title="Léon")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_reader(pilot)
        panel = screen.query_one(ComparablesPanel)
        await wait_until(pilot, lambda: panel.option_count >= 2)
        await wait_until(
            pilot, lambda: str(panel.get_option_at_index(0).prompt) == "→ amelie", timeout=3
        )
        assert str(panel.get_option_at_index(1).prompt) == "· Nikita"
        assert "1 in library" in str(panel.border_subtitle)
