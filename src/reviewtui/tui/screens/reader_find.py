"""Find in the open review, the part of `ReaderScreen` that runs it: `/` opens the find bar,
the matches are found in a worker (a huge review is never searched on the UI thread), marked
in the pane, and stepped through with `>` `<` (`n` and `p` stay the section keys). A library
search opens its result with the searched words found the same way."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work

from reviewtui.core.document import shown_part
from reviewtui.core.find import (
    FindQuery,
    Match,
    counter,
    find_matches,
    first_at_or_after,
    search_words_query,
    typed_query,
)
from reviewtui.core.model import Review
from reviewtui.core.parts import Part
from reviewtui.tui.screens.reader_panels import ReaderPanels
from reviewtui.tui.widgets.find_bar import FindBar, FindInput
from reviewtui.tui.widgets.reader_pane import ReaderPane

FIND_ACTIONS = frozenset({"find", "next_match", "previous_match", "end_find"})


class ReaderFind(ReaderPanels):
    review: Review | None
    spoilers_shown: bool
    _find: FindQuery | None = None
    _matches: Sequence[Match] = ()
    _current: int | None = None
    _landing: FindQuery | None = None
    """A library search's words, found once the review they open is shown."""
    _origin: int | None = None
    """The item the reader was at when the bar opened: each letter typed finds from there, so
    that the view does not drift down with every letter."""

    @property
    def finding(self) -> bool:
        return self._find is not None

    def find_allows(self, action: str) -> bool:
        """Whether a find key acts now: they are only shown while a find is on, and `/` is
        not taken from the find's own text box (where it is text)."""
        if action == "find":
            return not isinstance(self.focused, FindInput)
        return self.finding

    async def action_find(self) -> None:
        bar = self.query_one(FindBar)
        self._origin = self.query_one(ReaderPane).item_at_top()
        await bar.open(None if bar.display else "")
        self.show_count()

    def land_on_words(self, terms: Sequence[str]) -> None:
        """Find these words (a library search's) once the review now opening is shown."""
        self._landing = search_words_query(terms)

    def review_opened(self) -> None:
        """Another review (or the same one again) is shown: a find on it starts afresh, except
        the words of a search that opened it, which are found from the section it opened at."""
        landing, self._landing = self._landing, None
        if landing is not None:
            self.start_find(landing, jump=True)
            self.call_later(self.show_landing, landing.shown)
        elif self._find is not None:
            self.start_find(self._find, jump=False)

    async def show_landing(self, words: str) -> None:
        """The find bar with a library search's words in it, and the reader still reading."""
        await self.query_one(FindBar).open(words)
        self.show_count()
        self.query_one(ReaderPane).focus()

    def watch_spoilers_shown(self) -> None:
        # Revealed, the spoiler sections are searched too; hidden again, they are not.
        if self._find is not None:
            self.start_find(self._find, jump=False)

    @on(FindBar.Changed)
    def find_typed(self, event: FindBar.Changed) -> None:
        self.start_find(typed_query(event.text), jump=True, at=self._origin)

    @on(FindBar.Step)
    def find_step(self, event: FindBar.Step) -> None:
        # Enter reads on from the match typing went to (as less does); with none current (the
        # find run again after `s`, say), from the next one.
        if not event.leave or self._current is None:
            self.step(event.forward)
        if event.leave:
            self.query_one(ReaderPane).focus()

    @on(FindBar.Ended)
    def find_ended(self) -> None:
        self.action_end_find()

    def action_next_match(self) -> None:
        self.step(True)

    def action_previous_match(self) -> None:
        self.step(False)

    def action_end_find(self) -> None:
        """Unmark the matches, hide the bar and go back to reading."""
        self.start_find(None, jump=False)
        bar = self.query_one(FindBar)
        bar.display = False
        self.query_one(ReaderPane).focus()

    def start_find(self, query: FindQuery | None, *, jump: bool, at: int | None = None) -> None:
        """Find `query` (None: end the find) in the review; with `jump`, go to the first match
        from item `at` (by default where the reader is)."""
        if (query is None) != (self._find is None):
            self.refresh_bindings()  # the match keys come and go (the footer is rebuilt)
        self._find = query
        self._matches = ()
        self._current = None
        pane = self.query_one(ReaderPane)
        if query is None or self.review is None:
            pane.show_matches(None)
            self.show_count()
            return
        items, lines = pane.finding_in()
        at = pane.item_at_top() if at is None else at
        self.find_in_background(self.review, items, lines, query, at, jump)

    @work(thread=True, exclusive=True, group="find")
    def find_in_background(
        self,
        review: Review,
        items: list[Part],
        lines: list[str],
        query: FindQuery,
        at: int,
        jump: bool,
    ) -> None:
        shown = self.spoilers_shown
        texts = [shown_part(review, part, lines, shown) for part in items]
        matches = find_matches(texts, query)
        self.app.call_from_thread(self.found, review, items, shown, query, matches, at, jump)

    def found(
        self,
        review: Review,
        items: list[Part],
        spoilers_shown: bool,
        query: FindQuery,
        matches: list[Match],
        at: int,
        jump: bool,
    ) -> None:
        if review is not self.review or query is not self._find:
            return  # another review, or another find, since
        shown_now = self.query_one(ReaderPane).finding_in()[0]
        if spoilers_shown != self.spoilers_shown or items is not shown_now:
            self.start_find(query, jump=jump, at=at)  # the pane's items changed meanwhile
            return
        self._matches = matches
        self._current = first_at_or_after(matches, at) if jump else None
        self.show_current()

    def step(self, forward: bool) -> None:
        matches = self._matches
        if not matches:
            self.show_count()
            return
        if self._current is None:
            at = self.query_one(ReaderPane).item_at_top()
            first = first_at_or_after(matches, at) or 0
            self._current = first if forward else (first - 1) % len(matches)
        else:
            self._current = (self._current + (1 if forward else -1)) % len(matches)
        self.show_current()

    def show_current(self) -> None:
        pane = self.query_one(ReaderPane)
        current = None
        if self._current is not None and self._current < len(self._matches):
            match = self._matches[self._current]
            current = (match.item, match.nth)
        pane.show_matches(self._find, current)
        self.show_count()

    def show_count(self) -> None:
        bar = self.query_one(FindBar)
        if self._find is None:
            bar.show_count("")
            return
        count = counter(self._matches, self._current)
        if not self._matches and not self.spoilers_shown and self.review_has_hidden_text():
            count += " (spoilers hidden)"
        bar.show_count(count)

    def review_has_hidden_text(self) -> bool:
        review = self.review
        return review is not None and (review.has_spoilers or bool(review.inline_spoilers))
