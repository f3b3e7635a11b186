"""One top section of a review as a widget: its Markdown, or for a hidden spoiler only its
heading and a placeholder, so that the hidden text is in no widget at all."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from reviewtui.core.document import shown_part
from reviewtui.core.model import Review, Section
from reviewtui.core.parts import Part

AT_ONCE_LIMIT = 20_000
"""Characters up to which a text can be built at once (see `ReviewMarkdown`)."""
AT_ONCE_BLOCKS = 60
"""Markdown blocks (a paragraph, a heading, a list item, a table's cell…) up to which a text
is built at once: each is a widget to mount, however short its text."""


class ReviewMarkdown(Markdown):
    """Markdown whose links are never opened by the widget itself (the pane decides).

    Textual's Markdown builds its blocks after it is mounted: it parses its text in a thread,
    then mounts them. Built `at_once`, they are parsed and composed with the widget, on the UI
    thread, so that they are in the first paint of the screen it is mounted in. Only a short
    text of a few blocks is built so: a long one, or one of many blocks (a long list, a big
    table), would hold the UI up."""

    def __init__(self, markdown: str, *, classes: str | None = None, at_once: bool = False) -> None:
        super().__init__(markdown, classes=classes, open_links=False)
        self._at_once = at_once and len(markdown) <= AT_ONCE_LIMIT
        self.built_at_once = False

    def compose(self) -> ComposeResult:
        if not self._at_once:
            return
        markdown = self._initial_markdown or ""
        build = getattr(self, "_build_from_source", None)
        if build is None:  # (not in this Textual: built once mounted, as Textual does)
            return
        blocks = build(markdown)
        if count_blocks(blocks) > AT_ONCE_BLOCKS:
            return  # (built once mounted, as Textual does: the parse was a few milliseconds)
        self._initial_markdown = None
        self._markdown = markdown
        self._theme = self.app.theme
        lines = markdown.splitlines()
        self._last_parsed_line = len(lines) - (1 if lines and lines[-1] else 0)
        self.built_at_once = True
        yield from blocks

    async def _on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        if self.built_at_once:
            event.prevent_default()  # (Textual's own would build the blocks again)
            Widget._on_mount(self, event)  # (which that stops too)
            # As Textual's build ends: the text is laid out.
            self.post_message(
                Markdown.TableOfContentsUpdated(self, self.table_of_contents).set_sender(self)
            )


def count_blocks(blocks: list[MarkdownBlock]) -> int:
    """The blocks, and the blocks in them (a list's items, a table's rows and cells)."""
    count, todo = 0, list(blocks)
    while todo:
        block = todo.pop()
        count += 1
        todo.extend(getattr(block, "_blocks", ()))
    return count


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
            yield ReviewMarkdown(self.markdown(), at_once=self.at_once)
            return
        # Only the heading line of a hidden section reaches a widget.
        heading = self.body_lines()[self.section.start_line]
        yield ReviewMarkdown(heading, at_once=self.at_once)
        yield Static(
            Content.assemble(
                Content.styled("Spoiler section hidden. ", "bold $warning"),
                Content(self.hint),
            ),
            classes="spoiler-placeholder",
        )
