"""Import reviews into a library folder as `<slug>.md` files: plain text, Markdown, saved web
pages, and Letterboxd and IMDb exports (one review a film)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewtui.core.frontmatter import FENCE, find_front_matter, split_front_matter
from reviewtui.core.model import Review
from reviewtui.core.parse import FrontMatterError, parse_review
from reviewtui.core.plaintext import read_plain_text, to_markdown_body
from reviewtui.core.text import (
    NotText,
    clean_front_matter,
    clean_line,
    clean_text,
    decode_bytes,
    normalise_newlines,
)
from reviewtui.library.files import ImportFailed as ImportFailed
from reviewtui.library.files import slugify as slugify
from reviewtui.library.files import toml_front_matter, write_new_file
from reviewtui.library.films import Film, Outcome, Progress, save_films
from reviewtui.library.hints import csv_kind
from reviewtui.library.load import LibraryError, read_file_bytes
from reviewtui.library.scan import MARKDOWN_SUFFIXES
from reviewtui.library.webpage import WEB_PAGE_SUFFIXES, web_page_review


@dataclass(frozen=True)
class Imported:
    source: Path
    target: Path
    title: str
    note: str | None = None


def is_export(source: Path) -> bool:
    """Whether `reviewtui import` reads source as a site's export of many films: a folder,
    a zip, or a CSV file."""
    return source.is_dir() or source.suffix.lower() in (".zip", ".csv")


def read_films(source: Path) -> tuple[str, list[Film]]:
    """(what the export is, its films) of a Letterboxd export or an IMDb ratings.csv."""
    from reviewtui.library import imdb, letterboxd

    if source.suffix.lower() == ".csv":
        try:  # not open(): a FIFO named like a CSV file must not hang the import
            head = read_file_bytes(source)[:4096].split(b"\n", 1)[0].decode("utf-8", "replace")
        except LibraryError as error:
            raise ImportFailed(str(error)) from error
        kind = csv_kind(head)
        if kind == "imdb":
            return "IMDb ratings", imdb.read_ratings(source)
        if kind is None:
            raise ImportFailed("a CSV file, but not a Letterboxd or IMDb export")
    return "Letterboxd export", letterboxd.read_export(source)


def import_export(
    source: Path, library: Path, *, force: bool = False, progress: Progress | None = None
) -> tuple[str, Outcome]:
    """Import every film of an export; a film that fails is in the outcome, not raised."""
    try:
        what, films = read_films(source)
    except (OSError, ValueError, RecursionError) as error:
        raise ImportFailed(str(error) or type(error).__name__) from error
    return what, save_films(films, library, force=force, progress=progress)


def review_markdown(source: Path, text: str, title_override: str | None) -> tuple[str, str]:
    """(title, file text) for an imported review."""
    if source.suffix.lower() in MARKDOWN_SUFFIXES:
        return markdown_review(source, text, title_override)
    plain = read_plain_text(text)
    labelled = plain.labelled
    title = clean_line(title_override or "") or plain.title or _title_from_name(source)
    fields = {
        "title": title,
        "year": plain.year,
        "kind": plain.kind,
        "platform": plain.platform,
        "rating": plain.rating,
        "genres": plain.genres,
        "directors": labelled.directors,
        **{key: value for key, value in labelled.extra.items() if key not in _OWN_FIELDS},
        "comparables": plain.comparables,
        "spoilers": plain.spoilers,
    }
    return title, toml_front_matter(fields) + to_markdown_body(plain, title)


_OWN_FIELDS = frozenset(
    ("title", "year", "kind", "platform", "rating", "genres", "directors", "comparables")
)


def markdown_review(source: Path, text: str, title_override: str | None) -> tuple[str, str]:
    """A Markdown review keeps its body; front matter is added, or kept and given the title."""
    text = normalise_newlines(text)
    review = parse_review(text, source)  # raises FrontMatterError when unreadable
    title = clean_line(title_override or "") or review.title
    raw, _, _ = find_front_matter(text)
    if raw is not None and raw.syntax != "toml":
        # YAML or JSON (a static site's): its fields as read, written as the library's TOML.
        return title, toml_front_matter(review_fields(review, title)) + review.body
    matter, body, _ = split_front_matter(text)
    body = clean_text(body)
    if matter is None:
        fields = {
            "title": title,
            "comparables": review.comparables,
            "spoilers": review.spoiler_titles,
        }
        return title, toml_front_matter(fields) + body
    matter = clean_front_matter(matter)
    if not title_override:
        return title, f"{FENCE}\n{matter.strip()}\n{FENCE}\n{body}"
    # The title set in the parsed table, and the table written whole: editing the text would
    # miss a quoted key ("title" = …) or a title on several lines.
    table = tomllib.loads(matter)
    table["title"] = title
    return title, toml_front_matter(table) + body


def review_fields(review: Review, title: str) -> dict[str, Any]:
    """A review's fields as TOML front matter holds them, the other fields after the schema's."""
    fields: dict[str, Any] = {
        "title": title,
        "year": review.year,
        "kind": review.kind,
        "platform": review.platform,
        "genres": review.genres,
        "rating": review.rating,
        "directors": review.directors,
        "tags": review.tags,
        "url": review.url,
        "comparables": review.comparables,
        "spoilers": review.spoiler_titles,
    }
    for key, value in review.other_fields.items():
        fields.setdefault(key, value)
    return fields


def _title_from_name(path: Path) -> str:
    return clean_line(path.stem.replace("_", " ").replace("-", " ")) or "Untitled"


def import_file(
    source: Path, library: Path, *, title: str | None = None, force: bool = False
) -> Imported:
    """Import one review file; every failure, whatever its cause, is an ImportFailed."""
    try:
        return _import_file(source, library, title, force)
    except RecursionError as error:
        raise ImportFailed("too deeply nested to read") from error
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise ImportFailed(reason) from error


def _import_file(source: Path, library: Path, title: str | None, force: bool) -> Imported:
    note = None
    try:
        if source.suffix.lower() in WEB_PAGE_SUFFIXES:
            review_title, text = web_page_review(source, title)
        else:
            decoded = decode_bytes(read_file_bytes(source))
            note = decoded.note
            if not clean_text(decoded.text).strip():
                raise ImportFailed("empty file")
            review_title, text = review_markdown(source, decoded.text, title)
    except (LibraryError, NotText) as error:
        raise ImportFailed(str(error)) from error
    except FrontMatterError as error:
        where = f" (line {error.line})" if error.line else ""
        raise ImportFailed(f"{error.reason}{where}") from error
    target = library / f"{slugify(review_title)}.md"
    write_new_file(target, text, replace=force)
    return Imported(source, target, review_title, note)
