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


def bookmark_label(bookmark: Bookmark) -> Content:
    added = bookmark.added.astimezone().strftime("%Y-%m-%d %H:%M")
    return Content.assemble(
        Content.styled(bookmark.title, "bold"),
        Content.styled(f"\nadded {added} · ", "$text-muted"),
        Content.styled(bookmark.path, "$text-muted"),
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
        self.marks: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-body") as body:
            body.border_title = Content("Bookmarks")
            body.border_subtitle = Content("Enter opens · d removes · Esc closes")
            yield OptionList(id="bookmarks")
            yield Static(Content(""), id="bookmarks-empty")

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: int = 0) -> None:
        self.marks = self.store.entries()
        for warning in self.store.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.store.warnings.clear()
        listing = self.query_one("#bookmarks", OptionList)
        listing.clear_options()
        listing.add_options([Option(bookmark_label(b)) for b in self.marks])
        empty = self.query_one("#bookmarks-empty", Static)
        empty.display = not self.marks
        listing.display = bool(self.marks)
        empty.update(Content("No bookmarks yet. Press b while reading a review to bookmark it."))
        if self.marks:
            listing.highlighted = min(keep, len(self.marks) - 1)
            listing.focus()

    @on(OptionList.OptionSelected, "#bookmarks")
    def open_bookmark(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.marks[event.option_index])

    def action_remove_bookmark(self) -> None:
        listing = self.query_one("#bookmarks", OptionList)
        index = listing.highlighted
        if index is None or not (0 <= index < len(self.marks)):
            return
        bookmark = self.marks[index]
        try:
            self.store.remove(bookmark.title)
        except OSError as error:  # a read-only session, a read-only data folder
            self.notify(f"The bookmark was not removed: {error}", severity="error", markup=False)
            return
        self.notify(f"Removed the bookmark on {bookmark.title}", markup=False)
        self.reload(keep=index)

    def action_close(self) -> None:
        self.dismiss(None)


def bookmark_path(bookmark: Bookmark) -> Path | None:
    return Path(bookmark.path) if bookmark.path else None
