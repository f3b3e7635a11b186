"""One top section of a review as a widget: its Markdown, or for a hidden spoiler only its
heading and a placeholder, so that the hidden text is in no widget at all."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Markdown, Static

from reviewtui.core.document import shown_part
from reviewtui.core.model import Review, Section
from reviewtui.core.parts import Part


class ReviewMarkdown(Markdown):
    """Markdown whose links are never opened by the widget itself (the pane decides)."""

    def __init__(self, markdown: str, *, classes: str | None = None) -> None:
        super().__init__(markdown, classes=classes, open_links=False)


class SectionBlock(Vertical):
    """One top section of the review (index None for the preamble)."""

    DEFAULT_CSS = """
    SectionBlock {
        height: auto;
    }
    SectionBlock > .spoiler-placeholder {
        margin: 0 2 1 2;
        padding: 1 2;
        border: round $warning;
        color: $text-muted;
    }
    """

    hidden: reactive[bool] = reactive(False, recompose=True)
    spoilers_shown: reactive[bool] = reactive(False)
    """Whether inline spoilers (`>!…!<`, `||…||`) are revealed."""

    def __init__(
        self,
        review: Review,
        section: Section | None,
        *,
        text: str | None = None,
        hidden: bool,
        hint: str,
        lines: list[str] | None = None,
        item: int = 0,
        spoilers_shown: bool = False,
    ) -> None:
        super().__init__()
        self.review = review
        self.section = section
        self.hint = hint
        self.item = item
        """Position among the pane's items (the preamble, if any, then the sections)."""
        self._lines = lines
        self._text = text
        """The part of a long section (or preamble) this block shows, if not all of it."""
        self.set_reactive(SectionBlock.hidden, hidden)
        self.set_reactive(SectionBlock.spoilers_shown, spoilers_shown)

    def watch_spoilers_shown(self) -> None:
        if self.review.inline_spoilers and not self.hidden:
            self.refresh(recompose=True)

    def body_lines(self) -> list[str]:
        # The pane splits a huge body once and shares the lines with every block.
        return self._lines if self._lines is not None else self.review.body.split("\n")

    def markdown(self) -> str:
        """The block's Markdown as shown: inline spoilers hidden until revealed."""
        part = Part(self.section, 0, self._text)
        return shown_part(self.review, part, self.body_lines(), self.spoilers_shown)

    def compose(self) -> ComposeResult:
        if not self.hidden or self.section is None:
            yield ReviewMarkdown(self.markdown())
            return
        # Only the heading line of a hidden section reaches a widget.
        heading = self.body_lines()[self.section.start_line]
        yield ReviewMarkdown(heading)
        yield Static(
            Content.assemble(
                Content.styled("Spoiler section hidden. ", "bold $warning"),
                Content(self.hint),
            ),
            classes="spoiler-placeholder",
        )
