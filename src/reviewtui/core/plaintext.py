"""Plain-text reviews: find the headings and turn the text into the review Markdown format.

Headings in plain text are short lines standing on their own, without final punctuation,
often "Topic: subtitle".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewtui.core.guesses import GENRES as GENRES
from reviewtui.core.guesses import PLATFORMS as PLATFORMS
from reviewtui.core.guesses import (
    Words,
    guess_genres,
    guess_kind,
    guess_platform,
    guess_year,
)
from reviewtui.core.parse import (
    comparables_from_text,
    is_comparables_section,
    is_spoiler,
    most_quoted_title,
    quoted_texts,
)
from reviewtui.core.pasted import (
    Labelled,
    is_colon_heading,
    is_page_furniture,
    is_value,
    label_of,
    one_line_pair,
)
from reviewtui.core.text import clean_line, clean_text

_MAX_HEADING_CHARS = 120
_MAX_HEADING_WORDS = 20
_LIST_ITEM = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")
_MARKDOWN_SPECIAL_START = re.compile(r"^(\s{0,3})([#>+\-*=]|\d+[.)]|`{3}|~{3})")
_MAY_BE_MARKDOWN = re.compile(r"\s*[#>+\-*=`~•\d]")
"""What a line that `escape_paragraph` may change starts with."""
_LONE_MARKERS = ("-", "+", "*")
"""A list marker alone on its line: "-" would underline the line above as a heading."""
# Metadata is guessed from the start of the text: a review says what it is early, and a
# multi-megabyte file must not cost a regex pass per genre and platform over all of it.
_GUESS_CHARS = 200_000


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
    rating: float | None = None
    labelled: Labelled = field(default_factory=Labelled)
    """What the text's label/value lines ("Year" / "2003", "Directed by …") said."""


def looks_like_heading(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > _MAX_HEADING_CHARS or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    if _LIST_ITEM.match(text) or not (
        text[0].isupper() or text[0].isdigit() or text[0] in "“\"'‘("
    ):
        return False
    if is_colon_heading(text):
        return True
    if _INNER_SENTENCE_END.search(text) or (
        text.endswith("?") and len(text.split()) > 8 and not _title_case(text)
    ):
        return False  # a paragraph of questions, not "Should You Watch It?"
    last = text.rstrip("”\"’')]")[-1:] or text[-1]
    return last not in ".,;:!" and not text.endswith(("...", "…")) and _has_a_word(text)


_INNER_SENTENCE_END = re.compile(r"(?:[a-z]{3}\.|[a-z][?!])\s+[A-Z]")
"""A sentence ending inside the line: "Ms. Cobel" or "Dr. No" is not one."""


def _title_case(text: str) -> bool:
    return all(w[:1].isupper() or len(w) <= 3 for w in text.split())


def _has_a_word(text: str) -> bool:
    """Two letters in a row somewhere: "79%", "7.0/10" and "—" are not headings."""
    return re.search(r"[^\W\d_]{2}", text) is not None


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks separated by blank lines, inner line breaks kept."""
    return [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


_WRAP_WIDTH = 100
_CLOSES = (".", "!", "?", ":", "…", '"', "”", "’", "'", ")")
_KEEP_TOGETHER = re.compile(r"^(\s{4}|\t|\s{0,3}(`{3}|~{3}|[>|]))")


def _pieces(blocks: list[str]) -> list[str]:
    """The blocks, with a block of one paragraph or heading a line (text pasted from a web
    page keeps single line breaks) cut into its lines; hard-wrapped prose stays whole."""
    pieces: list[str] = []
    for block in blocks:
        if "\n" in block and _a_paragraph_a_line(block.split("\n")):
            pieces += [line.strip() for line in block.split("\n") if line.strip()]
        else:
            pieces.append(block)
    return pieces


def _a_paragraph_a_line(lines: list[str]) -> bool:
    if any(_LIST_ITEM.match(line) or _KEEP_TOGETHER.match(line) for line in lines):
        return False
    width = max(len(line.rstrip()) for line in lines)
    if width <= _WRAP_WIDTH and all(
        len(line.rstrip()) >= max(40, width - 20) for line in lines[:-1]
    ):
        return False  # hard-wrapped: every line but the last about as long as the longest
    closed = 0
    for line, following in zip(lines, lines[1:], strict=False):
        text, after = line.strip(), following.strip()
        starts_anew = bool(after) and (
            after[0].isupper() or after[0].isdigit() or after[0] in '“"('
        )
        if (
            text.endswith(_CLOSES)
            and starts_anew
            or starts_anew
            and len(text) <= 60
            and (
                looks_like_heading(text)
                or is_page_furniture(text)
                or label_of(text)
                or one_line_pair(text)
            )
        ):
            closed += 1
    return closed >= 0.75 * (len(lines) - 1)


_HEADING, _PROSE, _META = "heading", "prose", "meta"


def _items(pieces: list[str], labelled: Labelled) -> list[tuple[str, str]]:
    """Each piece as (what it is, its text): a heading, prose, or meta (label/value pairs and
    page furniture, which are text but give a heading no text of its own)."""
    items: list[tuple[str, str]] = []
    at, count = 0, len(pieces)
    while at < count:
        piece = pieces[at]
        at += 1
        if "\n" in piece or len(piece) > _MAX_HEADING_CHARS:
            items.append((_PROSE, piece))
            continue
        name = label_of(piece)
        if name and at < count and is_value(pieces[at]) and labelled.add(name, pieces[at]):
            items.append((_META, f"{piece.strip().rstrip(':：')}: {pieces[at].strip()}"))
            at += 1
            continue
        pair = one_line_pair(piece)
        if pair and labelled.add(*pair) or is_page_furniture(piece) or piece in PLATFORMS:
            items.append((_META, piece))
        elif looks_like_heading(piece):
            items.append((_HEADING, clean_line(piece)))
        else:
            items.append((_PROSE, piece))
    return items


def read_plain_text(raw: str, *, links: bool = True) -> PlainReview:
    """The review a plain text makes; links=False leaves out its comparables and spoiler
    headings, which the library finds again in the Markdown made of it."""
    text = clean_text(raw)
    start = text[:_GUESS_CHARS]
    labelled = Labelled()
    items = _items(_pieces(split_blocks(text)), labelled)
    review = PlainReview(title=labelled.title or most_quoted_title(start), labelled=labelled)
    title_line = _take_title_line(items)
    if title_line is not None:
        review.title = review.title or title_in_line(title_line, labelled) or title_line
    elif review.title is None:
        first = next((t for kind, t in items if kind == _HEADING), None)
        review.title = title_in_line(first, labelled) if first else None
    heading, paragraphs = "", list[str]()
    for kind, item in _without_empty_headings(items):
        if kind == _HEADING:
            if heading or paragraphs:
                review.sections.append((heading, paragraphs))
            heading, paragraphs = item, []
        else:
            paragraphs.append(item)
    if heading or paragraphs:
        review.sections.append((heading, paragraphs))
    words = Words(start)
    review.year = labelled.year or guess_year(words)
    review.kind = labelled.kind or guess_kind(words)
    review.platform = labelled.platform or guess_platform(words)
    review.genres = labelled.genres or guess_genres(words)
    review.rating = labelled.rating
    if links:
        _find_links(review)
    return review


def _take_title_line(items: list[tuple[str, str]]) -> str | None:
    """Headings at the top with no prose of their own, before a heading that has some: the
    one that names the review is the title line; the others (a site's name) become text."""
    leading: list[int] = []
    for number, (kind, _text) in enumerate(items):
        if kind == _PROSE:
            break
        if kind == _HEADING:
            leading.append(number)
    else:
        return None
    first_prose = number
    # The last heading right above the first prose heads it; the ones before have no text.
    candidates = leading[:-1] if leading and leading[-1] == first_prose - 1 else leading
    if not candidates:
        return None
    chosen = next((n for n in candidates if title_in_line(items[n][1], None)), candidates[0])
    title = items.pop(chosen)[1]
    for number in candidates:
        if number != chosen:
            at = number if number < chosen else number - 1
            items[at] = (_META, items[at][1])
    return title


_REVIEW_OF = re.compile(
    r"^(?:(?:movie|film|tv|series|show|season|documentary)\s+)?review\s*[:\-–—|]\s*(.+)$",
    re.IGNORECASE,
)
_REVIEWED = re.compile(
    r"^(.+?)\s+(?:(?:movie|film|tv|series|show|documentary)\s+)?review\b.*$", re.IGNORECASE
)
_STARTS_WITH_DATED_TITLE = re.compile(r"^(.+?)\s*\((\d{4})\)\s*[-–—:|]\s*\S")
_ENDS_IN_YEAR = re.compile(r"^(.*?)\s*\((\d{4})\)$")


def title_in_line(line: str, labelled: Labelled | None) -> str | None:
    """The title a title line names: "Movie Review: X (1957)", "X (2010) Review", or the one
    quoted title of "Introduction: “X” Review"; its year fills in the year."""
    found = _REVIEW_OF.match(line)
    title = found.group(1) if found else None
    reviewed = _REVIEWED.match(line)
    quoted = _quoted_in(line)
    if not title and reviewed and (not quoted or line.find(quoted) > reviewed.end(1)):
        title = reviewed.group(1)  # "X Review – “An Episode”": the quote is not the title
    title = title or quoted or (line if _ENDS_IN_YEAR.match(line) else None)
    if not title and (dated := _STARTS_WITH_DATED_TITLE.match(line)):
        title = dated.group(1) + f" ({dated.group(2)})"  # "Past Lives (2023) — A Quiet Film"
    title = (title or "").strip(" :-–—|")
    if not title:
        return None
    in_year = _ENDS_IN_YEAR.match(title)
    if in_year and in_year.group(1):
        title = in_year.group(1)
        if labelled is not None and labelled.year is None:
            labelled.year = int(in_year.group(2))
    return clean_line(title) or None


def _quoted_in(line: str) -> str | None:
    """The one quoted title in a line."""
    quoted = list(dict.fromkeys(clean_line(q).rstrip(",.;:!?") for q in quoted_texts(line)))
    return quoted[0] if len(quoted) == 1 and quoted[0] else None


def _without_empty_headings(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headings with no prose before the next heading (or the end) become text: "Audience
    Score" over a "79%", "Related Posts" over links, are not sections."""
    result = list(items)
    following_prose = False
    for number in range(len(result) - 1, -1, -1):
        kind, text = result[number]
        if kind == _PROSE:
            following_prose = True
        elif kind == _HEADING:
            if not following_prose:
                result[number] = (_META, text)
            following_prose = False
    return result


def _find_links(review: PlainReview) -> None:
    """The comparables and the spoiler headings of a review."""
    title = review.title or ""
    for heading, paragraphs in review.sections:
        if is_comparables_section(heading):
            review.comparables += comparables_from_text("\n\n".join(paragraphs), title)
        if heading and is_spoiler(heading, None):
            review.spoilers.append(heading)
    review.comparables = list(dict.fromkeys(review.comparables))


def escape_paragraph(paragraph: str) -> str:
    """Keep plain text from being read as Markdown structure; real lists stay lists.

    No line of the result starts a heading, a heading's underline or a code fence, so the
    headings of the Markdown are the plain text's headings and nothing else.
    """
    if "\n" not in paragraph and not _MAY_BE_MARKDOWN.match(paragraph):
        return paragraph  # most paragraphs: one line that starts with a word
    lines = []
    for line in paragraph.split("\n"):
        if line.lstrip().startswith("•"):
            line = line.replace("•", "-", 1)
        if _LIST_ITEM.match(line) and line.strip() not in _LONE_MARKERS:
            lines.append(line)
        else:
            lines.append(_MARKDOWN_SPECIAL_START.sub(r"\1\\\2", line))
    return "\n".join(lines)


def to_markdown_body(review: PlainReview, title: str) -> str:
    return markdown_body(review, title)[0]


def markdown_body(review: PlainReview, title: str) -> tuple[str, list[tuple[int, str]]]:
    """The review as Markdown, and the (line number, line) of each of its heading lines."""
    parts = [heading_line("#", title)]
    headings = [(0, parts[0])]
    line = parts[0].count("\n") + 2  # parts are joined by a blank line
    for heading, paragraphs in review.sections:
        if heading:
            parts.append(heading_line("##", heading))
            headings.append((line, parts[-1]))
            line += parts[-1].count("\n") + 2
        for paragraph in paragraphs:
            parts.append(escape_paragraph(paragraph))
            line += parts[-1].count("\n") + 2
    return "\n\n".join(parts) + "\n", headings


def heading_line(marks: str, text: str) -> str:
    """A Markdown heading of text, its final hashes kept as text ("Part 2 #" is not "Part 2")."""
    hashes = len(text) - len(text.rstrip("#"))
    if hashes and text[:-hashes].endswith((" ", "\t")):
        text = f"{text[:-hashes]}\\{text[-hashes:]}"
    return f"{marks} {text}"
