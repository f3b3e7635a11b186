""" "More like this": the reviews that share a review's distinctive words and genres."""

from __future__ import annotations

import math
import re
import sqlite3
from pathlib import Path

from reviewtui.index.records import Entry, outline, parts, path_key, read_entries, strings

_LIKE_TERM = re.compile(r"[^\W\d_]{4,}")
_LIKE_CANDIDATES = 40
# Frequent words that never make two reviews alike; the rest is left to idf.
_COMMON_WORDS = frozenset(
    str.split(
        """
    about after again also been before being between both could does doing down during each
    even every film films from further have having here into itself just like made make many
    more most much must only other over same series season should show some such than that
    their them then there these they this those through very were what when where which while
    will with within without would your scene scenes story character characters episode
    episodes really still well first last little great good another because
    """
    )
)


def more_like_this(connection: sqlite3.Connection, path: Path, limit: int) -> list[Entry]:
    """Other reviews that share this one's distinctive words and genres, best first.

    Reviews already among its comparables (by title) and the review itself are left out.
    """
    row = connection.execute(
        "SELECT id, title, genres, comparables FROM reviews WHERE path = ? AND problem IS NULL",
        (path_key(path),),
    ).fetchone()
    if row is None:
        return []
    review_id, title, genres_json, comparables_json = row
    genres = {g.casefold() for g in strings(genres_json)}
    excluded = {title.casefold()} | {c.casefold() for c in strings(comparables_json)}
    terms = _distinctive_terms(connection, review_id)
    scores: dict[int, float] = {}
    if terms:
        expression = " OR ".join(f'"{term}"' for term in terms)
        for other, rank in connection.execute(
            "SELECT rowid, rank FROM texts WHERE texts MATCH ? ORDER BY rank, rowid LIMIT ?",
            (expression, limit * 8 + 1),
        ):
            if other != review_id:
                scores[other] = -rank
    best = max(scores.values(), default=0.0) or 1.0
    ranked: list[tuple[float, Entry]] = []
    for other, score in sorted(scores.items(), key=lambda item: -item[1])[: limit * 8]:
        found = read_entries(connection, "WHERE id = ?", (other,))
        if not found:
            continue
        entry = found[0]
        if entry.title.casefold() in excluded:
            continue
        theirs = {g.casefold() for g in entry.genres}
        shared = len(genres & theirs) / len(genres | theirs) if genres | theirs else 0.0
        ranked.append((score / best + 0.5 * shared, entry))
    ranked.sort(key=lambda item: -item[0])
    return [entry for _, entry in ranked[:limit]]


def _distinctive_terms(connection: sqlite3.Connection, review_id: int) -> list[str]:
    """The review's words weighted by tf-idf over the library, best first (words of its
    spoiler sections left out)."""
    row = connection.execute(
        "SELECT t.body, r.outline FROM texts t JOIN reviews r ON r.id = t.rowid WHERE t.rowid = ?",
        (review_id,),
    ).fetchone()
    if row is None:
        return []
    body, outline_json = row
    counts: dict[str, int] = {}
    read = 0
    for start, end, spoiler in parts(outline(outline_json), len(body)):
        if spoiler:
            continue
        for word in _LIKE_TERM.findall(body[start:end].casefold()):
            counts[word] = counts.get(word, 0) + 1
        read += end - start
        if read > 200_000:  # a huge review's first part says enough
            break
    if not counts:
        return []
    # The FTS5 shadow table of row sizes counts rows without reading any text.
    total = connection.execute("SELECT count(*) FROM texts_docsize").fetchone()[0] or 1
    candidates = sorted((w for w in counts if w not in _COMMON_WORDS), key=lambda w: -counts[w])[
        :_LIKE_CANDIDATES
    ]
    frequency: dict[str, int] = {}
    for word in candidates:  # one lookup each: fts5vocab answers `term = ?` directly
        found = connection.execute("SELECT doc FROM terms WHERE term = ?", (word,)).fetchone()
        frequency[word] = found[0] if found else 0
    weighted = []
    for word in candidates:
        docs = frequency.get(word, 0)
        if docs <= 1 or docs > max(20, total // 20):
            # Only here (nothing to match), or in much of the library (nothing distinctive).
            continue
        weighted.append((counts[word] * math.log(total / docs), word))
    weighted.sort(reverse=True)
    return [word for _, word in weighted[:12]]
