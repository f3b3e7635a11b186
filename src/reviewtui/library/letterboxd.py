"""Letterboxd exports: the zip Letterboxd sends, its unpacked folder, or its reviews.csv or
diary.csv alone (columns Date, Name, Year, Letterboxd URI, Rating, Rewatch, Review, Tags,
Watched Date). Review text is Letterboxd's HTML, turned into Markdown by markdownify."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from markdownify import markdownify

from reviewtui.core.text import clean_line, clean_text
from reviewtui.library.files import ImportFailed
from reviewtui.library.films import Film, Viewing, Written
from reviewtui.library.hints import LETTERBOXD_FILES
from reviewtui.library.load import LibraryError, read_file_bytes

MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = 16 * 1024 * 1024
"""csv's own limit, 128 KB a field, is less than a long review."""
_BLOCK_TAG = re.compile(r"<\s*(p|br|blockquote|ul|ol|li|h[1-6]|div)\b", re.IGNORECASE)


def read_export(source: Path) -> list[Film]:
    """The films of an export, each with its reviews and every viewing, in title order."""
    tables = _tables(source)
    if not tables:
        where = "folder" if source.is_dir() else "zip file"
        raise ImportFailed(f"a {where} without the reviews.csv or diary.csv of a Letterboxd export")
    films: dict[tuple[str, str], Film] = {}
    for name, text in tables:
        for row in _rows(text, name):
            _add_row(films, row, with_review=name == "reviews.csv")
    for film in films.values():
        film.reviews.sort(key=lambda r: r.date or "")
        rated = [v for v in film.viewings if v.rating is not None]
        if rated:
            film.rating = rated[-1].rating
    return sorted(films.values(), key=lambda f: (f.title.casefold(), f.year or 0))


def _tables(source: Path) -> list[tuple[str, str]]:
    """(file name, text) of the export's reviews.csv and diary.csv, reviews first."""
    found: dict[str, str] = {}
    if source.is_dir():
        for wanted in LETTERBOXD_FILES:
            path = source / wanted
            if path.is_file():
                found[wanted] = decode_csv(_read(path, named=True))
    elif source.suffix.lower() == ".zip":
        found = _zipped_tables(source)
    else:
        text = decode_csv(_read(source))
        header = text.split("\n", 1)[0]
        if source.name.lower() in LETTERBOXD_FILES:
            found[source.name.lower()] = text
        elif "Review" in header:
            found["reviews.csv"] = text
        elif "Watched Date" in header:
            found["diary.csv"] = text
        else:
            raise ImportFailed(
                "holds no reviews or diary entries: import the export's reviews.csv,"
                " diary.csv, or the whole export"
            )
    return [(name, found[name]) for name in LETTERBOXD_FILES if name in found]


_OLD_ENTRIES = ("deleted", "orphaned")
"""Folders of a Letterboxd export that hold entries no longer on the site."""


def _zipped_tables(source: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    data = _read(source)  # a regular file only, read without blocking: never a FIFO
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # The shallowest of each file: the export's own, or in the folder it was zipped in.
            members = sorted(archive.infolist(), key=lambda info: info.filename.count("/"))
            for info in members:
                parts = info.filename.lower().strip("/").split("/")
                if parts[-1] not in LETTERBOXD_FILES or parts[-1] in found:
                    continue
                if any(part in _OLD_ENTRIES for part in parts[:-1]):
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ImportFailed(f"{info.filename} in the zip is too large")
                found[parts[-1]] = decode_csv(archive.read(info))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError) as error:
        raise ImportFailed(f"not a readable zip file: {error}") from error
    return found


def _read(path: Path, *, named: bool = False) -> bytes:
    """A file's bytes; `named` puts its name in the reason (a file of the export folder)."""
    try:
        return read_file_bytes(path)
    except LibraryError as error:
        raise ImportFailed(f"{path.name}: {error}" if named else str(error)) from error


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252 as Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str, name: str) -> Iterable[dict[str, str]]:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {c.strip() for c in reader.fieldnames or []}
    if not {"Name", "Date"} <= columns:
        raise ImportFailed(f"{name} has no Name and Date columns: not a Letterboxd export")
    try:
        for row in reader:
            yield {
                (k or "").strip(): (v or "") if isinstance(v, str) else "" for k, v in row.items()
            }
    except csv.Error as error:
        raise ImportFailed(f"{name}: {error}") from error


def _add_row(films: dict[tuple[str, str], Film], row: dict[str, str], *, with_review: bool) -> None:
    title = clean_line(row.get("Name", ""))
    if not title:
        return
    year_text = row.get("Year", "").strip()
    key = (title.casefold(), year_text)
    film = films.get(key)
    if film is None:
        year = int(year_text) if year_text.isdigit() and 1800 <= int(year_text) <= 2200 else None
        film = films[key] = Film(title, year, "letterboxd", kind="film")
    rewatch = row.get("Rewatch", "").strip().lower() == "yes"
    watched = _date(row.get("Watched Date", "")) or _date(row.get("Date", ""))
    viewing = Viewing(watched, rewatch, _rating(row.get("Rating", "")))
    film.add_viewing(viewing)
    for tag in row.get("Tags", "").split(","):
        if (tag := clean_line(tag)) and tag not in film.tags:
            film.tags.append(tag)
    uri = row.get("Letterboxd URI", "").strip()
    if uri.startswith("https://") and not film.url:
        film.url = clean_line(uri)
    text = row.get("Review", "")
    if with_review and text.strip():
        markdown = html_to_markdown(text)
        if markdown and all(r.date != watched or r.markdown != markdown for r in film.reviews):
            film.reviews.append(Written(watched, rewatch, markdown))


def _date(text: str) -> str | None:
    found = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})\s*", text)
    return found.group(1) if found else None


def _rating(text: str) -> float | None:
    try:
        rating = float(text)
    except ValueError:
        return None
    return rating if 0 < rating <= 5 else None


def html_to_markdown(html: str) -> str:
    """Letterboxd's review HTML as Markdown: paragraphs kept, no tag left in the text."""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    # Paragraphs are blank lines in the export, and a single line break is a break.
    blocks = []
    for block in re.split(r"\n\s*\n", html):
        block = block.strip()
        if block:
            starts_a_block = _BLOCK_TAG.match(block)
            blocks.append(block if starts_a_block else f"<p>{block.replace(chr(10), '<br>')}</p>")
    html = "".join(blocks)
    # Escaped: a review that starts "#1 of the year" or writes "<b>" means it as text.
    markdown = markdownify(html, heading_style="ATX", bullets="-", escape_misc=True)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return clean_text(markdown).strip()
