"""One top section of a review as a widget: its Markdown, or for a hidden spoiler only its
heading and a placeholder, so that the hidden text is in no widget at all.

A review's first blocks may be shown before markdown-it is imported: when their text is only
headings and paragraphs of plain words (`core.plain_blocks`), `PlainMarkdown` shows it as
Textual's Markdown would, and the pane puts the Markdown widget in its place once the first
screen is painted (`SectionBlock.replace_plain`)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from reviewtui.core.document import shown_part
from reviewtui.core.model import Review, Section
from reviewtui.core.parts import Part
from reviewtui.core.plain_blocks import PARAGRAPH, plain_blocks

if TYPE_CHECKING:
    from reviewtui.tui.widgets.review_markdown import ReviewMarkdown

AT_ONCE_LIMIT = 20_000
"""Characters up to which a text can be built at once (see `ReviewMarkdown`)."""
AT_ONCE_BLOCKS = 60
"""Markdown blocks (a paragraph, a heading, a list item, a table's cell…) up to which a text
is built at once: each is a widget to mount, however short its text."""


class PlainMarkdown(Widget):
    """Headings and paragraphs of plain text, laid out and styled as Textual's Markdown lays
    out and styles them (its CSS, repeated here; a test holds the two to the same screen)."""

    DEFAULT_CSS = """
    PlainMarkdown {
        height: auto;
        padding: 0 2 0 2;
        layout: vertical;
        color: $foreground;
        overflow-y: hidden;
    }
    PlainMarkdown > Static {
        width: 1fr;
        height: auto;
    }
    PlainMarkdown > .heading {
        color: $text;
        margin: 2 0 1 0;
    }
    PlainMarkdown > .h1 {
        content-align: center middle;
        color: $markdown-h1-color;
        background: $markdown-h1-background;
        text-style: $markdown-h1-text-style;
    }
    PlainMarkdown > .h2 {
        color: $markdown-h2-color;
        background: $markdown-h2-background;
        text-style: $markdown-h2-text-style;
    }
    PlainMarkdown > .h3 {
        color: $markdown-h3-color;
        background: $markdown-h3-background;
        text-style: $markdown-h3-text-style;
        margin: 1 0;
        width: auto;
    }
    PlainMarkdown > .h4 {
        color: $markdown-h4-color;
        background: $markdown-h4-background;
        text-style: $markdown-h4-text-style;
        margin: 1 0;
    }
    PlainMarkdown > .h5 {
        color: $markdown-h5-color;
        background: $markdown-h5-background;
        text-style: $markdown-h5-text-style;
        margin: 1 0;
    }
    PlainMarkdown > .h6 {
        color: $markdown-h6-color;
        background: $markdown-h6-background;
        text-style: $markdown-h6-text-style;
        margin: 1 0;
    }
    PlainMarkdown > .paragraph {
        margin: 0 0 1 0;
    }
    """

    built_at_once = True
    """Its text is in the first paint that shows it (as a `ReviewMarkdown` built at once)."""

    def __init__(self, markdown: str, blocks: list[tuple[int, str]]) -> None:
        super().__init__()
        self.markdown = markdown
        self._blocks = blocks

    @classmethod
    def of(cls, markdown: str) -> PlainMarkdown | None:
        """The text shown so, if it is plain enough and short enough to be built at once."""
        if len(markdown) > AT_ONCE_LIMIT:
            return None
        blocks = plain_blocks(markdown)
        if blocks is None or len(blocks) > AT_ONCE_BLOCKS:
            return None
        return cls(markdown, blocks)

    def compose(self) -> ComposeResult:
        for level, text in self._blocks:
            classes = "paragraph" if level == PARAGRAPH else f"heading h{level}"
            yield Static(Content(text), expand=True, classes=classes)


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
        at_once: bool = False,
        plain: bool = False,
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
        self.at_once = at_once
        """Whether its Markdown is built as it is composed (see `ReviewMarkdown`)."""
        self.set_reactive(SectionBlock.hidden, hidden)
        self.set_reactive(SectionBlock.spoilers_shown, spoilers_shown)
        self._made: list[Widget] | None = self._widgets(plain) if at_once else None
        """Built at once, its widgets are made with it: whether they were, is then known.
        With `plain`, its text is shown without markdown-it if it can be (`PlainMarkdown`)."""

    @property
    def built_at_once(self) -> bool:
        """Whether its Markdown was built with it, so that mounting it mounts its text."""
        return self._made is not None and all(
            getattr(widget, "built_at_once", True) for widget in self._made
        )

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
        made, self._made = self._made, None
        yield from made if made is not None else self._widgets()

    def _widgets(self, plain: bool = False) -> list[Widget]:
        section = self.section
        if not self.hidden or section is None:
            return [self._shown_as(self.markdown(), plain)]
        # Only the heading line of a hidden section reaches a widget.
        heading = self.body_lines()[section.start_line]
        placeholder = Static(
            Content.assemble(
                Content.styled("Spoiler section hidden. ", "bold $warning"),
                Content(self.hint),
            ),
            classes="spoiler-placeholder",
        )
        return [self._shown_as(heading, plain), placeholder]

    def _shown_as(self, markdown: str, plain: bool) -> PlainMarkdown | ReviewMarkdown:
        shown = PlainMarkdown.of(markdown) if plain else None
        if shown is not None:
            return shown
        from reviewtui.tui.widgets.review_markdown import ReviewMarkdown

        return ReviewMarkdown(markdown, at_once=self.at_once)

    @property
    def plain_shown(self) -> bool:
        """Whether its text is still shown without markdown-it (see `replace_plain`)."""
        return bool(self.query_children(PlainMarkdown))

    def markdown_widgets(self) -> list[ReviewMarkdown]:
        """Its Markdown widgets (none while its text is shown plain)."""
        if "reviewtui.tui.widgets.review_markdown" not in sys.modules:
            return []  # (none was ever made)
        from reviewtui.tui.widgets.review_markdown import ReviewMarkdown

        return list(self.query_children(ReviewMarkdown))

    async def replace_plain(self) -> None:
        """Put the Markdown widget in the place of its plain text, in the same paint: it shows
        the same, and a find, a link or a jump works in it."""
        plain = list(self.query_children(PlainMarkdown))
        if not plain:
            return
        with self.app.batch_update():
            for widget in plain:
                await self.mount(self._shown_as(widget.markdown, False), before=widget)
                await widget.remove()


async def replace_plain(blocks: list[SectionBlock]) -> None:
    """Markdown in the place of each block's plain text (`SectionBlock.replace_plain`)."""
    for block in blocks:
        if block.is_attached:  # (a huge review's window may have let it go meanwhile)
            await block.replace_plain()
