"""Every file of a folder parsed, for checks of the parser on whole folders: the app and the
commands look reviews up in the index and read only the one they need."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.core.model import Problem, Review
from reviewtui.library.load import LibraryError, iter_review_files, load_review
from reviewtui.library.root import LibrarySource


@dataclass
class Library:
    """Every file of a folder parsed: for checks of the parser on whole folders. Commands and
    the app look reviews up in the index's `Catalog` and read the one they need."""

    source: LibrarySource
    reviews: list[Review] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.source.path

    def all_problems(self) -> list[Problem]:
        """Files that did not load, then warnings about files that did (duplicate titles too)."""
        warnings = [p for review in self.reviews for p in review.problems]
        return self.problems + warnings + duplicate_titles(self.reviews)


def duplicate_titles(reviews: list[Review]) -> list[Problem]:
    """A warning on each review whose title another review also has: lookups become ambiguous."""
    by_title: dict[str, list[Review]] = {}
    for review in reviews:
        by_title.setdefault(review.title.casefold(), []).append(review)
    problems: list[Problem] = []
    for same in by_title.values():
        for review in same[1:] if len(same) > 1 else []:
            reason = f"title '{review.title}' is also the title of {same[0].path.name}"
            problems.append(Problem(review.path, reason, fatal=False))
    return problems


def load_library(source: LibrarySource, files: Iterable[Path] | None = None) -> Library:
    if not source.path.exists():
        raise LibraryError(f"library folder not found: {source.path}")
    if not source.path.is_dir():
        raise LibraryError(f"library is not a folder: {source.path}")
    library = Library(source)
    folder_problems: list[Problem] = []
    for path in files if files is not None else iter_review_files(source.path, folder_problems):
        loaded = load_review(path, source.path)
        if isinstance(loaded, Problem):
            library.problems.append(loaded)
        else:
            library.reviews.append(loaded)
    library.problems += folder_problems
    return library
