"""The library screen's messages about the library: the status line, the empty and error
states and the indexing progress bar. The part of `LibraryScreen` that shows them, as its base
class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from reviewtui.index import Entry
from reviewtui.index.catalog import Catalog
from reviewtui.tui.library_view import LibraryView
from reviewtui.tui.widgets.review_table import ReviewTable
from reviewtui.tui.widgets.safe_text import plain

if TYPE_CHECKING:
    from textual.widgets import ProgressBar


SPIN_AFTER = 0.3
"""Seconds the list may take to come before a loading indicator spins in its place."""


class LibraryStatus(Screen[None]):
    library: Catalog | None
    shown: list[Entry]
    filter_text: str
    sort_by: str
    view: LibraryView

    @property
    def table(self) -> ReviewTable[Entry]:
        return self.query_one("#reviews", ReviewTable)

    def message_box(self, box_id: str, *, within: Widget, after: str) -> Static:
        """The message box `#box_id`, mounted in `within` after `after` when first needed.

        Most starts show neither the empty state nor a filter's problems, and each widget
        mounted costs the first paint about a millisecond."""
        box = self.shown_box(box_id)
        if box is None:
            box = Static(Content(""), id=box_id)
            within.mount(box, after=after)
        return box

    def shown_box(self, box_id: str) -> Static | None:
        """The message box `#box_id`, if it has been needed."""
        return next(iter(self.query(f"#{box_id}").results(Static)), None)

    def empty_box(self) -> Static:
        """Where the list would be: why there is nothing to list."""
        return self.message_box("empty", within=self.query_one("#browse"), after="#reviews")

    def show_loading(self) -> None:
        """Say that the library is being read; a loading indicator spins once it has kept
        the reader waiting a moment (no flash of it on a start that lists it at once)."""
        self.set_status(Content("Loading the library…"))
        self.set_timer(SPIN_AFTER, self._spin_while_loading)

    def _spin_while_loading(self) -> None:
        table = self.table
        # (Not while the index is built, which a bar shows, nor once reading it has failed.)
        if self.library is None and table.display and not self.query("#indexing"):
            table.loading = True

    def show_error(self, message: str) -> None:
        table = self.table
        table.loading = False
        table.display = False
        empty = self.empty_box()
        empty.update(plain(message))
        empty.display = True
        self.set_status(Content("No library"))

    def show_empty_state(self, library: Catalog, reviews: list[Entry]) -> None:
        table = self.table
        if reviews:
            empty = self.shown_box("empty")
            if empty is not None:
                empty.display = False
            table.display = True
            return
        if library.entries:
            what = "review" if self.view.query.has_facets else "title"
            message = Content.assemble(
                f"No {what} matches “", plain(self.filter_text), "”. Esc clears the filter."
            )
        else:
            message = Content.assemble(
                Content.styled("This library has no reviews yet.\n\n", "bold"),
                plain(f"Folder: {library.root}"),
                Content("\n\n"),
                Content("Add Markdown reviews there, or run: reviewtui import FILE…"),
            )
        empty = self.empty_box()
        empty.update(message)
        empty.display = True
        table.display = False

    def update_status(self, library: Catalog) -> None:
        count = library.count
        parts = [
            Content(
                f"{len(self.shown)} of {count} reviews" if self.filter_text else f"{count} reviews"
            ),
            Content.styled(f" · sorted by {self.view.sort_name}", "$text-muted"),
        ]
        problems = library.all_problems()
        if problems:
            word = "file" if len(library.problems) == 1 else "files"
            text = (
                f" · {len(library.problems)} {word} could not be read" if library.problems else ""
            )
            warnings = len(problems) - len(library.problems)
            if warnings:
                text += f" · {warnings} warning{'s' if warnings != 1 else ''}"
            parts.append(Content.styled(text + " (! in the list shows them)", "$warning"))
        self.set_status(Content.assemble(*parts))

    def show_indexing(self, done: int, total: int) -> None:
        """Show how far the index has got through the files it has to read."""
        if total == 0:
            return
        bar = self.indexing_bar()
        if bar.total != total and self.library is None:
            # Once: the bar tells how far it has got (a status line redrawn with every step
            # would lay the screen out again each time, taking the processor from the index).
            self.set_status(Content(f"Indexing the library: {total:,} files to read…"))
            # The bar says it is loading: a spinning indicator as well would redraw the whole
            # screen sixteen times a second for as long as the index is built.
            self.table.loading = False
        bar.display = True
        bar.update(total=total, progress=done)

    def indexing_bar(self) -> ProgressBar:
        """The indexing progress bar, made the first time the index is refreshed in sight
        (most starts find it up to date: their first screen is built without it)."""
        from textual.widgets import ProgressBar

        bar = next(self.query("#indexing").results(ProgressBar), None)
        if bar is None:
            bar = ProgressBar(id="indexing", show_eta=False)
            self.mount(bar, before="#status")
        return bar

    def indexing_finished(self) -> None:
        for bar in self.query("#indexing"):
            bar.display = False

    def set_status(self, content: Content) -> None:
        self.query_one("#status", Static).update(content)
