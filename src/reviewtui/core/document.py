"""The review body as it should be shown: spoiler sections replaced by a placeholder, inline
spoilers hidden, until revealed. The reader and every export share this."""

from __future__ import annotations

from reviewtui.core.model import Review, Section
from reviewtui.core.spoilers import shown_spoilers

SPOILER_PLACEHOLDER = "*Spoiler section hidden.* {how}"


def visible_markdown(review: Review, show_spoilers: bool, how_to_reveal: str) -> str:
    """The body with the text of hidden spoiler sections left out (headings kept) and inline
    spoilers hidden; revealed, the body with the inline spoilers' marks removed."""
    body = shown_spoilers(review.body, show_spoilers) if review.inline_spoilers else review.body
    if show_spoilers or not any(s.spoiler for s in review.sections):
        return body
    lines = review.body.split("\n")
    out: list[str] = []
    position = 0
    for section in review.top_sections:
        if not section.spoiler:
            continue
        out.extend(lines[position : section.start_line + 1])
        out.extend(["", placeholder(how_to_reveal), ""])
        position = section.end_line
    out.extend(lines[position:])
    text = "\n".join(out)
    return shown_spoilers(text, False) if review.inline_spoilers else text


def placeholder(how_to_reveal: str) -> str:
    return "> " + SPOILER_PLACEHOLDER.format(how=how_to_reveal)


def section_markdown(review: Review, section: Section, show_spoilers: bool = False) -> str:
    return shown_text(review, review.section_text(section), show_spoilers)


def shown_text(review: Review, markdown: str, show_spoilers: bool) -> str:
    """A part of the review's Markdown as shown: its inline spoilers hidden unless revealed."""
    return shown_spoilers(markdown, show_spoilers) if review.inline_spoilers else markdown


def preamble(review: Review, lines: list[str] | None = None) -> str:
    """The text before the first `##` section (the `#` title, often)."""
    tops = review.top_sections
    lines = review.body.split("\n") if lines is None else lines
    return "\n".join(lines[: tops[0].start_line if tops else len(lines)]).strip()


def shown_items(review: Review, show_spoilers: bool, lines: list[str] | None = None) -> list[str]:
    """The reader's items as shown: the preamble (when there is one) and each top section,
    a hidden spoiler section as its heading line alone, inline spoilers hidden unless shown."""
    lines = review.body.split("\n") if lines is None else lines
    first = preamble(review, lines)
    items = [shown_text(review, first, show_spoilers)] if first else []
    for section in review.top_sections:
        if section.spoiler and not show_spoilers:
            items.append(lines[section.start_line])
        else:
            text = "\n".join(lines[section.start_line : section.end_line])
            items.append(shown_text(review, text, show_spoilers))
    return items
