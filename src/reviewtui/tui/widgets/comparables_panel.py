"""The review's comparable titles (those in the library can be opened, the others are listed),
then "More like this": other reviews of the library that read alike."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewtui.core.folding import unmarked
from reviewtui.core.model import Review
from reviewtui.index import Entry
from reviewtui.tui.messages import WatchTitle

WATCH_HINT = Content.assemble(Content.styled("b", "bold $accent"), " bookmark or watch")


class ComparablesPanel(OptionList):
    BINDINGS = [
        Binding(
            "b",
            "watch_title",
            "Watch",
            show=False,  # the reader's footer must fit 80 columns: the focused panel's border says it
            id="watch_title",
            tooltip="Bookmark the highlighted title; one not in the library goes on the watchlist",
        )
    ]

    DEFAULT_CSS = """
    ComparablesPanel {
        width: 26;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        padding: 0;
        scrollbar-size-vertical: 1;
        /* A long title is cut with an ellipsis, never wrapped under its mark. */
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ComparablesPanel:focus {
        border: round $accent;
    }
    /* A column between the border and each mark, inside the highlight. */
    ComparablesPanel > .option-list--option {
        padding: 0 0 0 1;
    }
    ComparablesPanel > .option-list--option-disabled {
        color: $text-muted;
    }
    """

    class ComparableChosen(Message):
        """The user chose a comparable title that is in the library."""

        def __init__(self, title: str) -> None:
            super().__init__()
            self.title = title

    class SimilarChosen(Message):
        """The user chose one of the reviews under "More like this"."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    _summary: Content | None = None
    """What the border says while the panel does not have focus."""

    review: reactive[Review | None] = reactive(None)
    library_titles: reactive[frozenset[str]] = reactive(frozenset)
    """The library's titles, as `Catalog.titles` gives them (lower case, without accents)."""
    similar: reactive[tuple[Entry, ...]] = reactive(tuple)
    """Reviews like this one, shown under "More like this"."""

    def on_mount(self) -> None:
        self.border_title = Content("Comparables")

    _listed_for: Review | None = None
    """The review the options were built for."""

    def watch_review(self, review: Review | None) -> None:
        # Listed once the review is on screen (the screen calls `show_comparables`): the
        # options take milliseconds that the review's first paint does not wait for.
        self._listed_for = None
        self.clear_options()
        self._summary = None
        self.border_subtitle = WATCH_HINT if self.has_focus else None

    def show_comparables(self) -> None:
        """Build the list for the current review, if not done yet."""
        if self.review is not None and self._listed_for is not self.review:
            self.rebuild()

    def watch_library_titles(self, titles: frozenset[str]) -> None:
        if self._listed_for is not None:
            self.rebuild()

    def watch_similar(self, similar: tuple[Entry, ...]) -> None:
        if self._listed_for is not None:
            self.rebuild()

    def in_library(self, title: str) -> bool:
        return unmarked(title) in self.library_titles

    def rebuild(self) -> None:
        # The library or the suggestions changed under the reader: the same row stays
        # highlighted, so that Enter still opens what was chosen.
        kept = self.highlighted
        self.clear_options()
        self._listed_for = self.review
        if self.review is None:
            return
        self.call_after_refresh(self._highlight_again, self.review, kept)
        comparables = self.review.comparables
        if not comparables:
            self.add_option(
                Option(Content.styled("No comparable titles", "italic $text-muted"), disabled=True)
            )
            self._summary = None
            self.border_subtitle = WATCH_HINT if self.has_focus else None
            self.add_similar()
            return
        options = []
        for index, title in enumerate(comparables):
            if self.in_library(title):
                label = Content.assemble(Content.styled("→ ", "bold $accent"), Content(title))
                options.append(Option(label, id=f"comparable-{index}"))
            else:
                # Not in the library: it cannot be opened, but it can go on the watchlist.
                label = Content.assemble(
                    Content.styled("· ", "$text-muted"), Content.styled(title, "$text-muted")
                )
                options.append(Option(label, id=f"comparable-{index}"))
        self.add_options(options)
        openable = sum(self.in_library(title) for title in comparables)
        self._summary = Content.assemble(
            Content.styled("→", "bold $accent"), f" {openable} in library"
        )
        self.border_subtitle = WATCH_HINT if self.has_focus else self._summary
        self.add_similar()

    def add_similar(self) -> None:
        if not self.similar:
            return
        heading = Content.styled("More like this", "bold $text-muted")
        self.add_option(Option(heading, id="more-like-this", disabled=True))
        for index, entry in enumerate(self.similar):
            label = Content.assemble(Content.styled("≈ ", "bold $accent"), Content(entry.title))
            self.add_option(Option(label, id=f"similar-{index}"))

    def on_focus(self) -> None:
        self.show_comparables()
        self.highlight_first_openable()
        self.border_subtitle = WATCH_HINT  # its key is not in the footer, which must fit 80

    def on_blur(self) -> None:
        self.border_subtitle = self._summary

    def highlight_first_openable(self) -> None:
        if self.highlighted is not None:
            return
        comparables = self.review.comparables if self.review is not None else []
        openable = [i for i, title in enumerate(comparables) if self.in_library(title)]
        enabled = [i for i in range(self.option_count) if not self.get_option_at_index(i).disabled]
        if openable or enabled:
            self.highlighted = (openable or enabled)[0]

    def _highlight_again(self, review: Review, index: int | None) -> None:
        if index is None or review is not self.review or index >= self.option_count:
            return
        if not self.get_option_at_index(index).disabled:
            self.highlighted = index

    def action_watch_title(self) -> None:
        review, index = self.review, self.highlighted
        if review is None or index is None or index >= len(review.comparables):
            return
        self.post_message(WatchTitle(review.comparables[index], review.title))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        review = self.review
        option_id = event.option.id or ""
        if option_id.startswith("similar-"):
            index = int(option_id.removeprefix("similar-"))
            if index < len(self.similar):
                self.post_message(self.SimilarChosen(self.similar[index].path))
            return
        if review is None or event.option_index >= len(review.comparables):
            return
        self.post_message(self.ComparableChosen(review.comparables[event.option_index]))
