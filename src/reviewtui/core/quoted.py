"""Titles a review names in quotes: its comparables, and the title a plain-text review
names most."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from reviewtui.core.lazy_re import lazy
from reviewtui.core.text import clean_line

_QUOTED = lazy(r"“([^“”\n]{1,120})”|\"([^\"\n]{1,120})\"")
_EMPHASIS = lazy(r"(?<![*\w])[*_]([^*_\n]{1,120})[*_](?![*\w])")
_POSSESSIVE = lazy(r"['’]s$")
_TRAILING_PUNCT = ",.;:!?"


def is_comparables_section(title: str) -> bool:
    return title.casefold().startswith("comparable")


def quoted_titles(text: str) -> list[str]:
    """Titles in curly or straight double quotes, with trailing punctuation inside removed."""
    found: list[str] = []
    for quoted in quoted_texts(text):
        title = _quoted_title(quoted)
        if title:
            found.append(title)
    return found


def quoted_texts(text: str) -> Iterator[str]:
    """The text inside each pair of quotes, as `_QUOTED().finditer` finds them.

    `str.find` jumps from one opening quote to the next, where the regular expression's scan
    would test every character of the text in between: most of the time spent finding a
    plain-text review's quoted title went there.
    """
    curly, straight = text.find("“"), text.find('"')
    while curly >= 0 or straight >= 0:
        at = curly if straight < 0 or 0 <= curly < straight else straight
        match = _QUOTED().match(text, at)
        if match:
            yield match.group(1) or match.group(2)
            resume = match.end()
        else:
            resume = at + 1
        if 0 <= curly < resume:
            curly = text.find("“", resume)
        if 0 <= straight < resume:
            straight = text.find('"', resume)


def _quoted_title(quoted: str) -> str:
    return clean_line(quoted).rstrip(_TRAILING_PUNCT).strip()


def comparables_from_text(text: str, own_title: str) -> list[str]:
    """Quoted titles in a Comparables section, without the review's own title (or possessive)."""
    candidates = quoted_titles(text)
    if not candidates:
        candidates = [clean_line(m.group(1)) for m in _EMPHASIS().finditer(text)]
    own = own_title.casefold()
    result: list[str] = []
    seen: set[str] = set()
    for title in candidates:
        folded = title.casefold()
        if folded == own or _POSSESSIVE().sub("", folded) == own or folded in seen:
            continue
        seen.add(folded)
        result.append(title)
    return result


def most_quoted_title(text: str) -> str | None:
    """The quoted title the text names most (possessives counted as the title itself)."""
    # Each quoted text is cleaned once however often it is quoted.
    quoted = Counter(quoted_texts(text))
    counts: Counter[str] = Counter()
    for raw, times in quoted.items():
        title = _quoted_title(raw)
        if title:
            counts[_POSSESSIVE().sub("", title)] += times
    if not counts:
        return None
    (title, count), *rest = counts.most_common(2) + [("", 0)]
    runner_up = rest[0][1]
    return title if count >= 2 and count > runner_up else None
