"""`reviewtui show`: a review rendered with Rich for the terminal or a pipe."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.rule import Rule
from rich.text import Text

from reviewtui.document import visible_markdown
from reviewtui.model import Review


def review_renderable(review: Review, show_spoilers: bool) -> Group:
    # Text and Markdown never interpret console markup, so review text shows as written.
    header = Text(review.title, style="bold")
    meta = Text(review.meta_line(), style="dim")
    body = visible_markdown(
        review, show_spoilers, f'Run `reviewtui show "{review.title}" --spoilers` to read it.'
    )
    return Group(header, meta, Rule(style="dim"), Markdown(body, hyperlinks=True))


def print_review(review: Review, show_spoilers: bool, console: Console | None = None) -> None:
    console = console or Console(soft_wrap=False)
    console.print(review_renderable(review, show_spoilers))
