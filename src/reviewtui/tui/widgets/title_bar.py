"""The one-line header: the title of what is shown and its metadata."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from reviewtui.core.model import Review
from reviewtui.tui.widgets.safe_text import plain, title_line

BOOKMARK_MARK = "◆"


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
    section: reactive[int] = reactive(0)
    bookmarked: reactive[bool] = reactive(False)
    progress: reactive[int] = reactive(0)

    def __init__(self, caption: str = "reviewtui", *, id: str | None = None) -> None:
        super().__init__(plain(caption), id=id)
        self.caption = caption

    def watch_review(self) -> None:
        self.show_review()

    def watch_section(self) -> None:
        self.show_review()

    def watch_bookmarked(self) -> None:
        self.show_review()

    def watch_progress(self) -> None:
        self.show_review()

    def show_review(self) -> None:
        review = self.review
        if review is None:
            self.update(plain(self.caption))
            return
        parts = [Content.styled(BOOKMARK_MARK + " ", "bold $accent")] if self.bookmarked else []
        # Where am I: first, so that a narrow terminal cuts the metadata, not the place.
        count = len(review.top_sections)
        if count:
            where = f"§ {min(self.section, count - 1) + 1}/{count} · {self.progress} %  "
            parts.append(Content.styled(where, "$text-accent"))
        parts.append(title_line(review))
        self.update(Content.assemble(*parts))

    def show_caption(self, caption: Content | str) -> None:
        """A caption in place of a title: a string is shown as written, made printable."""
        self.update(caption if isinstance(caption, Content) else plain(caption))
