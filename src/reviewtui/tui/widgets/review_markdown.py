"""Textual's Markdown widget as the reader uses it: its links are left to the pane, and a short
text's blocks can be built with the widget, so that they are in the first paint that shows it.

Imported once the first screen is painted (a review's first blocks are shown without it when
they are plain text: see `section_block.PlainMarkdown`), or when a review is opened later."""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from reviewtui.tui.widgets.section_block import AT_ONCE_BLOCKS, AT_ONCE_LIMIT

LEAVES = frozenset({"fence", "code_block", "hr", "html_block"})
"""The blocks markdown-it gives as one token (the others open and close)."""


class ReviewMarkdown(Markdown):
    """Markdown whose links are never opened by the widget itself (the pane decides).

    Textual's Markdown builds its blocks after it is mounted: it parses its text in a thread,
    then mounts them. Built `at_once`, they are parsed and composed with the widget, on the UI
    thread, so that they are in the first paint of the screen it is mounted in. Only a short
    text of a few blocks is built so: a long one, or one of many blocks (a long list, a big
    table), would hold the UI up."""

    def __init__(self, markdown: str, *, classes: str | None = None, at_once: bool = False) -> None:
        super().__init__(markdown, classes=classes, open_links=False)
        self._built: list[MarkdownBlock] | None = self._build_now(markdown) if at_once else None

    @property
    def built_at_once(self) -> bool:
        """Whether its blocks are built with it (decided as it is made, before it is mounted)."""
        return self._built is not None

    def _build_now(self, markdown: str) -> list[MarkdownBlock] | None:
        """Its blocks, if the text is short enough to be built at once."""
        build = getattr(self, "_build_from_source", None)
        if build is None or len(markdown) > AT_ONCE_LIMIT:  # (a Textual without it: as ever)
            return None
        # Counted from the parse, before any widget is made: a long list's items are many.
        tokens = MarkdownIt("gfm-like").parse(markdown)
        if (
            sum(1 for token in tokens if token.nesting == 1 or token.type in LEAVES)
            > AT_ONCE_BLOCKS
        ):
            return None  # (built once mounted, as Textual does: the parse took milliseconds)
        blocks: list[MarkdownBlock] = build(markdown)
        return blocks

    def compose(self) -> ComposeResult:
        if self._built is None:
            return
        markdown = self._initial_markdown or ""
        self._initial_markdown = None
        self._markdown = markdown
        self._theme = self.app.theme
        lines = markdown.splitlines()
        self._last_parsed_line = len(lines) - (1 if lines and lines[-1] else 0)
        yield from self._built

    async def _on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        if self.built_at_once:
            event.prevent_default()  # (Textual's own would build the blocks again)
            Widget._on_mount(self, event)  # (which that stops too)
            # As Textual's build ends: the text is laid out.
            self.post_message(
                Markdown.TableOfContentsUpdated(self, self.table_of_contents).set_sender(self)
            )
