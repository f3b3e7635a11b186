"""Untrusted text made safe to show: Content objects, never markup, and printable.

Every string from a path, a review, the config, the index or an OS error is shown through
these helpers: its brackets stay literal, and its control characters (an escape sequence in
a file name, say) are shown as escapes (`\\x1b`) rather than sent to the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.fuzzy import Matcher

from reviewtui.core.text import printable


def shown(text: str) -> str:
    """`text` with its control characters made visible: for a toast or a title."""
    return printable(text)


def plain(text: str, style: str = "") -> Content:
    """Text shown exactly as written, whatever brackets it holds, made printable."""
    text = printable(text)
    return Content.styled(text, style) if style else Content(text)


def spoiler_safe(text: str, style: str = "", *, shown: bool = False) -> Content:
    """A heading or a title with its inline spoilers (`>!…!<`, `||…||`) hidden unless `shown`,
    as the reader hides them in the text; the placeholder in its own style, not as Markdown."""
    # (Imported here: the library screen, which imports this module, shows no headings.)
    from reviewtui.core.markup import HIDDEN_INLINE
    from reviewtui.core.spoilers import shown_spoilers

    parts = shown_spoilers(text, shown).split(HIDDEN_INLINE)
    pieces = [plain(parts[0], style)]
    for part in parts[1:]:
        pieces += [Content.styled("(spoiler hidden)", "italic $text-muted"), plain(part, style)]
    return Content.assemble(*pieces)


def highlighted(text: str, matcher: Matcher | None) -> Content:
    """`text` with the characters a fuzzy query matched underlined.

    `Matcher.highlight` parses its candidate as markup, so the offsets are applied here to
    a plain Content instead.
    """
    text = printable(text)
    content = Content(text)
    if matcher is None or not matcher.query:
        return content
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold underline $accent", offset, offset + 1)
    return content


def highlighted_text(text: str, matcher: Matcher | None, style: str = "bold underline") -> Text:
    """`highlighted` as a Rich Text, for widgets that take Rich renderables (DataTable)."""
    text = printable(text)
    result = Text(text)
    if matcher is None or not matcher.query:
        return result
    from reviewtui.core.folding import fold_text  # (once a filter is typed)

    folded = fold_text(text)  # (accents aside, as the library's filter matches)
    score, offsets = matcher.fuzzy_search.match(
        matcher.query, folded if len(folded) == len(text) else text
    )
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                result.stylize(style, offset, offset + 1)
    return result
