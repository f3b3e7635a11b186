"""Full-text search over the index: ranked reviews, each placed at the section where the
query's words are best found."""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import NamedTuple

from reviewtui.index.db import schema_intact
from reviewtui.index.query import Passages, fts_query, is_plain, query_terms, syntax_message
from reviewtui.index.records import (
    Hit,
    IndexDamaged,
    SearchSyntaxError,
    outline,
    parts,
    stored_path,
    strings,
)

_IDS_AT_ONCE = 500
"""Row ids in one `IN (...)` list: well below SQLite's limit on a statement's parameters."""
BOUND = 5_000
"""Matches ranked first when the words of a search are in more than half of the reviews: the
first this many, and those with the words in their title or headings (up to `NAMED`)."""
NAMED = 1_000
_VOCABULARY = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_instances USING fts5vocab(main, texts, instance)"
)
"""The index's words, in order: a row for each place a word is found, so that the first row
from a given word on is read without counting any word's reviews (as `terms` would)."""
_FOLDED_AS_IS = re.compile(r"[a-z0-9]+")
"""Words the tokenizer keeps as they are once lower-cased."""


class HitRow(NamedTuple):
    """What placing a hit needs of a review."""

    id: int
    title: str
    path: bytes
    sections: str
    outline: str
    heading: str
    body: str


_HIT_SELECT = (
    "SELECT r.id, r.title, r.path, r.sections, r.outline, t.heading, t.body"
    " FROM reviews r JOIN texts t ON t.rowid = r.id"
)


def _hit_rows(cursor: sqlite3.Cursor, row: tuple[object, ...]) -> HitRow:
    return HitRow._make(row)


def search(
    connection: sqlite3.Connection, expression: str, query: str, limit: int, offset: int
) -> list[Hit]:
    """The reviews that match an FTS5 expression, best first (`limit` after the `offset`
    best); query is what the user typed, for error messages and highlights."""
    with _one_read(connection):
        return _search(connection, expression, query, limit, offset)


@contextlib.contextmanager
def _one_read(connection: sqlite3.Connection) -> Iterator[None]:
    """The index as it is at the search's first statement, for all of them: a refresh that
    commits meanwhile (a new word that begins with a searched one, say) is not half seen."""
    if connection.in_transaction:
        yield
        return
    connection.execute("BEGIN")
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("COMMIT")  # (only read: nothing is kept or lost)


def _search(
    connection: sqlite3.Connection, expression: str, query: str, limit: int, offset: int
) -> list[Hit]:
    plain = is_plain(query)
    try:
        if plain:
            expression = fts_query(query, _extended_in(connection)) or expression
        ranked = _ranked(connection, expression, limit, offset, plain)
    except sqlite3.OperationalError as error:
        if not schema_intact(connection):  # not the query: the full-text table is gone
            raise IndexDamaged("the index's text table is not a full-text one") from error
        raise SearchSyntaxError(syntax_message(query, error)) from error
    if not ranked:
        return []
    # Snippets are cut here rather than by FTS5's snippet(): that would run the whole
    # query again for every hit, which costs milliseconds each in a large library.
    found: dict[int, HitRow] = {}
    ids = [rowid for rowid, _ in ranked]
    cursor = connection.cursor()
    cursor.row_factory = _hit_rows
    for start in range(0, len(ids), _IDS_AT_ONCE):
        chunk = ids[start : start + _IDS_AT_ONCE]
        for row in cursor.execute(
            f"{_HIT_SELECT} WHERE r.id IN ({','.join('?' * len(chunk))})", chunk
        ):
            found[row.id] = row
    terms = query_terms(query)
    return [_hit(found[rowid], terms, -rank) for rowid, rank in ranked if rowid in found]


def _extended_in(connection: sqlite3.Connection) -> Callable[[str], bool]:
    """Whether the index holds a word that begins with a given word and is longer (True
    also when the word is not one the index keeps as it is, lower-cased)."""
    connection.execute(_VOCABULARY)

    def extended(word: str) -> bool:
        term = word.lower()
        if not _FOLDED_AS_IS.fullmatch(term):
            return True
        # The first word after `term` itself: no indexed word has a character below U+0001.
        row = connection.execute(
            "SELECT term FROM temp.term_instances WHERE term >= ? LIMIT 1", (term + "\x01",)
        ).fetchone()
        return row is not None and str(row[0]).startswith(term)

    return extended


def _ranked(
    connection: sqlite3.Connection, expression: str, limit: int, offset: int, bounded: bool
) -> list[tuple[int, float]]:
    """(rowid, rank) of the matches from the `offset`-th best on, best first.

    Every match is scored with bm25, except when `bounded` and the search's words are common
    (`_common_cutoff`): then the first `BOUND` matches and those with the words in their title
    or headings (the first `NAMED`) are ranked first, and the other matches after them, in
    their own order, for pages that reach that far. A word in more than half of the reviews
    gets bm25's floor weight, so its score says little more than how often a review repeats
    it, and scoring every one of 90,000 matches takes a tenth of a second.
    """
    cutoff = _common_cutoff(connection, expression) if bounded else None
    if cutoff is None:
        return _best(connection, expression, "", limit, offset)
    named = [
        rowid
        for (rowid,) in connection.execute(
            "SELECT rowid FROM texts WHERE texts MATCH ? LIMIT ?",
            (f"{{title heading}} : ({expression})", NAMED),
        )
    ]
    # Literal lists: SQLite makes each a lookup once, where a bound list would be read again
    # for every match. (Row ids from the index itself: integers.)
    beyond = [rowid for rowid in named if rowid > cutoff]
    listed = ",".join(map(str, beyond))
    first = BOUND + len(beyond)
    ranked: list[tuple[int, float]] = []
    if offset < first:
        # Alone, the bound on rowid is one FTS5 keeps to, rather than a test of every match.
        within = f" AND rowid <= {cutoff}"
        if beyond:
            within = f" AND (rowid <= {cutoff} OR rowid IN ({listed}))"
        ranked = _best(connection, expression, within, min(limit, first - offset), offset)
    if offset + limit > first:
        after = f" AND rowid > {cutoff} AND rowid NOT IN ({listed})"
        ranked += _best(connection, expression, after, limit - len(ranked), max(0, offset - first))
    return ranked


def _best(
    connection: sqlite3.Connection, expression: str, where: str, limit: int, offset: int
) -> list[tuple[int, float]]:
    # Ties go by rowid, so that pages follow on; and SQLite then keeps only the best `limit`
    # rows as it goes, where `ORDER BY rank` alone sorts every match.
    return connection.execute(
        f"SELECT rowid, rank FROM texts WHERE texts MATCH ?{where}"
        " ORDER BY rank, rowid LIMIT ? OFFSET ?",
        (expression, limit, offset),
    ).fetchall()


def _common_cutoff(connection: sqlite3.Connection, expression: str) -> int | None:
    """The rowid of the `BOUND`-th match of a plain-words expression whose words are common;
    otherwise None.

    Words are taken as common when at least half of the first `2 * BOUND` reviews (by rowid,
    the order they were indexed in) match: every match of plain words holds every word. Those
    reviews stand for the library because counting every match of a common word would
    itself take a hundredth of a second at 100,000 reviews.
    """
    row = connection.execute(
        "SELECT rowid FROM texts WHERE texts MATCH ? LIMIT 1 OFFSET ?", (expression, BOUND - 1)
    ).fetchone()
    if row is None:
        return None
    cutoff = int(row[0])
    sample_end = connection.execute(
        "SELECT rowid FROM texts_docsize ORDER BY rowid LIMIT 1 OFFSET ?", (2 * BOUND - 1,)
    ).fetchone()
    return cutoff if sample_end is None or cutoff <= sample_end[0] else None


def _hit(row: HitRow, terms: list[str], score: float) -> Hit:
    """A search result at the review's part where the query's words are best found: the part
    with the most different words (in its text or heading), then the most matches; a part
    outside the spoiler sections whenever one matches."""
    body, headings = row.body, row.heading
    passages = Passages(body, terms)
    review_parts = parts(outline(row.outline), len(body))
    names = [""] + strings(row.sections)
    in_heading: list[set[str]] = [set() for _ in names]
    line_starts = list(itertools.accumulate((len(n) + 1 for n in names[1:-1]), initial=0))
    for start, _, term in Passages(headings, terms).matches(0, len(headings)):
        in_heading[bisect.bisect_right(line_starts, start)].add(term)
    part_starts = [start for start, _, _ in review_parts]
    matched = {number for number, named in enumerate(in_heading) if named}
    for start, _, _ in passages.matches(0, len(body), limit=len(body)):
        matched.add(bisect.bisect_right(part_starts, start) - 1)
    best: tuple[bool, int, int, int, int] = (False, 0, 0, 0, 0)  # nothing: the review's start
    for number in matched:
        start, end, spoiler = review_parts[number]
        (different, count), _ = passages.best(start, end)
        named = len(in_heading[number])
        best = max(best, (not spoiler, max(different, named), named, count, -number))
    number = -best[-1]
    start, end, spoiler = review_parts[number]
    highlights: list[tuple[int, int]] = []
    if spoiler:
        snippet = "(a spoiler section: its text is not shown here)"
    else:
        snippet, highlights = passages.snippet(start, end)
    return Hit(
        title=row.title,
        path=stored_path(row.path),
        section=names[number] or None,
        section_index=number - 1 if number else None,
        snippet=snippet,
        highlights=highlights,
        score=score,
        spoiler=bool(spoiler),
    )
