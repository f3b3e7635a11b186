"""The review's comparable titles: those in the library can be opened, the others are listed."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewtui.model import Review


class ComparablesPanel(OptionList):
    DEFAULT_CSS = """
    ComparablesPanel {
        width: 26;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        padding: 0;
        scrollbar-size-vertical: 1;
    }
    ComparablesPanel:focus {
        border: round $accent;
    }
    ComparablesPanel > .option-list--option-disabled {
        color: $text-muted;
    }
    """

    @dataclass
    class ComparableChosen(Message):
        """The user chose a comparable title that is in the library."""

        title: str

    review: reactive[Review | None] = reactive(None)
    library_titles: reactive[frozenset[str]] = reactive(frozenset)
    """Casefolded titles of the library's reviews."""

    def on_mount(self) -> None:
        self.border_title = Content("Comparables")

    def watch_review(self, review: Review | None) -> None:
        self.rebuild()

    def watch_library_titles(self, titles: frozenset[str]) -> None:
        self.rebuild()

    def in_library(self, title: str) -> bool:
        return title.casefold() in self.library_titles

    def rebuild(self) -> None:
        self.clear_options()
        if self.review is None:
            return
        comparables = self.review.comparables
        if not comparables:
            self.add_option(
                Option(Content.styled("No comparable titles", "italic $text-muted"), disabled=True)
            )
            self.border_subtitle = None
            return
        options = []
        for index, title in enumerate(comparables):
            if self.in_library(title):
                label = Content.assemble(Content.styled("→ ", "bold $accent"), Content(title))
                options.append(Option(label, id=f"comparable-{index}"))
            else:
                label = Content.assemble(Content.styled("· ", "$text-muted"), Content(title))
                options.append(Option(label, id=f"comparable-{index}", disabled=True))
        self.add_options(options)
        openable = sum(self.in_library(title) for title in comparables)
        self.border_subtitle = Content.assemble(
            Content.styled("→", "bold $accent"), f" {openable} in library"
        )

    def on_focus(self) -> None:
        self.highlight_first_openable()

    def highlight_first_openable(self) -> None:
        if self.highlighted is not None:
            return
        for index in range(self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        review = self.review
        if review is None or event.option_index >= len(review.comparables):
            return
        self.post_message(self.ComparableChosen(review.comparables[event.option_index]))
