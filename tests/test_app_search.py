"""The app on the search index: the library listed from it, `/` search, "More like this"."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, ProgressBar, Static

from reviewtui.index import RefreshResult
from reviewtui.index.child import BIG_REFRESH
from reviewtui.library.load import LibrarySource
from reviewtui.tui.app import ReviewApp
from reviewtui.tui.launch import prepare_launch
from reviewtui.tui.loading import IndexingProgress
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.screens.search_screen import SearchScreen
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.review_table import ReviewTable

from .app_support import make_app, open_reader, wait_until
from .conftest import write_review

SIZE = (120, 30)


def review_text(title: str) -> str:
    return f"# {title}\n\n## Introduction\n\nA story.\n"


def titles_shown(app: ReviewApp) -> list[str]:
    table = app.screen.query_one("#reviews", ReviewTable)
    return [str(table.get_row_at(row)[1]) for row in range(table.row_count)]


async def indexed(pilot: object, app: ReviewApp, timeout: float = 5.0) -> None:
    await wait_until(pilot, lambda: app.last_refresh is not None, timeout)  # type: ignore[arg-type]
    await pilot.pause(0.1)  # type: ignore[attr-defined]


async def test_slash_searches_and_enter_opens_the_review_at_the_matching_section() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot, app)
        await pilot.press("tab", "slash")  # from the list
        assert isinstance(app.screen, SearchScreen)
        search = app.screen
        await pilot.press(*"interrogation")
        await wait_until(pilot, lambda: search.shown_query == "interrogation")
        assert search.hits and search.hits[0].title == "Ballard"
        wanted = search.hits[0].section_index
        assert wanted is not None and wanted > 0
        assert search.query_one("#search-results", OptionList).option_count == len(search.hits)
        await pilot.press("enter")
        reader = await open_reader(pilot)
        assert reader.review is not None and reader.review.title == "Ballard"
        await pilot.pause(0.3)
        assert reader.section == wanted
        assert reader.query_one(ReaderPane).current_section() == wanted


async def test_a_search_hit_in_the_review_being_read_keeps_its_spoilers_as_they_are() -> None:
    # Opening the hit opened the review afresh: spoilers revealed were hidden again, and the
    # hit (in the spoiler section) was hidden behind "Press s to reveal it".
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        await indexed(pilot, app)
        await pilot.press("s")
        assert reader.spoilers_shown
        await pilot.press("ctrl+g", *"interrogation")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_until(pilot, lambda: search.shown_query == "interrogation")
        assert search.hits and search.hits[0].title == "Ballard"
        wanted = search.hits[0].section_index
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is reader and reader.section == wanted)
        await pilot.pause(0.2)
        assert reader.spoilers_shown
        # Another review opens with its spoilers hidden, as always.
        reader.open_path(reader.path.with_name("zodiac.md"))
        await wait_until(
            pilot, lambda: reader.review is not None and reader.review.title == "Zodiac"
        )
        assert not reader.spoilers_shown


async def test_ctrl_g_in_the_reader_searches_too_and_esc_returns_to_the_review() -> None:
    app = make_app(title="Zodiac")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        await pilot.press("ctrl+g")  # (/ finds in the review, as in less)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert app.screen is reader


async def test_typing_in_the_library_still_filters_and_ctrl_f_focuses_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot, app)
        await pilot.press(*"zod")
        assert titles_shown(app) == ["Zodiac"]
        await pilot.press("escape")  # clears the filter, and typing goes on into it
        assert isinstance(app.focused, Input) and len(titles_shown(app)) > 1
        await pilot.press("tab")
        assert not isinstance(app.focused, Input)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)


async def test_a_second_start_lists_from_the_index_without_reading_unchanged_files(
    tmp_path: Path,
) -> None:
    write_review(tmp_path, "a.md", review_text("Alpha"))
    write_review(tmp_path, "b.md", review_text("Beta"))
    first = make_app(tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await indexed(pilot, first)
        assert first.last_refresh is not None and first.last_refresh.added == 2
        assert titles_shown(first) == ["Alpha", "Beta"]

    write_review(tmp_path, "c.md", review_text("Gamma"))
    second = make_app(tmp_path)
    listed_before_refresh: list[list[str]] = []
    refresh_index = second.index.refresh

    def watched_refresh(*args: object, **kwargs: object) -> RefreshResult:
        listed_before_refresh.append(sorted(e.title for e in second.catalog.entries))  # type: ignore[union-attr]
        return refresh_index(*args, **kwargs)  # type: ignore[arg-type]

    second.index.refresh = watched_refresh  # type: ignore[method-assign]
    async with second.run_test(size=SIZE) as pilot:
        await indexed(pilot, second)
        # The first paint came from the index, before any file was read.
        assert listed_before_refresh == [["Alpha", "Beta"]]
        refresh = second.last_refresh
        assert refresh is not None
        assert (refresh.added, refresh.changed, refresh.unchanged) == (1, 0, 2)
        # The new file shows once the refresh has read it.
        assert titles_shown(second) == ["Alpha", "Beta", "Gamma"]


async def test_a_bar_shows_indexing_progress_while_a_new_library_is_read(tmp_path: Path) -> None:
    for number in range(40):
        write_review(tmp_path, f"r{number:02}.md", review_text(f"Review {number:02}"))
    seen: list[tuple[bool, float | None, float]] = []
    statuses: list[str] = []
    spinning: list[bool] = []

    class WatchedApp(ReviewApp):
        def on_indexing_progress(self, message: IndexingProgress) -> None:
            super().on_indexing_progress(message)
            bar = self.screen.query_one("#indexing", ProgressBar)
            seen.append((bar.display, bar.total, bar.progress))
            statuses.append(str(self.screen.query_one("#status", Static).visual))
            spinning.append(self.screen.query_one("#reviews", ReviewTable).loading)

    app = WatchedApp(LibrarySource(tmp_path, "option"))
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot, app)
        assert seen and all(shown and total == 40 for shown, total, _ in seen)
        assert seen[-1][2] == 40
        assert "Indexing the library: 40 files to read…" in statuses
        # The bar stands in for the loading indicator, which would redraw the whole screen.
        assert spinning and not any(spinning)
        assert not app.screen.query_one("#indexing", ProgressBar).display
        assert len(titles_shown(app)) == 40


async def test_a_first_start_lists_the_library_its_launch_began_indexing(tmp_path: Path) -> None:
    for number in range(BIG_REFRESH + 20):
        write_review(tmp_path, f"r{number:03}.md", review_text(f"Review {number:03}"))
    launch = prepare_launch(str(tmp_path))
    # Before the app exists, a child process is already building the new library's index.
    assert launch.early_refresh is not None
    app = ReviewApp(launch.source, index=launch.index, early_refresh=launch.early_refresh)
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot, app, timeout=60)
        assert app.last_refresh is not None and app.last_refresh.added == BIG_REFRESH + 20
        assert app.early_refresh is None  # taken up by the load worker
        assert len(titles_shown(app)) == BIG_REFRESH + 20
    assert multiprocessing.active_children() == []
    assert prepare_launch(str(tmp_path)).early_refresh is None  # built: nothing to start


async def test_the_app_closes_the_empty_index_it_was_given(tmp_path: Path) -> None:
    """On a first start the index has no reviews yet: it is the app's index all the same, and
    is closed as the app ends, so that the next start trusts the file without checking it."""
    for number in range(3):
        write_review(tmp_path, f"r{number}.md", review_text(f"Review {number}"))
    launch = prepare_launch(str(tmp_path))
    assert len(launch.index) == 0
    app = ReviewApp(launch.source, index=launch.index, early_refresh=launch.early_refresh)
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot, app)
        assert app.index is launch.index
    launch.stop()
    cache = launch.index.db_path.parent
    assert not list(cache.glob("*-open-*"))  # (one left says a program ended without closing)
    assert list(cache.glob("*-clean"))


def worker_processes() -> set[int]:
    """Processes started by multiprocessing's spawn (a refresh child and its workers)."""
    found = set()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"multiprocessing.spawn" in cmdline.read_bytes():
                found.add(int(cmdline.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
async def test_quitting_during_a_first_start_stops_the_early_build(tmp_path: Path) -> None:
    before = worker_processes()
    total = BIG_REFRESH * 3
    # Long reviews, so that the build lasts seconds after the child's workers start (about
    # two seconds here; with a quarter of the text, a busy machine once took as long to quit).
    long_text = "\n\n".join(f"Paragraph {n} of a long and patient review." * 40 for n in range(60))
    for number in range(total):
        write_review(tmp_path, f"r{number:04}.md", review_text(f"Review {number:04}") + long_text)
    launch = prepare_launch(str(tmp_path))
    app = ReviewApp(launch.source, index=launch.index, early_refresh=launch.early_refresh)
    async with app.run_test(size=SIZE) as pilot:
        # Quit once the child has started its worker processes.
        await wait_until(pilot, lambda: len(worker_processes() - before) > 1, timeout=30)
        await pilot.press("tab", "q")  # from the list
    # The app stops the child itself, at once, without run_app's last word (launch.stop()).
    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []
    # Stopped, not left to finish: the next start takes up the build where it ended.
    assert len(launch.index.entries()) < total
    launch.stop()
    # Nor are the child's worker processes left waiting for work that will never come.
    deadline = time.monotonic() + 5
    while worker_processes() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker_processes() - before == set()


async def test_more_like_this_lists_similar_reviews_that_open_with_enter() -> None:
    app = make_app(title="True Detective")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        await wait_until(pilot, lambda: bool(reader.similar))
        panel = reader.query_one(ComparablesPanel)
        await pilot.pause(0.1)
        ids = [panel.get_option_at_index(i).id for i in range(panel.option_count)]
        assert "more-like-this" in ids
        similar_titles = [entry.title for entry in reader.similar]
        assert "Zodiac" in similar_titles
        await pilot.press("c")
        target = ids.index(f"similar-{similar_titles.index('Zodiac')}")
        while panel.highlighted != target:
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, ReaderScreen)
                and app.screen.review is not None
                and app.screen.review.title == "Zodiac"
            ),
        )
        assert isinstance(app.screen, LibraryScreen) is False


async def test_an_exit_asked_for_before_the_app_is_mounted_waits_for_its_screens() -> None:
    """A signal can come before the app and its first screen are mounted: the app ends once
    they are, without an error from a screen whose widgets went while it was mounting."""
    app = make_app()
    app.exit(None, 143)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not app.is_running, timeout=10)
    assert app.return_code == 143


async def test_an_exit_asked_for_before_mount_in_the_reader_start_ends_without_a_refresh() -> None:
    """`read TITLE` shows no screen of its own until the review is found: an exit asked for
    before the mount found nothing on screen that would be refreshed, and waited for a
    refresh (its next look at the screens was made after one) until the watchdog ended it."""
    app = make_app(title="Ballard")
    app.exit(None, 143)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: not app.is_running, timeout=3)
    assert app.return_code == 143


async def test_a_worker_waiting_for_a_paint_stops_waiting_once_the_app_ends() -> None:
    # The app's shutdown waits for its workers; no paint comes once it is ending.
    app = make_app()
    done = threading.Event()
    never = threading.Event()

    def wait_for_nothing() -> None:
        app.wait_unless_ending(never, 30.0)
        done.set()

    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.catalog is not None)
        waiter = threading.Thread(target=wait_for_nothing, daemon=True)
        waiter.start()
        await pilot.pause(0.1)
        assert not done.is_set()
        app.exit()
    assert done.wait(5)
