"""A review's text read without a Markdown parser, when it is only headings and paragraphs of
plain words: the reader's first paint shows it so, before markdown-it is even imported.

`plain_blocks` answers only when it is sure to read the text as markdown-it does ("gfm-like",
as Textual's Markdown widget reads it) and as that widget shows it: each block a heading or a
paragraph, its words joined by single spaces. Anything that could mean more (a list, a quote,
emphasis, a link, an entity, an address that would be linked, a table, code, HTML, a line
break…) makes it answer None, and the text is left to the parser. A test holds it to
markdown-it's reading of thousands of texts.
"""

from __future__ import annotations

from reviewtui.core.lazy_re import lazy

PARAGRAPH = 0
"""The level of a paragraph (a heading's is 1 to 6)."""

_HEADING = lazy(r" {0,3}(#{1,6}) +([^ #].*?) *")
_SPACES = lazy(r"\s+")
_MEANING = lazy(r"[\\`*_~\[\]<>&|@#]|[.:/][^\s.,;:!?)\"'’”…]|[^ \S]|[\x00-\x1f\x7f-\x9f]")
"""What may mean more than words: an escape, code, emphasis, strikethrough, a link, HTML, an
entity, a table, an address, a heading; a dot, colon or slash followed by more than
punctuation (`film.com`, `http://`, `10:30`, `a/b` may be made links, or are not worth the
doubt); any whitespace but a space (a tab, a no-break space…); a control character."""
_BLOCK_START = lazy(r"[-+=]|[0-9]{1,9}[.)](?: |$)")
"""What a line may begin with to be other than text: a list item, a rule, a setext
underline, a numbered item."""


def plain_blocks(markdown: str) -> list[tuple[int, str]] | None:
    """The blocks of `markdown` as (level, text), level 0 for a paragraph; None when any of it
    might be read as more than headings and paragraphs of plain text."""
    blocks: list[tuple[int, str]] = []
    paragraph: list[str] = []
    for line in markdown.split("\n"):
        if not line.strip(" "):
            if paragraph:
                blocks.append((PARAGRAPH, " ".join(paragraph)))
                paragraph = []
            continue
        if line.endswith("  "):
            return None  # (a line break)
        heading = _HEADING().fullmatch(line)
        if heading is not None:
            text = heading.group(2)
            if _MEANING().search(text):
                return None
            if paragraph:
                blocks.append((PARAGRAPH, " ".join(paragraph)))
                paragraph = []
            blocks.append((len(heading.group(1)), _SPACES().sub(" ", text)))
            continue
        text = line.strip(" ")
        indent = len(line) - len(line.lstrip(" "))
        if _MEANING().search(text) or _BLOCK_START().match(text) or (not paragraph and indent > 3):
            return None
        paragraph.append(_SPACES().sub(" ", text))
    if paragraph:
        blocks.append((PARAGRAPH, " ".join(paragraph)))
    return blocks
