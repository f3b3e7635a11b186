"""A watchlist of titles: a comparable not in the library can be bookmarked as a title to
watch, shown apart in the bookmarks, with the review it came from, and listed by the CLI."""

from __future__ import annotations

import json

from textual.widgets import OptionList

from reviewtui.store.bookmarks import BookmarkStore
from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel

from .app_support import make_app, open_reader, wait_until
from .conftest import run_cli


async def highlight_comparable(pilot: object, screen: object, title: str) -> None:
    panel = screen.query_one(ComparablesPanel)  # type: ignore[attr-defined]
    await pilot.press("c")  # type: ignore[attr-defined]
    index = screen.review.comparables.index(title)  # type: ignore[attr-defined]
    panel.highlighted = index


async def test_b_on_a_comparable_not_in_the_library_puts_it_on_the_watchlist() -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_reader(pilot)
        await highlight_comparable(pilot, screen, "Mindhunter")
        await pilot.press("b")
        await pilot.pause(0.2)
        marks = BookmarkStore().entries().value
        assert [(m.title, m.to_watch, m.source) for m in marks] == [("Mindhunter", True, "Ballard")]
        assert screen.review is not None and screen.review.title == "Ballard"
        assert not screen.bookmarked, "the review itself was bookmarked instead"


async def test_the_bookmarks_show_titles_to_watch_apart_with_their_review() -> None:
    store = BookmarkStore()
    store.add("Zodiac", "/nowhere/zodiac.md")
    store.add("Mindhunter", "", source="Ballard")
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        listing = app.screen.query_one("#bookmarks", OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert rows[0].startswith("Zodiac")
        assert rows[1].startswith("To watch")
        assert rows[2].startswith("Mindhunter") and "from Ballard" in rows[2]
        listing.highlighted = 2
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert any("watchlist" in n and "Mindhunter" in n for n in app.notices)


def test_bookmarks_list_json_includes_the_watchlist() -> None:
    BookmarkStore().add("Mindhunter", "", source="Ballard")
    BookmarkStore().add("Zodiac", "/r/zodiac.md")
    result = run_cli("bookmarks", "list", "--json")
    assert result.returncode == 0, result.stderr
    listed = {b["title"]: b for b in json.loads(result.stdout)}
    assert listed["Mindhunter"]["watch"] is True and listed["Mindhunter"]["from"] == "Ballard"
    assert listed["Zodiac"]["watch"] is False


async def test_a_title_to_watch_reads_on_two_lines_without_escapes() -> None:
    BookmarkStore().add("Mindhunter", "", source="Ballard")
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        listing = app.screen.query_one("#bookmarks", OptionList)
        row = str(listing.get_option_at_index(1).prompt)
        assert row.startswith("Mindhunter\nadded ") and "\\x0a" not in row
