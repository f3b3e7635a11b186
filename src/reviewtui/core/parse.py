"""Parse a review's text into a `Review`: front matter, title, sections, spoilers, comparables.

The outline comes from a line scanner rather than a full Markdown parse, so a 5 MB review is
outlined in milliseconds; it follows CommonMark for what matters here (ATX and setext
headings, fenced code blocks that hide `#` lines).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath
from typing import NamedTuple

from reviewtui.core.fields import SCHEMA, Fields, fold_key, read_fields, split_title
from reviewtui.core.frontmatter import (
    FrontMatter,
    FrontMatterError,
    find_front_matter,
    parse_front_matter,
)
from reviewtui.core.lazy_re import lazy
from reviewtui.core.markup import plain_markdown
from reviewtui.core.model import Problem, Review, Section
from reviewtui.core.quoted import (
    comparables_from_text as comparables_from_text,
)
from reviewtui.core.quoted import (
    is_comparables_section as is_comparables_section,
)
from reviewtui.core.quoted import (
    most_quoted_title as most_quoted_title,
)
from reviewtui.core.quoted import (
    quoted_texts as quoted_texts,
)
from reviewtui.core.quoted import (
    quoted_titles as quoted_titles,
)
from reviewtui.core.spoilers import has_inline_spoilers, warns_of_spoilers
from reviewtui.core.spoilers import is_spoiler as is_spoiler
from reviewtui.core.text import clean_front_matter, clean_line, clean_text, normalise_newlines

# The closing hashes are cut after the match (`_without_closing`): a lazy text group before an
# optional closing sequence costs a backtracking pass per character of every heading.
_ATX = lazy(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_FENCE = lazy(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = lazy(r"^ {0,3}(=+|-+)[ \t]*$")
_MAY_START_A_MARK = frozenset("`~#=-")
"""What a fence, an ATX heading or a setext underline starts with (after up to 3 spaces)."""
# The classes exclude the opening quote too, so a run of unmatched quotes is scanned once.
_INLINE_LINK = lazy(r"!?\[([^\[\]]*)\]\([^()\[\]]*\)")
# A heading longer than this is cut: a title is a line, and a 5 MB "heading" must stay cheap.
MAX_HEADING_CHARS = 300
_MARKUP_CHARS = lazy(r"[\[*_`\\]")
_BUNDLE_FILES = frozenset(("index", "_index", "readme"))
_SLUG_YEAR = lazy(r"^(.*?)[\s_-]+\(?((?:1[89]|2[01])\d\d)\)?$")
_TABLE_ROW = lazy(r"^ {0,3}\|")
_DELIMITER_ROW = lazy(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_TABLE_SEARCH_LINES = 60


class Heading(NamedTuple):
    line: int
    level: int
    title: str


def heading_text(raw: str) -> str:
    """A heading as plain words: inline links, emphasis and code marks removed."""
    raw = raw[: MAX_HEADING_CHARS * 4]
    if not _MARKUP_CHARS().search(raw):
        return clean_line(raw)[:MAX_HEADING_CHARS]
    text = _INLINE_LINK().sub(r"\1", raw)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](.+?)[*_](?!\w)", r"\1", text)
    return clean_line(text.replace("\\", ""))[:MAX_HEADING_CHARS]


def scan_headings(body: str) -> list[Heading]:
    """Every heading outside fenced code, with its 0-based line and level."""
    headings: list[Heading] = []
    lines = body.split("\n")
    fence: str | None = None
    previous_blank = True
    for number, line in enumerate(lines):
        if line[:4].lstrip(" ")[:1] not in _MAY_START_A_MARK:
            # Most lines: no fence, heading or underline can start here (one check, not three
            # regular expressions).
            previous_blank = fence is None and not line.strip()
            continue
        match = _FENCE().match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            previous_blank = False
            continue
        if match:
            fence = match.group(1)
            previous_blank = False
            continue
        atx = _ATX().match(line[: MAX_HEADING_CHARS * 4]) if "#" in line[:4] else None
        if atx:
            heading = _atx_heading(atx, number)
            if heading:
                headings.append(heading)
            previous_blank = True
            continue
        setext = _SETEXT().match(line)
        if setext and number > 0 and not previous_blank and _setext_candidate(lines, number):
            title = heading_text(lines[number - 1])
            if title:
                headings.append(Heading(number - 1, 1 if setext.group(1)[0] == "=" else 2, title))
            previous_blank = True
            continue
        previous_blank = not line.strip()
    return headings


def _atx_heading(atx: re.Match[str], number: int) -> Heading | None:
    title = heading_text(_without_closing(atx.group(2) or ""))
    return Heading(number, len(atx.group(1)), title) if title else None


def _without_closing(text: str) -> str:
    """An ATX heading's text without its closing hashes (a run after a blank) and blanks."""
    text = text.rstrip(" \t")
    if text.endswith("#"):
        before = text.rstrip("#")
        if before.endswith((" ", "\t")):
            return before.rstrip(" \t")
    return text


def atx_heading(line: str, number: int) -> Heading | None:
    """The heading a `#` line at `number` makes, as `scan_headings` reads it (None: none)."""
    atx = _ATX().match(line[: MAX_HEADING_CHARS * 4])
    return _atx_heading(atx, number) if atx else None


def _setext_candidate(lines: list[str], number: int) -> bool:
    """A one-line paragraph right above the underline (longer paragraphs are left alone)."""
    text = lines[number - 1]
    if not text.strip() or text.startswith(("    ", "\t", ">", "- ", "* ", "+ ")):
        return False
    return number == 1 or not lines[number - 2].strip()


def build_sections(
    headings: list[Heading],
    total_lines: int,
    spoilers: list[str] | None,
    lines: list[str] | None = None,
) -> list[Section]:
    """Sections are the `##` headings; deeper headings nest in them and share their spoiler flag.

    Given the body's `lines` (and no `spoilers` list), a section whose first line warns of
    spoilers is a spoiler section too."""
    # Where each heading's text ends: at the next heading of its level or above. One pass from
    # the end, so that a review of thousands of headings is not quadratic.
    ends = [total_lines] * len(headings)
    open_at_level: list[int] = []
    for index in range(len(headings) - 1, -1, -1):
        level = headings[index].level
        while open_at_level and headings[open_at_level[-1]].level > level:
            open_at_level.pop()
        if open_at_level:
            ends[index] = headings[open_at_level[-1]].line
        open_at_level.append(index)
    sections: list[Section] = []
    spoiler = False
    for index, heading in enumerate(headings):
        if heading.level == 1:
            spoiler = False
            continue
        if heading.level == 2:
            spoiler = is_spoiler(heading.title, spoilers)
            if not spoiler and spoilers is None and lines is not None:
                spoiler = warns_of_spoilers(lines, heading.line + 1)
        sections.append(Section(heading.title, heading.level, spoiler, heading.line, ends[index]))
    return sections


def title_from_file_name(path: Path) -> str:
    """`the_killing.md` -> "the killing"; a page bundle's `the-batman-2022/index.md` -> "the
    batman"; a name of nothing printable -> "Untitled"."""
    return name_and_year(path)[0]


def name_and_year(path: PurePath) -> tuple[str, int | None]:
    """The title a file's name gives, and the year a page bundle's folder ends with."""
    stem = path.stem
    year: int | None = None
    if stem.casefold() in _BUNDLE_FILES and path.parent.name:
        stem = path.parent.name
        found = _SLUG_YEAR().match(stem)
        if found and found.group(1).strip(" _-"):
            stem, year = found.group(1), int(found.group(2))
    return clean_line(stem.replace("_", " ").replace("-", " ")) or "Untitled", year


def parse_review(
    text: str,
    path: Path,
    *,
    encoding: str = "utf-8",
    note: str | None = None,
    rating_scale: str = "auto",
) -> Review:
    """Parse cleaned or raw text; raise FrontMatterError when the front matter is unreadable."""
    raw, body, body_start = find_front_matter(normalise_newlines(text))
    matter = (
        parse_front_matter(clean_front_matter(raw.source), raw.syntax, rating_scale=rating_scale)
        if raw is not None
        else None
    )
    body = clean_text(body)
    body = plain_markdown(body, matter.params() if matter and "{{" in body else {})
    problems = [Problem(path, note, fatal=False)] if note else []
    if matter is not None:
        problems += [Problem(path, reason, line, fatal=False) for reason, line in matter.problems]
    return assemble_review(
        body,
        scan_headings(body),
        path,
        matter=matter,
        body_start=body_start,
        problems=problems,
        encoding=encoding,
        rating_scale=rating_scale,
    )


def assemble_review(
    body: str,
    headings: list[Heading],
    path: Path,
    *,
    matter: FrontMatter | None = None,
    body_start: int = 0,
    problems: list[Problem] | None = None,
    encoding: str = "utf-8",
    rating_scale: str = "auto",
) -> Review:
    """The review of a clean body whose headings are known, with its front matter if any."""
    problems = list(problems or [])
    lines = body.split("\n")
    fields: Fields = matter if matter is not None else Fields()
    title = fields.title or next((h.title for h in headings if h.level == 1), None)
    year = fields.year
    if title:
        title, year_in_title = split_title(title)
        year = year if year is not None else year_in_title
    else:
        title, year_in_name = name_and_year(path)
        year = year if year is not None else year_in_name
    table = table_fields(lines, headings, rating_scale)
    spoilers = fields.spoilers
    sections = build_sections(headings, len(lines), spoilers, lines)
    for name in spoilers or []:
        if not any(is_spoiler(s.title, [name]) for s in sections if s.level == 2):
            problems.append(
                Problem(path, f"spoiler section '{name}' is not in the review", None, False)
            )

    if fields.comparables is not None:
        comparables = fields.comparables
    else:
        comparables = []
        for section in sections:
            if section.level == 2 and is_comparables_section(section.title):
                section_body = "\n".join(lines[section.start_line + 1 : section.end_line])
                comparables += comparables_from_text(section_body, title)
        comparables = list(dict.fromkeys(comparables))

    return Review(
        path=path,
        title=title,
        body=body,
        body_start_line=body_start,
        year=year if year is not None else table.year,
        kind=fields.kind or table.kind,
        platform=fields.platform or table.platform,
        genres=fields.genres or table.genres or [],
        rating=fields.rating if fields.rating is not None else table.rating,
        directors=fields.directors or table.directors or [],
        tags=fields.tags or [],
        url=fields.url,
        other_fields=dict(fields.extra),
        comparables=comparables,
        sections=sections,
        problems=problems,
        encoding=encoding,
        inline_spoilers=has_inline_spoilers(body),
    )


def table_fields(lines: list[str], headings: list[Heading], rating_scale: str) -> Fields:
    """The fields a key/value table near the top of the review gives ("Release Date | 2022",
    or a row of keys over a row of values); empty when there is none."""
    first_section = next((h.line for h in headings if h.level == 2), len(lines))
    limit = min(first_section, _TABLE_SEARCH_LINES, len(lines))
    start = next((n for n in range(limit) if _TABLE_ROW().match(lines[n])), None)
    if start is None:
        return Fields()
    rows: list[list[str]] = []
    for line in lines[start : start + 40]:
        if not _TABLE_ROW().match(line):
            break
        if not _DELIMITER_ROW().match(line):
            rows.append(_cells(line))
    pairs: dict[str, str] = {}
    if rows and all(len(row) == 2 for row in rows):
        pairs = {key: value for key, value in rows if key and value}
    elif len(rows) == 2 and len(rows[0]) == len(rows[1]):
        pairs = {key: value for key, value in zip(rows[0], rows[1], strict=True) if key}
    keys = {fold_key(key): key for key in pairs}
    if not pairs or not any(key in _TABLE_KEYS for key in keys):
        return Fields()
    return read_fields({keys[k]: pairs[keys[k]] for k in keys}, rating_scale)


_TABLE_KEYS = frozenset(
    alias.key
    for name in ("year", "kind", "platform", "genres", "rating", "directors")
    for alias in SCHEMA[name]
)


def _cells(line: str) -> list[str]:
    text = line.strip()
    text = text.removeprefix("|").removesuffix("|")
    return [
        heading_text(cell.rstrip(":")).rstrip(":").strip() for cell in re.split(r"(?<!\\)\|", text)
    ]


__all__ = ["FrontMatterError", "Heading", "assemble_review", "parse_review", "scan_headings"]
