"""Markdown as static sites and note apps write it, made plain review Markdown.

- Hugo and Liquid shortcodes go (`{{< param X >}}` becomes the value of X).
- Raw HTML becomes its text: tags removed, entities decoded (and escaped again where Markdown
  would read them as markup). A `<details>` block whose summary mentions spoilers becomes a
  hidden inline spoiler.
- A line that is only bold text, between paragraphs, becomes a heading.
- Inline spoilers (Reddit's `>!…!<`, Discord's `||…||`) are hidden or revealed by
  `shown_spoilers`.

Fenced code and inline code are left exactly as written. Each step first checks for the
characters it needs, so a review without any of them costs a few `in` tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reviewtui.core.fields import wikilink_text
from reviewtui.core.lazy_re import lazy
from reviewtui.core.text import clean_text

_FENCE = lazy(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_CODE_SPAN = lazy(r"(`{1,16})(?:(?!\1)[^\n]){0,2000}?\1")
_PARAM = lazy(r"\{\{<\s*param\s+[\"']?([\w.\-]+)[\"']?\s*/?>\}\}")
_LIQUID_COMMENT = lazy(r"\{%-?\s*comment\s*-?%\}")
_LIQUID_END_COMMENT = lazy(r"\{%-?\s*endcomment\s*-?%\}")
_SHORTCODE_ENDS = {"{{<": ">}}", "{{%": "%}}", "{%": "%}"}
_DETAILS = lazy(
    r"<details\b[^>]{0,500}>\s*<summary\b[^>]{0,500}>(.{0,500}?)</summary\s*>(.*?)</details\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = lazy(r"</?([A-Za-z][A-Za-z0-9-]{0,30})(?:\s[^<>]{0,2000})?/?>")
_SCRIPT_TAGS = frozenset(("script", "style"))
"""Kept as written, so shown as the text they are: what they hold is code, not prose."""
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "hr",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "blockquote",
        "section",
        "article",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "nav",
        "pre",
        "dl",
        "dt",
        "dd",
    ]
)
_HEADING_TAG = lazy(r"h([1-6])", re.IGNORECASE)
_ENTITY = lazy(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKDOWN_PUNCTUATION = frozenset("\\`*_{}[]()<>#+-.!|~&")
_BOLD_LINE = lazy(
    r"^ {0,3}(\*\*|__)(?![\s*_])((?:(?!\*\*|__)[^\n]){1,200}?)(?<![\s*_])\1[ \t]*:?[ \t]*$"
)
_HAS_SECTIONS = lazy(r"^ {0,3}##[ \t]", re.MULTILINE)
SPOILER_BLOCK_OPEN = ">!"
SPOILER_BLOCK_CLOSE = "!<"
HIDDEN_INLINE = "*(spoiler hidden)*"


def outside_code(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the text outside fenced code blocks and inline code spans."""
    parts: list[str] = []
    for chunk, is_code in _fenced_parts(text):
        if is_code:
            parts.append(chunk)
            continue
        position = 0
        pieces: list[str] = []
        for span in _CODE_SPAN().finditer(chunk) if "`" in chunk else ():
            pieces.append(change(chunk[position : span.start()]))
            pieces.append(span.group())
            position = span.end()
        pieces.append(change(chunk[position:]))
        parts.append("".join(pieces))
    return "".join(parts)


def fenced_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block in the text."""
    spans: list[tuple[int, int]] = []
    position = 0
    for chunk, is_code in _fenced_parts(text):
        if is_code:
            spans.append((position, position + len(chunk)))
        position += len(chunk)
    return spans


def _fenced_parts(text: str) -> Iterator[tuple[str, bool]]:
    """(chunk, is fenced code) in order; a fence left open runs to the end."""
    if "```" not in text and "~~~" not in text:
        yield text, False
        return
    position = 0
    while True:
        opening = _FENCE().search(text, position)
        if opening is None:
            yield text[position:], False
            return
        yield text[position : opening.start()], False
        marker = opening.group(1)
        close = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.M)
        line_end = text.find("\n", opening.end())
        closing = close.search(text, line_end + 1) if line_end >= 0 else None
        if closing is None:
            yield text[opening.start() :], True
            return
        yield text[opening.start() : closing.end()], True
        position = closing.end()


def plain_markdown(body: str, params: dict[str, str]) -> str:
    """The body with shortcodes, raw HTML and bold-line headings made plain Markdown."""
    if "{{" in body or "{%" in body:
        body = outside_code(body, lambda text: _without_shortcodes(text, params))
    if "[[" in body:
        body = outside_code(body, _wikilinks_as_text)
    if "<" in body or "&" in body:
        if "<details" in body.lower():
            # Whole: a spoiler's text may hold code, and must not be cut at it.
            body = _spoiler_details(body)
        body = outside_code(body, html_as_text)
    if "**" in body or "__" in body:
        body = bold_lines_as_headings(body)
    return body


def _without_shortcodes(text: str, params: dict[str, str]) -> str:
    """Hugo's `{{< … >}}` and `{{% … %}}` and Liquid's `{% … %}` removed (a Liquid comment with
    what it holds); `{{< param X >}}` becomes X's value. Each is found with `str.find` on its
    line, so that unclosed ones cost one pass."""
    out: list[str] = []
    position = 0
    line_end = -1
    unclosed: dict[str, int] = {}
    """Closers known to be missing up to the end of the current line."""
    comments_end = True
    while True:
        start = text.find("{", position)
        if start < 0:
            break
        opener = (
            text[start : start + 3] if text.startswith("{{", start) else text[start : start + 2]
        )
        closer = _SHORTCODE_ENDS.get(opener)
        if start > line_end:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
        if closer is None or unclosed.get(closer) == line_end:
            out.append(text[position : start + 1])
            position = start + 1
            continue
        end = text.find(closer, start + len(opener), line_end)
        if end < 0:
            unclosed[closer] = line_end
            out.append(text[position : start + 1])
            position = start + 1
            continue
        end += len(closer)
        out.append(text[position:start])
        code = text[start:end]
        if param := _PARAM().fullmatch(code):
            out.append(params.get(param.group(1).casefold().removeprefix("params."), ""))
        elif comments_end and _LIQUID_COMMENT().fullmatch(code):
            closing = _LIQUID_END_COMMENT().search(text, end)
            comments_end = closing is not None
            end = closing.end() if closing else end
        position = end
    out.append(text[position:])
    return "".join(out)


def _wikilinks_as_text(text: str) -> str:
    return wikilink_text(text) if "[[" in text else text


def html_as_text(text: str) -> str:
    """Raw HTML as its text: spoiler `<details>` hidden inline, tags removed, entities decoded."""
    if "<" in text:
        if "<!--" in text:
            text = _between(text, "<!--", "-->", lambda inner: "")
        text = _TAG().sub(_tag, text)
    if "&" in text:
        text = _ENTITY().sub(_entity, text)
    return text


def _between(text: str, opener: str, closer: str, change: Callable[[str], str | None]) -> str:
    """Each `opener…closer` span replaced by `change(inner)` (None: left as it is), found with
    `str.find` so that unclosed openers cost one pass, not one pass each."""
    out: list[str] = []
    position = 0
    while True:
        start = text.find(opener, position)
        if start < 0:
            break
        end = text.find(closer, start + len(opener))
        if end < 0:
            break
        replaced = change(text[start + len(opener) : end])
        if replaced is None:
            out.append(text[position : start + 1])
            position = start + 1
            continue
        out.append(text[position:start])
        out.append(replaced)
        position = end + len(closer)
    out.append(text[position:])
    return "".join(out)


def _spoiler_details(body: str) -> str:
    """Each `<details>` block whose summary mentions spoilers, made a hidden spoiler block."""
    lower = body.lower()
    out: list[str] = []
    position = 0
    while True:
        start = lower.find("<details", position)
        end = lower.find("</details", start) if start >= 0 else -1
        close = lower.find(">", end) if end >= 0 else -1
        if close < 0:
            break
        found = _DETAILS().fullmatch(body, start, close + 1)
        out.append(body[position:start])
        out.append(_details(found) if found else body[start : close + 1])
        position = close + 1
    out.append(body[position:])
    return "".join(out)


def _details(match: re.Match[str]) -> str:
    summary, inner = match.group(1), match.group(2)
    if "spoiler" not in summary.casefold():
        return f"{summary}\n\n{inner}"
    inner = inner.strip("\n")
    return f"\n{SPOILER_BLOCK_OPEN}\n{inner}\n{SPOILER_BLOCK_CLOSE}\n"


def _tag(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    if name in _SCRIPT_TAGS:
        return match.group()
    closing = match.group().startswith("</")
    heading = _HEADING_TAG().fullmatch(name)
    if heading:
        return "\n" if closing else "\n\n" + "#" * int(heading.group(1)) + " "
    if name in _BLOCK_TAGS:
        return "\n"
    return ""


def _entity(match: re.Match[str]) -> str:
    import html  # (its table of entities: only for a text that has one)

    decoded = html.unescape(match.group())
    if decoded == match.group():
        return decoded
    # Decoded text is review text too: no control character comes back this way.
    decoded = clean_text(decoded)
    following = match.string[match.end() : match.end() + 40]
    if decoded == "&" and not _ENTITY().match("&" + following):
        return decoded  # "&amp;" alone: an "&" Markdown shows as it is
    return "\\" + decoded if decoded in _MARKDOWN_PUNCTUATION else decoded


def bold_lines_as_headings(body: str) -> str:
    """A paragraph that is one bold line becomes a heading: a section (`##`) when the review has
    no `##` headings of its own, else a heading inside one (`###`)."""
    level = "###" if _HAS_SECTIONS().search(body) else "##"

    def change(text: str) -> str:
        lines = text.split("\n")
        for number, line in enumerate(lines):
            if not (line.startswith(("**", "__", " ")) and _BOLD_LINE().match(line)):
                continue
            before = number == 0 or not lines[number - 1].strip()
            after = number + 1 == len(lines) or not lines[number + 1].strip()
            if before and after:
                found = _BOLD_LINE().match(line)
                assert found is not None
                lines[number] = f"{level} {found.group(2).strip()}"
        return "\n".join(lines)

    return "\n".join(
        chunk if is_code else change(chunk) for chunk, is_code in _split_lines_by_fence(body)
    )


def _split_lines_by_fence(body: str) -> Iterator[tuple[str, bool]]:
    """Like `_fenced_parts`, but each chunk is whole lines (joined again with "\\n")."""
    lines = body.split("\n")
    chunk: list[str] = []
    fence: str | None = None
    for line in lines:
        found = _FENCE().match(line)
        if fence is None and found:
            if chunk:
                yield "\n".join(chunk), False
            chunk, fence = [line], found.group(1)
            continue
        chunk.append(line)
        if (
            found is not None
            and fence is not None
            and found.group(1)[0] == fence[0]
            and len(found.group(1)) >= len(fence)
            and not line.strip().strip(fence[0])
        ):
            yield "\n".join(chunk), True
            chunk, fence = [], None
    if chunk or not lines:
        yield "\n".join(chunk), fence is not None
