"""One top section of a review as a widget: its Markdown, or for a hidden spoiler only its
heading and a placeholder, so that the hidden text is in no widget at all."""

from __future__ import annotations

from markdown_it import MarkdownIt
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
LEAVES = frozenset({"fence", "code_block", "hr", "html_block"})
"""The blocks markdown-it gives as one token (the others open and close)."""
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
        self._made: list[Widget] | None = self._widgets() if at_once else None
        """Built at once, its widgets are made with it: whether they were, is then known."""

    @property
    def built_at_once(self) -> bool:
        """Whether its Markdown was built with it, so that mounting it mounts its text."""
        return self._made is not None and all(
            widget.built_at_once for widget in self._made if isinstance(widget, ReviewMarkdown)
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

    def _widgets(self) -> list[Widget]:
        if not self.hidden or self.section is None:
            return [ReviewMarkdown(self.markdown(), at_once=self.at_once)]
        # Only the heading line of a hidden section reaches a widget.
        heading = self.body_lines()[self.section.start_line]
        placeholder = Static(
            Content.assemble(
                Content.styled("Spoiler section hidden. ", "bold $warning"),
                Content(self.hint),
            ),
            classes="spoiler-placeholder",
        )
        return [ReviewMarkdown(heading, at_once=self.at_once), placeholder]
