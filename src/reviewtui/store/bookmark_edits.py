"""A change to `bookmarks.toml` made as an edit of its text: the user's comments, blank lines and
layout stay as they wrote them.

A removed bookmark's `[[bookmark]]` table is cut out (its lines, up to the comments and blank
lines that lead into what follows it), and a new one is written after the last one. The edit
is kept only if the edited text reads back as exactly the bookmarks and settings wanted;
otherwise, or for a file whose bookmarks are not each a `[[bookmark]]` table, the file is
written afresh (`store.bookmarks`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*bookmark[ \t]*\]\][ \t]*(#.*)?\r?$", re.MULTILINE)
"""A bookmark's `[[bookmark]]` line."""
_LEADING_IN = re.compile(r"(?:^[ \t\r]*(?:#[^\n]*)?\n)*\Z", re.MULTILINE)
"""Blank and comment lines at the end of a table's text: they belong to what follows."""


def entry_spans(text: str, count: int) -> list[tuple[int, int]] | None:
    """Where each of the file's `count` bookmarks is written, in order: from its
    `[[bookmark]]` line to the end of its last line of keys. None when the file does not
    write each bookmark as such a table."""
    headers = list(ENTRY_HEADER.finditer(text))
    if len(headers) != count:
        return None
    tables = [match.start() for match in _TABLE_HEADER.finditer(text)]
    spans = []
    for header in headers:
        end = next((start for start in tables if start > header.start()), len(text))
        body = text[header.start() : end]
        if not body.endswith("\n"):
            body += "\n"  # (the file's last line, without its newline)
        leading_in = _LEADING_IN.search(body)
        cut = len(body) - (len(leading_in.group()) if leading_in else 0)
        spans.append((header.start(), min(header.start() + cut, end)))
    return spans


def edited_text(
    text: str,
    spans: Sequence[tuple[int, int]],
    kept: Sequence[bool],
    added: str,
    newline: str = "\n",
) -> str:
    """The file's text without the bookmarks not `kept` (by their `spans`), and with the
    `added` tables' text (its lines ending in `newline`) after the last bookmark written (at
    the end, when there was none): a table of settings after them stays their own."""
    at = spans[-1][1] if spans else len(text)
    pieces, position = [], 0
    for (start, end), keep in zip(spans, kept, strict=True):
        if not keep:
            pieces.append(text[position:start])
            position = end
    pieces.append(text[position:at])
    result = "".join(pieces)
    if added:
        if result and not result.endswith("\n"):
            result += newline
        if result.strip():
            result += newline  # a blank line between tables, as tomli_w writes them
        result += added
    return result + text[at:]


def tables_text(entries: Sequence[dict[str, object]], newline: str = "\n") -> str:
    """`[[bookmark]]` tables of the entries, a blank line between them."""
    import tomli_w

    tables = ["[[bookmark]]\n" + tomli_w.dumps(entry) for entry in entries]
    return "\n".join(tables).replace("\n", newline)
