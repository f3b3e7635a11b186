"""The bookmarks: open one, or remove it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reviewtui.store.bookmarks import Bookmark, BookmarkStore
from reviewtui.tui.widgets.safe_text import plain


def bookmark_label(bookmark: Bookmark) -> Content:
    added = bookmark.added.astimezone().strftime("%Y-%m-%d %H:%M")
    if bookmark.to_watch:
        found = f" · from {bookmark.source}" if bookmark.source else ""
        return Content.assemble(
            plain(bookmark.title, "bold"), "\n", plain(f"added {added}{found}", "$text-muted")
        )
    return Content.assemble(
        plain(bookmark.title, "bold"),
        Content.styled(f"\nadded {added} · ", "$text-muted"),
        plain(bookmark.path, "$text-muted"),
    )


class BookmarksScreen(ModalScreen[Bookmark | None]):
    """Dismisses with the bookmark to open, or None."""

    CSS_PATH = "bookmarks_screen.tcss"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit reviewtui"),
        Binding("escape,B", "close", "Close", id="close", tooltip="Close the bookmarks"),
        Binding(
            "d,delete",
            "remove_bookmark",
            "Remove",
            id="remove_bookmark",
            tooltip="Remove the highlighted bookmark",
        ),
    ]

    def __init__(self, store: BookmarkStore) -> None:
        super().__init__()
        self.store = store
        self.marks: list[Bookmark | None] = []
        """One per row of the list: a bookmark, or None for the watchlist's heading."""

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-body") as body:
            body.border_title = Content("Bookmarks")
            body.border_subtitle = Content("Enter opens · d removes · Esc closes")
            yield OptionList(id="bookmarks")
            yield Static(Content(""), id="bookmarks-empty")

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: int = 0) -> None:
        read = self.store.entries()
        # Reviews first, then the titles to watch, under a heading of their own.
        reviews = [b for b in read.value if not b.to_watch]
        watch = [b for b in read.value if b.to_watch]
        self.marks = [*reviews, *([None, *watch] if watch else [])]
        for warning in read.warnings:
            self.notify(warning, severity="warning", markup=False)
        listing = self.query_one("#bookmarks", OptionList)
        listing.clear_options()
        heading = Content.styled("To watch (not in the library)", "bold $text-muted")
        listing.add_options(
            [
                Option(bookmark_label(b)) if b else Option(heading, disabled=True, id="to-watch")
                for b in self.marks
            ]
        )
        empty = self.query_one("#bookmarks-empty", Static)
        empty.display = not self.marks
        listing.display = bool(self.marks)
        empty.update(Content("No bookmarks yet. Press b while reading a review to bookmark it."))
        if self.marks:
            keep = min(keep, len(self.marks) - 1)
            listing.highlighted = keep if self.marks[keep] is not None else max(0, keep - 1)
            listing.focus()

    @on(OptionList.OptionSelected, "#bookmarks")
    def open_bookmark(self, event: OptionList.OptionSelected) -> None:
        mark = self.marks[event.option_index]
        if mark is not None:
            self.dismiss(mark)

    def action_remove_bookmark(self) -> None:
        listing = self.query_one("#bookmarks", OptionList)
        index = listing.highlighted
        if index is None or not (0 <= index < len(self.marks)):
            return
        bookmark = self.marks[index]
        if bookmark is None:
            return
        try:
            removed = self.store.remove(bookmark.title)
        except OSError as error:
            self.notify(f"The bookmark was not removed: {error}", severity="error", markup=False)
            return
        for warning in removed.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.notify(f"Removed the bookmark on {bookmark.title}", markup=False)
        self.reload(keep=index)

    def action_close(self) -> None:
        self.dismiss(None)


def bookmark_path(bookmark: Bookmark) -> Path | None:
    return Path(bookmark.path) if bookmark.path else None
