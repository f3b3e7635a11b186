"""What a search query means: plain words or FTS5 syntax, its errors, and result snippets."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import sqlite3
from collections.abc import Callable

from reviewtui.core.folding import MIN_PREFIX, fold, fold_text, is_word_char, term_pattern

SNIPPET_TOKENS = 24
_WINDOW_CHARS = 150
"""About SNIPPET_TOKENS words: the span in which matches count toward one passage."""
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_FTS_SYNTAX = re.compile(r'["*^()]|\b(?:AND|OR|NOT|NEAR)\b|\b(?:title|heading|body)\s*:')
_COLUMN_FILTER = re.compile(r"\b(?:title|heading|body)\s*:")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def fts_query(query: str, extended: Callable[[str], bool] | None = None) -> str | None:
    """The FTS5 expression for what the user typed; None when there is nothing to search for.

    Plain words become prefix terms that must all match ("noir det" finds "noir detective"),
    from three letters on; words joined by punctuation stay a phrase ("neo-noir"). A query
    that already uses FTS5 syntax is passed through.

    With extended, a word it says no other indexed word begins with is searched as the word
    itself: the same matches, and the same ranks, without merging the lists of every word
    with that beginning (which costs tens of milliseconds for a word in most reviews of a
    large library).
    """
    query = query.strip()
    if not query:
        return None
    if not is_plain(query):
        return query
    terms = []
    for chunk in query.split():
        words = _WORD.findall(chunk)
        if words:
            last = words[-1]
            # A one- or two-letter prefix would match much of the library: it stays a word.
            prefix = len(last) >= MIN_PREFIX and (extended is None or extended(last))
            terms.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def is_plain(query: str) -> bool:
    """Whether the query is plain words (all of them required), not FTS5 syntax."""
    return not _FTS_SYNTAX.search(query)


def syntax_message(query: str, error: sqlite3.Error) -> str:
    detail = str(error).removeprefix("fts5: ")
    if "unterminated string" in detail or query.count('"') % 2:
        hint = 'a quote (") is not closed: close it, or leave quotes out to search plain words'
    elif "no such column" in detail:
        hint = f"{detail}; the fields are title:, heading: and body:"
    else:
        hint = f"{detail}; plain words need no operators"
    return f"cannot search for {query!r}: {hint}"


def query_terms(query: str) -> list[str]:
    """The words of a query to highlight, folded as the index folds them (operators left out)."""
    words = _WORD.findall(_COLUMN_FILTER.sub(" ", query))
    return sorted({fold(w) for w in words if w not in _OPERATORS}, key=lambda w: (-len(w), w))


class Passages:
    """Where a query's words are in a review's text, found as the index matches them: a word
    matches a term it equals or (for terms of three letters or more) starts with."""

    def __init__(self, text: str, terms: list[str]) -> None:
        self.text = text
        self.terms = sorted(terms, key=len, reverse=True)

    @functools.cached_property
    def folded(self) -> str:
        """The text folded like the index folds words, offset for offset."""
        return fold_text(self.text)

    @functools.cached_property
    def _found(self) -> tuple[list[int], list[tuple[int, int, str]]]:
        """Every matched word of the text (the first _MAX_MATCHES of each term), in order,
        and their start offsets."""
        folded = self.folded
        found: dict[int, tuple[int, str]] = {}
        # One scan per term: a pattern that starts with the literal term is searched far
        # faster than an alternation behind a word-boundary check.
        for term in self.terms:  # longest first: a word belongs to the longest term it fits
            for count, match in enumerate(term_pattern(term).finditer(folded)):
                start = match.start()
                if start and is_word_char(folded[start - 1]):
                    continue  # the term is inside a word, not at its start
                found.setdefault(start, (match.end(), term))
                if count >= _MAX_MATCHES:
                    break
        ordered = sorted((start, end, term) for start, (end, term) in found.items())
        return [start for start, _, _ in ordered], ordered

    def matches(self, start: int, end: int, limit: int = 200) -> list[tuple[int, int, str]]:
        """(start, end, term) of the first matched words within text[start:end]."""
        starts, found = self._found
        first = bisect.bisect_left(starts, start)
        last = min(bisect.bisect_left(starts, end), first + limit)
        return [match for match in found[first:last] if match[1] <= end]

    def best(self, start: int, end: int) -> tuple[tuple[int, int], int]:
        """The (different terms, matches) of the best passage in text[start:end] and where
        its first match starts; ((0, 0), start) when nothing matches."""
        found = self.matches(start, end)
        best, anchor = (0, 0), start
        for n, (begin, _, _) in enumerate(found):
            inside = [m for m in found[n : n + SNIPPET_TOKENS] if m[0] < begin + _WINDOW_CHARS]
            score = (len({m[2] for m in inside}), len(inside))
            if score > best:
                best, anchor = score, begin
        return best, anchor

    def snippet(self, start: int = 0, end: int | None = None) -> tuple[str, list[tuple[int, int]]]:
        """About SNIPPET_TOKENS words of text[start:end] around its best passage, and the
        spans of the matched words in the snippet."""
        text = self.text
        end = len(text) if end is None else end
        _, anchor = self.best(start, end)
        # A few words of context before the match.
        before = list(_WORD.finditer(text, max(start, anchor - 120), anchor))[-3:]
        begin = before[0].start() if before else anchor
        words = list(itertools.islice(_WORD.finditer(text, begin, end), SNIPPET_TOKENS))
        if not words:
            return "", []
        if not before or begin - start < 120 and not _WORD.search(text, start, begin):
            begin = start  # nothing but spaces and punctuation before: start at the start
        stop = end if len(words) < SNIPPET_TOKENS else words[-1].end()
        spans = [(a - begin, min(b, stop) - begin) for a, b, _ in self.matches(begin, stop)]
        prefix = "…" if begin > start else ""
        suffix = "…" if stop < end else ""
        return _collapse(prefix, text[begin:stop], suffix, spans)


_MAX_MATCHES = 5000


def _collapse(
    prefix: str, raw: str, suffix: str, spans: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """Runs of whitespace (newlines included) become one space, none at either end; spans
    (which start and end at word edges) follow the text."""
    out: list[str] = []
    ends: list[int] = []
    removed: list[int] = []
    last = 0
    for run in _SPACES.finditer(raw):
        out.append(raw[last : run.start()])
        keep = "" if run.start() == 0 or run.end() == len(raw) else " "
        out.append(keep)
        ends.append(run.end())
        removed.append((removed[-1] if removed else 0) + run.end() - run.start() - len(keep))
        last = run.end()
    out.append(raw[last:])

    def moved(position: int) -> int:
        runs = bisect.bisect_right(ends, position)
        return len(prefix) + position - (removed[runs - 1] if runs else 0)

    return prefix + "".join(out) + suffix, [(moved(a), moved(b)) for a, b in spans]
