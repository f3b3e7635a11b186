"""The reader's keys: one binding per action, each with an id (for keymaps) and a tooltip."""

from __future__ import annotations

import time
from collections import deque

from textual.binding import Binding, BindingType


def digit_bindings() -> list[Binding]:
    return [
        Binding(
            str(digit),
            f"jump_to_digit({digit})",
            f"Section {digit}",
            show=False,
            id=f"jump_to_digit_{digit}",
            tooltip="Jump to a section by number; two digits typed quickly make 10 and up",
        )
        for digit in range(10)
    ]


READER_BINDINGS: list[BindingType] = [
    Binding("n", "next_section", "Next", id="next_section", tooltip="Next section"),
    Binding(
        "p",
        "previous_section",
        "Prev",
        show=False,
        id="previous_section",
        tooltip="Previous section",
    ),
    Binding(
        "s",
        "toggle_spoilers",
        "Spoilers",
        id="toggle_spoilers",
        tooltip="Reveal or hide the spoiler sections",
    ),
    Binding(
        "b",
        "toggle_bookmark",
        "Bookmark",
        id="toggle_bookmark",
        tooltip="Bookmark this title",
    ),
    Binding(
        "b",
        "unbookmark",
        "Unbookmark",
        id="unbookmark",
        tooltip="Remove the bookmark on this title",
    ),
    # The bookmarks list, as everywhere, but left out of the footer to fit 80 columns.
    Binding("B", "app.bookmarks", "Bookmarks", show=False, id="bookmarks"),
    Binding(
        "c",
        "focus_comparables",
        "Comparables",
        id="focus_comparables",
        tooltip="Show and focus the comparable titles",
    ),
    Binding(
        "t",
        "toggle_sections",
        "Sections",
        show=False,
        id="toggle_sections",
        tooltip="To the section list (shown if hidden); again there, hide it",
    ),
    Binding(
        "escape,left_square_bracket",
        "back",
        "Back",
        id="back",
        tooltip="Back to the review read before (or to the library)",
    ),
    Binding(
        "right_square_bracket",
        "forward",
        "Forward",
        show=False,
        id="forward",
        tooltip="Forward again to the review left by going back",
    ),
    Binding(
        "slash",
        "find",
        "Find",
        id="find",
        tooltip="Find words in this review (as / in less)",
        # Before the key goes to the focused widget: the keys typed in the same burst are then
        # the find's words, not the reader's keys (the find's text box takes "/" as text).
        priority=True,
    ),
    Binding(
        "greater_than_sign",
        "next_match",
        "Match",  # "> Match" beside the find bar's counter; the footer must fit 80 columns
        id="next_match",
        tooltip="Go to the next match of the find",
    ),
    Binding(
        "less_than_sign",
        "previous_match",
        "Prev match",
        show=False,
        id="previous_match",
        tooltip="Go to the previous match of the find",
    ),
    Binding(
        "ctrl+g",
        "app.search",
        "Search all",
        show=False,
        id="search",
        tooltip="Search the text of every review",
    ),
    Binding("l", "library", "Library", show=False, id="library", tooltip="The library"),
    Binding(
        "e",
        "edit",
        "Edit",
        show=False,  # the footer must still fit 80 columns; help and the palette list it
        id="edit",
        tooltip="Edit the review in $VISUAL or $EDITOR",
    ),
    Binding("g,home", "top", "Top", show=False, id="top", tooltip="Top of the review"),
    Binding("G,end", "end", "End", show=False, id="end", tooltip="End of the review"),
    Binding("j", "scroll_down", "Down", show=False, id="scroll_down", tooltip="Scroll down"),
    Binding("k", "scroll_up", "Up", show=False, id="scroll_up", tooltip="Scroll up"),
    *digit_bindings(),
]


DIGIT_WINDOW = 0.8
"""Seconds within which a second digit makes a two-digit section number."""


class SectionNumbers:
    """Digits typed in the reader, turned into section numbers: `1` `2` typed within
    `DIGIT_WINDOW` of each other make 12 (when there is a section 12)."""

    def __init__(self) -> None:
        self._typed: deque[tuple[str, str, float]] = deque(maxlen=32)
        self._pending: tuple[int, float] | None = None

    def typed(self, key: str, action: str | None, when: float) -> None:
        # Keys are timed when typed, not when handled: a busy moment (laying out a long
        # review) must not split "1" "2" into two jumps.
        self._typed.append((key, action or "", when))

    def when_typed(self, action: str) -> float:
        """When the key that runs `action` was typed (now, if it came from elsewhere)."""
        while self._typed:
            _, typed_action, when = self._typed.popleft()
            if typed_action == action:
                return when
        return time.monotonic()

    def number(self, digit: int, count: int) -> int | None:
        """The section number this digit makes, of `count` (None: none yet, or a 0)."""
        now = self.when_typed(f"jump_to_digit({digit})")
        pending, self._pending = self._pending, (digit, now)
        if pending is not None and now - pending[1] <= DIGIT_WINDOW:
            number = pending[0] * 10 + digit
            if 1 <= number <= count:
                self._pending = None
                return number
        return digit or None
