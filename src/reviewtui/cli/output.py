"""Rich output of the command line: the index progress bar and search results.

Review text is printed as `Text` with styles, never parsed as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from reviewtui.index import Hit


class IndexProgress:
    """A progress bar on stderr while the index reads files; gone once done."""

    def __init__(self, console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("Indexing reviews"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
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
    text = Text()
    text.append(hit.title, style="bold")
    if hit.section:
        text.append(" · ")
        text.append(hit.section, style="cyan")
    text.append("\n  ")
    snippet = Text(hit.snippet, style="italic" if hit.spoiler else "")
    for start, end in hit.highlights:
        snippet.stylize("bold yellow", start, end)
    text.append_text(snippet)
    text.append("\n  ")
    text.append(str(hit.path), style="dim")
    return text


def print_hits(hits: list[Hit], console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    for number, hit in enumerate(hits):
        if number:
            console.print()
        console.print(hit_text(hit), soft_wrap=False)
