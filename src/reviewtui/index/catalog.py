"""The library as the app lists it: the index's entries and problems, looked up by title."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.core.lazy_re import lazy
from reviewtui.core.model import Problem
from reviewtui.core.text import printable
from reviewtui.index.records import Entry, SearchSyntaxError
from reviewtui.index.review_index import ReviewIndex
from reviewtui.library.root import LibraryError

_LINE = lazy(r":(\d+): ")
_WORD = lazy(r"[^\W_]")
TITLED_LIMIT = 50
"""Reviews sharing a title's words beyond which a lookup lists the whole library instead."""
COLUMN_WIDTHS = "column widths"
"""What the app keeps with the index: the widest value of each column, by the column's key."""


class LookupFailed(LibraryError):
    """No review, or more than one, answers to a title; `candidates` are the ones that do."""

    def __init__(self, message: str, candidates: list[Entry] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


@dataclass
class Catalog:
    """What the library screen shows, read from the index without opening any review file."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Files that could not be read."""
    count: int = -1
    """How many reviews the library holds (more than `entries` when only a first page was read)."""
    column_widths: dict[str, int] | None = field(default=None, compare=False)
    """The widest value of each of the library screen's columns in the whole library (None:
    not known yet). For the whole listing, worked out off the UI thread; for a first page,
    as the app kept it when it last listed the library: the first page's columns are laid
    out as wide, and stay put when the rest of the library comes."""
    _sorted: dict[str, list[Entry]] = field(default_factory=dict, compare=False, repr=False)
    _problems: list[Problem] | None = field(default=None, compare=False, repr=False)
    _titles: set[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.count < 0:
            self.count = len(self.entries)

    def prepare(self) -> Catalog:
        """Work out now (in a worker thread) what the library screen asks for first: the
        listing by title and the problems, so that showing ten thousand reviews does not."""
        self.sorted_by("title")
        self.all_problems()
        return self

    def sorted_by(self, key: str) -> list[Entry]:
        """The entries sorted by title, or by year or rating (newest, best first, then by title)."""
        if key not in self._sorted:
            self._sorted[key] = sort_entries(self.entries, key)
        return self._sorted[key]

    @property
    def complete(self) -> bool:
        return self.count == len(self.entries)

    @classmethod
    def from_index(
        cls, index: ReviewIndex, root: Path | None = None, limit: int | None = None
    ) -> Catalog:
        """Every review, or the first `limit` by title (a first screenful, and no problems)."""
        if limit is not None:
            first = cls(root or index.root, index.entries(limit=limit), [], len(index))
            if not first.complete:  # (a whole library has widths of its own)
                first.column_widths = kept_widths(index)
            return first
        return cls(root or index.root, index.entries(), index.problems())

    @classmethod
    def titled(cls, index: ReviewIndex, title: str) -> Catalog | None:
        """The reviews whose titles begin with `title`'s words, found through the search
        index without listing the library: enough to look `title` up exactly in. None when
        the index cannot tell (no words; a case folding its tokenizer does not make, as ß to
        ss; too many reviews sharing the words)."""
        if not _WORD().search(title) or title.casefold() != title.lower():
            return None
        try:
            hits = index.search('title: ^"' + title.replace('"', '""') + '"', TITLED_LIMIT)
        except SearchSyntaxError:
            return None
        if len(hits) >= TITLED_LIMIT:
            return None
        entries = [entry for hit in hits if (entry := index.entry(hit.path)) is not None]
        return cls(index.root, entries, count=len(index))

    def titles(self) -> set[str]:
        """The reviews' titles as a title is compared: lower case, without accents
        (`core.folding.unmarked`: a comparable "amelie" is the review "Amélie")."""
        if self._titles is None:
            from reviewtui.core.folding import unmarked

            self._titles = {unmarked(entry.title) for entry in self.entries}
        return self._titles

    def has_title(self, title: str) -> bool:
        from reviewtui.core.folding import unmarked

        return unmarked(title) in self.titles()

    def find(self, query: str, *, exact_only: bool = False) -> Entry:
        """The review called `query`: the one place a title is looked up.

        Case-insensitive exact title (or, failing that, without diacritics as well: "amelie"
        is "Amélie", as a search finds it), else (unless `exact_only`: a comparable names a
        title exactly) a unique part of a title, accents aside; else LookupFailed, with the
        reviews that matched as its candidates."""
        wanted = query.casefold().strip()
        exact = [e for e in self.entries if e.title.casefold() == wanted]
        bare_titles: list[tuple[str, Entry]] = []
        bare = ""
        if not exact and wanted:
            from reviewtui.core.folding import unmarked  # (not part of the first screen)

            # Worked out once for the exact titles and the parts of titles below.
            bare, bare_titles = unmarked(wanted), [(unmarked(e.title), e) for e in self.entries]
            exact = [e for title, e in bare_titles if title == bare]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise LookupFailed(f"'{query}' matches {len(exact)} reviews with that title", exact)
        if exact_only:
            raise LookupFailed(f"no review titled '{query}'")
        partial = [e for title, e in bare_titles if bare and bare in title]
        if len(partial) == 1:
            return partial[0]
        if partial:
            raise LookupFailed(f"'{query}' matches {len(partial)} reviews", partial)
        raise LookupFailed(f"no review titled '{query}'")

    def all_problems(self) -> list[Problem]:
        """Files that did not load, then warnings about files that did (duplicate titles too)."""
        if self._problems is None:
            warnings = [
                stored_warning(entry.path, warning)
                for entry in self.entries
                for warning in entry.warnings
            ]
            self._problems = self.problems + warnings + duplicate_titles(self.entries)
        return list(self._problems)


class TitleLookup:
    """Titles looked up in an index without listing the library when its search of titles
    can answer (the whole library is listed once, when it cannot): `Catalog.find` and
    `Catalog.has_title` for a library of any size."""

    def __init__(self, index: ReviewIndex) -> None:
        self.index = index
        self._whole: Catalog | None = None

    def whole(self) -> Catalog:
        if self._whole is None:
            self._whole = Catalog.from_index(self.index)
        return self._whole

    def find(self, title: str) -> Entry:
        exact = self.index.entries_titled(title.strip())
        if len(exact) > 1:
            # Casefolding makes "Straße" and "STRASSE" one title: as typed, it is the one.
            exact = [e for e in exact if e.title.lower() == title.strip().lower()] or exact
        if len(exact) == 1:
            return exact[0]
        if exact:  # a shared title: the whole library says which, and lists them
            return self.whole().find(title)
        few = Catalog.titled(self.index, title)
        if few is not None:
            try:
                return few.find(title, exact_only=True)
            except LookupFailed:
                pass  # not an exact title, or a shared one: the whole library says which
        return self.whole().find(title)

    def has_title(self, title: str) -> bool:
        """As `Catalog.has_title`: case and accents aside ("cafe society" is "Café Society").
        A title written without its accents whose words are in more titles than
        `TITLED_LIMIT` is looked for as written only: listing the library costs more than a
        mark in a list of comparables is worth."""
        if self.index.entries_titled(title):
            return True
        few = Catalog.titled(self.index, title)
        return few is not None and few.has_title(title)


def stored_warning(path: Path, warning: str) -> Problem:
    """A warning as the index keeps it ("PATH[:LINE]: REASON") made a Problem again, so the
    path is not said twice and the line is kept."""
    where = printable(str(path))
    if warning.startswith(where):
        rest = warning[len(where) :]
        line = _LINE().match(rest)
        if line:
            return Problem(path, rest[line.end() :], int(line.group(1)), fatal=False)
        if rest.startswith(": "):
            return Problem(path, rest[2:], fatal=False)
    return Problem(path, warning, fatal=False)


def sort_entries(entries: list[Entry], key: str) -> list[Entry]:
    by_title = sorted(entries, key=lambda r: (r.title.casefold(), str(r.path)))
    if key == "year":
        return sorted(by_title, key=lambda r: (r.year is None, -(r.year or 0)))
    if key == "rating":
        return sorted(by_title, key=lambda r: (r.rating is None, -(r.rating or 0.0)))
    return by_title


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


def kept_widths(index: ReviewIndex) -> dict[str, int] | None:
    """The column widths kept with the index, if they are column widths."""
    kept = index.kept(COLUMN_WIDTHS)
    if isinstance(kept, dict) and all(
        isinstance(key, str) and type(width) is int and 0 <= width <= 1_000
        for key, width in kept.items()
    ):
        return kept
    return None
