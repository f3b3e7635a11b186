"""The theme picked in the app, saved in `config.toml`: only the file's `theme` line changes, so
that the user's comments and layout stay as they wrote them."""

from __future__ import annotations

import re
from pathlib import Path

from reviewtui.store.atomic import (
    ReadOnlySession,
    StateFileError,
    atomic_write_text,
    locked,
    os_reason,
    read_state_file,
)
from reviewtui.store.config import DEFAULT_CONFIG, config_path

_TABLE_HEADER = re.compile(r"^\s*\[")
_THEME_LINE = re.compile(r"^\s*theme\s*=")
_COMMENTED_THEME_LINE = re.compile(r"^\s*#\s*theme\s*=")
_THEME_COMMENT = re.compile(r"""^\s*theme\s*=\s*(?:"(?:[^"\\]|\\.)*"|'[^']*')(\s*#.*)$""")
"""A theme line's own comment, kept when the theme is saved."""


def save_theme(name: str, path: Path | None = None) -> str | None:
    """Remember the theme in the config, changing only its `theme` line so the user's comments
    and layout stay. Returns a warning when the file cannot be safely edited."""
    import tomllib

    import tomli_w

    file = path or config_path()
    line = tomli_w.dumps({"theme": name}).strip()
    try:
        with locked(file):
            raw = read_state_file(file)
            mark = "\ufeff" if raw is not None and raw.startswith(b"\xef\xbb\xbf") else ""
            try:
                text = DEFAULT_CONFIG if raw is None else raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                return f"{file}: the theme was not saved (the file is not UTF-8 text)"
            try:
                tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                return (
                    f"{file}: the theme was not saved because the file is not valid TOML ({error})"
                )
            updated = _with_theme_line(text, line)
            try:
                saved = tomllib.loads(updated).get("theme")
            except tomllib.TOMLDecodeError:
                saved = None
            if saved != name:
                return (
                    f"{file}: the theme was not saved (its 'theme' line could not be edited safely)"
                )
            atomic_write_text(file, mark + updated)  # (a byte-order mark is kept)
    except ReadOnlySession as refusal:
        return f"{file}: the theme was not saved ({refusal})"
    except StateFileError as error:
        return f"{error}; the theme was not saved"
    except OSError as error:
        return f"{file}: the theme was not saved ({os_reason(error)})"
    return None


def _with_theme_line(text: str, line: str) -> str:
    """Replace the top-level theme line (keeping its comment), else add one after a commented
    example, else before the first table (settings after a [table] header would belong to
    that table). A file with Windows line endings keeps them."""
    ending = "\r" if "\r\n" in text else ""
    lines = text.split("\n")
    first_table = next((i for i, x in enumerate(lines) if _TABLE_HEADER.match(x)), len(lines))
    for number in range(first_table):
        if _THEME_LINE.match(lines[number]):
            comment = _THEME_COMMENT.match(lines[number].removesuffix("\r"))
            lines[number] = line + (comment.group(1) if comment else "") + ending
            return "\n".join(lines)
    for number in range(first_table):
        if _COMMENTED_THEME_LINE.match(lines[number]):
            lines.insert(number + 1, line + ending)
            return "\n".join(lines)
    if first_table == len(lines):
        body = text if text.endswith("\n") or not text else text + ending + "\n"
        return body + line + ending + "\n"
    lines[first_table:first_table] = [line + ending, ending]
    return "\n".join(lines)
