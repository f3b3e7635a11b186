"""The numbered list of a review's sections; the current one follows the reader's scrolling."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewtui.core.model import Review
from reviewtui.core.spoilers import shown_spoilers
from reviewtui.tui.widgets.safe_text import spoiler_safe

SPOILER_MARK = "✱"
SPOILER_STYLE = "bold $warning"


def short_label(title: str) -> str:
    """The label of a heading written "Label: subtitle" (the text keeps the whole heading)."""
    label, colon, rest = title.partition(":")
    if colon and rest.strip() and 0 < len(label.strip()) <= 32:
        return label.strip()
    return title


class SectionSidebar(OptionList):
    """One option per `##` section, spoiler sections marked."""

    DEFAULT_CSS = """
    SectionSidebar {
        width: 30;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0;
        scrollbar-size-vertical: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SectionSidebar:focus {
        border: round $accent;
    }
    /* A column between the border and the section numbers, inside the highlight. */
    SectionSidebar > .option-list--option {
        padding: 0 0 0 1;
    }
    """

    class SectionSelected(Message):
        """The user chose a section (Enter or a click)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    review: reactive[Review | None] = reactive(None)
    section: reactive[int] = reactive(0)
    spoilers_shown: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._built_for: Review | None = None
        """The review the options were built for."""

    def on_mount(self) -> None:
        self.border_title = Content("Sections")
        self.update_legend()

    def update_legend(self) -> None:
        if self.review is not None and self.review.spoiler_titles:
            state = "shown" if self.spoilers_shown else "hidden"
            self.border_subtitle = Content.assemble(
                Content.styled(SPOILER_MARK, SPOILER_STYLE), f" spoiler · {state}"
            )
        else:
            self.border_subtitle = None

    def watch_review(self, review: Review | None) -> None:
        # Listed once the review is on screen (the screen calls `show_sections`): the options
        # take milliseconds that the review's first paint does not wait for.
        self._built_for = None
        self.update_legend()
        self.clear_options()

    def show_sections(self) -> None:
        """Build the list for the current review, if not done yet."""
        if self.review is not None and self._built_for is not self.review:
            self.rebuild()

    def on_focus(self) -> None:
        self.show_sections()

    def watch_spoilers_shown(self, shown: bool) -> None:
        if self.review is not None and self._built_for is self.review:
            self.rebuild()
        else:
            self.update_legend()

    def watch_section(self, index: int) -> None:
        if 0 <= index < self.option_count:
            self.highlighted = index

    def rebuild(self) -> None:
        self.update_legend()
        self.clear_options()
        self._built_for = self.review
        if self.review is None:
            return
        sections = self.review.top_sections
        width = len(str(len(sections)))
        options = []
        for number, section in enumerate(sections, start=1):
            label = [Content.styled(f"{number:>{width}} ", "$text-muted")]
            if section.spoiler:
                # Before the title, so that a long title cannot push the mark out of sight.
                label.append(Content.styled(SPOILER_MARK + " ", SPOILER_STYLE))
            # Hidden before it is shortened: a colon inside a spoiler would cut it open.
            title = shown_spoilers(section.title, self.spoilers_shown)
            label.append(spoiler_safe(short_label(title)))
            options.append(Option(Content.assemble(*label)))
        if not options:
            options.append(
                Option(Content.styled("No sections", "italic $text-muted"), disabled=True)
            )
        self.add_options(options)
        if 0 <= self.section < len(sections):
            self.highlighted = self.section

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # With the list focused, moving its highlight (↑↓ j k Home End PgUp PgDn) moves the
        # review with it, so that the list and the text never disagree.
        event.stop()
        if self.has_focus and event.option_index != self.section:
            self.post_message(self.SectionSelected(event.option_index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.SectionSelected(event.option_index))
