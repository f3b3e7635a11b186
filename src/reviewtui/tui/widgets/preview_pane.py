"""The library's preview of the highlighted review: its metadata, its verdict (or first
paragraph) and its comparables.

The metadata comes from the index entry at once; the verdict needs the review's file, read in
a worker thread (one file, the highlighted one, once the screen is painted), so moving through
the list never waits on it.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reviewtui.core.model import Problem
from reviewtui.core.text import printable
from reviewtui.index import Entry
from reviewtui.index.catalog import Catalog
from reviewtui.tui.widgets.safe_text import plain


class PreviewPane(VerticalScroll, can_focus=False):
    """Follows the library's cursor: `show(entry, read_mark, titles)`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entry: Entry | None = None
        self.verdict_path: Path | None = None
        """The review whose verdict is shown (None while it is being read)."""
        self._parts = (Content(""), Content(""), Content(""))
        """The metadata card, the verdict and the comparables, shown one under the other."""

    def compose(self) -> ComposeResult:
        # One widget for the three parts: each widget mounted costs the first paint about a
        # millisecond.
        yield Static(Content(""), id="preview-text")

    def _show(self, card: Content, verdict: Content, comparables: Content) -> None:
        self._parts = (card, verdict, comparables)
        shown = Content("\n\n").join(part for part in self._parts if part)
        self.query_one("#preview-text", Static).update(shown)

    def show(self, entry: Entry | None, read_mark: str, library: Catalog | None) -> None:
        """Show `entry` (None: nothing is highlighted), one of `library`'s."""
        if not self.display or not self.is_mounted:
            self.entry = None  # shown afresh once the pane is displayed again
            return
        if entry is not None and self.entry is not None and entry.path == self.entry.path:
            return
        self.entry = entry
        self.verdict_path = None
        if entry is None:
            self._show(Content(""), Content(""), Content(""))
            return
        self._show(metadata_card(entry, read_mark), Content.styled("…", "$text-muted"), Content(""))
        self.scroll_home(animate=False)
        # The rest once the screen is painted: the first paint does not share the interpreter
        # with the reading (and its imports) nor wait for the titles compared, and a cursor
        # moved on by then reads nothing.
        self.call_after_refresh(self._rest_if_shown, entry, library)

    def _rest_if_shown(self, entry: Entry, library: Catalog | None) -> None:
        if self.entry is not entry:
            return
        card, verdict, _ = self._parts
        titles = library.titles() if library is not None else set()
        self._show(card, verdict, comparables_list(entry, titles))
        if self.verdict_path is None:
            self.read_verdict(entry.path)

    @work(thread=True, exclusive=True, group="preview")
    def read_verdict(self, path: Path) -> None:
        """Read the one highlighted review's file and find its verdict (off the UI thread)."""
        # Imported here, in the worker: reading a review is no part of the first screen.
        from reviewtui.core.verdict import verdict
        from reviewtui.library.load import load_review

        loaded = load_review(path)
        if isinstance(loaded, Problem):
            text = plain(f"The review could not be read: {printable(loaded.reason)}", "$warning")
        else:
            heading, paragraph = verdict(loaded)
            text = verdict_content(heading, paragraph)
        self.app.call_from_thread(self.verdict_read, path, text)

    def verdict_read(self, path: Path, text: Content) -> None:
        if self.entry is None or self.entry.path != path or not self.is_mounted:
            return  # the cursor has moved on
        self.verdict_path = path
        card, _, comparables = self._parts
        self._show(card, text, comparables)


def metadata_card(entry: Entry, read_mark: str) -> Content:
    rows: list[tuple[str, str]] = [
        ("Year", str(entry.year) if entry.year is not None else "—"),
        ("Kind", entry.kind or "—"),
        ("Platform", entry.platform or "—"),
        ("Genres", ", ".join(entry.genres) or "—"),
        ("Rating", f"★ {entry.rating:g}" if entry.rating is not None else "—"),
        ("Read", read_mark),
    ]
    if entry.tags:  # most reviews have none: a row only when there are some
        rows.insert(4, ("Tags", ", ".join(entry.tags)))
    parts = [plain(entry.title, "bold"), Content("\n")]
    for label, value in rows:
        parts += [Content.styled(f"\n{label:<9}", "$text-muted"), plain(value)]
    return Content.assemble(*parts)


def verdict_content(heading: str, paragraph: str) -> Content:
    if not paragraph:
        return Content.styled("(no paragraph to show)", "$text-muted")
    if heading:
        return Content.assemble(plain(heading, "bold $text-accent"), "\n", plain(paragraph))
    return plain(paragraph)


def comparables_list(entry: Entry, titles: set[str]) -> Content:
    """→ before the comparables that are in the library (`titles`: `Catalog.titles`)."""
    from reviewtui.core.folding import unmarked  # (once a review has comparables)

    if not entry.comparables:
        return Content("")
    parts = [Content.styled("Comparables", "bold")]
    for title in entry.comparables:
        in_library = unmarked(title) in titles
        parts.append(Content("\n"))
        parts.append(Content.styled("→ " if in_library else "· ", "$text-muted"))
        parts.append(plain(title, "" if in_library else "dim"))
    return Content.assemble(*parts)
