"""What a search query means: plain words or FTS5 syntax, its errors, and result snippets."""

from __future__ import annotations

import re
import sqlite3
import unicodedata

SNIPPET_TOKENS = 24
MIN_PREFIX = 3
"""Prefix matching starts at three letters: shorter ones would match much of a library."""
_WORD = re.compile(r"\w+")
_FTS_SYNTAX = re.compile(r'["*^()]|\b(?:AND|OR|NOT|NEAR)\b|\b(?:title|heading|body)\s*:')
_COLUMN_FILTER = re.compile(r"\b(?:title|heading|body)\s*:")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


class SearchSyntaxError(ValueError):
    """The query is not valid search syntax; the message says what to fix."""


def fts_query(query: str) -> str | None:
    """The FTS5 expression for what the user typed; None when there is nothing to search for.

    Plain words become prefix terms that must all match ("noir det" finds "noir detective"),
    from three letters on; words joined by punctuation stay a phrase ("neo-noir"). A query
    that already uses FTS5 syntax is passed through.
    """
    query = query.strip()
    if not query:
        return None
    if _FTS_SYNTAX.search(query):
        return query
    terms = []
    for chunk in query.split():
        words = _WORD.findall(chunk)
        if words:
            # A one- or two-letter prefix would match much of the library: it stays a word.
            star = "*" if len(words[-1]) >= MIN_PREFIX else ""
            terms.append('"' + " ".join(words) + '"' + star)
    return " ".join(terms) or None


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
    return sorted({fold(w) for w in words if w not in _OPERATORS}, key=len, reverse=True)


def fold(word: str) -> str:
    """Lower case without diacritics, like the index's unicode61 tokenizer."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def make_snippet(text: str, terms: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """About SNIPPET_TOKENS words of text around the most matched words, and their spans.

    A word matches when it starts with a term (plain words are prefix searches).
    """
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not tokens:
        return "", []
    matched: list[int] = []
    kind: dict[int, str] = {}
    for i, (a, b) in enumerate(tokens):
        word = text[a:b]
        word = word.casefold() if word.isascii() else fold(word)
        term = next((t for t in terms if _matches(word, t)), None)
        if term is not None:
            matched.append(i)
            kind[i] = term
    first = 0
    if matched:
        # The window that holds the most different terms, then the most matches.
        best = (-1, -1)
        for n, start in enumerate(matched[:200]):
            inside = [i for i in matched[n : n + SNIPPET_TOKENS] if i < start + SNIPPET_TOKENS]
            score = (len({kind[i] for i in inside}), len(inside))
            if score > best:
                best, first = score, start
        first = max(0, first - 3)  # a few words of context before the match
    last = min(len(tokens), first + SNIPPET_TOKENS) - 1
    begin = 0 if first == 0 else tokens[first][0]
    end = len(text) if last == len(tokens) - 1 else tokens[last][1]
    prefix = "" if begin == 0 else "…"
    suffix = "" if end == len(text) else "…"
    raw = text[begin:end]
    spans = [(tokens[i][0] - begin, tokens[i][1] - begin) for i in matched if first <= i <= last]
    return _collapse(prefix, raw, suffix, spans)


def _matches(word: str, term: str) -> bool:
    return word == term or (len(term) >= MIN_PREFIX and word.startswith(term))


def _collapse(
    prefix: str, raw: str, suffix: str, spans: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """Runs of whitespace (newlines included) become one space; spans follow the text."""
    out: list[str] = [prefix]
    mapping: list[int] = []
    length = len(prefix)
    previous_space = True  # no leading space
    for char in raw:
        mapping.append(length)
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        out.append(char)
        length += 1
    mapping.append(length)
    text = "".join(out)
    stripped = text.rstrip()
    return stripped + suffix, [(mapping[a], mapping[b]) for a, b in spans]
