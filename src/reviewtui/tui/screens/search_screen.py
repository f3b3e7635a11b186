"""Full-text search over the library: results as you type, Enter opens the section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reviewtui.index import Hit, ReviewIndex, SearchSyntaxError
from reviewtui.index.query import query_terms
from reviewtui.tui.widgets.safe_text import plain, spoiler_safe

SearchFunction = Callable[[str, int, int], list[Hit]]
"""search(query, limit, offset): the `limit` best hits after the `offset` best."""
PAGE = 25
"""Results fetched at a time: a screenful or two; more follow as the highlight nears the end."""


@dataclass(frozen=True)
class SearchResult:
    """The review and the section (index into its `top_sections`, None: its start) to open."""

    path: Path
    section_index: int | None
    words: tuple[str, ...] = ()
    """The searched words, found in the review it opens."""


def hit_label(hit: Hit) -> Content:
    """Title, section and snippet, styled as Content: review text is never parsed as markup."""
    heading = plain(hit.title, "bold")
    if hit.section:
        heading = Content.assemble(heading, "  ·  ", spoiler_safe(hit.section, "$accent"))
    snippet = Content(hit.snippet)
    if hit.spoiler:
        snippet = snippet.stylize("italic $text-muted")
    for start, end in hit.highlights:
        snippet = snippet.stylize("bold reverse", start, end)
    return Content.assemble(heading, "\n", snippet)


class SearchScreen(ModalScreen[SearchResult | None]):
    """Type to search; Up/Down choose a result; Enter opens it; Esc closes."""

    CSS_PATH = "search_screen.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Close search"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def __init__(self, search: ReviewIndex | SearchFunction, query: str = "") -> None:
        super().__init__()
        self._search: SearchFunction = search.search if isinstance(search, ReviewIndex) else search
        self._initial = query
        self.hits: list[Hit] = []
        self.shown_query: str | None = None
        """The query whose results are on screen."""
        self.more_to_fetch = False
        """The last page of results was full: the query may have more."""
        self._latest = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="search-body") as body:
            body.border_title = Content("Search reviews")
            body.border_subtitle = Content("Enter opens · Esc closes")
            yield Input(
                self._initial,
                placeholder='words, "a phrase", word*, OR, NOT',
                id="search-input",
            )
            yield Static(Content(""), id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).can_focus = False
        if self._initial:
            self.run_search(self._initial)

    @on(Input.Changed, "#search-input")
    def query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        self._latest += 1
        self.more_to_fetch = False
        if not query.strip():
            self.show_results(self._latest, query, [], None, 0)
            return
        self.search_in_background(self._latest, query, 0)

    @work(thread=True, exclusive=True, group="search")
    def search_in_background(self, number: int, query: str, offset: int) -> None:
        try:
            hits, error = self._search(query, PAGE, offset), None
        except SearchSyntaxError as problem:
            hits, error = [], str(problem)
        except Exception as problem:  # noqa: BLE001 - say it on screen; the app goes on
            hits, error = [], f"search failed: {problem}"
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, number, query, hits, error, offset)

    def show_results(
        self, number: int, query: str, hits: list[Hit], error: str | None, offset: int
    ) -> None:
        if number != self._latest:
            return  # a later query was typed meanwhile: its results win
        results = self.query_one("#search-results", OptionList)
        if offset:
            if offset != len(self.hits):
                return  # a page already shown
            self.hits += hits
            results.add_options(Option(hit_label(hit)) for hit in hits)
        else:
            self.hits = hits
            results.set_options(Option(hit_label(hit)) for hit in hits)
            if hits:
                results.highlighted = 0
        self.shown_query = query
        self.more_to_fetch = len(hits) == PAGE
        status = self.query_one("#search-status", Static)
        status.set_class(error is not None, "-error")
        count = len(self.hits)
        if error is not None:
            status.update(plain(error))
        elif not query.strip():
            status.update(Content(""))
        elif not count:
            status.update(Content("No review matches."))
        else:
            more = ", more below" if self.more_to_fetch else ""
            status.update(Content(f"{count} result{'s' if count != 1 else ''}{more}"))

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if not self.hits:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(len(self.hits) - 1, current + step))
        self.fetch_more_when_near_the_end()

    @on(OptionList.OptionHighlighted, "#search-results")
    def fetch_more_when_near_the_end(self) -> None:
        highlighted = self.query_one("#search-results", OptionList).highlighted or 0
        if self.more_to_fetch and self.shown_query and highlighted >= len(self.hits) - 5:
            self.more_to_fetch = False  # one request at a time
            self.search_in_background(self._latest, self.shown_query, len(self.hits))

    @on(Input.Submitted, "#search-input")
    def open_highlighted(self) -> None:
        index = self.query_one("#search-results", OptionList).highlighted
        if index is not None and index < len(self.hits):
            self.open_hit(self.hits[index])

    @on(OptionList.OptionSelected, "#search-results")
    def open_clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.hits):
            self.open_hit(self.hits[event.option_index])

    def open_hit(self, hit: Hit) -> None:
        words = tuple(query_terms(self.shown_query or ""))
        self.dismiss(SearchResult(hit.path, hit.section_index, words))

    def action_close(self) -> None:
        self.dismiss(None)
