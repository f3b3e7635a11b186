"""The review schema: the fields static-site tools and note apps write, mapped onto ours.

Each field has aliases (`personalRating`, `release_date`, `streamingServices`…); a key matches
an alias whatever its case and its `-`/`_` separators. A value that does not fit is a warning
naming the field when the key can only mean that field, and is kept as an extra field when the
key may mean something else (Hugo's `type: post`, the Media DB plugin's `released: true`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from reviewtui.core.lazy_re import lazy
from reviewtui.core.text import clean_line

RATING_SCALES = ("auto", "5", "10", "100")
"""How a bare number is read: "auto" takes up to 5 as out of 5 and up to 10 as out of 10."""

_SEPARATORS = lazy(r"[\s_\-]")
_YEAR = lazy(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_FRACTION = lazy(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:/|out of|of)\s*(\d+(?:[.,]\d+)?)\s*$", re.I)
_NUMBER = lazy(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:stars?)?\s*$", re.I)
_PERCENT = lazy(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")
_STARS = lazy(r"^\s*([★⭐]*)\s*(½|1/2)?\s*[☆✩]*\s*$")
_GRADE = lazy(r"^\s*([A-DF])\s*([+\-−]?)\s*$", re.I)
_GRADE_BASE = {"A": 4.75, "B": 3.75, "C": 2.75, "D": 1.75}
_WIKILINK = lazy(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
_FIELD_LINE_LIMIT = 400
"""A field's display value is cut here: the card is a summary, not a second review."""
_MAX_NODES = 2000
"""Values visited at most while showing the other fields (YAML aliases can nest a lot)."""

KINDS = {
    "film": "film", "movie": "film", "feature": "film", "feature film": "film",
    "documentary": "film", "short": "film", "short film": "film",
    "series": "series", "tv": "series", "show": "series", "season": "series",
    "tv series": "series", "tv show": "series", "miniseries": "series",
    "mini-series": "series", "limited series": "series", "tv season": "series",
}  # fmt: skip


@lru_cache(maxsize=4096)
def fold_key(key: str) -> str:
    """`movie-title`, `Movie_Title` and `movieTitle` are one key."""
    return _SEPARATORS().sub("", key).casefold()


class Wrong(ValueError):
    """A value that does not fit its field; the message says what was expected."""


@dataclass
class Fields:
    """The schema's values once read, and what was wrong."""

    title: str | None = None
    year: int | None = None
    kind: str | None = None
    platform: str | None = None
    genres: list[str] | None = None
    rating: float | None = None
    directors: list[str] | None = None
    tags: list[str] | None = None
    url: str | None = None
    comparables: list[str] | None = None
    spoilers: list[str] | None = None
    extra: dict[str, str] = field(default_factory=dict)
    """Every other field, as text to show (in the order written)."""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(key as written, reason) for each value that was wrong."""


def wikilink_text(text: str) -> str:
    """`[[Target|Shown]]` shows "Shown", `[[Target]]` shows "Target"."""
    if "[[" not in text:
        return text
    return _WIKILINK().sub(lambda m: m.group(2) or m.group(1), text)


def wikilink_targets(text: str) -> list[tuple[str, str]]:
    """(target, shown text) of each `[[wikilink]]`."""
    return [
        (m.group(1).strip(), (m.group(2) or m.group(1)).strip()) for m in _WIKILINK().finditer(text)
    ]


def one_line(value: Any) -> str:
    """A string value cleaned to one line, wikilinks shown as their text."""
    if not isinstance(value, str):
        raise Wrong("a non-empty string")
    text = clean_line(wikilink_text(value))
    if not text:
        raise Wrong("a non-empty string")
    return text


def read_year(value: Any) -> int:
    if isinstance(value, dt.date) and 1800 <= value.year <= 2200:
        return value.year
    if isinstance(value, int) and not isinstance(value, bool) and 1800 <= value <= 2200:
        return value
    if isinstance(value, str):
        found = _YEAR().search(value)
        if found and (value.strip().isdigit() or len(value) <= 40):
            return int(found.group(1))
    raise Wrong("a whole number such as 2025")


def read_rating(value: Any, scale: str = "auto") -> float:
    """A rating on 0–5 from a number, "4/5", "7.5/10", "80%", "★★★½" or a letter grade."""
    expected = 'a rating such as 4.5, "4/5", "7.5/10", "★★★½" or "B+"'
    if isinstance(value, bool):
        raise Wrong(expected)
    if isinstance(value, int | float):
        return _on_scale(float(value), scale)
    if not isinstance(value, str) or len(value) > 40:
        raise Wrong(expected)
    text = value.strip()
    if found := _FRACTION().match(text):
        number, out_of = _float(found.group(1)), _float(found.group(2))
        if out_of > 0 and 0 <= number <= out_of:
            return round(number / out_of * 5, 2)
        raise Wrong(expected)
    if found := _PERCENT().match(text):
        number = _float(found.group(1))
        if 0 <= number <= 100:
            return round(number / 20, 2)
        raise Wrong(expected)
    if found := _NUMBER().match(text):
        return _on_scale(_float(found.group(1)), scale)
    if text and (found := _STARS().match(text)) and (found.group(1) or found.group(2)):
        stars = len(found.group(1)) + (0.5 if found.group(2) else 0)
        if stars <= 5:
            return float(stars)
    if found := _GRADE().match(text):
        letter, sign = found.group(1).upper(), found.group(2)
        if letter == "F":
            return 0.0
        return min(5.0, _GRADE_BASE[letter] + (0.25 if sign == "+" else -0.25 if sign else 0))
    raise Wrong(expected)


def _float(text: str) -> float:
    return float(text.replace(",", "."))


def _on_scale(number: float, scale: str) -> float:
    out_of = {"5": 5.0, "10": 10.0, "100": 100.0}.get(scale)
    if not math.isfinite(number) or number < 0 or number > (out_of or 10.0):
        # A number says which scale it is meant on: the one the settings give, else 0 to 5
        # (up to 10 is read as out of 10, as the README says).
        raise Wrong(f"a number from 0 to {out_of or 5:g}")
    if out_of is None:  # auto: up to 5 is out of 5, up to 10 out of 10
        out_of = 5.0 if number <= 5 else 10.0
    return round(number / out_of * 5, 2)


def string_list(value: Any) -> list[str]:
    """A list of strings, or one string of comma-separated items."""
    if isinstance(value, str):
        value = value.split(",") if "," in value and "[[" not in value else [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Wrong("a list of strings")
    return [cleaned for item in value if (cleaned := clean_line(wikilink_text(item)))]


def exact_list(value: Any) -> list[str]:
    """A list of strings as written (a title may hold a comma)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Wrong("a list of strings")
    return [cleaned for item in value if (cleaned := clean_line(wikilink_text(item)))]


def read_kind(value: Any, strict: bool) -> str:
    text = one_line(value)
    mapped = KINDS.get(text.casefold())
    if mapped:
        return mapped
    if strict:
        return text
    raise Wrong("film or series")


def read_platform(value: Any) -> str:
    if isinstance(value, list):
        names = exact_list(value)
        if not names:
            raise Wrong("a non-empty string")
        return ", ".join(names)
    return one_line(value)


class Alias(NamedTuple):
    key: str
    strict: bool
    """Whether a wrong value is a warning (the key can only mean this field)."""


def _aliases(strict: str, loose: str = "") -> tuple[Alias, ...]:
    return tuple(Alias(fold_key(k), True) for k in strict.split()) + tuple(
        Alias(fold_key(k), False) for k in loose.split()
    )


SCHEMA: dict[str, tuple[Alias, ...]] = {
    "title": _aliases("title movie-title englishTitle", "name"),
    "year": _aliases(
        "year release_year", "released release_date premiere first_aired date_released"
    ),
    "kind": _aliases("kind", "type format subType media_type"),
    "platform": _aliases("platform network streamingServices", "service streaming channel"),
    "genres": _aliases("genres genre"),
    "rating": _aliases("rating my_rating personalRating", "score stars grade"),
    "directors": _aliases("directors director", "directed_by"),
    "tags": _aliases("tags", "keywords categories"),
    "url": _aliases("url", "link"),
    "comparables": _aliases("comparables see_also", "similar related"),
    "spoilers": _aliases("spoilers", "spoiler_sections"),
}
"""Each field's keys, best first: the first that holds a fitting value wins."""


def read_fields(data: dict[str, Any], rating_scale: str = "auto") -> Fields:
    """The schema's values from a front matter's fields (Hugo's `params` merged in)."""
    data = merged_params(data)
    by_key: dict[str, str] = {}
    for key in data:
        by_key.setdefault(fold_key(key), key)
    readers: dict[str, Callable[[Any, bool], Any]] = {
        "title": lambda v, s: one_line(v),
        "year": lambda v, s: read_year(v),
        "kind": read_kind,
        "platform": lambda v, s: read_platform(v),
        "genres": lambda v, s: string_list(v),
        "rating": lambda v, s: read_rating(v, rating_scale),
        "directors": lambda v, s: string_list(v),
        "tags": lambda v, s: string_list(v),
        "url": lambda v, s: one_line(v),
        "comparables": lambda v, s: exact_list(v),
        "spoilers": lambda v, s: exact_list(v),
    }
    fields = Fields()
    used: set[str] = set()
    for name, aliases in SCHEMA.items():
        for alias in aliases:
            written = by_key.get(alias.key)
            if written is None:
                continue
            key, value = written, data[written]
            if name == "spoilers" and isinstance(value, bool):
                used.add(key)  # `spoilers: false` says the review has none: nothing to name
                continue
            if _is_empty(value) and alias.key != name:
                continue  # `streamingServices: []`: nothing said (the field's own key is checked)
            try:
                setattr(fields, name, readers[name](value, alias.strict))
            except Wrong as wrong:
                if alias.strict:
                    fields.warnings.append((key, f"should be {wrong}, got {_shown(value)}"))
                    used.add(key)
                continue
            used.add(key)
            break
    budget = [_MAX_NODES]
    for key, value in data.items():
        if key in used or not isinstance(key, str):
            continue
        text = display_value(value, budget)
        name = clean_line(key)
        if text and name:
            fields.extra[name] = text
    return fields


def merged_params(data: dict[str, Any]) -> dict[str, Any]:
    """Hugo's `[params]` table merged into the top level (a top-level key wins)."""
    params = data.get("params")
    if not isinstance(params, dict):
        return data
    merged = {key: value for key, value in params.items() if isinstance(key, str)}
    merged.update((key, value) for key, value in data.items() if key != "params")
    return merged


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def display_value(value: Any, budget: list[int] | None = None) -> str:
    """A field's value as one line of text: lists joined, dates as ISO, yes/no."""
    budget = budget if budget is not None else [_MAX_NODES]
    return clean_line(_display(value, budget))[:_FIELD_LINE_LIMIT]


def _display(value: Any, budget: list[int]) -> str:
    budget[0] -= 1
    if budget[0] < 0:
        return "…"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value  # wikilinks kept: the card shows their text, and links them
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(text for item in value[:50] if (text := _display(item, budget)))
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {text}"
            for key, item in list(value.items())[:20]
            if (text := _display(item, budget))
        )
    return ""


def _shown(value: Any) -> str:
    return clean_line(repr(value))[:60]


def split_title(title: str) -> tuple[str, int | None]:
    """ "Movie Review: X (1957)" → ("X", 1957); "X (2022) Review" → ("X", 2022)."""
    found = _REVIEW_TITLE().match(title)
    if not found or found.group("name") == title:
        return title, None  # no "Review" and no year in it: the title as written
    name = found.group("name").strip(" -–—:|")
    if not name or name.casefold() in _NOT_A_NAME:
        return title, None
    year = found.group("year")
    return name, int(year) if year else None


_NOT_A_NAME = frozenset(("the", "a", "an", "my", "our", "movie", "film", "tv", "series"))
_REVIEW_TITLE = lazy(
    r"^(?:(?:(?:movie|film|tv|series|show|season)\s+)?review\s*[:\-–—|]\s*)?"
    r"(?P<name>.+?)"
    r"(?:\s*\((?P<year>1[89]\d\d|2[01]\d\d)\)(?:\s+review)?)?"
    # A bare trailing "Review" is dropped only after a year, a number ("Season 2 Review") or
    # a kind ("X Movie Review"): "Peer Review" is a title.
    r"(?:\s*[-–—:|]\s*(?:(?:movie|film|tv|series)\s+)?review"
    r"|\s+(?:movie|film|tv|series)\s+review|(?<=\d)\s+review)?\s*$",
    re.IGNORECASE,
)
