"""Saved web pages (.html): the article, without the site's menus, share buttons and
footers, extracted by trafilatura as Markdown, with its title and date."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reviewtui.core.pasted import Labelled
from reviewtui.core.plaintext import heading_line, title_in_line
from reviewtui.core.text import clean_line, clean_text
from reviewtui.library.files import ImportFailed, read_text_file, toml_front_matter

WEB_PAGE_SUFFIXES = (".html", ".htm")
_FIRST_HEADING = re.compile(r"\A\s*#\s+(.*)\n+")


def web_page_review(source: Path, title_override: str | None) -> tuple[str, str]:
    """(title, file text) of the review a saved page holds."""
    html = read_text_file(source)
    # trafilatura (and lxml under it) takes a moment to import: only when a page is imported.
    try:
        import trafilatura
    except ImportError as error:
        raise ImportFailed(f"saved web pages need trafilatura ({error})") from error

    try:
        body = trafilatura.extract(
            html, output_format="markdown", include_formatting=True, include_comments=False
        )
        meta = trafilatura.extract_metadata(html)
    except (ValueError, TypeError, RecursionError) as error:
        raise ImportFailed(f"the page could not be read: {error}") from error
    if not body or not clean_text(body).strip():
        raise ImportFailed("no article found in the page")
    body = clean_text(body).strip()
    headline = clean_line(getattr(meta, "title", None) or "")
    first = _FIRST_HEADING.match(body)
    if first:
        headline = headline or clean_line(first.group(1))
        body = body[first.end() :]
    found = Labelled()
    title = (
        clean_line(title_override or "")
        or (title_in_line(headline, found) if headline else None)
        or headline
        or clean_line(source.stem.replace("_", " ").replace("-", " "))
        or "Untitled"
    )
    fields: dict[str, Any] = {
        "title": title,
        "year": found.year,
        "date": _text(meta, "date"),
        "author": _text(meta, "author"),
        "site": _text(meta, "sitename"),
        "url": _text(meta, "url"),
        "headline": headline if headline and headline != title else None,
    }
    return title, toml_front_matter(fields) + heading_line("#", title) + "\n\n" + body + "\n"


def _text(meta: object, name: str) -> str | None:
    value = getattr(meta, name, None)
    return clean_line(value) or None if isinstance(value, str) else None
