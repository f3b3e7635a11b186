"""A search whose words are in most of the library scores a bounded number of its matches: the
first `BOUND` and those with the words in their title or headings. Here the bound is made
small, so that a library of a few dozen reviews shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewtui.index import ReviewIndex
from reviewtui.index import search as searching
from reviewtui.index.query import fts_query

from .conftest import write_review

BOUND = 10


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searching, "BOUND", BOUND)
    monkeypatch.setattr(searching, "NAMED", 3)


@pytest.fixture
def index(library_dir: Path, small_bound: None) -> ReviewIndex:
    """Thirty reviews that all mention a river (each a different number of times), three of
    them a heron; then, indexed last, one with the river in its title and one that says
    "river" more often than any."""
    for number in range(30):
        rivers = " ".join(["river"] * (1 + number % 7))
        heron = " A heron." if number % 10 == 0 else ""
        text = f"# Film {number:02}\n\n## Plot\n\nBy the {rivers}.{heron} And a {number}.\n"
        write_review(library_dir, f"film-{number:02}.md", text)
    opened = ReviewIndex(library_dir)
    opened.refresh()
    write_review(library_dir, "zz-title.md", "# River Song\n\n## Plot\n\nA river, once.\n")
    write_review(library_dir, "zz-many.md", "# Flood\n\n## Plot\n\n" + "river " * 40 + "\n")
    opened.refresh()
    return opened


def ranked(index: ReviewIndex, query: str, limit: int, offset: int, bounded: bool) -> list[int]:
    expression = fts_query(query)
    assert expression is not None
    rows = searching._ranked(index._connect(), expression, limit, offset, bounded)
    return [rowid for rowid, _ in rows]


def rowid_of(index: ReviewIndex, title: str) -> int:
    row = index._connect().execute("SELECT id FROM reviews WHERE title = ?", (title,)).fetchone()
    return int(row[0])


def test_common_words_are_ranked_among_the_first_matches_and_the_titled_ones(
    index: ReviewIndex,
) -> None:
    every = ranked(index, "river", 100, 0, bounded=False)
    assert len(every) == 32
    titled = rowid_of(index, "River Song")
    candidates = set(sorted(every)[:BOUND]) | {titled}
    # The same scores, in the same order, for the reviews it scores.
    assert ranked(index, "river", 5, 0, bounded=True) == [r for r in every if r in candidates][:5]
    hits = index.search("river", limit=5)
    assert hits[0].title == "River Song"
    # "Flood", indexed after the first ten matches and without the word in its title, is
    # left out: the price of not scoring every match of a word in most reviews.
    assert "Flood" not in [hit.title for hit in hits]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_words_in_few_reviews_are_ranked_over_every_match(index: ReviewIndex) -> None:
    assert ranked(index, "heron", 5, 0, bounded=True) == ranked(index, "heron", 5, 0, False)
    assert [hit.title for hit in index.search("flood river")] == ["Flood"]


def test_search_syntax_is_ranked_over_every_match(index: ReviewIndex) -> None:
    exact = [hit.title for hit in index.search('"river"', limit=3)]
    assert exact[0] == "River Song" and "Flood" in exact


def test_the_other_matches_follow_and_every_page_agrees(index: ReviewIndex) -> None:
    every = [hit.title for hit in index.search("river", limit=100)]
    assert sorted(every) == sorted({*every}) and len(every) == 32  # each match once
    # After the ten first matches and "River Song", the rest, best first: "Flood" leads them.
    assert every[BOUND + 1] == "Flood"
    for limit in (1, 5, BOUND, BOUND + 1, BOUND + 2, 20):
        assert [hit.title for hit in index.search("river", limit=limit)] == every[:limit]
    pages = [index.search("river", limit=4, offset=start) for start in range(0, 32, 4)]
    assert [hit.title for page in pages for hit in page] == every


def test_a_small_library_is_ranked_over_every_match(library_dir: Path) -> None:
    # Below the real bound, nothing changes: every match is scored.
    for number in range(12):
        write_review(library_dir, f"f{number}.md", f"# F{number}\n\n## Plot\n\nRiver.\n")
    write_review(library_dir, "g.md", "# G\n\n## Plot\n\n" + "river " * 30 + "\n")
    opened = ReviewIndex(library_dir)
    opened.refresh()
    assert opened.search("river", limit=1)[0].title == "G"
