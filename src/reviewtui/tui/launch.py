"""What the TUI needs before Textual is even imported: its settings, the library folder, the
index, on a first start the index's build already under way in a child process, and otherwise
the first screen's reviews already being read from the index."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.core.model import Problem, Review
from reviewtui.index import Entry, ReviewIndex
from reviewtui.index.catalog import Catalog, LookupFailed
from reviewtui.index.child import ChildRefresh, early_refresh
from reviewtui.library.root import LibraryError, LibrarySource, resolve_library
from reviewtui.store.config import Config, load_config
from reviewtui.store.positions import Position, PositionStore

FIRST_PAGE = 100
"""Reviews listed at the first paint from the index; the rest follow at once."""


class FirstLook:
    """The first screen's reviews, read from the index in a thread while Textual is imported:
    a screenful of the library with the reading places (its read marks) and, for `read TITLE`,
    the file of exactly that title's review. The app shows them in its first paint when they
    are ready by then.

    Nothing here is reported: whatever goes wrong (or is not ready in time) is left to the
    app's loading worker, which reads the index again and says what the trouble is."""

    def __init__(self, index: ReviewIndex, title: str | None = None) -> None:
        self.catalog: Catalog | None = None
        """The library's first page (None: the index is empty, or could not be read)."""
        self.places: dict[str, Position] | None = None
        """Where each review was left (None: not read)."""
        self._title = title
        self._found: Path | None = None
        """The file of the one review titled `title`, as the index has it."""
        self._review: tuple[Path, Review | Problem] | None = None
        self._done = threading.Event()
        threading.Thread(
            target=self._look, args=(index, title), name="first-look", daemon=True
        ).start()

    def _look(self, index: ReviewIndex, title: str | None) -> None:
        try:
            if not len(index):
                return  # nothing is listed before the index is built
            self.catalog = Catalog.from_index(index, index.root, FIRST_PAGE).prepare()
            self.places = PositionStore().all_places()
            if title is not None:
                found = titled_exactly(index, title)
                self._found = found.path if found is not None else None
        except Exception:  # (the loading worker meets it again, and reports it)
            self.catalog = self.places = self._found = None
        finally:
            self._done.set()

    @property
    def review(self) -> tuple[Path, Review | Problem] | None:
        """The review titled `title`, with its file's path, when one review has that title.

        Read from its file when first asked for, by the app: parsing (and importing the parser,
        and PyYAML or tomllib for front matter) in the look's thread, while Textual is imported,
        made each thread wait for the other."""
        if self._found is not None and self._review is None and self._title is not None:
            path, self._found = self._found, None
            try:
                from reviewtui.library.load import load_review

                loaded = load_review(path)
                if still_titled(loaded, path, self._title):
                    self._review = (path, loaded)
            except Exception:  # (the loading worker meets it again, and reports it)
                self._review = None
        return self._review

    def ready(self, timeout: float | None) -> bool:
        """Wait until the look is over, `timeout` seconds at most; whether it is."""
        return self._done.wait(timeout)


def titled_exactly(index: ReviewIndex, title: str) -> Entry | None:
    """The one review titled `title`, case aside or else accents too ("amelie" is "Amélie"),
    as `TitleLookup.find` finds it, through the index's searches only; None for anything
    else (a part of a title, a shared title), which the loading worker looks up."""
    found = index.entries_titled(title.strip())
    if len(found) == 1:
        return found[0]
    if found:
        return None
    few = Catalog.titled(index, title)
    if few is None:
        return None
    try:
        return few.find(title, exact_only=True)
    except LookupFailed:
        return None


def still_titled(loaded: Review | Problem, path: Path, title: str) -> bool:
    """Whether the review read from `path`, found under `title` in the index, is still found
    so: the index may be older than the folder, and the file gone or its title changed."""
    if isinstance(loaded, Review):
        wanted, now = title.strip().casefold(), loaded.title.casefold()
        if wanted in now:
            return True
        from reviewtui.core.folding import unmarked  # (a title typed without its accents)

        return unmarked(wanted) in unmarked(now)
    return path.exists()


@dataclass
class Launch:
    source: LibrarySource
    index: ReviewIndex
    config: Config = field(default_factory=Config)
    config_warnings: list[str] = field(default_factory=list)
    early_refresh: ChildRefresh | None = None
    """The first build of the index, started before the UI (None: the UI refreshes it)."""
    first_look: FirstLook | None = None
    """The first screen's reviews, being read (None on a first build: none are indexed)."""

    def stop(self) -> None:
        """Stop the early refresh if it is still running (the program is ending)."""
        if self.early_refresh is not None:
            self.early_refresh.stop()


def prepare_launch(library_option: str | Path | None, title: str | None = None) -> Launch:
    """Settings, library and index; LibraryError when the library folder is not there. With
    title, the review `read TITLE` opens is looked for meanwhile."""
    config, warnings = load_config()
    source = resolve_library(library_option, configured=config.library)
    if not source.path.is_dir():
        if source.path.exists():
            raise LibraryError(f"library is not a folder: {source.path}")
        raise LibraryError(f"library folder not found: {source.path}")
    index = ReviewIndex(source.path)
    early = early_refresh(index)
    look = FirstLook(index, title) if early is None else None
    return Launch(source, index, config, warnings, early, look)
