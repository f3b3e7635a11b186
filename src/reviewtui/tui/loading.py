"""The library as the app lists it: read from the index in a worker, a screenful first, then
the index brought up to date with the folder (in a child process for a big library), and the
folder watched for changes. The app's part that does it, as a base class of `ReviewApp`."""

from __future__ import annotations

import contextlib
import importlib
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message import Message
from textual.reactive import reactive
from textual.worker import get_current_worker

from reviewtui.core import collector
from reviewtui.index import RefreshResult, ReviewIndex
from reviewtui.index.catalog import COLUMN_WIDTHS, Catalog, kept_widths
from reviewtui.index.child import ChildRefresh, RefreshStopped, refresh_in_child
from reviewtui.library.root import LibraryError, LibrarySource
from reviewtui.tui.comforts import watch_library
from reviewtui.tui.launch import FIRST_PAGE, FirstLook, still_titled

if TYPE_CHECKING:
    from reviewtui.core.model import Problem, Review
    from reviewtui.library.watch import Changes
    from reviewtui.store.positions import Position
    from reviewtui.tui.screens.library_screen import LibraryScreen

FIRST_LOOK_WAIT = 0.25
"""Seconds the first screen waits at most for the reviews read before the app (`FirstLook`),
begun before Textual was imported: for the library's first page, that is long done."""
FIRST_REVIEW_WAIT = 2.0
"""Seconds the listing waits at most for a review opened at start to be shown."""


ENDING_CHECK = 0.02
"""Seconds between a worker's looks, while it waits, at whether the app is ending: the app's
shutdown waits for the worker, and nothing it waits for comes then (no paint, no review)."""
PROGRESS_EVERY = 0.25
"""Seconds between two steps of the indexing progress bar: each is a redraw."""


# The other screens (and the Markdown and search parts they need) are imported when first
# shown, or by the loading worker once the library is on screen: the first paint waits only
# for the library screen.
LATER_SCREENS = (
    "reviewtui.tui.screens.reader_screen",
    "reviewtui.tui.screens.search_screen",
    "reviewtui.tui.screens.bookmarks_screen",
    "reviewtui.tui.screens.help_screen",
)


LATER_MODULES = (*LATER_SCREENS, "reviewtui.index.search", "reviewtui.index.similar")
"""With the index's search parts, which the first screen does not need either."""


def preload_screens() -> None:
    """Import the screens (and the index's search) shown later, so that the first review or
    search opens without waiting."""
    for name in LATER_MODULES:
        importlib.import_module(name)


class IndexingProgress(Message):
    """How many of the files a refresh has to read it has read (posted from its thread)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class IndexingDone(Message):
    """The refresh is over: the library as the index now lists it."""

    def __init__(self, catalog: Catalog, result: RefreshResult) -> None:
        super().__init__()
        self.catalog = catalog
        self.result = result


class IndexingStopped(Exception):
    """The app is closing: stop reading files into the index (what is read is kept)."""


class LibraryLoading(App[int]):
    """Lists the library from the index and keeps it up to date; screens watch its reactives."""

    catalog: reactive[Catalog | None] = reactive(None, init=False)
    """The library as the index lists it (None until the first page is read)."""
    indexing: reactive[tuple[int, int] | None] = reactive(None, init=False)
    """(files read, files to read) while the index is refreshed; None when it is up to date."""
    library_error: reactive[str | None] = reactive(None, init=False)
    library_changes: reactive[Changes | None] = reactive(None, init=False, always_update=True)
    """The last reviews added, changed or removed on disk while the app ran."""

    index: ReviewIndex
    library_source: LibrarySource
    watch_interval: float
    watching_library: bool
    exiting: bool
    early_refresh: ChildRefresh | None
    """The index's first build, started before the app (followed by the load worker)."""
    first_look: FirstLook | None
    """The first screen's reviews, read before the app (None once shown, or when none are)."""
    index_child: ChildRefresh | None
    """The child process refreshing the index, if any: stopped when the app closes."""
    last_refresh: RefreshResult | None
    """What the start-up refresh of the index read (None until it is done)."""
    open_title_on_load: str | None
    first_review_shown: threading.Event
    """Set once a review opened at start (`reviewtui read TITLE`) is on screen, or at once
    when there is none: the rest of the listing and the index's refresh wait for it."""

    if TYPE_CHECKING:

        @property
        def library_screen(self) -> LibraryScreen: ...

        def library_loaded(self, library: Catalog, final: bool) -> None: ...

        def show_library_if_nothing_is(self) -> None: ...

        def know_places(self, places: dict[str, Position]) -> None: ...

        def open_review(
            self,
            path: Path,
            section: int | None = None,
            words: tuple[str, ...] = (),
            *,
            loaded: Review | Problem | None = None,
        ) -> None: ...

    # The first screen ---------------------------------------------------------------

    def show_first_screen(self) -> None:
        """The library, unless a review opened by title (`read TITLE`) is to come first."""
        if self.open_title_on_load is None:
            self.push_screen(self.library_screen)
        look = self.first_look
        if look is not None and look.ready(FIRST_LOOK_WAIT):
            self.show_first_look(look)
        self.load_library_in_background()

    def show_first_look(self, look: FirstLook) -> None:
        """The reviews read before the app: the review `read TITLE` opens, and the library's
        first page (where that review is looked for otherwise, as in the loading worker's)."""
        self.first_look = None
        if look.review is not None and self.open_title_on_load is not None:
            self.open_title_on_load = None
            path, loaded = look.review
            self.open_review(path, loaded=loaded)
        if look.places is not None:
            self.know_places(look.places)
        if look.catalog is not None:
            self.library_loaded(look.catalog, False)

    # The review opened at start (`reviewtui read TITLE`) ----------------------------

    def open_first_match(self, library: Catalog, title: str, final: bool = True) -> None:
        try:
            review = library.find(title)
        except LibraryError as error:
            self.show_library_if_nothing_is()  # while the refresh looks for it
            if not final:
                return
            self.open_title_on_load = None
            self.first_review_shown.set()
            self.notify(str(error), title="Not opened", severity="warning", markup=False)
            if self.library_screen not in self.screen_stack:
                self.push_screen(self.library_screen)
            self.library_screen.filter_for(title)
            return
        self.open_title_on_load = None
        self.read_then_open(review.path, title, final)

    @work(thread=True, exclusive=True, group="first-review")
    def read_then_open(self, path: Path, title: str, final: bool) -> None:
        """`read TITLE` at start: the review is read here, off the UI thread, and the reader
        opens with it. Its first paint shows the review: opened on its own, the reader was
        painted once without it, while it read the file. Found in an index older than the
        folder (the file gone, or its title changed), it is looked for again once the index
        is up to date."""
        from reviewtui.library.load import load_review

        loaded = load_review(path)
        if self.exiting:
            return
        with contextlib.suppress(RuntimeError):  # (the app has ended meanwhile)
            if final or still_titled(loaded, path, title):
                self.call_from_thread(self.open_review, path, loaded=loaded)
            else:
                self.call_from_thread(self.look_again_when_indexed, title)

    def look_again_when_indexed(self, title: str) -> None:
        """`read TITLE` found a review the folder no longer has under that title: the title
        is looked up again in the listing that follows the index's refresh."""
        self.first_review_shown.set()  # (none to wait for: the index's refresh comes first)
        if self.last_refresh is not None and self.catalog is not None:
            self.open_first_match(self.catalog, title)  # (it is up to date already)
            return
        self.open_title_on_load = title
        self.show_library_if_nothing_is()

    def first_look_when_ready(self) -> FirstLook | None:
        """From the worker: the reviews read before the app once they are (None: none are
        left to show, or the app is ending)."""
        look = self.first_look
        if look is None:
            return None
        while not look.ready(ENDING_CHECK):
            if self.exiting:
                return None
        return look

    def read_library(self, limit: int | None = None) -> Catalog:
        """The one place the library list comes from (runs in a worker thread): the index,
        without opening any review file; with limit, only a first page of it."""
        return Catalog.from_index(self.index, self.library_source.path, limit)

    @work(thread=True, exclusive=True, group="library")
    def load_library_in_background(self) -> None:
        """List the library from the index at once, then bring the index up to date."""
        worker = get_current_worker()
        root = self.library_source.path
        try:
            if not root.is_dir():
                raise LibraryError(f"library folder not found: {root}")
            if self.catalog is None and (look := self.first_look_when_ready()) is not None:
                self.call_from_thread(self.show_first_look, look)  # (not ready at the start)
            if len(self.index):
                # A screenful first; everything else waits until it is painted, so that a big
                # library's first screen comes as soon as a small one's.
                if self.catalog is None:
                    self.call_from_thread(
                        self.library_loaded, self.read_library(FIRST_PAGE).prepare(), False
                    )
                self.wait_for_paint()
                if self.open_title_on_load is None:
                    # A review opened by title comes first: its first screen is not shared
                    # with the rest of the listing and the folder's check. (Not found on the
                    # first page, it is looked for in the whole listing, next.)
                    self.wait_unless_ending(self.first_review_shown, FIRST_REVIEW_WAIT)
                collector.release()  # the first screen is painted
                if worker.is_cancelled or self.exiting:
                    return
                self.start_watching()
                if worker.is_cancelled:
                    return
                self.call_from_thread(self.library_loaded, self.whole_library(), False)
            else:
                collector.release()  # a first build: its progress is shown as it goes
                self.call_from_thread(self.show_library_if_nothing_is)  # `read` waits there
                self.start_watching()
            preload_screens()
            early, self.early_refresh = self.early_refresh, None
            result = refresh_in_child(
                self.index, self.throttled_progress(), early, self.refreshing_in
            )
            catalog = self.whole_library()
        except (IndexingStopped, RefreshStopped):
            return
        except (LibraryError, OSError, sqlite3.Error) as error:
            self.call_from_thread(self.library_failed, str(error))
            return
        finally:
            collector.release()
        if worker.is_cancelled:
            return
        # Posted like the progress before it, so it is handled after the last of them.
        self.post_message(IndexingDone(catalog, result))
        if not self.exiting:  # (the index is closed as the app ends, and left clean)
            self.keep_column_widths(catalog)

    def whole_library(self) -> Catalog:
        """From the worker: the whole listing, with what the library screen asks of it first
        worked out off the UI thread: its order by title, its problems and its columns'
        widths (each review's genres decoded: 0.5 s at 100,000 reviews)."""
        from reviewtui.tui.library_view import widest_values

        catalog = self.read_library().prepare()
        catalog.column_widths = widest_values(catalog.entries)
        catalog.titles()  # (as compared, for the comparables: 0.1 s at 100,000 reviews)
        return catalog

    def keep_column_widths(self, catalog: Catalog) -> None:
        """From the worker: keep the whole library's column widths with the index, so that
        the next start's first page is laid out as wide (a library of one page needs none)."""
        widths = catalog.column_widths
        if widths is None or len(catalog.entries) <= FIRST_PAGE:
            return
        if widths != kept_widths(self.index):
            with contextlib.suppress(sqlite3.Error, OSError):  # (a hint: a start does without)
                self.index.keep(COLUMN_WIDTHS, widths)

    def on_indexing_done(self, message: IndexingDone) -> None:
        self.last_refresh = message.result
        self.library_loaded(message.catalog, True)

    def wait_for_paint(self, timeout: float = 1.0) -> None:
        """From a worker thread: wait until the app has painted what it was last given."""
        painted = threading.Event()
        try:
            self.call_from_thread(self.call_after_refresh, painted.set)
        except RuntimeError:
            return  # the app is closing
        self.wait_unless_ending(painted, timeout)

    def wait_unless_ending(self, event: threading.Event, timeout: float) -> None:
        """From a worker thread: wait until event is set, timeout seconds at most, and no
        longer once the app is ending."""
        deadline = time.monotonic() + timeout
        while not self.exiting and (left := deadline - time.monotonic()) > 0:
            if event.wait(min(ENDING_CHECK, left)):
                return

    def start_watching(self) -> None:
        """From a worker thread: note every review file's state now (ten thousand `stat`
        calls, kept off the UI thread), then poll the folder for changes from there on."""
        if self.watching_library:
            return
        self.watching_library = True
        from reviewtui.library.watch import LibraryWatcher  # here: not part of the first screen

        watcher = LibraryWatcher(self.library_source.path, self.watch_interval)
        self.call_from_thread(watch_library, self, watcher, self.library_changed)

    def throttled_progress(self) -> Callable[[int, int], None]:
        """A progress callback for the index refresh that updates the screen four times a
        second, not once per file; it stops the refresh once the app is closing."""
        worker = get_current_worker()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise IndexingStopped
            now = time.monotonic()
            if done in (0, total) or now - last[0] >= PROGRESS_EVERY:
                last[0] = now
                # Posted, not called from the thread: call_from_thread would hold the refresh
                # until the screen has been drawn, ten times a second.
                self.post_message(IndexingProgress(done, total))

        return progress

    @property
    def closing(self) -> bool:
        """Whether the app is being taken down (a refresh can finish just then): results
        from a worker are dropped rather than shown on screens that are going."""
        return self.exiting or not self.is_running or not self.screen_stack

    def on_indexing_progress(self, message: IndexingProgress) -> None:
        if not self.closing:
            self.indexing = (message.done, message.total)

    def library_failed(self, message: str) -> None:
        if not self.closing:
            self.library_error = message
            self.show_library_if_nothing_is()  # which says so

    def warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def library_changed(self, changes: Changes) -> None:
        """Reviews were added, changed or removed on disk: reload the list, and the open review
        in place when its file changed."""
        self.load_library_in_background()
        self.library_changes = changes

    def stop_children(self) -> None:
        # Stopped now, not once the child next reports progress: a first build's worker
        # processes take most of a second to start, and the program's exit waits for it.
        for child in (self.early_refresh, self.index_child):
            if child is not None:
                child.stop()

    def refreshing_in(self, child: ChildRefresh) -> None:
        """From the load worker: the index is being refreshed by this child process."""
        self.index_child = child
        if not self.is_running:  # the app closed while the child was starting
            child.stop()
