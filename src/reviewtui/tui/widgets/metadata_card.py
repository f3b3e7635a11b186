"""A small card of the review's other fields (director, tags, and whatever else its front matter
holds): one line of "Name value" pairs, wrapped. A `[[wikilink]]` shows as its text, and a link
to a review of the library opens it."""

from __future__ import annotations

from pathlib import PurePosixPath

from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import Static

from reviewtui.core.lazy_re import lazy
from reviewtui.core.model import Review
from reviewtui.core.parse import name_and_year
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel

_LINK = lazy(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]|\[([^\[\]]+)\]\(([^()\s]+)\)")
LONG_VALUE = 60
"""Values longer than this (a plot, a description) come last: the short facts are seen first."""


class MetadataCard(Static):
    # At most four lines of fields: the card sums the review up, and must not push it off the
    # screen; the rest scrolls.
    DEFAULT_CSS = """
    MetadataCard {
        height: auto;
        max-height: 6;
        padding: 0 2;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    review: reactive[Review | None] = reactive(None)
    library_titles: reactive[frozenset[str]] = reactive(frozenset)
    """Casefolded titles of the library's reviews."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.links: list[str] = []
        """The library titles the card's links open, by link number."""

    def on_mount(self) -> None:
        self.border_title = Content("Details")
        self.rebuild()

    def watch_review(self) -> None:
        self.rebuild()

    def watch_library_titles(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        review = self.review
        fields = review.card_fields() if review is not None else []
        # The card shows at most a few lines (scrolling for the rest): short facts first.
        fields.sort(key=lambda field: len(field[1]) > LONG_VALUE)
        self.display = bool(fields)
        self.links = []
        parts: list[Content] = []
        for name, value in fields:
            if parts:
                parts.append(Content.styled("  ·  ", "$text-muted"))
            parts.append(Content.styled(f"{name} ", "bold $text-muted"))
            parts.append(self.value_content(value))
        self.update(Content.assemble(*parts) if parts else Content(""))

    def value_content(self, value: str) -> Content:
        """The value's text, its links shown as their text (and clickable when they name a
        review of the library)."""
        pieces: list[Content] = []
        position = 0
        for link in _LINK().finditer(value):
            pieces.append(Content(value[position : link.start()]))
            position = link.end()
            if link.group(1) is not None:
                shown = (link.group(2) or link.group(1)).strip()
                title = self.library_title(link.group(1).strip())
            else:
                shown = link.group(3).strip()
                title = self.library_title(shown) or self.library_title(
                    name_and_year(PurePosixPath(link.group(4).split("#")[0]))[0]
                )
            if title is None:
                pieces.append(Content(shown))
                continue
            action = f"open_link({len(self.links)})"
            self.links.append(title)
            style = Style(underline=True) + Style.from_meta({"@click": action})
            pieces.append(Content.styled(shown, "$accent").stylize(style))
        pieces.append(Content(value[position:]))
        return Content.assemble(*pieces)

    def library_title(self, name: str) -> str | None:
        folded = name.split("#")[0].strip().casefold()
        return folded if folded and folded in self.library_titles else None

    def action_open_link(self, number: int) -> None:
        if 0 <= number < len(self.links):
            # The reader opens a comparable title the same way.
            self.post_message(ComparablesPanel.ComparableChosen(self.links[number]))
