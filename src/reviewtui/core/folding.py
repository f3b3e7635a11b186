"""Words compared as the index compares them: lower case, without diacritics, and a term of
three letters or more matching every word it begins."""

from __future__ import annotations

import functools
import re
import unicodedata

from reviewtui.core.lazy_re import lazy

MIN_PREFIX = 3
"""Prefix matching starts at three letters: shorter ones would match much of a library."""


def fold(word: str) -> str:
    """Lower case without diacritics, like the index's unicode61 tokenizer."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@functools.lru_cache(maxsize=64)
def term_pattern(term: str) -> re.Pattern[str]:
    """A folded term as a pattern over folded text (the caller checks it starts a word)."""
    if len(term) >= MIN_PREFIX:
        return re.compile(re.escape(term) + r"\w*")
    return re.compile(re.escape(term) + r"(?!\w)")


_ACCENTED = lazy("[\u00c0-\u024f]")
_FOLD_TABLE = {
    chr(code): folded
    for code in range(0xC0, 0x250)
    if len(folded := fold(chr(code))) == 1 and folded.isascii()
}


def fold_text(text: str) -> str:
    """Lower case without the diacritics of Latin letters, the same length as text so that
    offsets carry over."""
    lowered = text.replace("\u0130", "I").lower()  # the one letter lower() makes two
    if lowered.isascii() or len(lowered) != len(text):
        return lowered
    return _ACCENTED().sub(lambda m: _FOLD_TABLE.get(m.group(), m.group()), lowered)


def unmarked(text: str) -> str:
    """Lower case without accents, however they were written (a title from macOS may have
    "é" as "e" and a combining accent): titles compared as a user types them."""
    return fold_text(unicodedata.normalize("NFC", text))
