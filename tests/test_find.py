"""Find in a review, without the app: what a typed query and a search's words match, in the
review's items as shown."""

from __future__ import annotations

from pathlib import Path

from reviewtui.core.document import preamble, shown_part
from reviewtui.core.find import (
    MAX_MATCHES,
    Match,
    counter,
    find_matches,
    first_at_or_after,
    search_words_query,
    typed_query,
)
from reviewtui.core.parse import parse_review
from reviewtui.core.parts import review_parts


def test_typed_words_match_any_case_any_accents_and_across_a_line_break() -> None:
    query = typed_query("  the  CAFE ")
    assert query is not None and query.shown == "the CAFE"
    text = "At the\ncafé, then The Café again; thecafe not."
    assert [text[a:b] for a, b in query.spans(text)] == ["the\ncafé", "The Café"]
    assert typed_query("   ") is None


def test_typed_words_are_found_inside_words_too() -> None:
    query = typed_query("ice")
    assert query is not None
    assert [m for m in query.spans("Nice ice, icebergs")] == [(1, 4), (5, 8), (10, 13)]


def test_a_search_s_words_match_as_the_index_matched_them() -> None:
    query = search_words_query(["calv", "at"])
    assert query is not None
    text = "It calves; recalve no. At dawn, that cat sat at rest."
    # A word's start only; three letters and more match longer words; shorter ones whole.
    assert [text[a:b] for a, b in query.spans(text)] == ["calves", "At", "at"]
    assert search_words_query([" "]) is None


def test_link_addresses_and_tags_are_not_searched() -> None:
    query = typed_query("glacier")
    assert query is not None
    items = [
        "See [the film](https://glacier.example/x) and <https://glacier.example>.",
        "A <span class='glacier'>cold</span> glacier.",
    ]
    assert find_matches(items, query) == [Match(1, 0)]


def test_matches_come_in_reading_order_and_stop_at_the_limit() -> None:
    query = typed_query("a")
    assert query is not None
    assert find_matches(["a b a", "", "a"], query) == [Match(0, 0), Match(0, 1), Match(2, 0)]
    many = find_matches(["a" * (MAX_MATCHES + 50)], query)
    assert len(many) == MAX_MATCHES
    assert counter(many, 0) == f"1/{MAX_MATCHES}+"
    assert counter([], None) == "no match"
    assert counter([Match(0, 0), Match(1, 0)], None) == "0/2"


def test_the_first_match_from_where_the_reader_is() -> None:
    matches = [Match(0, 0), Match(2, 0), Match(2, 1), Match(5, 0)]
    assert first_at_or_after(matches, 2) == 1
    assert first_at_or_after(matches, 3) == 3
    assert first_at_or_after(matches, 6) == 0  # past the last: round to the first
    assert first_at_or_after([], 0) is None


def test_a_hidden_spoiler_section_shows_only_its_heading() -> None:
    review = parse_review(
        "# T\n\nIntro.\n\n## Plot\n\nA ship.\n\n## Key Moments\n\nThe mate dies.\n",
        Path("t.md"),
    )
    lines = review.body.split("\n")
    parts = review_parts(review, lines, preamble(review, lines), hidden=lambda s: False)
    hidden = [shown_part(review, part, lines, False) for part in parts]
    assert hidden == ["# T\n\nIntro.", "## Plot\n\nA ship.\n", "## Key Moments"]
    shown = [shown_part(review, part, lines, True) for part in parts]
    assert "The mate dies." in shown[2]
    query = typed_query("mate")
    assert query is not None
    assert find_matches(hidden, query) == []
    assert find_matches(shown, query) == [Match(2, 0)]
