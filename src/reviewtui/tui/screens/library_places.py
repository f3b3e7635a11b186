"""The library's read marks: each review's reading place, read from its small file once the
screen is painted, and again each time it is shown (back from reading, places have moved on).
The part of `LibraryScreen` that reads them, as its base class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from reviewtui.store.positions import Position, PositionStore
from reviewtui.tui.screens.library_status import LibraryStatus


class LibraryPlaces(LibraryStatus):
    positions: PositionStore | None
    """Where each review was left, read (never written) for the read marks."""

    if TYPE_CHECKING:

        def populate(self) -> None: ...

    def on_screen_resume(self) -> None:
        # Shown, or back from the reader (what was read has moved on): the places are read
        # again once the screen is painted, which their worker's thread would slow.
        self.call_after_refresh(self.read_places)

    @work(thread=True, exclusive=True, group="places")
    def read_places(self) -> None:
        """Read the saved reading places (one small file) off the UI thread."""
        if self.positions is None:
            return
        try:
            places = self.positions.all_places()
        except OSError:
            return  # no read marks; the reader reports trouble with the file
        self.app.call_from_thread(self.places_read, places)

    def know_places(self, places: dict[str, Position]) -> None:
        """The reading places, read before the screen is shown (its first rows have their
        read marks)."""
        self.view.places = places

    def places_read(self, places: dict[str, Position]) -> None:
        if places != self.view.places:
            self.view.places = places
            self.populate()
