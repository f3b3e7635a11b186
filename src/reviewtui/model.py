"""The review document model: plain data, no I/O and no UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.text import printable


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file: which file, where (if known) and why."""

    path: Path
    reason: str
    line: int | None = None
    fatal: bool = True

    def __str__(self) -> str:
        # A file name may hold control characters too: they are shown, never sent raw.
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return printable(f"{where}: {self.reason}")


@dataclass(frozen=True)
class Section:
    """A `##` section (level 2) or a nested heading inside one (level 3+)."""

    title: str
    level: int
    spoiler: bool
    start_line: int
    """0-based line of the heading in the body."""
    end_line: int
    """0-based line where the section's text ends (exclusive)."""


@dataclass(frozen=True)
class Comparable:
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

    @property
    def top_sections(self) -> list[Section]:
        """The `##` sections: the ones the reader numbers and jumps between."""
        return [s for s in self.sections if s.level == 2]

    @property
    def spoiler_titles(self) -> list[str]:
        return [s.title for s in self.top_sections if s.spoiler]

    def section_text(self, section: Section) -> str:
        lines = self.body.split("\n")
        return "\n".join(lines[section.start_line : section.end_line])

    def meta_line(self) -> str:
        """ "2025 · Prime Video · series · ★ 4.5" with what is known."""
        parts: list[str] = []
        if self.year is not None:
            parts.append(str(self.year))
        if self.platform:
            parts.append(self.platform)
        if self.kind:
            parts.append(self.kind)
        if self.rating is not None:
            parts.append(f"★ {self.rating:g}")
        return " · ".join(parts)

    def summary(self) -> dict[str, object]:
        """The fields every CLI listing prints, JSON-ready."""
        return {
            "title": self.title,
            "year": self.year,
            "kind": self.kind,
            "platform": self.platform,
            "genres": list(self.genres),
            "rating": self.rating,
            "path": str(self.path),
        }
