"""Spoilers: which sections are spoilers (by their heading, their first line or the front
matter's list), and inline spoilers (Reddit's `>!…!<`, Discord's `||…||`, a spoiler
`<details>`), hidden or revealed where they stand."""

from __future__ import annotations

import re
from collections.abc import Callable

from reviewtui.core.lazy_re import lazy
from reviewtui.core.markup import (
    HIDDEN_INLINE,
    SPOILER_BLOCK_CLOSE,
    SPOILER_BLOCK_OPEN,
    outside_code,
)

_SPOILER_WARNING = lazy(
    r"^\W{0,6}(?:\[\s*(?:major\s+|minor\s+|mild\s+)?spoilers?\s*\]"
    r"|(?:major\s+|minor\s+|mild\s+|heavy\s+|full\s+)?spoilers?\s*(?:ahead|below|follow|warning|alert)"
    r"|(?:spoiler\s+)?warning\W{0,3}\s*(?:major\s+|minor\s+|mild\s+)?spoilers?"
    r"|this\s+(?:section|part)\s+(?:contains|has|includes)\s+(?:major\s+|minor\s+)?spoilers"
    r"|spoilers?\W{0,3}$)",
    re.IGNORECASE,
)
"""A first line that warns of spoilers: "Spoilers ahead", "Spoiler warning", "[Spoilers]"."""
_NOT_A_SPOILER = lazy(
    r"spoiler[\s-]*free|spoilerless|non[\s-]*spoiler|without\s+(?:any\s+)?spoilers"
    r"|no\s+(?:major\s+|real\s+|big\s+)?spoilers?",
    re.IGNORECASE,
)
"""A heading that says its section is safe: "Spoiler-Free Verdict", "No Major Spoilers"."""
_MARKS = lazy(r"[*_`]")
"""Emphasis and code marks, left out when a first line is read for a warning."""


def is_spoiler(title: str, spoilers: list[str] | None) -> bool:
    """Whether a section is a spoiler by its title: named in `spoilers` when the front matter
    gives the list; else "Key Moments…", or a title that mentions spoilers without saying it
    has none ("Spoiler-Free Verdict" is not one)."""
    folded = title.casefold()
    if spoilers is not None:
        return any(folded == s.casefold() or folded.startswith(s.casefold()) for s in spoilers)
    if folded.startswith("key moments"):
        return True
    return "spoiler" in folded and not _NOT_A_SPOILER().search(folded)


def warns_of_spoilers(lines: list[str], start: int) -> bool:
    """Whether the first non-blank line from `start` warns of spoilers (before a heading)."""
    for line in lines[start : start + 20]:
        text = line.strip()
        if not text:
            continue
        if text.startswith("#"):
            return False
        return bool(_SPOILER_WARNING().match(_MARKS().sub("", text[:400])))
    return False


def has_inline_spoilers(text: str) -> bool:
    if ">!" not in text and "||" not in text:
        return False
    return shown_spoilers(text, True) != text


def shown_spoilers(text: str, show: bool) -> str:
    """The text with its inline spoilers revealed (markers dropped) or hidden (a placeholder)."""
    if ">!" not in text and "||" not in text:
        return text
    if ">!\n" in text:
        text = _spoiler_blocks(text, show)

    def change(chunk: str) -> str:
        if ">!" in chunk:
            chunk = _inline(chunk, ">!", "!<", show, lambda inner: bool(inner.strip()))
        if "||" in chunk:
            chunk = _inline(chunk, "||", "||", show, _discord_spoiler)
        return chunk

    return outside_code(text, change)


def _discord_spoiler(inner: str) -> bool:
    return bool(inner) and not inner[0].isspace() and not inner[-1].isspace() and "|" not in inner


def _inline(text: str, opener: str, closer: str, show: bool, valid: Callable[[str], bool]) -> str:
    """`opener…closer` spans within a line, revealed or hidden; linear in the text."""
    out: list[str] = []
    position = 0
    for start, end in _inline_spans(text, opener, closer, valid):
        out.append(text[position:start])
        inner = text[start + len(opener) : end - len(closer)]
        out.append(inner if show else HIDDEN_INLINE)
        position = end
    out.append(text[position:])
    return "".join(out)


def _inline_spans(
    text: str, opener: str, closer: str, valid: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """(start, end) of each `opener…closer` spoiler within a line, its marks included."""
    spans: list[tuple[int, int]] = []
    position = 0
    line_end = -1
    while True:
        start = text.find(opener, position)
        if start < 0:
            break
        if start > line_end:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
        end = text.find(closer, start + len(opener), line_end)
        if end < 0:  # none closes on this line: the next line starts afresh
            position = line_end
            continue
        if not valid(text[start + len(opener) : end]):
            position = start + 1
            continue
        spans.append((start, end + len(closer)))
        position = end + len(closer)
    return spans


def _spoiler_blocks(text: str, show: bool) -> str:
    """Lines between a `>!` line and a `!<` line (a spoiler `<details>` made so)."""
    lines = text.split("\n")
    out: list[str] = []
    opened: int | None = None
    for line in lines:
        if line == SPOILER_BLOCK_OPEN and opened is None:
            opened = len(out)
            out.append(line)
        elif line == SPOILER_BLOCK_CLOSE and opened is not None:
            inner = out[opened + 1 :]
            del out[opened:]
            out.extend(inner if show else [HIDDEN_INLINE])
            opened = None
        else:
            out.append(line)
    return "\n".join(out)


def spoiler_spans(text: str) -> list[tuple[int, int]]:
    """(start, end), sorted, of every inline spoiler in the text, its marks included, and of
    every spoiler block: a text cut inside one would part a spoiler from its closing mark, and
    show it. (Code is not told apart: a spoiler mark in code is kept whole too.)"""
    if ">!" not in text and "||" not in text:
        return []
    spans = _inline_spans(text, ">!", "!<", lambda inner: bool(inner.strip()))
    spans += _inline_spans(text, "||", "||", _discord_spoiler)
    if f"\n{SPOILER_BLOCK_OPEN}\n" in f"\n{text}":
        block = re.compile(
            rf"^{re.escape(SPOILER_BLOCK_OPEN)}$.*?(?:^{re.escape(SPOILER_BLOCK_CLOSE)}$|\Z)",
            re.MULTILINE | re.DOTALL,
        )
        spans.extend(match.span() for match in block.finditer(text))
    return sorted(spans)
