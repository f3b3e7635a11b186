"""Matches of a find marked in the review's Markdown as it is shown: each text block of a
section restyled over its own text, so what is marked is exactly what the reader sees."""

from __future__ import annotations

import weakref

from textual.content import Content
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from reviewtui.core.find import FindQuery

MATCH_STYLE = "$text on $warning 45%"
CURRENT_STYLE = "bold $background on $warning"

_unmarked: weakref.WeakKeyDictionary[MarkdownBlock, Content] = weakref.WeakKeyDictionary()
"""Each marked block's own content, to put back when the find ends."""


def text_blocks(markdown: Markdown) -> list[MarkdownBlock]:
    """The blocks of `markdown` that show text of their own, in reading order."""
    blocks = []
    for block in markdown.query(MarkdownBlock):
        own = _own_content(block)
        if own is not None and own.plain:
            blocks.append(block)
    return blocks


def _own_content(block: MarkdownBlock) -> Content | None:
    own = _unmarked.get(block, block.content)
    return own if isinstance(own, Content) else None


def mark(
    markdown: Markdown, query: FindQuery | None, current: int | None = None
) -> list[tuple[MarkdownBlock, int, int]]:
    """Mark every match of `query` in `markdown` (the `current`-th of them, counted from 0,
    more strongly), or unmark them all when `query` is None. Returns each match's block and
    where it is in that block's text, in reading order."""
    found: list[tuple[MarkdownBlock, int, int]] = []
    for block in text_blocks(markdown):
        own = _own_content(block)
        assert own is not None
        spans = [] if query is None else query.spans(own.plain)
        if not spans:
            if block in _unmarked:
                block.update(_unmarked.pop(block), layout=False)
            continue
        _unmarked.setdefault(block, own)
        marked = own
        for start, end in spans:
            style = CURRENT_STYLE if current == len(found) else MATCH_STYLE
            marked = marked.stylize(style, start, end)
            found.append((block, start, len(own.plain)))
        block.update(marked, layout=False)
    return found
