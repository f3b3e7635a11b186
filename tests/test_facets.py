"""The library filter's facet language: parsing, explanations and matching (no UI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reviewtui.core.facets import Progress, Reading, ReadState, parse_filter


@dataclass
class Item:
    title: str
    year: int | None = None
    kind: str | None = None
    platform: str | None = None
    genres: list[str] = field(default_factory=list)
    rating: float | None = None
    path: Path = Path("x.md")
    tags: list[str] = field(default_factory=list)


BALLARD = Item("Ballard", 2025, "series", "Prime Video", ["crime", "thriller"], 4.5)
ZODIAC = Item(
    "Zodiac", 2007, "film", "Paramount Pictures", ["crime", "mystery"], 5, tags=["Neo-Noir", "SF"]
)
KILLING = Item("The Killing", 2011, "series", "AMC", [], 3)
UNKNOWN = Item("Untitled")
ALL = [BALLARD, ZODIAC, KILLING, UNKNOWN]


def titles(query: str, reading: dict[str, Reading] | None = None) -> list[str]:
    parsed = parse_filter(query)
    assert not parsed.problems, parsed.problems
    known = reading or {}
    return [i.title for i in ALL if parsed.matches(i, known.get(i.title, Reading()))]


def test_words_that_are_not_facets_are_the_title_text() -> None:
    parsed = parse_filter("true  detective genre:crime")
    assert parsed.text == "true detective"
    assert [t.source for t in parsed.terms] == ["genre:crime"]


def test_genre_matches_any_genre_case_insensitively() -> None:
    assert titles("genre:CRIME") == ["Ballard", "Zodiac"]
    assert titles("genre:myst") == ["Zodiac"]


def test_tag_matches_any_tag_case_insensitively() -> None:
    assert titles("tag:noir") == ["Zodiac"]
    assert titles("tag:NEO-NOIR") == ["Zodiac"]
    assert titles("tag:sf genre:crime") == ["Zodiac"]
    assert titles("-tag:noir") == ["Ballard", "The Killing", "Untitled"]
    assert titles("tag:western") == []


def test_year_comparisons_and_ranges() -> None:
    assert titles("year:>2010") == ["Ballard", "The Killing"]
    assert titles("year:>=2011") == ["Ballard", "The Killing"]
    assert titles("year:<2011") == ["Zodiac"]
    assert titles("year:2007") == ["Zodiac"]
    assert titles("year:2000..2011") == ["Zodiac", "The Killing"]


def test_rating_comparisons_skip_unrated_reviews() -> None:
    assert titles("rating:>=4") == ["Ballard", "Zodiac"]
    assert titles("rating:<4") == ["The Killing"]
    assert titles("rating:4.5") == ["Ballard"]


def test_platform_is_a_part_of_the_name_and_kind_its_start() -> None:
    assert titles("platform:prime") == ["Ballard"]
    assert titles('platform:"paramount pictures"') == ["Zodiac"]
    assert titles("kind:film") == ["Zodiac"]
    assert titles("kind:ser") == ["Ballard", "The Killing"]


def test_terms_combine_and_a_minus_negates() -> None:
    assert titles("genre:crime year:>2010") == ["Ballard"]
    assert titles("-kind:series") == ["Zodiac", "Untitled"]


def test_is_terms_use_bookmarks_and_reading_state() -> None:
    reading = {
        "Ballard": Reading(bookmarked=True, state=ReadState.READING),
        "Zodiac": Reading(state=ReadState.FINISHED),
    }
    assert titles("is:bookmarked", reading) == ["Ballard"]
    assert titles("is:unread", reading) == ["The Killing", "Untitled"]
    assert titles("is:reading", reading) == ["Ballard"]
    assert titles("is:read", reading) == ["Zodiac"]
    assert parse_filter("is:unread").needs_reading
    assert not parse_filter("genre:crime").needs_reading


@pytest.mark.parametrize(
    ("query", "explained"),
    [
        ("year:abc", "year:abc is not understood: use year:2010"),
        ("year:>20.5", "year:>20.5 is not understood"),
        ("rating:>=9", "ratings run from 0 to 5"),
        ("is:watched", "is:watched is unknown: use is:bookmarked, is:unread"),
        ("genre:", "genre: needs a value, such as genre:crime"),
        ("tag:", "tag: needs a value, such as tag:noir"),
        ("gnre:crime", "'gnre:' is not a facet"),
    ],
)
def test_a_wrong_term_is_explained_and_left_out(query: str, explained: str) -> None:
    parsed = parse_filter(f"{query} genre:crime")
    assert len(parsed.problems) == 1
    assert explained in parsed.problems[0]
    assert [t.source for t in parsed.terms] == ["genre:crime"]


def test_an_unknown_facet_is_kept_as_title_text() -> None:
    assert parse_filter("Star:Wars").text == "Star:Wars"


def test_reading_progress_marks() -> None:
    assert Progress().mark() == "●"
    assert Progress(0, 4).mark() == "◐ 0%"
    assert Progress(2, 8).mark() == "◐ 25%"
    assert Progress(3, 4).mark() == "✓"
    assert Progress(3, 4).state is ReadState.FINISHED
    assert Progress(None, 4).state is ReadState.UNREAD
    # The end of the text was on the screen below the section at its top: read to the end.
    assert Progress(2, 4, finished=True).mark() == "✓"


def test_sorting_by_a_column_either_way_keeps_unknown_values_last() -> None:
    from reviewtui.core.library_sort import sort_listed

    by_title = sorted(ALL, key=lambda i: i.title.casefold())
    names = lambda items: [i.title for i in items]  # noqa: E731
    assert names(sort_listed(by_title, "year")) == ["Ballard", "The Killing", "Zodiac", "Untitled"]
    assert names(sort_listed(by_title, "year", reverse=True)) == [
        "Zodiac",
        "The Killing",
        "Ballard",
        "Untitled",
    ]
    assert names(sort_listed(by_title, "platform")) == [
        "The Killing",
        "Zodiac",
        "Ballard",
        "Untitled",
    ]
    assert names(sort_listed(by_title, "title", reverse=True)) == [
        "Zodiac",
        "Untitled",
        "The Killing",
        "Ballard",
    ]
    reading = {"Zodiac": Reading(bookmarked=True, state=ReadState.READING, percent=40)}
    assert (
        names(sort_listed(by_title, "mark", reading=lambda i: reading.get(i.title, Reading())))[0]
        == "Zodiac"
    )
    assert (
        names(sort_listed(by_title, "read", reading=lambda i: reading.get(i.title, Reading())))[0]
        == "Zodiac"
    )


def test_a_review_without_sections_is_being_read_until_its_end_was_on_the_screen() -> None:
    opened = Progress(section=0, sections=0)
    assert opened.state is ReadState.READING
    assert opened.mark() == "◐" and opened.describe() == "◐ being read"
    assert Progress(section=0, sections=0, finished=True).state is ReadState.FINISHED
    # With sections, the last one reached is the end, as before.
    assert Progress(section=2, sections=3).state is ReadState.FINISHED
    assert Progress(section=1, sections=3).mark() == "◐ 33%"
