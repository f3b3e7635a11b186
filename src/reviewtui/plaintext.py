"""Plain-text reviews: find the headings and turn the text into the review Markdown format.

Headings in plain text are short lines standing on their own, without final punctuation,
often "Topic: subtitle".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reviewtui.parse import (
    comparables_from_text,
    is_comparables_section,
    is_spoiler,
    most_quoted_title,
)
from reviewtui.text import clean_line, clean_text

_MAX_HEADING_CHARS = 120
_MAX_HEADING_WORDS = 20
_LIST_ITEM = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")
_MARKDOWN_SPECIAL_START = re.compile(r"^(\s{0,3})([#>+\-*=]|\d+[.)])")
# Metadata is guessed from the start of the text: a review says what it is early, and a
# multi-megabyte file must not cost a regex pass per genre and platform over all of it.
_GUESS_CHARS = 200_000
# Literal first (a word-boundary check first would be tried at every position); the
# boundaries are checked on the few matches.
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
PLATFORMS = (
    "Prime Video", "Netflix", "HBO Max", "HBO", "Max", "Disney+", "Apple TV+", "Hulu",
    "Peacock", "Paramount+", "BBC iPlayer", "BBC", "Channel 4", "ITV", "Mubi", "Criterion Channel",
    "Showtime", "Starz", "AMC+", "FX", "Crunchyroll", "JioHotstar", "Hotstar", "Zee5", "SonyLIV",
)  # fmt: skip


_KIND_WORDS = ("series", "season", "episode", "episodes", "show", "film", "movie", "films")
GENRES = (
    "crime", "thriller", "drama", "mystery", "comedy", "horror", "noir", "romance", "fantasy",
    "documentary", "animation", "action", "western", "war", "musical", "science fiction",
)  # fmt: skip


@dataclass
class PlainReview:
    title: str | None
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    """(heading, paragraphs) in order; a heading of "" holds text before the first heading."""
    year: int | None = None
    kind: str | None = None
    platform: str | None = None
    genres: list[str] = field(default_factory=list)
    comparables: list[str] = field(default_factory=list)
    spoilers: list[str] = field(default_factory=list)


def looks_like_heading(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > _MAX_HEADING_CHARS or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    if _LIST_ITEM.match(text) or not (
        text[0].isupper() or text[0].isdigit() or text[0] in "“\"'‘("
    ):
        return False
    last = text.rstrip("”\"’')]")[-1:] or text[-1]
    return last not in ".,;:!" and not text.endswith(("...", "…"))


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks separated by blank lines, inner line breaks kept."""
    return [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


def read_plain_text(raw: str) -> PlainReview:
    text = clean_text(raw)
    blocks = split_blocks(text)
    start = text[:_GUESS_CHARS]
    review = PlainReview(title=most_quoted_title(start))
    heading, paragraphs = "", list[str]()
    for block in blocks:
        single_line = "\n" not in block
        if single_line and looks_like_heading(block):
            if heading or paragraphs:
                review.sections.append((heading, paragraphs))
            heading, paragraphs = clean_line(block), []
        else:
            paragraphs.append(block)
    if heading or paragraphs:
        review.sections.append((heading, paragraphs))
    _promote_title_line(review)
    review.year, review.kind, review.platform = (
        guess_year(start),
        guess_kind(start),
        guess_platform(start),
    )
    review.genres = guess_genres(start)
    title = review.title or ""
    for heading, paragraphs in review.sections:
        if is_comparables_section(heading):
            review.comparables += comparables_from_text("\n\n".join(paragraphs), title)
        if heading and is_spoiler(heading, None):
            review.spoilers.append(heading)
    review.comparables = list(dict.fromkeys(review.comparables))
    return review


def _promote_title_line(review: PlainReview) -> None:
    """A first heading with no text of its own under it, followed by another heading, is the title."""
    if len(review.sections) >= 2:
        first_heading, first_paragraphs = review.sections[0]
        if first_heading and not first_paragraphs and review.sections[1][0]:
            review.sections.pop(0)
            review.title = review.title or first_heading


def guess_year(text: str) -> int | None:
    counts = Counter(
        int(match.group())
        for match in _YEAR.finditer(text)
        if not (match.start() and _is_word_char(text[match.start() - 1]))
        and not (match.end() < len(text) and _is_word_char(text[match.end()]))
    )
    if not counts:
        return None
    year, count = counts.most_common(1)[0]
    return year if count >= 2 else None


def count_whole(text: str, phrase: str) -> int:
    """How often phrase (which starts with a letter) stands in text not inside a longer word.

    str.find does the scanning: a regular expression per phrase with word-boundary checks
    costs a pass of milliseconds each over a review.
    """
    count, end = 0, len(text)
    start = text.find(phrase)
    while start >= 0:
        after = start + len(phrase)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            after == end or not _is_word_char(text[after])
        ):
            count += 1
        start = text.find(phrase, start + 1)
    return count


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def guess_genres(text: str, most: int = 3) -> list[str]:
    """The genre words the text uses at least three times, most used first."""
    lowered = text.lower()
    # str.count (any occurrence, even inside a word) is an upper bound found in one call.
    counts = {g: count_whole(lowered, g) if lowered.count(g) >= 3 else 0 for g in GENRES}
    ranked = sorted((g for g in GENRES if counts[g] >= 3), key=lambda g: -counts[g])
    return ranked[:most]


def guess_kind(text: str) -> str | None:
    lowered = text.lower()
    words = {word: count_whole(lowered, word) for word in _KIND_WORDS}
    series = (
        words["series"] + words["season"] + words["episode"] + words["episodes"] + words["show"]
    )
    film = words["film"] + words["movie"] + words["films"]
    if series > film * 2 and series >= 2:
        return "series"
    if film > series * 2 and film >= 2:
        return "film"
    return None


def guess_platform(text: str) -> str | None:
    counts: Counter[str] = Counter()
    for platform in PLATFORMS:
        found = count_whole(text, platform)
        # "HBO" inside "HBO Max" is already counted as HBO Max.
        if found and not any(p != platform and platform in p and counts[p] for p in PLATFORMS):
            counts[platform] = found
    if not counts:
        return None
    platform, count = counts.most_common(1)[0]
    return platform if count >= 2 else None


def escape_paragraph(paragraph: str) -> str:
    """Keep plain text from being read as Markdown structure; real lists stay lists."""
    lines = []
    for line in paragraph.split("\n"):
        if line.lstrip().startswith("•"):
            line = line.replace("•", "-", 1)
        elif not _LIST_ITEM.match(line):
            line = _MARKDOWN_SPECIAL_START.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def to_markdown_body(review: PlainReview, title: str) -> str:
    parts = [f"# {title}"]
    for heading, paragraphs in review.sections:
        if heading:
            parts.append(f"## {heading}")
        parts.extend(escape_paragraph(p) for p in paragraphs)
    return "\n\n".join(parts) + "\n"
