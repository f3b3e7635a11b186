"""The one-line header: the title of what is shown and its metadata."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from reviewtui.core.model import Review
from reviewtui.tui.widgets.safe_text import plain

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
        self._shown_caption: Content | None = None
        """A caption shown in place of a title (`show_caption`): kept, a resize included,
        until a review is shown."""

    def watch_review(self) -> None:
        if self.review is not None:
            self._shown_caption = None
        self.show_review()

    def watch_section(self) -> None:
        self.show_review()

    def watch_bookmarked(self) -> None:
        self.show_review()

    def watch_progress(self) -> None:
        self.show_review()

    def on_resize(self) -> None:
        self.show_review()

    def show_review(self) -> None:
        review = self.review
        if review is None:
            shown = self._shown_caption
            self.update(shown if shown is not None else plain(self.caption))
            return
        mark = Content.styled(BOOKMARK_MARK + " ", "bold $accent") if self.bookmarked else None
        count = len(review.top_sections)
        where = (
            f"  § {min(self.section, count - 1) + 1}/{count} · {self.progress} %" if count else ""
        )
        # The place shows in every width: a long title is cut to leave room for it. (Shown
        # before its first layout, the bar has no size yet: it is as wide as the screen.)
        width = self.size.width or self.app.size.width
        room = max(8, width - 2 - len(where) - (2 if mark else 0))
        title = review.title if len(review.title) <= room else review.title[: room - 1] + "…"
        meta = review.meta_line()
        parts = [mark] if mark else []
        parts += [plain(title, "bold"), Content.styled(where, "$text-accent")]
        if meta:
            parts.append(plain(" · " + meta, "$text-muted"))
        # Its size is its CSS's (one line, the screen's width): no layout of the screen at
        # each step of a scroll that changes the progress shown.
        self.update(Content.assemble(*parts), layout=False)

    def show_caption(self, caption: Content | str) -> None:
        """A caption in place of a title: a string is shown as written, made printable."""
        self._shown_caption = caption if isinstance(caption, Content) else plain(caption)
        self.update(self._shown_caption)
