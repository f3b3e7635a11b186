"""What every importer shares: file names made from titles, TOML front matter written by
tomli-w, and new review files written atomically with the mode the user's umask gives."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import tomli_w

from reviewtui.core.frontmatter import FENCE
from reviewtui.core.text import NotText, decode_bytes
from reviewtui.library.load import LibraryError, read_file_bytes
from reviewtui.store.atomic import atomic_write_text

MAX_SLUG_BYTES = 200
"""A file name is at most 255 bytes; the atomic write's temp file adds about 20 to the name."""


class ImportFailed(Exception):
    """One file (or one film of an export) could not be imported; the message says why."""


def slugify(title: str) -> str:
    """A file-name-safe slug: ASCII where the title has it, letters of any script kept, short
    enough in UTF-8 bytes for any file system."""
    folded = unicodedata.normalize("NFKD", title)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^\w]+", "-", folded).strip("-_")[:80]
    while len(slug.encode("utf-8", "surrogatepass")) > MAX_SLUG_BYTES:
        slug = slug[:-1]
    return slug.rstrip("-_") or "review"


def toml_front_matter(fields: dict[str, Any]) -> str:
    """`+++` front matter of the fields that have a value, written by tomli-w."""
    present = {key: value for key, value in fields.items() if value not in (None, [], "", {})}
    return f"{FENCE}\n{tomli_w.dumps(present)}{FENCE}\n"


def read_text_file(path: Path) -> str:
    """A file's text, its encoding guessed; ImportFailed with the reason when it has none."""
    try:
        return decode_bytes(read_file_bytes(path)).text
    except (LibraryError, NotText) as error:
        raise ImportFailed(str(error)) from error


def write_new_file(target: Path, text: str, *, replace: bool = False) -> None:
    """Write a review atomically, readable as any file the user makes (the umask's mode, not
    the temp file's 0600); without `replace`, an existing file is an error."""
    try:
        if not replace and target.exists():
            raise ImportFailed(f"{target} already exists (use --force to overwrite)")
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
        os.chmod(target, 0o666 & ~current_umask())
    except OSError as error:
        raise ImportFailed(f"cannot write {target}: {error.strerror or error}") from error


def current_umask() -> int:
    try:  # Linux says it without changing it
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
