from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static

from reviewtui.index import Hit, ReviewIndex
from reviewtui.tui.screens.search_screen import SearchResult, SearchScreen

from .conftest import SAMPLE_LIBRARY, write_review


class Host(App[None]):
    """A bare app that opens the search screen and keeps what it returns."""

    def __init__(self, index: ReviewIndex | Callable[[str, int, int], list[Hit]]) -> None:
        super().__init__()
        self.index = index
        self.results: list[SearchResult | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(self.index), self.results.append)


def sample_index() -> ReviewIndex:
    index = ReviewIndex(SAMPLE_LIBRARY)
    index.refresh()
    return index


async def wait_for_results(pilot, screen: SearchScreen) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_typing_shows_ranked_results_and_enter_opens_the_section() -> None:
    app = Host(sample_index())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"hurdy gurdy")
        await wait_for_results(pilot, screen)
        results = screen.query_one("#search-results", OptionList)
        assert results.option_count >= 1
        first = screen.hits[0]
        assert first.title == "Zodiac" and first.section is not None
        label = str(results.get_option_at_index(0).prompt)
        assert "Zodiac" in label and first.section in label and "Hurdy Gurdy" in label
        await pilot.press("enter")
        await pilot.pause()
    expected_section = first.section_index
    # The searched words go with it, to be found in the review it opens.
    words = ("gurdy", "hurdy")
    assert app.results == [SearchResult(SAMPLE_LIBRARY / "zodiac.md", expected_section, words)]


async def test_down_then_enter_opens_the_second_result() -> None:
    app = Host(sample_index())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"fincher")
        await wait_for_results(pilot, screen)
        assert len(screen.hits) >= 2
        second = screen.hits[1]
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.results == [SearchResult(second.path, second.section_index, ("fincher",))]


async def test_results_follow_the_latest_query() -> None:
    app = Host(sample_index())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"zodiac")
        await wait_for_results(pilot, screen)
        assert screen.hits
        await pilot.press(*[*["backspace"] * 6, *"ballard"])
        await wait_for_results(pilot, screen)
        assert screen.hits and screen.hits[0].title == "Ballard"
        assert all(hit.title != "Zodiac" or "ballard" in hit.snippet.lower() for hit in screen.hits)
        assert screen.query_one(Input).value == "ballard"


async def test_syntax_error_is_shown_and_escape_returns_nothing() -> None:
    app = Host(sample_index())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*'noir "det')
        await wait_for_results(pilot, screen)
        status = screen.query_one("#search-status", Static)
        assert "quote" in str(status.render())
        assert screen.query_one("#search-results", OptionList).option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
    assert app.results == [None]


async def test_review_text_with_markup_is_shown_literally(library_dir: Path) -> None:
    write_review(
        library_dir, "odd.md", "# Odd [b]Title[/b]\n\n## Plot\n\nA [red]glacier[/red] scene.\n"
    )
    index = ReviewIndex(library_dir)
    index.refresh()
    app = Host(index)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"glacier")
        await wait_for_results(pilot, screen)
        label = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "Odd [b]Title[/b]" in label
        assert "[red]glacier[/red]" in label


async def test_a_failing_search_is_reported_on_screen_not_fatal() -> None:
    def broken(query: str, limit: int, offset: int) -> list[Hit]:
        raise OSError("disk unplugged")

    app = Host(broken)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"zodiac")
        await wait_for_results(pilot, screen)
        assert "disk unplugged" in str(screen.query_one("#search-status", Static).render())
        assert app.is_running


async def test_more_results_follow_as_the_highlight_nears_the_end(library_dir: Path) -> None:
    for number in range(60):
        write_review(
            library_dir,
            f"r{number:02d}.md",
            f"# Glacier {number:02d}\n\n## Plot\n\n" + "A glacier. " * (1 + number % 7) + "\n",
        )
    index = ReviewIndex(library_dir)
    index.refresh()
    app = Host(index)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"glacier")
        await wait_for_results(pilot, screen)
        first_page = len(screen.hits)
        assert 0 < first_page < 60
        assert "more below" in str(screen.query_one("#search-status", Static).render())
        for _ in range(4):  # page down to the end of each page: the rest arrives
            await pilot.press("pagedown", "pagedown", "pagedown")
            await wait_for_results(pilot, screen)
        titles = [hit.title for hit in screen.hits]
        assert sorted(titles) == [f"Glacier {n:02d}" for n in range(60)]  # all, once each
        assert titles == [hit.title for hit in index.search("glacier", limit=60)]
        assert str(screen.query_one("#search-status", Static).render()) == "60 results"
