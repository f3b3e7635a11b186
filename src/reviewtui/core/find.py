"""Find in the open review: where the words asked for are in each of its items as shown (the
preamble, then each top section), compared as the index compares words (case and accents
ignored). Text the reader cannot see (a hidden spoiler section's text, a link's address) is
never searched."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from reviewtui.core.folding import fold, fold_text, is_word_char, term_pattern
from reviewtui.core.lazy_re import lazy

MAX_MATCHES = 9_999
"""Past this many matches the count says "9999+" and finding stops."""

_LINK_TARGET = lazy(r"\]\([^)\n]*\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|</?[a-z][^>\n]*>", re.I)
"""A link's or an image's address, an autolink, an HTML tag: not shown as text."""


class FindQuery(NamedTuple):
    """What to find, as a pattern over folded text."""

    pattern: re.Pattern[str]
    words: bool
    """Whether a match must begin a word (the words of a library search do)."""
    shown: str
    """The query as the reader gave it, for the find bar."""

    def spans(self, text: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
        """(start, end) of each match in `text`, at most `limit` of them."""
        folded = fold_text(text)
        found: list[tuple[int, int]] = []
        for match in self.pattern.finditer(folded):
            start, end = match.span()
            if end == start or self.words and start and is_word_char(folded[start - 1]):
                continue
            found.append((start, end))
            if len(found) >= limit:
                break
        return found


def typed_query(typed: str) -> FindQuery | None:
    """The words typed in the find bar, found anywhere (inside words too), any run of spaces
    matching any other (a line break in the text, say)."""
    words = fold_text(typed).split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    return FindQuery(pattern, words=False, shown=" ".join(typed.split()))


def search_words_query(terms: Sequence[str]) -> FindQuery | None:
    """A library search's words (folded, as `query_terms` gives them), each found at the start
    of a word and, from three letters, as the start of longer words: as the index found them."""
    folded = sorted({fold(term) for term in terms if term.strip()}, key=len, reverse=True)
    if not folded:
        return None
    pattern = re.compile("|".join(term_pattern(term).pattern for term in folded))
    return FindQuery(pattern, words=True, shown=" ".join(folded))


class Match(NamedTuple):
    item: int
    """The item it is in (the preamble, if any, comes first)."""
    nth: int
    """Its place among that item's matches, from 0."""


def visible_text(markdown: str) -> str:
    """The Markdown with the addresses of its links and its HTML tags blanked out (the same
    length, so that offsets still hold)."""
    return _LINK_TARGET().sub(lambda m: m.group()[0] + " " * (len(m.group()) - 1), markdown)


def find_matches(items: Sequence[str], query: FindQuery) -> list[Match]:
    """Every match in the items, in reading order, at most MAX_MATCHES."""
    matches: list[Match] = []
    for item, text in enumerate(items):
        room = MAX_MATCHES - len(matches)
        if room <= 0:
            break
        spans = query.spans(visible_text(text), room)
        matches.extend(Match(item, nth) for nth in range(len(spans)))
    return matches


def counter(matches: Sequence[Match], current: int | None) -> str:
    """ "3/17", "0/17" before the first step, "no match"."""
    if not matches:
        return "no match"
    total = f"{len(matches)}+" if len(matches) >= MAX_MATCHES else str(len(matches))
    return f"{0 if current is None else current + 1}/{total}"


def first_at_or_after(matches: Sequence[Match], item: int) -> int | None:
    """The first match in `item` or after it, else the first of all."""
    for number, match in enumerate(matches):
        if match.item >= item:
            return number
    return 0 if matches else None
