"""Moving through the review by its sections: to a section by its number (one or two digits),
to the next or the previous one, to the top or the end of the text. The part of `ReaderScreen`
that moves, as its base class."""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from reviewtui.core.model import Review
from reviewtui.tui.screens.reader_keys import SectionNumbers
from reviewtui.tui.widgets.reader_pane import ReaderPane


class ReaderMoves(Screen[None]):
    review: Review | None
    section: int
    numbers: SectionNumbers

    @property
    def section_count(self) -> int:
        return len(self.review.top_sections) if self.review is not None else 0

    def jump_to(self, index: int) -> None:
        if not self.section_count:
            return
        index = max(0, min(index, self.section_count - 1))
        self.query_one(ReaderPane).scroll_to_section(index)
        self.section = index

    def action_next_section(self) -> None:
        self.jump_to(self.section + 1)

    def action_previous_section(self) -> None:
        self.jump_to(self.section - 1)

    def on_key(self, event: events.Key) -> None:
        active = self.active_bindings.get(event.key)
        self.numbers.typed(event.key, active.binding.action if active else None, event.time)

    def action_jump_to_digit(self, digit: int) -> None:
        number = self.numbers.number(digit, self.section_count)
        if number is None:
            return
        if number > self.section_count:
            self.notify(f"There is no section {number}.", severity="warning", markup=False)
            return
        self.jump_to(number - 1)

    def action_top(self) -> None:
        self.query_one(ReaderPane).scroll_to_top_of_text()

    def action_end(self) -> None:
        self.query_one(ReaderPane).scroll_to_end_of_text()
