"""TOML front matter between `+++` lines (the Hugo convention), validated field by field."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from reviewtui.core.text import clean_line

FENCE = "+++"


class FrontMatterError(ValueError):
    """Front matter that cannot be read at all (unclosed, or not TOML)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class FrontMatter:
    title: str | None = None
    year: int | None = None
    kind: str | None = None
    platform: str | None = None
    genres: list[str] | None = None
    rating: float | None = None
    comparables: list[str] | None = None
    spoilers: list[str] | None = None
    warnings: list[tuple[str, int | None]] = field(default_factory=list)
    """Fields that were present but wrong, as (reason, line)."""


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter TOML or None, body, line number where the body starts, 0-based)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None, text, 0
    for number in range(1, len(lines)):
        if lines[number].strip() == FENCE:
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 1
    raise FrontMatterError("front matter is not closed (no second '+++' line)", 1)


def parse_front_matter(source: str) -> FrontMatter:
    """Parse and validate the TOML; a wrong field is a warning, the others still count."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        # Python 3.11's message ends "(at line N, column M)"; newer ones also set lineno.
        found = re.search(r"\(at line (\d+), column \d+\)$", str(error))
        line = int(found.group(1)) if found else getattr(error, "lineno", None)
        if line is None and str(error).endswith("(at end of document)"):
            line = source.rstrip("\n").count("\n") + 1
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(error))
        if message in ("Illegal character '\\n'", "Unterminated string"):
            message = "a quoted string is not closed on its line"
        # Line numbers in the file: the opening +++ is line 1.
        raise FrontMatterError(
            f"invalid TOML front matter: {message}", line + 1 if line else None
        ) from error
    lines = source.split("\n")
    matter = FrontMatter()

    def warn(key: str, expected: str) -> None:
        value = clean_line(repr(data[key]))[:60]
        matter.warnings.append((f"field '{key}' should be {expected}, got {value}", _line(key)))

    def _line(key: str) -> int | None:
        # `title = ...` (or `"title" = ...`), not `titles = ...` nor a title inside a table.
        assignment = re.compile(rf"""\s*["']?{key}["']?\s*=""")
        for number, line in enumerate(lines):
            if line.lstrip().startswith("["):
                return None
            if assignment.match(line):
                return number + 2
        return None

    for key in ("title", "kind", "platform"):
        if key in data:
            value = data[key]
            if isinstance(value, str) and clean_line(value):
                setattr(matter, key, clean_line(value))
            else:
                warn(key, "a non-empty string")
    if "year" in data:
        year = data["year"]
        if isinstance(year, int) and not isinstance(year, bool) and 1800 <= year <= 2200:
            matter.year = year
        else:
            warn("year", "a whole number such as 2025")
    if "rating" in data:
        rating = data["rating"]
        if (
            isinstance(rating, int | float)
            and not isinstance(rating, bool)
            and math.isfinite(rating)
            and 0 <= rating <= 5
        ):
            matter.rating = float(rating)
        else:
            warn("rating", "a number from 0 to 5")
    for key in ("genres", "comparables", "spoilers"):
        if key in data:
            strings = _string_list(data[key])
            if strings is None:
                warn(key, "a list of strings")
            else:
                setattr(matter, key, strings)
    return matter


def _string_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return [cleaned for item in value if (cleaned := clean_line(item))]
