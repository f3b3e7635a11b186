"""The one-line header: the title of what is shown and its metadata."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from reviewtui.core.model import Review
from reviewtui.tui.widgets.safe_text import title_line


class TitleBar(Static):
    """Shows `Title · year · platform · kind · ★ rating`, or a fixed caption."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 1fr;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    review: reactive[Review | None] = reactive(None)

    def __init__(self, caption: str = "reviewtui", *, id: str | None = None) -> None:
        super().__init__(Content(caption), id=id)
        self.caption = caption

    def watch_review(self, review: Review | None) -> None:
        self.update(title_line(review) if review is not None else Content(self.caption))

    def show_caption(self, caption: Content | str) -> None:
        self.update(caption if isinstance(caption, Content) else Content(caption))
