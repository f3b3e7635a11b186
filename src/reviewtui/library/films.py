"""Films read from a site's export (Letterboxd, IMDb), written into the library as one
Markdown review each; a re-import adds viewings and never a second file for the same film."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewtui.core.frontmatter import FrontMatterError, split_front_matter
from reviewtui.core.plaintext import heading_line
from reviewtui.library.files import (
    ImportFailed,
    read_text_file,
    slugify,
    toml_front_matter,
    write_new_file,
)

Progress = Callable[[int, int], None]
"""Called with (films done, films in all) as a batch goes on."""


@dataclass
class Viewing:
    watched: str | None
    """The date watched, as YYYY-MM-DD."""
    rewatch: bool = False
    rating: float | None = None

    def key(self) -> tuple[str, bool]:
        return self.watched or "", self.rewatch

    def table(self) -> dict[str, Any]:
        table: dict[str, Any] = {"watched": self.watched, "rewatch": self.rewatch}
        if self.rating is not None:
            table["rating"] = self.rating
        return {key: value for key, value in table.items() if value is not None}

    @classmethod
    def from_table(cls, table: object) -> Viewing | None:
        if not isinstance(table, dict):
            return None
        watched, rewatch, rating = table.get("watched"), table.get("rewatch"), table.get("rating")
        return cls(
            str(watched) if watched is not None else None,
            rewatch is True,
            float(rating)
            if isinstance(rating, int | float) and not isinstance(rating, bool)
            else None,
        )


@dataclass
class Written:
    """One dated review of a film (a film reviewed twice has two)."""

    date: str | None
    rewatch: bool
    markdown: str


@dataclass
class Film:
    title: str
    year: int | None
    source: str
    """"letterboxd" or "imdb": what a summary calls the films."""
    rating: float | None = None
    kind: str | None = None
    url: str | None = None
    genres: list[str] = field(default_factory=list)
    directors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    viewings: list[Viewing] = field(default_factory=list)
    reviews: list[Written] = field(default_factory=list)
    note: str | None = None
    """A line of text for a film rated but not reviewed (IMDb)."""
    extra: dict[str, Any] = field(default_factory=dict)

    def add_viewing(self, viewing: Viewing) -> None:
        if all(v.key() != viewing.key() for v in self.viewings):
            self.viewings.append(viewing)
        self.viewings.sort(key=Viewing.key)

    def table(self, viewings: list[Viewing]) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "title": self.title,
            "year": self.year,
            "kind": self.kind,
            "rating": self.rating,
            "genres": self.genres,
            "directors": self.directors,
            "tags": self.tags,
            "url": self.url,
            **self.extra,
            "viewings": [v.table() for v in viewings],
        }
        return fields

    def markdown(self) -> str:
        parts = [heading_line("#", self.title)]
        if len(self.reviews) == 1:
            parts.append(self.reviews[0].markdown)
        for review in self.reviews if len(self.reviews) > 1 else []:
            when = "Rewatched" if review.rewatch else "Watched"
            parts.append(heading_line("##", f"{when} {review.date or 'on an unknown date'}"))
            parts.append(review.markdown)
        if self.note:
            parts.append(self.note)
        return "\n\n".join(part.strip("\n") for part in parts if part.strip()) + "\n"


@dataclass
class Outcome:
    """What importing a batch of films did."""

    written: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    not_reviewed: int = 0
    """Diary entries of films with no review and no review file to add them to."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    titles: dict[Path, str] = field(default_factory=dict)
    """The film each file written or updated is the review of."""

    def summary(self, what: str) -> str:
        parts = [f"{len(self.written)} review(s) written"]
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already imported (--force updates them)")
        if self.not_reviewed:
            parts.append(f"{self.not_reviewed} film(s) logged without a review left out")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return f"{what}: " + ", ".join(parts)


def save_films(
    films: list[Film], library: Path, *, force: bool = False, progress: Progress | None = None
) -> Outcome:
    """Write each film's review; one film that fails is reported and the rest go on."""
    outcome = Outcome()
    for done, film in enumerate(films, 1):
        try:
            _save_film(film, library, force, outcome)
        except ImportFailed as error:
            outcome.failed.append((film.title, str(error)))
        except (OSError, ValueError, RecursionError) as error:
            outcome.failed.append((film.title, str(error) or type(error).__name__))
        if progress is not None:
            progress(done, len(films))
    return outcome


def _save_film(film: Film, library: Path, force: bool, outcome: Outcome) -> None:
    target, existing = _film_file(film, library)
    outcome.titles[target] = film.title
    if existing is None:
        if not film.reviews and not film.note:
            outcome.not_reviewed += 1
            return
        write_new_file(target, toml_front_matter(film.table(film.viewings)) + film.markdown())
        outcome.written.append(target)
        return
    table, body = existing
    viewings = [v for item in _list(table.get("viewings")) if (v := Viewing.from_table(item))]
    known = {v.key() for v in viewings}
    added = [v for v in film.viewings if v.key() not in known]
    merged = sorted(viewings + added, key=Viewing.key)
    if force and (film.reviews or film.note):
        write_new_file(
            target, toml_front_matter(film.table(merged)) + film.markdown(), replace=True
        )
        outcome.updated.append(target)
    elif added:
        table["viewings"] = [v.table() for v in merged]
        write_new_file(target, toml_front_matter(table) + body, replace=True)
        outcome.updated.append(target)
    else:
        outcome.unchanged.append(target)


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _film_file(film: Film, library: Path) -> tuple[Path, tuple[dict[str, Any], str] | None]:
    """The film's file in the library and its (front matter, body) when it is there already;
    else the free name to write it under."""
    names = [slugify(film.title)]
    if film.year:
        names.append(slugify(f"{film.title} {film.year}"))
    names += [f"{names[-1]}-{number}" for number in range(2, 20)]
    for name in names:
        path = library / f"{name}.md"
        if not path.exists():
            return path, None
        found = _front_matter_of(path)
        if found is not None and _same_film(found[0], film):
            return path, found
    raise ImportFailed(f"no free file name for {film.title} in {library}")


def _front_matter_of(path: Path) -> tuple[dict[str, Any], str] | None:
    try:
        matter, body, _ = split_front_matter(read_text_file(path))
        return (tomllib.loads(matter), body) if matter is not None else None
    except (ImportFailed, FrontMatterError, tomllib.TOMLDecodeError, RecursionError):
        return None


def _same_film(table: dict[str, Any], film: Film) -> bool:
    title = table.get("title")
    year = table.get("year")
    return (
        isinstance(title, str)
        and title.casefold() == film.title.casefold()
        and (year is None or film.year is None or year == film.year)
    )
