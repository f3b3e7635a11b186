"""Where the reader is in the open review, and in the reviews read before: plain objects that
the reader screen keeps, so that its place survives closing it, and going back works."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.core.model import Review
from reviewtui.store.positions import PositionStore

PLACE_EVERY = 1.0
"""Seconds between two looks at where the reader is, saved when it has changed: a killed
terminal loses at most this much of the place."""

Place = tuple[int, int]
"""(section index, lines into it)."""


class ReadingPlace:
    """The last place seen in the open review, written to the position store when it changed
    (`write`): every second, and when the reader closes, when its widgets are gone."""

    def __init__(self, positions: PositionStore, warn: Callable[[str], None]) -> None:
        self.positions = positions
        self.warn = warn
        self._seen: tuple[Review, int, int, bool, int | None] | None = None
        self._written: tuple[Review, int, int, bool, int | None] | None = None
        self._writing = threading.Lock()

    def note(
        self, review: Review, place: Place, *, at_end: bool = False, percent: int | None = None
    ) -> None:
        """`place`: the text at the top of the screen; `at_end`: the end of the text is on the
        screen too, so the review has been read to its end (the library marks it ✓), however
        short its last section and whatever section the top of the screen is in; `percent`:
        how far in that is, as the header says (the library's read mark says the same)."""
        self._seen = (review, *place, at_end, percent)

    def write(self) -> None:
        """Save the place if it has changed since it was last saved. A save under way in
        another thread is waited for: a place is taken as saved only once it is (the process
        may end as soon as this returns, when its terminal has gone)."""
        with self._writing:
            seen = self._seen
            if seen is None or seen == self._written:
                return
            review, section, offset, at_end, percent = seen
            try:
                saved = self.positions.save(
                    review, section, offset, finished=at_end, percent=percent
                )
            except OSError as error:
                self._written = seen  # (said once, not every second)
                problems = [f"The reading place was not saved: {error}"]
            else:
                self._written = seen
                problems = list(saved.warnings)
        for problem in problems:
            self.warn(problem)

    def saved(self, review: Review) -> Place | None:
        """Where this review was left the last time, if it was."""
        loaded = self.positions.load(review)
        for warning in loaded.warnings:
            self.warn(warning)
        position = loaded.value
        if position is None:
            return None
        return (position.section, round(position.scroll_y))  # (negative: before section 1)


@dataclass
class History:
    """The reviews read before and after the one open, each with the place in it."""

    back: list[tuple[Path, Place]] = field(default_factory=list)
    forward: list[tuple[Path, Place]] = field(default_factory=list)

    def leave(self, here: tuple[Path, Place]) -> None:
        """Another review is opened: this one is where going back returns."""
        self.back.append(here)
        self.forward.clear()

    def go_back(self, here: tuple[Path, Place]) -> tuple[Path, Place] | None:
        if not self.back:
            return None
        self.forward.append(here)
        return self.back.pop()

    def go_forward(self, here: tuple[Path, Place]) -> tuple[Path, Place] | None:
        if not self.forward:
            return None
        self.back.append(here)
        return self.forward.pop()
