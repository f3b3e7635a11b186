"""The review document model: plain data, no I/O and no UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

from reviewtui.core.text import printable


class Problem(NamedTuple):
    """Something wrong with a file: which file, where (if known) and why."""

    path: Path
    reason: str
    line: int | None = None
    fatal: bool = True

    def __str__(self) -> str:
        # A file name may hold control characters too: they are shown, never sent raw.
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return printable(f"{where}: {self.reason}")


class Section(NamedTuple):
    """A `##` section (level 2) or a nested heading inside one (level 3+)."""

    title: str
    level: int
    spoiler: bool
    start_line: int
    """0-based line of the heading in the body."""
    end_line: int
    """0-based line where the section's text ends (exclusive)."""


class Comparable(NamedTuple):
    title: str
    in_library: bool = False


@dataclass
class Review:
    """One review: metadata from front matter, and the Markdown body split into sections."""

    path: Path
    title: str
    body: str
    body_start_line: int = 0
    """Where the body starts in the file (after the front matter), 0-based."""
    year: int | None = None
    kind: str | None = None
    platform: str | None = None
    genres: list[str] = field(default_factory=list)
    rating: float | None = None
    comparables: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    directors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    other_fields: dict[str, str] = field(default_factory=dict)
    """Front matter fields outside the schema, as text to show (`date`, `onlineRating`…)."""
    inline_spoilers: bool = False
    """Whether the text holds inline spoilers (`>!…!<`, `||…||`, a spoiler `<details>`)."""

    @property
    def top_sections(self) -> list[Section]:
        """The `##` sections: the ones the reader numbers and jumps between."""
        return [s for s in self.sections if s.level == 2]

    @property
    def spoiler_titles(self) -> list[str]:
        return [s.title for s in self.top_sections if s.spoiler]

    @property
    def has_spoilers(self) -> bool:
        """Whether anything in it is hidden until revealed: a section, or inline spoilers."""
        return self.inline_spoilers or any(s.spoiler for s in self.top_sections)

    def card_fields(self) -> list[tuple[str, str]]:
        """(name, text) of what the metadata card shows: directors, tags, web address and
        every field outside the schema."""
        shown: list[tuple[str, str]] = []
        if self.directors:
            shown.append(
                ("Director" if len(self.directors) == 1 else "Directors", ", ".join(self.directors))
            )
        if self.tags:
            shown.append(("Tags", ", ".join(self.tags)))
        if self.url:
            shown.append(("URL", self.url))
        shown.extend(self.other_fields.items())
        return shown

    def section_text(self, section: Section) -> str:
        lines = self.body.split("\n")
        return "\n".join(lines[section.start_line : section.end_line])

    def meta_line(self) -> str:
        return meta_line(self.year, self.platform, self.kind, self.rating)

    def summary(self) -> dict[str, object]:
        """The fields every CLI listing prints, JSON-ready."""
        return listing_summary(self)


class Listed(Protocol):
    """What a listing shows of a review: a parsed `Review`, or an index entry."""

    @property
    def title(self) -> str: ...
    @property
    def year(self) -> int | None: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def platform(self) -> str | None: ...
    @property
    def genres(self) -> list[str]: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def rating(self) -> float | None: ...
    @property
    def path(self) -> Path: ...


def meta_line(
    year: int | None, platform: str | None, kind: str | None, rating: float | None
) -> str:
    """ "2025 · Prime Video · series · ★ 4.5" with what is known."""
    parts: list[str] = []
    if year is not None:
        parts.append(str(year))
    if platform:
        parts.append(platform)
    if kind:
        parts.append(kind)
    if rating is not None:
        parts.append(f"★ {rating:g}")
    return " · ".join(parts)


def listing_summary(item: Listed) -> dict[str, object]:
    """The fields every CLI listing prints, JSON-ready."""
    return {
        "title": item.title,
        "year": item.year,
        "kind": item.kind,
        "platform": item.platform,
        "genres": list(item.genres),
        "rating": item.rating,
        "path": str(item.path),
    }
