"""A review as Markdown, plain text or a standalone HTML page, for sharing (`show --format`).

Review text is untrusted: the HTML page is built by markdown-it with raw HTML disabled, every
piece of text is escaped, only http(s) and mailto links survive, and a Content-Security-Policy
forbids scripts and remote loads.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import tomli_w
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from rich.cells import cell_len

from reviewtui.core.document import visible_markdown
from reviewtui.core.model import Review
from reviewtui.core.parse import heading_text

FORMATS = ("markdown", "text", "html")
TEXT_WIDTH = 78
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")


def export_review(review: Review, fmt: str, show_spoilers: bool = False) -> str:
    if fmt == "markdown":
        return to_markdown(review, show_spoilers)
    if fmt == "text":
        return to_text(review, show_spoilers)
    if fmt == "html":
        return to_html(review, show_spoilers)
    raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


def shared_body(review: Review, show_spoilers: bool) -> str:
    return visible_markdown(
        review, show_spoilers, f'Run `reviewtui show "{review.title}" --spoilers` to read it.'
    )


def to_markdown(review: Review, show_spoilers: bool = False) -> str:
    """The review file again: TOML front matter from what was read, then the body."""
    fields: dict[str, Any] = {"title": review.title}
    for key in ("year", "kind", "platform", "rating"):
        if getattr(review, key) is not None:
            fields[key] = getattr(review, key)
    for key, values in (
        ("genres", review.genres),
        ("directors", review.directors),
        ("tags", review.tags),
        ("comparables", review.comparables),
        ("spoilers", review.spoiler_titles),
    ):
        if values:
            fields[key] = list(values)
    if review.url:
        fields["url"] = review.url
    for key, text in review.other_fields.items():
        fields.setdefault(key, text)
    body = shared_body(review, show_spoilers).strip("\n")
    return f"+++\n{tomli_w.dumps(fields)}+++\n{body}\n"


def without_title_heading(review: Review, markdown: str) -> str:
    """The body less its first line when that is a level-1 heading repeating the title (the
    exports print the title themselves, with the metadata under it)."""
    lines = markdown.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return markdown
    wanted = review.title.casefold()
    atx = _ATX_H1.match(lines[first])
    if atx and heading_text(atx.group(1)).casefold() == wanted:
        return "\n".join(lines[first + 1 :])
    is_setext = first + 1 < len(lines) and _SETEXT_H1.match(lines[first + 1])
    if is_setext and heading_text(lines[first]).casefold() == wanted:
        return "\n".join(lines[first + 2 :])
    return markdown


def markdown_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.validateLink = lambda url: bool(SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    parser.add_render_rule("image", _image_as_alt_text)
    parser.add_render_rule("link_open", _link_open)
    return parser


def _image_as_alt_text(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # No remote loads from a shared page: an image is shown by its description.
    alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
    return f'<span class="image">[{html.escape(alt)}]</span>' if alt else ""


def _link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    tokens[idx].attrSet("rel", "nofollow noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="reviewtui">
<title>{title}</title>
<style>
body {{ max-width: 46rem; margin: 2rem auto; padding: 0 1rem; font: 1.05rem/1.6 Georgia, serif;
  color: #222; background: #fdfdfb; }}
h1, h2, h3 {{ font-family: system-ui, sans-serif; line-height: 1.25; }}
.meta {{ color: #666; font-family: system-ui, sans-serif; margin-top: -0.5rem; }}
blockquote {{ border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; color: #555; }}
pre {{ overflow-x: auto; background: #f2f2ef; padding: 0.75rem; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.25rem 0.5rem; }}
</style>
</head>
<body>
<article>
<header>
<h1>{title}</h1>
<p class="meta">{meta}</p>
</header>
{body}
</article>
</body>
</html>
"""


def to_html(review: Review, show_spoilers: bool = False) -> str:
    body = without_title_heading(review, shared_body(review, show_spoilers))
    return PAGE.format(
        title=html.escape(review.title),
        meta=html.escape(review.meta_line()),
        body=markdown_parser().render(body).strip("\n"),
    )


def to_text(review: Review, show_spoilers: bool = False, width: int = TEXT_WIDTH) -> str:
    body = without_title_heading(review, shared_body(review, show_spoilers))
    head = underlined(review.title, "=", width)
    if review.meta_line():
        head += wrap_words(review.meta_line(), width)
    tokens = markdown_parser().parse(body)
    return "\n".join(head) + "\n\n" + TextRenderer(width).render(tokens) + "\n"


def wrap_words(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (a word longer than that is cut)."""
    return textwrap.wrap(text, max(width, 1), break_on_hyphens=False) or [""]


def underlined(text: str, mark: str, width: int) -> list[str]:
    """A heading wrapped to `width`, underlined as long as its longest line."""
    lines = wrap_words(text, width)
    return [*lines, mark * max(cell_len(line) for line in lines)]


class TextRenderer:
    """Markdown tokens as plain text: wrapped paragraphs, underlined headings, "- " bullets,
    "> " quotes and indented code; links keep their address in brackets."""

    def __init__(self, width: int = TEXT_WIDTH) -> None:
        self.width = width
        self.lines: list[str] = []
        # Each open container: [prefix of its first line, prefix of the lines after].
        self.stack: list[list[str]] = []
        self.numbers: list[int] = []

    def render(self, tokens: Sequence[Token]) -> str:
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index)
        return "\n".join(line.rstrip() for line in self.lines).strip("\n")

    def _block(self, tokens: Sequence[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            text = inline_text(tokens[index + 1])
            self._gap()
            mark = {"h1": "=", "h2": "-"}.get(token.tag, "~")
            self._emit(underlined(text, mark, self._room()))
            return index + 3
        if kind == "paragraph_open":
            if not token.hidden:
                self._gap()
            self._emit(self._wrap(inline_text(tokens[index + 1])))
            return index + 3
        if kind in ("fence", "code_block"):
            self._gap()
            self._emit(["    " + line for line in token.content.rstrip("\n").split("\n")])
        elif kind == "hr":
            self._gap()
            self._emit(["* * *"])
        elif kind == "blockquote_open":
            self._gap()
            self.stack.append(["> ", "> "])
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if not self.stack or self.stack[-1][0] != self.stack[-1][1]:
                self._gap()
            start = token.attrGet("start")
            self.numbers.append(int(start) if isinstance(start, int | str) else 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.numbers.pop()
        elif kind == "list_item_open":
            marker = "- " if token.markup in "-*+" else f"{self.numbers[-1]}. "
            if marker != "- ":
                self.numbers[-1] += 1
            self.stack.append([marker, " " * len(marker)])
        elif kind in ("blockquote_close", "list_item_close"):
            self.stack.pop()
        elif kind == "table_open":
            return self._table(tokens, index)
        return index + 1

    def _table(self, tokens: Sequence[Token], index: int) -> int:
        rows: list[list[str]] = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                rows[-1].append(inline_text(token))
            index += 1
        widths = [
            max(cell_len(row[c]) for row in rows if c < len(row)) for c in range(len(rows[0]))
        ]
        self._gap()
        if sum(widths) + 3 * (len(widths) - 1) > self._room():
            self._emit(self._table_as_records(rows))
            return index + 1

        def line(cells: list[str]) -> str:
            return " | ".join(
                cell + " " * (w - cell_len(cell)) for cell, w in zip(cells, widths, strict=False)
            ).rstrip()

        self._emit(
            [line(rows[0]), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows[1:]]
        )
        return index + 1

    def _table_as_records(self, rows: list[list[str]]) -> list[str]:
        """A table too wide for the page: each row as "Header: value" lines, rows apart."""
        header, lines = rows[0], list[str]()
        for row in rows[1:]:
            if lines:
                lines.append("")
            for name, cell in zip(header, row, strict=False):
                label = f"{name}: " if name else ""
                wrapped = wrap_words(label + cell, self._room() - 2)
                lines += [wrapped[0]] + ["  " + rest for rest in wrapped[1:]]
        return lines

    def _room(self) -> int:
        return max(self.width - cell_len(self._prefix()), 20)

    def _prefix(self) -> str:
        return "".join(first for first, _ in self.stack)

    def _gap(self) -> None:
        if self.lines and self.lines[-1].strip():
            self.lines.append("".join(rest for _, rest in self.stack).rstrip())

    def _wrap(self, text: str) -> list[str]:
        room = self._room()
        lines: list[str] = []
        for part in text.split("\n"):
            lines += textwrap.wrap(part, room, break_on_hyphens=False) or [""]
        return lines

    def _emit(self, lines: list[str]) -> None:
        for line in lines:
            self.lines.append(self._prefix() + line)
            for entry in self.stack:
                entry[0] = entry[1]


def inline_text(token: Token) -> str:
    """An inline token's words: emphasis dropped, links as "text (address)", images as alt."""
    out: list[str] = []
    href: str | None = None
    start = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
        elif child.type == "link_open":
            value = child.attrGet("href")
            href = value if isinstance(value, str) else None
            start = len(out)
        elif child.type == "link_close" and href is not None:
            if "".join(out[start:]).strip() != href:
                out.append(f" ({href.removeprefix('mailto:')})")
            href = None
    return "".join(out)
