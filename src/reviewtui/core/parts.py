"""A long stretch of a review cut into parts of about a given size, so that a reader can show a
huge section (or a single huge paragraph) a few parts at a time.

Cuts fall at blank lines where there are some, else after a sentence's end, else between two
words; text with no space at all is cut where it must be. Never inside fenced code or an
inline spoiler, and never before a character that would start a heading, list, quote or code
block where the text goes on mid-paragraph. Joined, the parts give back the text. Linear in
the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from reviewtui.core.lazy_re import lazy
from reviewtui.core.markup import fenced_spans
from reviewtui.core.model import Review, Section
from reviewtui.core.spoilers import spoiler_spans

PART_CHARACTERS = 20_000
"""The longest part, but where fenced code or a spoiler must not be cut."""

_GOES_ON = r"(?=[^\s#>*+\-=_|`<~\d])"
"""What text cut mid-paragraph may go on with: nothing Markdown reads as a block's start."""
_BLANK_LINE = lazy(r"\n[ \t]{0,16}\n")
_SENTENCE_END = lazy(r"[.!?…][\"'”’)\]]{0,3}[ \t]{1,4}" + _GOES_ON)
_SPACE = lazy(r"[ \t]" + _GOES_ON)
# Bounded repeats only: a run of spaces or quotes never makes a search go back over itself.


def cut_points(
    text: str, limit: int = PART_CHARACTERS, keep: Sequence[tuple[int, int]] = ()
) -> list[int]:
    """Where to cut `text` (offsets, ascending, none at 0 or at its end) so that every part is
    at most `limit` long, unless a stretch in `keep` (start, end), sorted, is longer."""
    limit = max(2, limit)
    merged = _merged(keep)
    starts = [start for start, _ in merged]

    def inside(offset: int) -> tuple[int, int] | None:
        at = bisect_right(starts, offset - 1) - 1
        if at >= 0 and merged[at][1] > offset:
            return merged[at]
        return None

    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        low, high = start + limit // 2, start + limit
        cut = None
        for pattern in (_BLANK_LINE(), _SENTENCE_END(), _SPACE()):
            cut = _last_match_end(pattern, text, low, high, lambda at: inside(at) is None)
            if cut is not None:
                break
        if cut is None:
            cut = high
            span = inside(cut)
            if span is not None:
                cut = span[0] if span[0] > start else span[1]
        if cut >= len(text):
            break
        cuts.append(cut)
        start = cut
    return cuts


def split_text(text: str, limit: int = PART_CHARACTERS) -> list[str]:
    """The text in parts (see `cut_points`), fenced code and inline spoilers kept whole."""
    keep = sorted(fenced_spans(text) + spoiler_spans(text))
    bounds = [0, *cut_points(text, limit, keep), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, those that overlap made one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _last_match_end(
    pattern: re.Pattern[str], text: str, low: int, high: int, allowed: Callable[[int], bool]
) -> int | None:
    """The end of the last match of `pattern` ending within (low, high], searched back from
    `high` in windows that grow fourfold: most cuts are found in the first few hundred
    characters, and the whole stretch is read at most about 1.3 times."""
    size = 512
    while True:
        begin = max(low, high - size)
        found = None
        for match in pattern.finditer(text, begin, high):
            if match.end() > low and allowed(match.end()):
                found = match.end()
        if found is not None or begin == low:
            return found
        size *= 4


class Part(NamedTuple):
    """What one block of a huge review's reader shows: a numbered section (`number` from 0)
    or the preamble (`section` None, `number` -1), whole (`text` None) or one part of it."""

    section: Section | None
    number: int
    text: str | None = None


def review_parts(
    review: Review,
    lines: list[str],
    preamble: str,
    *,
    hidden: Callable[[Section], bool],
    limit: int = PART_CHARACTERS,
) -> list[Part]:
    """The preamble (if any) and the numbered sections, each longer than `limit` cut into
    parts; a `hidden` section stays whole, as only its heading is shown."""
    parts: list[Part] = []
    if preamble:
        parts.extend(_parts(None, -1, preamble, limit))
    for number, section in enumerate(review.top_sections):
        if hidden(section):
            parts.append(Part(section, number))
            continue
        size = sum(len(line) + 1 for line in lines[section.start_line : section.end_line])
        if size <= limit:
            parts.append(Part(section, number))
            continue
        text = "\n".join(lines[section.start_line : section.end_line])
        parts.extend(_parts(section, number, text, limit))
    return parts


def _parts(section: Section | None, number: int, text: str, limit: int) -> list[Part]:
    if len(text) <= limit:
        return [Part(section, number)]
    return [Part(section, number, piece) for piece in split_text(text, limit)]
