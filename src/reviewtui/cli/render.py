"""`reviewtui show`: a review rendered with Rich for the terminal or a pipe."""

from __future__ import annotations

from collections.abc import Iterable

from markdown_it.token import Token
from rich.console import Console, Group
from rich.markdown import Markdown
from rich.rule import Rule
from rich.text import Text

from reviewtui.core.document import visible_markdown
from reviewtui.core.model import Review
from reviewtui.core.text import is_web_link


def review_renderable(review: Review, show_spoilers: bool) -> Group:
    # Text and Markdown never interpret console markup, so review text shows as written.
    header = Text(review.title, style="bold")
    meta = Text(review.meta_line(), style="dim")
    body = visible_markdown(
        review, show_spoilers, f'Run `reviewtui show "{review.title}" --spoilers` to read it.'
    )
    return Group(header, meta, Rule(style="dim"), safe_markdown(body))


def safe_markdown(body: str) -> Markdown:
    """Rich Markdown whose hyperlinks are web links only (others keep their text, unlinked),
    so clicking in the terminal can never open a local file."""
    markdown = Markdown(body, hyperlinks=True)
    _unlink_local(markdown.parsed)
    return markdown


def _unlink_local(tokens: Iterable[Token]) -> None:
    for token in tokens:
        for attribute in ("href", "src"):
            value = token.attrs.get(attribute)
            if value is not None and not is_web_link(str(value)):
                token.attrs[attribute] = ""
        if token.children:
            _unlink_local(token.children)


def print_review(review: Review, show_spoilers: bool, on: Console | None = None) -> None:
    """The review on stdout: its text was cleaned of control characters when it was loaded,
    and Rich shows it as text, never as markup."""
    from reviewtui.cli.output import console, piped

    target = on or console()
    with piped(target):
        target.print(review_renderable(review, show_spoilers), soft_wrap=False)
