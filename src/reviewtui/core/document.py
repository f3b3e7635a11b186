"""The review body as it should be shown: spoiler sections replaced by a placeholder."""

from __future__ import annotations

from reviewtui.core.model import Review, Section

SPOILER_PLACEHOLDER = "*Spoiler section hidden.* {how}"


def visible_markdown(review: Review, show_spoilers: bool, how_to_reveal: str) -> str:
    """The body with the text of hidden spoiler sections left out (headings kept)."""
    if show_spoilers or not any(s.spoiler for s in review.sections):
        return review.body
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
    return "\n".join(out)


def placeholder(how_to_reveal: str) -> str:
    return "> " + SPOILER_PLACEHOLDER.format(how=how_to_reveal)


def section_markdown(review: Review, section: Section) -> str:
    return review.section_text(section)
