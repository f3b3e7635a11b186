"""A review in a few lines, for the library's preview: its verdict, else its first paragraph.

Spoiler sections are never quoted, and inline spoilers are hidden.
"""

from __future__ import annotations

import re

from reviewtui.core.model import Review, Section
from reviewtui.core.spoilers import shown_spoilers

VERDICT_HEADINGS = ("final take", "verdict", "the verdict", "conclusion", "bottom line", "summary")
MAX_CHARS = 600

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def verdict(review: Review) -> tuple[str, str]:
    """(where it is from, the text): the first paragraph of a section headed like a verdict
    ("Final Take", "Verdict"…), else of the first section that has one; ("", "") if none."""
    readable = [s for s in review.top_sections if not s.spoiler]
    verdicts = [s for s in readable if s.title.casefold().startswith(VERDICT_HEADINGS)]
    for section in verdicts + readable:
        text = first_paragraph(review, section)
        if text:
            return section.title, text
    if not review.top_sections:
        text = _paragraph(shown_spoilers(review.body, False).split("\n"))
        if text:
            return "", text
    return "", ""


def first_paragraph(review: Review, section: Section) -> str:
    text = shown_spoilers(review.section_text(section), False)
    lines = text.split("\n")[1:]  # after the heading
    return _paragraph(lines)


def _paragraph(lines: list[str]) -> str:
    taken: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if taken:
                break
            continue
        if stripped.startswith(("#", "+++", "---", "```", "|")):
            if taken:
                break
            continue
        taken.append(stripped.lstrip(">-* ").strip() if stripped[0] in ">-*" else stripped)
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", " ".join(taken)))
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text
