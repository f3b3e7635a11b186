"""Rich output of the command line: the index progress bar and search results.

Review text is printed as `Text` with styles, never parsed as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from reviewtui.index import Hit, RefreshResult, ReviewIndex

# Below this many files to read, a refresh is over before a bar would be seen.
_SHOW_PROGRESS_FROM = 50


def refresh_with_progress(index: ReviewIndex, console: Console | None = None) -> RefreshResult:
    """Refresh the index, with a progress bar on stderr while files are read."""
    console = console or Console(stderr=True)
    progress = Progress(
        TextColumn("Indexing reviews"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("index", total=None)

    def advance(done: int, total: int) -> None:
        if total >= _SHOW_PROGRESS_FROM and not progress.live.is_started:
            progress.start()
        progress.update(task, completed=done, total=total)

    try:
        return index.refresh(advance)
    finally:
        progress.stop()


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
