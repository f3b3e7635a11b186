"""A review's Markdown built at once (as it is composed, so that it is in the first paint of the
screen it is mounted in: `test_reader_first_blocks`) shows what Textual's own build shows, and
says it is laid out as Textual's does. A long text, or a Textual without the method it uses, is
built Textual's way."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from reviewtui.tui.widgets.review_markdown import ReviewMarkdown
from reviewtui.tui.widgets.section_block import AT_ONCE_BLOCKS, AT_ONCE_LIMIT

from .app_support import wait_until

TEXT = """## Story

A *first* paragraph, with **bold** words and [a link](https://example.org).

- an item
- another, with `code`

> A quote.

## Verdict

| Score | Why |
| --- | --- |
| 4 | Tense |
"""


class MarkdownApp(App[None]):
    def __init__(self, *widgets: ReviewMarkdown) -> None:
        super().__init__()
        self.widgets = widgets
        self.laid_out: list[Markdown] = []

    def compose(self) -> ComposeResult:
        yield from self.widgets

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        self.laid_out.append(event.markdown)


def shape(markdown: Markdown) -> list[tuple[str, str]]:
    """Each block of the widget (nested ones too), with its text."""
    return [
        (type(block).__name__, block._content.plain)  # noqa: SLF001 - what a block shows
        for block in markdown.query(MarkdownBlock)
    ]


async def test_built_at_once_it_shows_what_textuals_own_build_shows() -> None:
    at_once, usual = ReviewMarkdown(TEXT, at_once=True), ReviewMarkdown(TEXT)
    app = MarkdownApp(at_once, usual)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: len(app.laid_out) == 2)
        await pilot.pause()
        assert at_once.built_at_once and not usual.built_at_once
        assert shape(at_once) == shape(usual)
        assert any(name == "MarkdownTable" for name, _ in shape(at_once))
        assert at_once.source == usual.source == TEXT
        headings = [(level, title) for level, title, _ in at_once.table_of_contents]
        assert headings == [(level, title) for level, title, _ in usual.table_of_contents]
        assert headings == [(2, "Story"), (2, "Verdict")]
        assert app.laid_out.count(at_once) == 1  # said once, as Textual's build says it


async def test_a_long_text_is_built_as_textual_builds_it() -> None:
    paragraph = "Words of a long review. " * 50 + "\n\n"
    text = "## Long\n\n" + paragraph * (AT_ONCE_LIMIT // len(paragraph) + 1)
    assert len(text) > AT_ONCE_LIMIT
    long = ReviewMarkdown(text, at_once=True)
    app = MarkdownApp(long)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.laid_out == [long])
        assert not long.built_at_once
        assert len(long.query(MarkdownBlock)) == text.count("\n\n")


@pytest.mark.parametrize(
    "text",
    [
        "".join(f"- Episode {n}: an ordinary title, rated {n % 10}/10\n" for n in range(300)),
        "\n\n".join(f"p{n}" for n in range(AT_ONCE_BLOCKS + 1)),
        "| a | b |\n| --- | --- |\n" + "".join(f"| {n} | x |\n" for n in range(200)),
    ],
    ids=["list", "paragraphs", "table"],
)
async def test_a_short_text_of_many_blocks_is_built_as_textual_builds_it(text: str) -> None:
    # Each block is a widget to mount however short its text: built at once, 3,500 one-word
    # paragraphs held the screen blank for seconds.
    assert len(text) < AT_ONCE_LIMIT
    many = ReviewMarkdown(text, at_once=True)
    app = MarkdownApp(many)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.laid_out == [many])
        assert not many.built_at_once
        assert many.query(MarkdownBlock)
        assert many.source == text


async def test_without_textuals_build_method_it_is_built_as_textual_builds_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(Markdown, "_build_from_source")
    at_once = ReviewMarkdown(TEXT, at_once=True)
    app = MarkdownApp(at_once)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.laid_out == [at_once])
        assert not at_once.built_at_once
        assert [name for name, _ in shape(at_once)][:2] == ["MarkdownH2", "MarkdownParagraph"]
        assert at_once.source == TEXT
