"""A plain word that no other word of the library begins with is searched as that word: the
same reviews, in the same order, with the same scores as the prefix search it stands for, but
without FTS5 merging the lists of every word with that beginning. A word some other word
does begin with stays a prefix, and finds that word too."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewtui.index import ReviewIndex
from reviewtui.index import search as searching
from reviewtui.index.query import fts_query

from .conftest import write_review

TEXTS = {
    "heron.md": "# Heron\n\n## Plot\n\nA haunting silence by the river. A heron, twice: heron.\n",
    "silences.md": "# Quiet Days\n\n## Plot\n\nLong silences, and one haunting image.\n",
    "cafe.md": "# Café Society\n\n## Plot\n\nThe café scenes are haunting.\n",
    "cafes.md": "# Night Cafés\n\n## Plot\n\nTwo cafés at night, a haunting river of light.\n",
    "river.md": "# The River Wild\n\n## Plot\n\nA river, rivers, a riverbank; silence.\n",
    "year.md": "# Year 2049\n\n## Plot\n\nIn 2049 the city hums. Silence, then haunting music.\n",
}


@pytest.fixture
def index(library_dir: Path) -> ReviewIndex:
    for name, text in TEXTS.items():
        write_review(library_dir, name, text)
    opened = ReviewIndex(library_dir)
    opened.refresh()
    return opened


def found(index: ReviewIndex, query: str) -> list[tuple[str, float]]:
    return [(hit.title, hit.score) for hit in index.search(query, limit=50)]


def statements(index: ReviewIndex, query: str) -> list[str]:
    """The SQL a search ran, with its values in place."""
    seen: list[str] = []
    connection = index._connect()
    connection.set_trace_callback(seen.append)
    try:
        index.search(query, limit=50)
    finally:
        connection.set_trace_callback(None)
    return seen


def matched(seen: list[str]) -> list[str]:
    """The search's own queries of the full-text table (not those FTS5 runs inside them)."""
    return [sql for sql in seen if "FROM texts WHERE texts MATCH" in sql]


@pytest.mark.parametrize(
    ("query", "prefixes"),
    [
        ("haunting", '"haunting"*'),  # no other word begins with it
        ("HAUNTING silence", '"haunting"* "silence"*'),  # silence has "silences"
        ("heron", '"heron"*'),
        ("2049", '"2049"*'),
        ("cafe", '"cafe"*'),  # café and cafés, folded: "cafes" begins with "cafe"
        ("river", '"river"*'),  # rivers, riverbank
    ],
)
def test_a_plain_search_finds_what_its_prefix_search_finds(
    index: ReviewIndex, query: str, prefixes: str
) -> None:
    # A query in FTS5's own syntax is run as written: here, every word a prefix.
    assert found(index, query) == found(index, prefixes)
    assert found(index, query)


def test_a_word_nothing_else_begins_with_is_searched_as_itself(index: ReviewIndex) -> None:
    sql = matched(statements(index, "haunting heron"))
    assert sql
    assert all('\'"haunting" "heron"\'' in s for s in sql), sql


def test_a_word_others_begin_with_stays_a_prefix(index: ReviewIndex) -> None:
    sql = matched(statements(index, "haunting silence"))
    assert sql
    assert all('\'"haunting" "silence"*\'' in s for s in sql), sql
    assert {title for title, _ in found(index, "silence")} == {
        "Heron",
        "Quiet Days",
        "The River Wild",
        "Year 2049",
    }


def test_a_word_the_tokenizer_folds_stays_a_prefix(index: ReviewIndex) -> None:
    """Accents and other scripts are folded by FTS5's tokenizer in ways not checked here."""
    sql = matched(statements(index, "café"))
    assert all('"café"*' in s for s in sql), sql
    assert {title for title, _ in found(index, "café")} == {"Café Society", "Night Cafés"}


def test_a_word_the_library_does_not_hold_finds_nothing(index: ReviewIndex) -> None:
    assert found(index, "zebra") == []
    assert found(index, "haunting zebra") == []


def test_the_last_word_of_the_library_is_found(index: ReviewIndex) -> None:
    """The word with no word after it in the index's order: looked past, nothing is there."""
    last = max(
        str(term)
        for (term,) in index._connect().execute("SELECT term FROM terms")
        if str(term).isascii()
    )
    assert found(index, last)
    assert found(index, last) == found(index, f'"{last}"*')
    sql = matched(statements(index, last))
    assert sql and not any("*" in s for s in sql), sql


def test_a_new_word_that_begins_with_a_searched_one_is_found_after_a_refresh(
    index: ReviewIndex, library_dir: Path
) -> None:
    assert {title for title, _ in found(index, "heron")} == {"Heron"}
    write_review(library_dir, "herons.md", "# Herons\n\n## Plot\n\nThree herons stand still.\n")
    index.refresh()
    assert {title for title, _ in found(index, "heron")} == {"Heron", "Herons"}


def test_the_last_word_of_each_term_long_enough_to_be_a_prefix_is_asked_about() -> None:
    asked: list[str] = []

    def extended(word: str) -> bool:
        asked.append(word)
        return False

    assert fts_query("Noir det neo-noir ab", extended) == '"Noir" "det" "neo noir" "ab"'
    assert asked == ["Noir", "det", "noir"]  # "ab" is too short to be a prefix at all
    assert fts_query("noir det") == '"noir"* "det"*'


def test_a_damaged_text_table_is_reported_as_damage_not_as_a_bad_query(
    library_dir: Path,
) -> None:
    write_review(library_dir, "heron.md", TEXTS["heron.md"])
    opened = ReviewIndex(library_dir)
    opened.refresh()
    connection = opened._connect()
    connection.execute("DROP TABLE terms")
    connection.execute("DROP TABLE texts")
    connection.execute("CREATE TABLE texts (title, heading, body)")
    connection.commit()
    # The index notices, rebuilds itself from the library, and answers.
    assert [hit.title for hit in opened.search("heron")] == ["Heron"]


def test_the_word_list_leaves_the_index_file_as_it_was(index: ReviewIndex) -> None:
    """The word list is a temporary table: nothing is written to the index file."""
    index.search("haunting")
    other = sqlite3.connect(index.db_path)
    try:
        names = {row[0] for row in other.execute("SELECT name FROM sqlite_master")}
    finally:
        other.close()
    assert "term_instances" not in names


def test_a_refresh_during_a_search_is_seen_whole_or_not_at_all(
    index: ReviewIndex, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The word list a search looks at and the matches it ranks are one state of the index:
    a refresh that commits in between (here, one review saying "heron", one "herons") is
    not seen by half (the first found, the other missed for a word asked about before it)."""
    real = searching._extended_in
    refreshed: list[bool] = []

    def extended_then_refresh(connection: sqlite3.Connection) -> Callable[[str], bool]:
        probe = real(connection)

        def extended(word: str) -> bool:
            answer = probe(word)
            if not refreshed:
                write_review(library_dir, "egret.md", "# Egret\n\n## Plot\n\nA heron again.\n")
                write_review(library_dir, "herons.md", "# Herons\n\n## Plot\n\nTwo herons.\n")
                worker = threading.Thread(target=index.refresh)  # (its own connection)
                worker.start()
                worker.join(10)
                refreshed.append(True)
            return answer

        return extended

    monkeypatch.setattr(searching, "_extended_in", extended_then_refresh)
    titles = {title for title, _ in found(index, "heron")}
    assert refreshed
    assert titles in ({"Heron"}, {"Heron", "Egret", "Herons"})
    monkeypatch.setattr(searching, "_extended_in", real)
    assert {title for title, _ in found(index, "heron")} == {"Heron", "Egret", "Herons"}
