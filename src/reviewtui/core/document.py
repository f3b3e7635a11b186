"""The review body as it should be shown: spoiler sections replaced by a placeholder, inline
spoilers hidden, until revealed. The reader and every export share this."""

from __future__ import annotations

from reviewtui.core.model import Review, Section
from reviewtui.core.parts import Part
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


def shown_part(review: Review, part: Part, lines: list[str], show_spoilers: bool) -> str:
    """What the reader shows of one of its items (the preamble, a top section or a part of
    one): a hidden spoiler section's heading line alone, inline spoilers hidden unless shown."""
    section = part.section
    if section is not None and section.spoiler and not show_spoilers:
        return lines[section.start_line]
    if part.text is not None:
        text = part.text
    elif section is None:
        text = preamble(review, lines)
    else:
        text = "\n".join(lines[section.start_line : section.end_line])
    return shown_text(review, text, show_spoilers)
