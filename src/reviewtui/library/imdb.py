"""IMDb's ratings.csv (Const, Your Rating, Date Rated, Title, Original Title, URL, Title Type,
IMDb Rating, Runtime (mins), Year, Genres, Num Votes, Release Date, Directors), often saved
in Windows-1252. "Your Rating" is out of 10; the library's ratings are out of 5."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from reviewtui.core.pasted import split_genres, split_names
from reviewtui.core.text import clean_line
from reviewtui.library.files import ImportFailed
from reviewtui.library.films import Film
from reviewtui.library.letterboxd import MAX_FIELD_CHARS, decode_csv
from reviewtui.library.load import LibraryError, read_file_bytes

_KINDS = {
    "movie": "film", "tvmovie": "film", "short": "film", "video": "film", "tvshort": "film",
    "tvspecial": "film", "tvseries": "series", "tvminiseries": "series", "tvepisode": "series",
}  # fmt: skip


def read_ratings(source: Path) -> list[Film]:
    try:
        text = decode_csv(read_file_bytes(source))
    except LibraryError as error:
        raise ImportFailed(str(error)) from error
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {c.strip() for c in reader.fieldnames or []}
    if not {"Const", "Your Rating", "Title"} <= columns:
        raise ImportFailed("no Const, Your Rating and Title columns: not an IMDb ratings export")
    films = []
    try:
        for raw in reader:
            row = {(k or "").strip(): v if isinstance(v, str) else "" for k, v in raw.items()}
            film = _film(row)
            if film is not None:
                films.append(film)
    except csv.Error as error:
        raise ImportFailed(f"{source.name}: {error}") from error
    return films


def _film(row: dict[str, str]) -> Film | None:
    title = clean_line(row.get("Title", ""))
    if not title:
        return None
    year_text = row.get("Year", "").strip()
    year = int(year_text) if year_text.isdigit() and 1800 <= int(year_text) <= 2200 else None
    score = _score(row.get("Your Rating", ""))
    rated_on = row.get("Date Rated", "").strip()
    rated_on = rated_on if re.fullmatch(r"\d{4}-\d{2}-\d{2}", rated_on) else ""
    film = Film(
        title,
        year,
        "imdb",
        rating=score / 2 if score is not None else None,
        kind=_KINDS.get(row.get("Title Type", "").replace(" ", "").lower()),
        url=clean_line(row.get("URL", "")) or None,
        genres=split_genres(row.get("Genres", "")) if row.get("Genres", "").strip() else [],
        directors=split_names(clean_line(row.get("Directors", ""))),
    )
    const = clean_line(row.get("Const", ""))
    if const:
        film.extra["imdb"] = const
    original = clean_line(row.get("Original Title", ""))
    if original and original != title:
        film.extra["original_title"] = original
    if rated_on:
        film.extra["rated_on"] = rated_on  # when it was rated, not when it was watched
    shown = f"{score:g}/10" if score is not None else "unrated"
    film.note = f"Rated {shown} on IMDb" + (f" on {rated_on}." if rated_on else ".")
    return film


def _score(text: str) -> float | None:
    try:
        score = float(text)
    except ValueError:
        return None
    return score if 1 <= score <= 10 else None
