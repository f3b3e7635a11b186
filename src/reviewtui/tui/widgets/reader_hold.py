"""A jump's hold: the place jumped to is kept at the top of the reader while the text above it
is still being laid out (Markdown lays its blocks out over several refreshes, and they grow)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer

if TYPE_CHECKING:
    from reviewtui.tui.widgets.section_block import SectionBlock

HOLD_SECONDS = 3.0
"""How long a jump at least keeps its place at the top (it lets go only once it is there)."""


@dataclass
class Hold:
    """Keep `offset` lines into `target` (a section, or an item of a huge review's window; or
    the end of the text) at the top until `is_over`."""

    target: int
    offset: int = 0
    end: bool = False
    until: float = field(default_factory=lambda: time.monotonic() + HOLD_SECONDS)

    def restart(self) -> None:
        """Count the hold from now (a jump's text shown only now, say)."""
        self.until = time.monotonic() + HOLD_SECONDS

    def is_over(self, *, reached: bool, now: float | None = None) -> bool:
        """Whether the hold may let go of its place.

        It lets go only with its place at the top, so that what follows keeps that text there;
        a place it cannot reach (the text below it still being laid out) is given up after
        twice the time, rather than fighting the reader's scrolling forever.
        """
        now = time.monotonic() if now is None else now
        return now > self.until and (reached or now > self.until + HOLD_SECONDS)


class JumpHolding(VerticalScroll):
    """The part of `ReaderPane` that holds a jump in an ordinary review (`_hold`, checked
    every 20th of a second) and lets go as soon as the reader scrolls by themselves."""

    # Home and End jump where g and G do (to the end of the text, not the room below it).
    BINDINGS = [
        Binding("home", "screen.top", show=False),
        Binding("end", "screen.end", show=False),
    ]

    _hold: Hold | None
    _goal: Hold | None
    _hold_timer: Timer | None

    if TYPE_CHECKING:

        def _numbered_blocks(self) -> list[SectionBlock]: ...

        def _end_of_text_y(self) -> int | None: ...

    def _hold_target(self) -> None:
        hold = self._hold
        if hold is not None and hold.end:
            end = self._end_of_text_y()
            if end is None:  # the review's blocks are still being mounted
                if hold.is_over(reached=False):
                    self.release_target()
                return
            y = end
        else:
            blocks = self._numbered_blocks()
            if hold is None or hold.target >= len(blocks):
                self.release_target()
                return
            y = max(0, blocks[hold.target].virtual_region.y + hold.offset)
        if abs(self.scroll_y - y) >= 1 and y <= self.max_scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)
        if hold.is_over(reached=abs(self.scroll_y - y) < 1):
            self.release_target()

    def release_target(self) -> None:
        """The reader scrolled by themselves: stop holding the last jump's section."""
        self._hold = None
        self._goal = None
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None

    def action_scroll_down(self) -> None:
        self.scroll_down_a_line()

    def scroll_down_a_line(self) -> None:
        """`↓` or `j`: a line down, no further than the end of the text (`stop_at_end`)."""
        self.release_target()
        if not self.stop_at_end(1):
            self.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.release_target()
        super().action_scroll_up()

    def action_page_down(self) -> None:
        self.release_target()
        if not self.stop_at_end(self.scrollable_content_region.height):
            super().action_page_down()

    def stop_at_end(self, lines: int) -> bool:
        """A scroll down by `lines` that would pass the end of the text goes to it, where End
        goes, rather than into the room left below a short last section for a jump to bring
        it to the top (and from that room, no further down). Whether it stopped there."""
        end = self._end_of_text_y()
        if end is None or self.scroll_y + lines <= end:
            return False
        if self.scroll_y < end:
            self.scroll_to(y=end, animate=False)
        return True

    def action_page_up(self) -> None:
        self.release_target()
        super().action_page_up()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.release_target()
        if self.stop_at_end(math.ceil(self.app.scroll_sensitivity_y)):
            event.prevent_default()  # (Textual's own scroll, as many lines down)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.release_target()
