"""The reader on reviews from other tools: the metadata card and inline spoilers."""

from __future__ import annotations

from pathlib import Path

from reviewtui.index import ReviewIndex
from reviewtui.tui.screens.search_screen import hit_label
from reviewtui.tui.widgets.metadata_card import MetadataCard
from reviewtui.tui.widgets.section_sidebar import SectionSidebar

from .app_support import make_app, open_reader, wait_until, widget_text
from .conftest import DATA, write_review

REAL = DATA / "real_world" / "sites"
SIZE = (140, 40)


async def test_the_metadata_card_shows_the_other_fields_and_not_the_body() -> None:
    app = make_app(REAL, title="Prisoners")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        card = screen.query_one(MetadataCard)
        assert card.display
        text = str(card.visual)
        assert "Director Denis Villeneuve" in text
        assert "onlineRating 8.1" in text and "duration 153 min" in text
        assert "watchNext Arrival" in text and "[[" not in text  # a wikilink shows its text
        # Front matter never reaches the review's text.
        markdown = widget_text(screen).replace(text, "")
        assert "dataSource" not in markdown and "personalRating" not in markdown


async def test_clicking_a_link_in_the_card_opens_that_review() -> None:
    app = make_app(REAL, title="Prisoners")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        card = screen.query_one(MetadataCard)
        place = next(
            (x, y)
            for y in range(card.size.height)
            if (x := card.render_line(y).text.find("Arrival")) >= 0
        )
        # render_line counts from the text, the click from the card's border.
        inset = card.content_region.offset - card.region.offset
        await pilot.click(MetadataCard, offset=(place[0] + inset.x, place[1] + inset.y))
        await wait_until(
            pilot, lambda: app.screen.review is not None and app.screen.review.title == "Arrival"
        )


async def test_a_review_without_other_fields_shows_no_card() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert not screen.query_one(MetadataCard).display


async def test_inline_spoilers_are_not_on_screen_until_revealed(library_dir: Path) -> None:
    write_review(
        library_dir,
        "inline.md",
        "# Inline\n\n## Plot\n\nThe sled: >!Rosebud is a sled!<. Also ||Keyser is Verbal||.\n",
    )
    app = make_app(library_dir, title="Inline")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        assert "Rosebud" not in widget_text(screen) and "Keyser" not in widget_text(screen)
        assert "spoiler hidden" in widget_text(screen)
        await pilot.press("s")
        await wait_until(pilot, lambda: "Rosebud is a sled" in widget_text(screen))
        assert "Keyser is Verbal" in widget_text(screen) and ">!" not in widget_text(screen)
        await pilot.press("s")
        await wait_until(pilot, lambda: "Rosebud" not in widget_text(screen))


async def test_an_inline_spoiler_in_a_heading_is_hidden_in_the_section_list(
    library_dir: Path,
) -> None:
    # The text hid it; the section list showed the heading as written, `>!Bruce…!<` and all.
    write_review(
        library_dir,
        "twist.md",
        "# Twist\n\n## Intro\n\nText.\n\n## The end >!Bruce: he is dead!<\n\nA quiet end.\n",
    )
    app = make_app(library_dir, title="Twist")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot)
        sidebar = screen.query_one(SectionSidebar)

        def listed() -> str:
            options = range(sidebar.option_count)
            return "\n".join(str(sidebar.get_option_at_index(i).prompt) for i in options)

        await wait_until(pilot, lambda: sidebar.option_count == 2)
        assert "Bruce" not in listed() and ">!" not in listed()
        assert "(spoiler hidden)" in listed() and "*" not in listed()
        assert "Bruce" not in widget_text(screen)
        await pilot.press("s")
        await wait_until(pilot, lambda: "The end Bruce" in listed())  # (cut at its colon)
        await pilot.press("s")
        await wait_until(pilot, lambda: "Bruce" not in listed())


def test_an_inline_spoiler_in_a_heading_is_hidden_in_a_search_result(library_dir: Path) -> None:
    write_review(
        library_dir,
        "twist.md",
        "# Twist\n\n## Intro\n\nText.\n\n## The end: >!Bruce is dead!<\n\nA quiet heist.\n",
    )
    with ReviewIndex(library_dir) as index:
        index.refresh()
        hits = index.search("heist")
    assert hits and hits[0].section is not None
    label = str(hit_label(hits[0]))
    assert "Bruce" not in label and "The end" in label and "(spoiler hidden)" in label
