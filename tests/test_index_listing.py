"""A listing streamed from the index: the same entries as a full read, in constant memory."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from reviewtui.index import ReviewIndex

from .conftest import write_review


def fill(library: Path, count: int) -> None:
    for number in range(count):
        write_review(
            library,
            f"r{number:03d}.md",
            f'+++\ntitle = "Title {(number * 7919) % count:03d}"\ngenres = ["noir", "drama"]\n'
            f'comparables = ["Zodiac"]\n+++\n# T\n\n## Plot\n\nWords {number}.\n',
        )


def test_a_streamed_listing_gives_every_entry_in_listing_order(library_dir: Path) -> None:
    fill(library_dir, 120)
    write_review(library_dir, "same-a.md", '+++\ntitle = "title 005"\n+++\n# x\n')  # a tie
    index = ReviewIndex(library_dir)
    index.refresh()
    streamed = list(index.iter_entries())
    assert streamed == index.entries()
    assert [e.title for e in streamed][:4] == ["Title 000", "Title 001", "Title 002", "Title 003"]
    assert len(streamed) == len(index) == 121


def test_a_streamed_listing_holds_one_entry_at_a_time(library_dir: Path) -> None:
    fill(library_dir, 300)
    index = ReviewIndex(library_dir)
    index.refresh()
    index.entries(limit=1)  # the connection and its statements, made before measuring

    def peak(listing: object) -> int:
        tracemalloc.start()
        try:
            for entry in listing:  # type: ignore[attr-defined]
                assert entry.genres == ["noir", "drama"]
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    whole = peak(index.entries())
    streamed = peak(index.iter_entries())
    assert streamed * 10 < whole


def test_damage_met_half_way_through_a_listing_is_rebuilt_and_the_listing_goes_on(
    library_dir: Path,
) -> None:
    import sqlite3

    fill(library_dir, 40)
    index = ReviewIndex(library_dir)
    index.refresh()
    expected = [e.title for e in index.entries()]
    with sqlite3.connect(index.db_path) as other:  # the 31st row is found damaged
        other.execute("UPDATE reviews SET genres = '[not json' WHERE title = ?", (expected[30],))
    other.close()
    listing = index.iter_entries()
    first = [next(listing).title for _ in range(10)]
    assert first + [e.title for e in listing] == expected
    assert index.refresh().rebuilt


def test_the_summaries_read_alone_are_the_entries_summaries(library_dir: Path) -> None:
    """What `list --json` prints comes from a summary's columns alone: the same as each
    entry's `summary()`, for odd titles, file names and lists too."""
    fill(library_dir, 30)
    write_review(library_dir, "Amélie \udcff.md", '+++\ntitle = "Amélie"\nyear = 2001\n+++\n# A\n')
    write_review(library_dir, "no-front.md", "# Plain\n\nNo fields at all.\n")
    index = ReviewIndex(library_dir)
    index.refresh()
    summaries = list(index.iter_summaries())
    assert summaries == [entry.summary() for entry in index.iter_entries()]
    assert len(summaries) == 32 and summaries[-1]["genres"] == ["noir", "drama"]


def test_damage_met_half_way_through_the_summaries_is_rebuilt_and_they_go_on(
    library_dir: Path,
) -> None:
    import sqlite3

    fill(library_dir, 40)
    index = ReviewIndex(library_dir)
    index.refresh()
    expected = [e.summary() for e in index.entries()]
    with sqlite3.connect(index.db_path) as other:
        other.execute(
            "UPDATE reviews SET genres = '[not json' WHERE title = ?", (expected[30]["title"],)
        )
    other.close()
    listing = index.iter_summaries()
    first = [next(listing) for _ in range(10)]
    assert first + list(listing) == expected
    assert index.refresh().rebuilt


def test_the_summaries_are_read_from_the_listing_index_alone(library_dir: Path) -> None:
    """A hundred thousand summaries in title order come from one index read in order, never
    from a look-up of each row in the table."""
    import sqlite3

    from reviewtui.index.records import SUMMARY_SELECT
    from reviewtui.index.review_index import _LISTING

    fill(library_dir, 5)
    index = ReviewIndex(library_dir)
    index.refresh()
    with sqlite3.connect(index.db_path) as connection:
        plan = connection.execute(f"EXPLAIN QUERY PLAN {SUMMARY_SELECT} {_LISTING}").fetchall()
    connection.close()
    assert [step[-1] for step in plan] == ["SCAN reviews USING COVERING INDEX reviews_title"]
