"""`plain_blocks` reads a text without markdown-it only when it reads it exactly as markdown-it
and Textual's Markdown widget do: every text it answers for, the widget shows as the same
headings and paragraphs of the same words, with no style inside them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock, MarkdownHeader, MarkdownParagraph

from reviewtui.core.plain_blocks import PARAGRAPH, plain_blocks


def as_markdown_shows_it(text: str) -> list[tuple[int, str]] | str:
    """(level, words) of each block Textual's Markdown makes of `text`; a note of the first
    block that is not a heading or paragraph of unstyled words."""
    shown: list[tuple[int, str]] = []
    blocks: list[MarkdownBlock] = Markdown()._build_from_source(text)
    for block in blocks:
        content = block._content
        if content.spans:
            return f"styled: {content.spans}"
        if isinstance(block, MarkdownHeader):
            shown.append((block.LEVEL, content.plain))
        elif type(block) is MarkdownParagraph:
            shown.append((PARAGRAPH, content.plain))
        else:
            return f"a {type(block).__name__}"
    return shown


def test_headings_and_paragraphs_are_read_as_markdown_reads_them() -> None:
    text = "# Title\n\nA first  line\n  and its   next.\n\n## Section\n###   Deeper\nMore words."
    expected = [
        (1, "Title"),
        (PARAGRAPH, "A first line and its next."),
        (2, "Section"),
        (3, "Deeper"),
        (PARAGRAPH, "More words."),
    ]
    assert plain_blocks(text) == expected
    assert as_markdown_shows_it(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# Ballard\n\n## Introduction\n\nIn 2025, the streaming landscape was… crowded?! Yes.",
        "Words (in brackets) and “quotes”, a $5 bet; 50% of it — gone.\nSecond line.",
        "## A heading\nIts paragraph, right under it.\n\n\n\nAfter blank lines.",
        "Mr. Smith said so. Then... nothing.",
    ],
)
def test_plain_reviews_are_read_without_markdown_it(text: str) -> None:
    assert plain_blocks(text) is not None
    assert plain_blocks(text) == as_markdown_shows_it(text)


@pytest.mark.parametrize(
    "text",
    [
        "A *film* of note.",  # emphasis
        "See [the trailer](https://example.com).",  # a link
        "At film.com or www.example.org",  # addresses markdown-it links
        "Mail me@example.com",
        "Tom &amp; Jerry",  # an entity
        "Use `code` here",
        "- a list item",
        "1. a numbered one",
        "> a quote",
        "| a | table |\n| - | - |",
        "A line break  \nhere",
        "Tab\tbetween",
        "No\u00a0break",
        "A heading\n---------",  # setext
        "    indented code",
        "<b>html</b>",
        "~~struck~~",
        "Escaped \\*star\\*",
        "## Closed heading #",
        "At 10:30 sharp",
    ],
)
def test_anything_that_could_mean_more_is_left_to_markdown_it(text: str) -> None:
    assert plain_blocks(text) is None


PLAIN_WORDS = 'the film a quiet noir Ballard harbour night 1998 it\'s "so" (yes) — – ... … ! ?'
TRICKY = ", ; : . - + = > # ## 1. 2) 10:30 e.g. film.com and/or ‘x’ «y» $5 50% ^ { } www. x@y"
MEANING = "~ * _ ` [a] <b> &c | \\ \t \u00a0"
WORDS = st.sampled_from([*PLAIN_WORDS.split() * 8, *TRICKY.split(), *MEANING.split(" ")])
"""Mostly plain words, so that many texts are read without markdown-it and compared."""
LINE = st.tuples(
    st.sampled_from(["", "", "", "# ", "## ", "### ", "###### ", "   ", "    ", "#"]),
    st.lists(WORDS, min_size=0, max_size=8),
    st.sampled_from([" ", " ", "  "]),
    st.sampled_from(["", "", " ", "  ", " #", "#"]),
).map(lambda parts: parts[0] + parts[2].join(parts[1]) + parts[3])


@settings(max_examples=600, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8).map("\n".join))
def test_whatever_it_reads_markdown_shows_the_same(text: str) -> None:
    blocks = plain_blocks(text)
    if blocks is not None:
        assert blocks == as_markdown_shows_it(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab #\n-*_>1.:/\\&<`|@[]\t ")), max_size=60))
def test_whatever_it_reads_of_any_characters_markdown_shows_the_same(text: str) -> None:
    blocks = plain_blocks(text)
    if blocks is not None:
        assert blocks == as_markdown_shows_it(text)


PLAIN_LINE = st.tuples(
    st.sampled_from(["", "", "", "# ", "## ", "### ", "   "]),
    st.lists(st.sampled_from(PLAIN_WORDS.split()), min_size=1, max_size=10),
    st.sampled_from([" ", " ", "   "]),
    st.sampled_from(["", "", " "]),
).map(lambda parts: parts[0] + parts[2].join(parts[1]) + parts[3])


@settings(max_examples=300, deadline=None)
@given(st.lists(PLAIN_LINE, min_size=1, max_size=10).map("\n".join))
def test_plain_words_are_read_without_markdown_it_as_markdown_shows_them(text: str) -> None:
    assert plain_blocks(text) == as_markdown_shows_it(text)
