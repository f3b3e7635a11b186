"""Everything the command line prints goes through here, made printable on the way.

Untrusted text (a file name, a title, a config value, an OS error) never reaches the terminal
raw: `say` and `warn` show its control characters as escapes (`\\x1b`), `print_json` escapes
them in its strings, and Rich output is built from `Text` made of printable pieces, never
parsed as markup. Rich itself is imported only by the functions that draw with it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reviewtui.core.text import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from reviewtui.index import Hit

# json escapes C0 controls itself; these it would print raw with ensure_ascii=False. They can
# only occur inside JSON strings, where a \\uXXXX escape means the same character.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def say(line: str) -> None:
    """One line on stdout, made printable (a newline in it is shown as `\\x0a`)."""
    print(printable(line))


def say_fields(fields: Sequence[str]) -> None:
    """One tab-separated line on stdout, each field made printable (its tabs shown too)."""
    print("\t".join(printable(field) for field in fields))


def warn(message: str, details: Sequence[str] = ()) -> None:
    """One line on stderr after "reviewtui: ", then each of `details` indented on its own;
    every line made printable."""
    print("reviewtui: " + printable(message), file=sys.stderr)
    for detail in details:
        print("  " + printable(detail), file=sys.stderr)


def print_json(data: object) -> None:
    sys.stdout.write(safe_json(data) + "\n")


def safe_json(data: object) -> str:
    return _JSON_UNSAFE.sub(_escaped, indented_json(data))


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_array_chunks(items: Iterable[object]) -> Iterator[str]:
    """A JSON array of `items`, as `print_json` writes a list, a piece per item as they come."""
    first = True
    for item in items:
        text = _JSON_UNSAFE.sub(_escaped, indented_json(item, "  "))
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"


# json.dumps with indent= runs its pure-Python encoder (ten times slower than the C one): the
# containers are laid out here, each key and scalar value by the C encoder, to the same text.
_encode_any = json.JSONEncoder(ensure_ascii=False).encode
_encode_str = json.encoder.encode_basestring  # C, as the encoder itself uses for a string


def _encode(value: object) -> str:
    return _encode_str(value) if type(value) is str else _encode_any(value)


_SCALARS = (str, int, float, bool, type(None))


def indented_json(value: object, pad: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, at the C encoder's speed."""
    if isinstance(value, _SCALARS):
        return _encode(value)
    inner = pad + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
        fields = [
            inner
            + _encode_str(k)  # (every key is a string: checked above)
            + ": "
            + (
                _encode_str(v)
                if type(v) is str
                else _encode_any(v)
                if isinstance(v, _SCALARS)
                else indented_json(v, inner)
            )
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(fields) + "\n" + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if all(isinstance(item, _SCALARS) for item in value):
            items = (inner + _encode(item) for item in value)  # a list of words, most often
        else:
            items = (inner + indented_json(item, inner) for item in value)
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return _encode(value)


def safe_text(text: str, style: str = "") -> Text:
    """A Rich Text of `text` made printable: shown as written, never parsed as markup."""
    from rich.text import Text

    return Text(printable(text), style=style)


def console(*, stderr: bool = False) -> Console:
    """A Rich console for command output, which guesses no highlights. Print to it only
    `Text` and renderables made of it (from `safe_text`, or review text cleaned on loading)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def write_document(text: str) -> None:
    """A whole document on stdout (an exported review): its lines and tabs kept, any other
    control character made visible."""
    lines = ("\t".join(printable(part) for part in line.split("\t")) for line in text.split("\n"))
    sys.stdout.write("\n".join(lines))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table of plain cells on stdout. On a terminal, Rich lays it out to the window; into a
    pipe, columns are padded to their widest cell and no line ends in spaces."""
    cells = [[printable(cell) for cell in row] for row in rows]
    if sys.stdout.isatty():
        from rich.table import Table
        from rich.text import Text

        table = Table(box=None, pad_edge=False, header_style="bold")
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in cells:
            table.add_row(*(Text(cell) for cell in row))
        console().print(table)
        return
    from rich.cells import cell_len

    widths = [
        max([cell_len(header)] + [cell_len(row[n]) for row in cells])
        for n, header in enumerate(headers)
    ]
    for row in [list(headers), *cells]:
        padded = [
            cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)
        ]
        print(" ".join(padded).rstrip())


class IndexProgress:
    """A progress bar on stderr while the index reads files; gone once done."""

    def __init__(self, on: Console | None = None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("Indexing reviews"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=on or console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("index", total=None)
        self._progress.start()

    def __call__(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total)

    def stop(self) -> None:
        self._progress.stop()


def hit_text(hit: Hit) -> Text:
    """A search result: title and section, then the snippet with the matched words marked."""
    from rich.text import Text

    text = Text()
    text.append_text(safe_text(hit.title, "bold"))
    if hit.section:
        text.append(" · ")
        text.append_text(safe_text(hit.section, "cyan"))
    text.append("\n  ")
    # Made printable piece by piece, so the marks stay on the words they mark.
    snippet = Text(style="italic" if hit.spoiler else "")
    done = 0
    for start, end in sorted(hit.highlights):
        start = max(start, done)
        if end <= start:
            continue
        snippet.append_text(safe_text(hit.snippet[done:start]))
        snippet.append_text(safe_text(hit.snippet[start:end], "bold yellow"))
        done = end
    snippet.append_text(safe_text(hit.snippet[done:]))
    text.append_text(snippet)
    text.append("\n  ")
    text.append_text(safe_text(str(hit.path), "dim"))
    return text


def print_hits(hits: list[Hit], on: Console | None = None) -> None:
    on = on or console()
    with piped(on):
        for number, hit in enumerate(hits):
            if number:
                on.print()
            on.print(hit_text(hit), soft_wrap=False)


@contextmanager
def piped(on: Console) -> Iterator[None]:
    """Print to `on` as usual on a terminal; piped, without the spaces Rich pads lines with."""
    if on.is_terminal:
        yield
        return
    with on.capture() as captured:
        yield
    sys.stdout.write("\n".join(line.rstrip() for line in captured.get().split("\n")))
