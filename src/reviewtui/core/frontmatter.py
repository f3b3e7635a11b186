"""Front matter at the top of a review: TOML between `+++` lines (Hugo), YAML between `---`
lines (Jekyll, Hugo, Astro, Obsidian…) or a JSON object (Hugo), read into the schema of
`fields`, field by field."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from reviewtui.core.fields import Fields, display_value, merged_params, read_fields
from reviewtui.core.lazy_re import lazy
from reviewtui.core.text import clean_line

FENCE = "+++"
YAML_FENCE = "---"
YAML_END = ("---", "...")
Syntax = Literal["toml", "yaml", "json"]
_LOOKS_LIKE_YAML = lazy(r"^[\"']?[^\s:#\"'][^:\n]*[\"']?:(?:[ \t]|$)", re.MULTILINE)


class FrontMatterError(ValueError):
    """Front matter that cannot be read at all (unclosed, or not TOML, YAML or JSON)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class RawFrontMatter(NamedTuple):
    syntax: Syntax
    source: str
    """The text between the fences (for JSON, the object with its braces)."""

    @property
    def first_line(self) -> int:
        """The file's line (1-based) that the source's first line is."""
        return 1 if self.syntax == "json" else 2


@dataclass
class FrontMatter(Fields):
    data: dict[str, Any] = field(default_factory=dict)
    """The fields as read, `params` merged in."""
    problems: list[tuple[str, int | None]] = field(default_factory=list)
    """Fields that were present but wrong, as (reason, line)."""

    def params(self) -> dict[str, str]:
        """Every field as text by casefolded key, for `{{< param X >}}`."""
        values: dict[str, str] = {}
        budget = [2000]
        for name, value in self.data.items():
            text = display_value(value, budget)
            if text:
                values.setdefault(name.casefold(), text)
        return values


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """TOML only: (front matter or None, body, line where the body starts, 0-based)."""
    raw, body, start = find_front_matter(text)
    if raw is None or raw.syntax != "toml":
        return None, text, 0
    return raw.source, body, start


def find_front_matter(text: str) -> tuple[RawFrontMatter | None, str, int]:
    """(front matter or None, body, line where the body starts, 0-based).

    An unclosed `+++` block is an error; a `---` line that opens no YAML fields (a Markdown
    rule, say) is just the start of the body.
    """
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    opening = first.strip()
    if opening == FENCE:
        found = _closing(text, (FENCE,))
        if found is None:
            raise FrontMatterError("front matter is not closed (no second '+++' line)", 1)
        return RawFrontMatter("toml", found[0]), found[1], found[2]
    if first.rstrip() == YAML_FENCE:
        found = _closing(text, YAML_END)
        if found is None:
            # Fields under the opening line and no closing one: front matter left open.
            if _LOOKS_LIKE_YAML().match(text[end + 1 :] if end >= 0 else ""):
                raise FrontMatterError("front matter is not closed (no second '---' line)", 1)
            return None, text, 0
        if not _LOOKS_LIKE_YAML().search(found[0]):
            return None, text, 0
        return RawFrontMatter("yaml", found[0]), found[1], found[2]
    if opening == "{" or (opening.startswith('{"') and not opening.startswith('{"}')):
        return _json_front_matter(text)
    return None, text, 0


def _closing(text: str, fences: tuple[str, ...]) -> tuple[str, str, int] | None:
    """(source, body, body start line) for the first closing fence line after line 1."""
    position = text.find("\n")
    number = 1
    while position >= 0:
        start = position + 1
        position = text.find("\n", start)
        line = text[start:] if position < 0 else text[start:position]
        if line.strip() in fences:
            source = text[text.find("\n") + 1 : start]
            body = "" if position < 0 else text[position + 1 :]
            return source.removesuffix("\n"), body, number + 1
        number += 1
    return None


def _json_front_matter(text: str) -> tuple[RawFrontMatter, str, int]:
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        raise FrontMatterError(f"invalid JSON front matter: {error.msg}", error.lineno) from error
    source = text[:end]
    rest = text[end:]
    newline = rest.find("\n")
    body = "" if newline < 0 else rest[newline + 1 :]
    return RawFrontMatter("json", source), body, source.count("\n") + 1


def load_data(raw: RawFrontMatter) -> dict[str, Any]:
    """The front matter's fields; FrontMatterError when it is not valid or not fields."""
    if raw.syntax == "toml":
        return _toml(raw.source)
    if raw.syntax == "yaml":
        data: Any = _yaml(raw.source)
    else:
        try:
            data = json.loads(raw.source)
        except (json.JSONDecodeError, RecursionError) as error:
            raise FrontMatterError("invalid JSON front matter", 1) from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"{raw.syntax.upper()} front matter is not a set of fields", 1)
    return {key if isinstance(key, str) else str(key): value for key, value in data.items()}


def _toml(source: str) -> dict[str, Any]:
    import tomllib  # here: a review without TOML front matter is read without it

    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        # Python 3.11's message ends "(at line N, column M)"; newer ones also set lineno.
        found = re.search(r"\(at line (\d+), column \d+\)$", str(error))
        line = int(found.group(1)) if found else getattr(error, "lineno", None)
        if line is None and str(error).endswith("(at end of document)"):
            line = source.rstrip("\n").count("\n") + 1
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(error))
        if message in ("Illegal character '\\n'", "Unterminated string"):
            message = "a quoted string is not closed on its line"
        # Line numbers in the file: the opening +++ is line 1.
        raise FrontMatterError(
            f"invalid TOML front matter: {message}", line + 1 if line else None
        ) from error


def _yaml(source: str) -> Any:
    # Imported here: only YAML front matter pays for it, not every command's start.
    import yaml

    try:
        return yaml.load(source, Loader=_yaml_loader())  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark is not None else None
        problem = clean_line(str(error.problem or error.context or "not valid YAML"))
        raise FrontMatterError(f"invalid YAML front matter: {problem}", line) from error
    except (yaml.YAMLError, ValueError, TypeError) as error:
        raise FrontMatterError("invalid YAML front matter", 2) from error


_LOADER: Any = None


def _yaml_loader() -> Any:
    """PyYAML's safe loader (its C version when built with libyaml), with dates left as the
    text written: a review's `date: 2022-13-45` must not stop it loading."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class Loader(base):  # type: ignore[misc]
            pass

        def as_text(loader: Any, node: Any) -> str:
            return str(loader.construct_scalar(node))

        Loader.add_constructor("tag:yaml.org,2002:timestamp", as_text)
        _LOADER = Loader
    return _LOADER


def parse_front_matter(
    source: str, syntax: Syntax = "toml", *, rating_scale: str = "auto"
) -> FrontMatter:
    """Read and validate the fields; a wrong field is a warning, the others still count."""
    raw = RawFrontMatter(syntax, source)
    data = load_data(raw)
    fields = read_fields(data, rating_scale)
    matter = FrontMatter(**{name: getattr(fields, name) for name in Fields.__dataclass_fields__})
    lines = source.split("\n")
    for key, reason in fields.warnings:
        matter.problems.append((f"field '{key}' {reason}", _line(lines, key, raw.first_line)))
    matter.data = merged_params(data)
    return matter


def _line(lines: list[str], key: str, first_line: int) -> int | None:
    """The file line where `key` is given (`key = …`, `key: …`, `"key": …`), if found."""
    assignment = re.compile(rf"""\s*["']?{re.escape(key)}["']?\s*[=:]""")
    for number, line in enumerate(lines):
        if assignment.match(line):
            return number + first_line
    return None


__all__ = [
    "FENCE",
    "FrontMatter",
    "FrontMatterError",
    "RawFrontMatter",
    "find_front_matter",
    "load_data",
    "parse_front_matter",
    "split_front_matter",
]
