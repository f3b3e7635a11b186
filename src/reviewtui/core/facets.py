"""The library filter's language: facets such as `genre:crime year:>2010 is:unread` next to
the words of a title.

`parse_filter` splits what was typed into facet terms and title text; a term it cannot use
is left out of the filter and explained (`FilterQuery.problems`), so a half-typed term never
empties the list. `FilterQuery.matches` says whether a listed review passes every term.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

from reviewtui.core.lazy_re import lazy
from reviewtui.core.model import Listed


class ReadState(Enum):
    """How far a review has been read, from the reader's saved place."""

    UNREAD = "unread"
    READING = "reading"
    FINISHED = "read"


class Reading(NamedTuple):
    """What the filter may know of a review beyond its metadata."""

    bookmarked: bool = False
    state: ReadState = ReadState.UNREAD
    percent: int = 0
    """How far in, while being read."""


NOTHING_KNOWN = Reading()
"""An unbookmarked, unread review's `Reading`."""


TEXT_FACETS = ("genre", "tag", "platform", "kind")
NUMBER_FACETS = ("year", "rating")
FACETS = ("genre", "year", "rating", "platform", "kind", "tag", "is")
IS_VALUES = ("bookmarked", "unread", "reading", "read")

_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
}
_TOKEN = lazy(r'(-?)([A-Za-z]+):("([^"]*)"?|\S*)|"([^"]*)"?|(\S+)')
_NUMBER = lazy(r"^\d+(\.\d+)?$")
_RANGE = lazy(r"^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)$")
_LIMITS = {"year": (0.0, 9999.0), "rating": (0.0, 5.0)}
_EXAMPLES = {
    "year": "year:2010, year:>2010, year:<=1999 or year:2000..2010",
    "rating": "rating:4, rating:>=4 or rating:3..4.5 (ratings run from 0 to 5)",
}


class Term(NamedTuple):
    """One facet term: `facet:value`, negated when written `-facet:value`."""

    facet: str
    test: Callable[[Listed, Reading], bool]
    negated: bool = False
    source: str = ""

    def matches(self, item: Listed, reading: Reading) -> bool:
        return self.test(item, reading) != self.negated


class FilterQuery(NamedTuple):
    text: str = ""
    """The words that are not facet terms: matched against the title (fuzzily, by the UI)."""
    terms: tuple[Term, ...] = ()
    problems: tuple[str, ...] = ()
    """One sentence per term that was left out, saying why and what would work."""
    needs_reading: bool = False
    """Whether a term asks about bookmarks or reading (`is:`)."""

    @property
    def has_facets(self) -> bool:
        return bool(self.terms)

    def matches(self, item: Listed, reading: Reading = NOTHING_KNOWN) -> bool:
        """Whether `item` passes every facet term (the title text is not looked at here)."""
        return all(term.matches(item, reading) for term in self.terms)


def parse_filter(typed: str) -> FilterQuery:
    """Facet terms and title text from what was typed in the filter box."""
    words: list[str] = []
    terms: list[Term] = []
    problems: list[str] = []
    for found in _TOKEN().finditer(typed):
        negation, name, raw, quoted, quoted_word, word = found.groups()
        if name is None:
            words.append(quoted_word if quoted_word is not None else word)
            continue
        facet = name.casefold()
        value = (quoted if quoted is not None else raw).strip()
        source = found.group(0)
        if facet not in FACETS:
            problems.append(
                f"'{name}:' is not a facet, so “{source}” is matched as title text "
                f"(facets: {', '.join(f + ':' for f in FACETS)})"
            )
            words.append(source)
            continue
        term = _term(facet, value, bool(negation), source)
        if isinstance(term, str):
            problems.append(term)
        else:
            terms.append(term)
    return FilterQuery(
        " ".join(w for w in words if w),
        tuple(terms),
        tuple(problems),
        any(term.facet == "is" for term in terms),
    )


def _term(facet: str, value: str, negated: bool, source: str) -> Term | str:
    """The term, or why there is none."""
    if not value:
        return f"{facet}: needs a value, such as {_example(facet)}"
    if facet == "is":
        wanted = value.casefold()
        if wanted not in IS_VALUES:
            return f"is:{value} is unknown: use {', '.join('is:' + v for v in IS_VALUES)}"
        return Term(facet, _is_test(wanted), negated, source)
    if facet in NUMBER_FACETS:
        test = _number_test(facet, value)
        if isinstance(test, str):
            return test
        return Term(facet, test, negated, source)
    return Term(facet, _text_test(facet, value.casefold()), negated, source)


def _example(facet: str) -> str:
    return {
        "genre": "genre:crime",
        "platform": "platform:hbo",
        "kind": "kind:film",
        "tag": "tag:noir",
        "is": "is:unread",
    }.get(facet, _EXAMPLES.get(facet, ""))


def _text_test(facet: str, wanted: str) -> Callable[[Listed, Reading], bool]:
    """Case-insensitive: a genre, tag or platform containing the value, a kind starting with it."""
    if facet in ("genre", "tag"):
        listed = operator.attrgetter("genres" if facet == "genre" else "tags")
        return lambda item, _: any(wanted in value.casefold() for value in listed(item))
    if facet == "kind":
        return lambda item, _: (item.kind or "").casefold().startswith(wanted)
    return lambda item, _: wanted in (item.platform or "").casefold()


def _number_test(facet: str, value: str) -> Callable[[Listed, Reading], bool] | str:
    wrong = f"{facet}:{value} is not understood: use {_EXAMPLES[facet]}"
    low, high = _LIMITS[facet]
    span = _RANGE().match(value)
    if span:
        first, last = float(span.group(1)), float(span.group(2))
        if not (low <= first <= high and low <= last <= high):
            return wrong

        def within(item: Listed, _: Reading) -> bool:
            known = _number(item, facet)
            return known is not None and first <= known <= last

        return within
    compare_name = next((c for c in _COMPARISONS if value.startswith(c)), "=")
    number = value[len(compare_name) :] if value.startswith(compare_name) else value
    if not _NUMBER().match(number) or (facet == "year" and "." in number):
        return wrong
    bound = float(number)
    if not low <= bound <= high:
        return wrong
    compare = _COMPARISONS[compare_name]

    def test(item: Listed, _: Reading) -> bool:
        known = _number(item, facet)
        return known is not None and compare(known, bound)

    return test


def _number(item: Listed, facet: str) -> float | None:
    value = item.year if facet == "year" else item.rating
    return None if value is None else float(value)


def _is_test(wanted: str) -> Callable[[Listed, Reading], bool]:
    if wanted == "bookmarked":
        return lambda _, reading: reading.bookmarked
    state = {"unread": ReadState.UNREAD, "reading": ReadState.READING}.get(
        wanted, ReadState.FINISHED
    )
    return lambda _, reading: reading.state is state


class Progress(NamedTuple):
    """How far into a review the reader's saved place is."""

    section: int | None = None
    """The section the reader was last in (None: never opened)."""
    sections: int = 0
    finished: bool = False
    """The reader's place had the end of the text on the screen (its last section may be
    shorter than the screen, below the section at the top)."""
    read_percent: int | None = None
    """How far into the text the place was, as the reader showed it (None: not known)."""

    @property
    def state(self) -> ReadState:
        if self.section is None:
            return ReadState.UNREAD
        # (A review without sections is finished only once its end was on the screen.)
        if self.finished or 0 < self.sections <= self.section + 1:
            return ReadState.FINISHED
        return ReadState.READING

    @property
    def percent(self) -> int:
        """How far in the place is, in per cent: as the reader showed it, else the share of
        the sections before it."""
        if self.section is None:
            return 0
        if self.read_percent is not None:
            return self.read_percent
        if self.sections <= 0:
            return 0
        return min(100, round(100 * self.section / self.sections))

    def mark(self) -> str:
        """● unread, ◐ with its percentage while being read, ✓ finished."""
        state = self.state
        if state is ReadState.UNREAD:
            return "●"
        if state is ReadState.FINISHED:
            return "✓"
        if self.read_percent is None and self.sections <= 0:
            return "◐"  # (no sections to count how far in by, nor the reader's figure)
        return f"◐ {self.percent}%"

    def describe(self) -> str:
        """The mark in words: "● unread", "◐ 25% read" ("◐ being read" without sections to
        count by), "✓ finished"."""
        word = {ReadState.UNREAD: "unread", ReadState.FINISHED: "finished"}.get(
            self.state,
            "read" if self.sections > 0 or self.read_percent is not None else "being read",
        )
        return f"{self.mark()} {word}"

    def reading(self, bookmarked: bool) -> Reading:
        return Reading(bookmarked, self.state, self.percent)
