"""Import reviews (plain text or Markdown) into a library folder as `<slug>.md` files."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from reviewtui.core.frontmatter import FENCE, split_front_matter
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
from reviewtui.library.load import LibraryError, read_file_bytes
from reviewtui.library.scan import MARKDOWN_SUFFIXES
from reviewtui.store.atomic import atomic_write_text


class ImportFailed(Exception):
    """One file could not be imported; the message says why."""


@dataclass(frozen=True)
class Imported:
    source: Path
    target: Path
    title: str
    note: str | None = None


def slugify(title: str) -> str:
    """A file-name-safe slug: ASCII where the title has it, letters of any script kept."""
    folded = unicodedata.normalize("NFKD", title)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^\w]+", "-", folded).strip("-_")
    return slug[:80].rstrip("-_") or "review"


def front_matter(fields: dict[str, Any]) -> str:
    present = {key: value for key, value in fields.items() if value not in (None, [], "")}
    return f"{FENCE}\n{tomli_w.dumps(present)}{FENCE}\n"


def review_markdown(source: Path, text: str, title_override: str | None) -> tuple[str, str]:
    """(title, file text) for an imported review."""
    if source.suffix.lower() in MARKDOWN_SUFFIXES:
        return markdown_review(source, text, title_override)
    plain = read_plain_text(text)
    title = clean_line(title_override or "") or plain.title or _title_from_name(source)
    fields = {
        "title": title,
        "year": plain.year,
        "kind": plain.kind,
        "platform": plain.platform,
        "genres": plain.genres,
        "comparables": plain.comparables,
        "spoilers": plain.spoilers,
    }
    return title, front_matter(fields) + to_markdown_body(plain, title)


def markdown_review(source: Path, text: str, title_override: str | None) -> tuple[str, str]:
    """A Markdown review keeps its body; front matter is added, or kept and given the title."""
    text = normalise_newlines(text)
    review = parse_review(text, source)  # raises FrontMatterError when unreadable
    title = clean_line(title_override or "") or review.title
    matter, body, _ = split_front_matter(text)
    body = clean_text(body)
    if matter is None:
        fields = {
            "title": title,
            "comparables": review.comparables,
            "spoilers": review.spoiler_titles,
        }
        return title, front_matter(fields) + body
    matter = clean_front_matter(matter)
    if title_override:
        # Replace or add the title line, keeping every other field exactly as written.
        lines = [line for line in matter.split("\n") if not re.match(r"\s*title\s*=", line)]
        matter = tomli_w.dumps({"title": title}) + "\n".join(lines)
    return title, f"{FENCE}\n{matter.strip()}\n{FENCE}\n{body}"


def _title_from_name(path: Path) -> str:
    return clean_line(path.stem.replace("_", " ").replace("-", " ")) or "Untitled"


def import_file(
    source: Path, library: Path, *, title: str | None = None, force: bool = False
) -> Imported:
    try:
        decoded = decode_bytes(read_file_bytes(source))
    except (LibraryError, NotText) as error:
        raise ImportFailed(str(error)) from error
    if not clean_text(decoded.text).strip():
        raise ImportFailed("empty file")
    try:
        review_title, text = review_markdown(source, decoded.text, title)
    except FrontMatterError as error:
        where = f" (line {error.line})" if error.line else ""
        raise ImportFailed(f"{error.reason}{where}") from error
    target = library / f"{slugify(review_title)}.md"
    if target.exists() and not force:
        raise ImportFailed(f"{target} already exists (use --force to overwrite)")
    try:
        library.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    except OSError as error:
        raise ImportFailed(f"cannot write {target}: {error.strerror or error}") from error
    return Imported(source, target, review_title, decoded.note)
