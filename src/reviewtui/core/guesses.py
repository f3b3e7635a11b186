"""Guesses from a review's words: its year, kind, platform and genres."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, cached_property
from itertools import filterfalse

PLATFORMS = (
    "Prime Video", "Netflix", "HBO Max", "HBO", "Max", "Disney+", "Apple TV+", "Hulu",
    "Peacock", "Paramount+", "BBC iPlayer", "BBC", "Channel 4", "ITV", "Mubi", "Criterion Channel",
    "Showtime", "Starz", "AMC+", "FX", "Crunchyroll", "JioHotstar", "Hotstar", "Zee5", "SonyLIV",
)  # fmt: skip


_SERIES_WORDS = ("series", "season", "episode", "episodes", "show")
_FILM_WORDS = ("film", "movie", "films")
GENRES = (
    "crime", "thriller", "drama", "mystery", "comedy", "horror", "noir", "romance", "fantasy",
    "documentary", "animation", "action", "western", "war", "musical", "science fiction",
)  # fmt: skip


_NOT_WORD_ASCII = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
_WORDS_LOWERED = bytes.maketrans(
    _NOT_WORD_ASCII + b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    b" " * len(_NOT_WORD_ASCII) + b"abcdefghijklmnopqrstuvwxyz",
)
"""ASCII punctuation to spaces and ASCII capitals to lowercase, in one pass."""
_GENERAL_PUNCTUATION = re.compile(rb"\xe2(?:\x80[\x80-\xbf]|\x81[\x80-\xaf])")
"""U+2000 to U+206F in UTF-8: spaces, dashes, curly quotes, none of them a word character."""
_HIGH_TO_SPACES = bytes.maketrans(bytes(range(128, 256)), b" " * 128)
_WORD = re.compile(r"\w+")


class Words:
    """How often the words the guesses look for stand in a text as whole words, any case.

    One pass counts them all, so each guess below is a few lookups: a scan of the text per
    genre, kind and platform costs some forty passes a review. The pass works on UTF-8 bytes,
    where mapping ASCII punctuation to spaces is one table lookup a byte (str.translate takes
    a dictionary lookup a character as soon as the text holds one non-ASCII character).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        data = text.encode("utf-8", "surrogatepass")
        # Curly quotes and dashes are the non-ASCII characters of most English reviews: as
        # spaces, they leave few pieces for the slower split below.
        data = _GENERAL_PUNCTUATION.sub(b" ", data)
        pieces = data.translate(_WORDS_LOWERED).split()
        # Counter's loop runs in C: counting every piece costs less than choosing which to count.
        counts = Counter(pieces)
        wanted = _vocabulary()
        # Pieces beyond ASCII (words with accents or in other scripts, punctuation such as
        # “ ’ —) are split as \w+ splits them.
        for piece in list(filterfalse(bytes.isascii, counts)):
            # A word looked for is ASCII: were it in this piece, it would be one of the runs
            # of ASCII letters and digits between the other bytes.
            runs = piece.translate(_HIGH_TO_SPACES).split()
            if not any(run in wanted or run.isdigit() for run in runs):
                continue
            times = counts[piece]
            for word in _WORD.findall(piece.decode("utf-8", "surrogatepass").lower()):
                encoded = word.encode("utf-8", "surrogatepass")
                if encoded in wanted or encoded.isdigit():
                    counts[encoded] += times
        self.counts = counts

    @cached_property
    def lowered(self) -> str:
        return self.text.lower()

    def __getitem__(self, word: str) -> int:
        """Occurrences of one lowercase word of the vocabulary."""
        return self.count(word)

    def count(self, phrase: str, *, case: bool = False) -> int:
        """Whole-word occurrences of a phrase of the vocabulary (exact case when `case`)."""
        first, one_word = _first_word(phrase)
        if first not in _vocabulary():
            raise KeyError(f"{phrase!r} is not among the words counted")
        found = self.counts.get(first, 0)
        if not found:
            return 0  # its first word is nowhere in the text
        if one_word and not case:
            return found
        return count_whole(self.text if case else self.lowered, phrase if case else phrase.lower())

    def years(self) -> dict[int, int]:
        """How often each year from 1900 to 2099 stands as a word."""
        counts = self.counts
        return {
            int(word): counts[word]
            for word in filter(bytes.isdigit, counts)  # few words are numbers
            if len(word) == 4 and word[:2] in (b"19", b"20")
        }


@cache
def _vocabulary() -> frozenset[bytes]:
    """The first word of every genre, kind and platform, as `Words` counts them."""
    phrases = (*GENRES, *_SERIES_WORDS, *_FILM_WORDS, *PLATFORMS)
    return frozenset(_WORD.match(p.lower()).group().encode() for p in phrases)  # type: ignore[union-attr]


@cache
def _first_word(phrase: str) -> tuple[bytes, bool]:
    """The first word of phrase, lowercase, as Words counts it; and whether it is all of it."""
    lowered = phrase.lower()
    first = _WORD.match(lowered)
    word = first.group() if first else ""
    return word.encode("utf-8", "surrogatepass"), word == lowered


def _words(text: str | Words) -> Words:
    return text if isinstance(text, Words) else Words(text)


def guess_year(text: str | Words) -> int | None:
    """The year named at least twice, the first named of the most named."""
    words = _words(text)
    years = words.years()
    if not years:
        return None
    most = max(years.values())
    if most < 2:
        return None
    tied = [year for year, times in years.items() if times == most]
    if len(tied) == 1:
        return tied[0]
    return min(tied, key=lambda year: _first_whole(words.lowered, str(year)))


def _first_whole(text: str, word: str) -> int:
    start = text.find(word)
    while start >= 0:
        after = start + len(word)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            after == len(text) or not _is_word_char(text[after])
        ):
            return start
        start = text.find(word, start + 1)
    return len(text)


def count_whole(text: str, phrase: str) -> int:
    """How often phrase (which starts with a letter) stands in text not inside a longer word."""
    count, end = 0, len(text)
    start = text.find(phrase)
    while start >= 0:
        after = start + len(phrase)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            after == end or not _is_word_char(text[after])
        ):
            count += 1
        start = text.find(phrase, start + 1)
    return count


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def guess_genres(text: str | Words, most: int = 3) -> list[str]:
    """The genre words the text uses at least three times, most used first."""
    words = _words(text)
    counts = {genre: words.count(genre) for genre in GENRES}
    ranked = sorted((g for g in GENRES if counts[g] >= 3), key=lambda g: -counts[g])
    return ranked[:most]


def guess_kind(text: str | Words) -> str | None:
    words = _words(text)
    series = sum(words[word] for word in _SERIES_WORDS)
    film = sum(words[word] for word in _FILM_WORDS)
    if series > film * 2 and series >= 2:
        return "series"
    if film > series * 2 and film >= 2:
        return "film"
    return None


def guess_platform(text: str | Words) -> str | None:
    words = _words(text)
    counts: Counter[str] = Counter()
    for platform in PLATFORMS:
        found = words.count(platform, case=True)
        # "HBO" inside "HBO Max" is already counted as HBO Max.
        if found and not any(p != platform and platform in p and counts[p] for p in PLATFORMS):
            counts[platform] = found
    if not counts:
        return None
    platform, count = counts.most_common(1)[0]
    return platform if count >= 2 else None
