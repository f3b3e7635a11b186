"""The library as the app lists it: the index's entries and problems, looked up by title."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.index import Entry, ReviewIndex
from reviewtui.library import LookupFailed
from reviewtui.model import Problem


@dataclass
class Catalog:
    """What the library screen shows, read from the index without opening any review file."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Files that could not be read."""
    count: int = -1
    """How many reviews the library holds (more than `entries` when only a first page was read)."""

    def __post_init__(self) -> None:
        if self.count < 0:
            self.count = len(self.entries)

    @property
    def complete(self) -> bool:
        return self.count == len(self.entries)

    @classmethod
    def from_index(
        cls, index: ReviewIndex, root: Path | None = None, limit: int | None = None
    ) -> Catalog:
        """Every review, or the first `limit` by title (a first screenful, and no problems)."""
        if limit is not None:
            return cls(root or index.root, index.entries(limit=limit), [], len(index))
        return cls(root or index.root, index.entries(), index.problems())

    def titles(self) -> set[str]:
        """Casefolded titles of the reviews."""
        return {entry.title.casefold() for entry in self.entries}

    def has_title(self, title: str) -> bool:
        return title.casefold() in self.titles()

    def find(self, query: str) -> Entry:
        """Case-insensitive exact title, else a unique substring; else LookupFailed."""
        wanted = query.casefold().strip()
        exact = [e for e in self.entries if e.title.casefold() == wanted]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise LookupFailed(f"'{query}' matches {len(exact)} reviews with that title")
        partial = [e for e in self.entries if wanted and wanted in e.title.casefold()]
        if len(partial) == 1:
            return partial[0]
        if partial:
            raise LookupFailed(f"'{query}' matches {len(partial)} reviews")
        raise LookupFailed(f"no review titled '{query}'")

    def all_problems(self) -> list[Problem]:
        """Files that did not load, then warnings about files that did (duplicate titles too)."""
        warnings = [
            Problem(entry.path, warning, fatal=False)
            for entry in self.entries
            for warning in entry.warnings
        ]
        return self.problems + warnings + duplicate_titles(self.entries)


def duplicate_titles(entries: list[Entry]) -> list[Problem]:
    """A warning on each review whose title another review also has: lookups become ambiguous."""
    by_title: dict[str, list[Entry]] = {}
    for entry in entries:
        by_title.setdefault(entry.title.casefold(), []).append(entry)
    problems: list[Problem] = []
    for same in by_title.values():
        for entry in same[1:]:
            reason = f"title '{entry.title}' is also the title of {same[0].path.name}"
            problems.append(Problem(entry.path, reason, fatal=False))
    return problems
