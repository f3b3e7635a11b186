"""The review as Markdown, one widget per section, with hidden spoilers kept off the screen.

Each `##` section (and the preamble before the first one) is its own block, so jumping to a
section is scrolling its block to the top, and a hidden spoiler section holds only a
placeholder: its text is in no widget at all. In a huge review a long section (or one huge
paragraph) is shown in parts of about 20,000 characters (`core.parts`), a block each; jumps,
places and the sidebar still count sections (`section_of_item`).

Small parts keep their own state: a jump's `Hold` (reader_hold), the `ShownReporter` that
says when the first screen is shown (reader_shown), the first blocks, mounted and painted
before the rest (reader_first), and the window of a huge review (reader_window), whose growth
is planned by a plain function. A find's matches are marked by reader_matches.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import MountError, Widget
from textual.widgets import Static

from reviewtui.core.model import Review
from reviewtui.core.parts import Part
from reviewtui.tui.widgets.reader_first import FirstBlocks, painted
from reviewtui.tui.widgets.reader_hold import Hold
from reviewtui.tui.widgets.reader_matches import MatchesInPane
from reviewtui.tui.widgets.reader_shown import ShownReporter
from reviewtui.tui.widgets.reader_window import WINDOW_LIMIT
from reviewtui.tui.widgets.safe_text import plain
from reviewtui.tui.widgets.section_block import SectionBlock, replace_plain

if TYPE_CHECKING:
    from textual.widgets import Markdown

__all__ = ["WINDOW_LIMIT", "ReaderPane"]

FIRST_BLOCKS = 2
"""Blocks (the preamble and the first section, mostly) mounted before the rest of a review."""
HUGE_SECTIONS = 60
HUGE_CHARACTERS = 300_000
"""Past either, a review is shown through a window of sections instead of mounted whole."""


class ReaderPane(MatchesInPane):
    """Scrolls through the review's section blocks, centred at a readable width."""

    class SectionReached(Message):
        """Scrolling brought another section to the top of the pane."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class ReviewShown(Message):
        """The review's first screen is mounted and painted (or it is None)."""

        def __init__(self, review: Review | None) -> None:
            super().__init__()
            self.review = review

    class LinkFollowed(Message):
        """A link in the review was clicked: the screen decides what to do with it."""

        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    review: reactive[Review | None] = reactive(None)
    spoilers_shown: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hint = "Press s to reveal it."
        self._message: str | None = None
        """A message shown instead of a review (one that could not be read, say)."""
        self._place_at_width: tuple[int, tuple[int, int] | None] = (0, None)
        """The width the text was last laid out at, and the reader's place at it."""
        self._reported = -1
        self._hold: Hold | None = None
        """A jump in an ordinary review: its section kept at the top while laid out."""
        self._pending_position: tuple[Review, int, int] | None = None
        """A place asked for before the review's blocks were built, applied once they are (to
        that review only)."""
        self._hold_timer: Timer | None = None
        self._items: list[Part] = []
        """The preamble, if any, then the numbered sections (in a huge review, a long one in
        parts): what blocks show, each block one item."""
        self._starts: list[int] = []
        self._lines: list[str] = []
        self._windowed = False
        self._goal: Hold | None = None
        """A jump in a huge review's window: its item kept at the top while laid out."""
        self._anchor: tuple[SectionBlock, int] | None = None
        self._window_timer: Timer | None = None
        self._window_lock = asyncio.Lock()
        self._laying_out: set[Markdown] = set()
        """A jump's Markdown widgets still laying out their text, out of sight."""
        self._text_laid_out: weakref.WeakSet[Markdown] = weakref.WeakSet()
        """Markdown widgets that have laid out their text (some do before a jump asks)."""
        self._laid_out_event = asyncio.Event()
        self._first = FirstBlocks()
        self._swapping = False
        self._building = False
        """The first blocks of a review are mounted, the rest not yet (see `_show_review`)."""
        """A jump's sections are being laid out below the old ones: nothing moves meanwhile."""
        self._shown: ShownReporter[Review] = ShownReporter(self.set_timer, self._report_shown)

    @property
    def windowed(self) -> bool:
        """Whether the review is huge, shown through a window of its sections."""
        return self._windowed

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    async def watch_review(self, review: Review | None) -> None:
        self.workers.cancel_group(self, "window")
        async with self._window_lock:
            try:
                await self._show_review(review)
            except MountError:
                if self.app.return_code is None:  # (not the app ending meanwhile)
                    raise
                return
            finally:
                self._first.mounted(review)  # (shown as a message, say, or windowed)
        # Each Markdown widget lays its text out after it is mounted: the review is shown once
        # the first screen's have (or after a while, whatever happens).
        self._shown.start(
            review,
            [m for block in self.query_children(SectionBlock) for m in block.markdown_widgets()],
        )

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        event.stop()
        self._text_laid_out.add(event.markdown)
        if self._laying_out:
            self._laying_out.discard(event.markdown)
            if not self._laying_out:
                self._laid_out_event.set()
        self._shown.laid_out(event.markdown)
        self.matches_laid_out(event.markdown)

    def _report_shown(self, review: Review | None) -> None:
        self.call_after_refresh(self.post_message, self.ReviewShown(review))

    async def _show_review(self, review: Review | None) -> None:
        await self.remove_children()
        self.release_target()
        self._reported = -1
        self._windowed = False
        self._items = []
        self._anchor = None
        self._find = self._current_match = None
        if self._window_timer is not None:
            self._window_timer.stop()
            self._window_timer = None
        # At once, not on the next refresh: a deferred scroll would be clamped to the old
        # review's height and could leave the new one open deep inside.
        self.scroll_to(y=0, animate=False, immediate=True)
        self._place_at_width = (self._place_at_width[0], None)
        if review is None:
            if self._message is not None:
                await self.mount(Static(plain(self._message), classes="reader-message"))
            return
        self._message = None
        self._lines = review.body.split("\n")
        huge = len(review.top_sections) > HUGE_SECTIONS or len(review.body) > HUGE_CHARACTERS
        self._set_items(self._parts(review, split=huge, shown=self.spoilers_shown))
        if not self._items:
            await self.mount(Static(Content("This review has no text."), classes="reader-message"))
            return
        if huge:
            self._windowed = True
            # A place to resume is where the window opens: the top is not shown on the way.
            pending = self._pending_place()
            first = 0 if pending is None or near_top(pending) else self._first_item(pending[0])
            await self._open_window(min(first, len(self._items) - 1), top=pending is None)
            self._window_timer = self.set_interval(0.05, self._keep_window)
            self._apply_pending_position()
            self._first.mounted(review)
            await self._replace_plain_once_painted(review)  # (reader_window)
            return
        # The first blocks are mounted, and painted, before the rest: the review's first
        # screen does not wait for all of its Markdown. Until the rest are in, the blocks
        # count as not built (`section_blocks`): a jump or a place waits for them. A review
        # opened at a place further in is mounted whole: its top is not to be shown first.
        whole = not near_top(self._pending_place())
        first = min(len(self._items) if whole else FIRST_BLOCKS, len(self._items))
        self._building = True
        try:
            # At the top, the first blocks are shown without markdown-it when they can be.
            firsts = [self._block(item, at_once=True, plain=not whole) for item in range(first)]
            if whole or not all(block.built_at_once for block in firsts[:FIRST_BLOCKS]):
                # No paint waits for them: its top is not its first screen, or their text is
                # built once they are mounted, which mounting them waits for.
                self._first.mounted(review)
            await self.mount_all(firsts)
            self._first.mounted(review)
            shown_plain = [block for block in firsts if block.plain_shown]
            if first < len(self._items) or shown_plain:
                await painted(self)  # the first screen's words come before the rest is built
            if review is not self.review:
                return  # another review (or none) came meanwhile: its own build follows
            await self.mount_all([self._block(item) for item in range(first, len(self._items))])
            await replace_plain(shown_plain)
        finally:
            self._building = False
        self._follow_spoilers()  # (a toggle while they were mounted found no blocks)
        if self._hold is None:  # (`G` meanwhile holds the end)
            self.scroll_to(y=0, animate=False, immediate=True)
        await self._mount_end()

    def _block(self, item: int, at_once: bool = False, plain: bool = False) -> SectionBlock:
        part = self._items[item]
        section = part.section
        hidden = section is not None and section.spoiler and not self.spoilers_shown
        assert self.review is not None
        return SectionBlock(
            self.review,
            section,
            text=part.text,
            hidden=hidden,
            hint=self.hint,
            lines=self._lines,
            item=item,
            spoilers_shown=self.spoilers_shown,
            at_once=at_once and item < FIRST_BLOCKS,
            plain=plain,
        )

    async def first_blocks(self, review: Review, timeout: float) -> bool:
        """Wait until the first blocks of `review` are mounted, `timeout` seconds at most."""
        return await self._first.wait_for(review, timeout)

    async def _mount_end(self) -> None:
        await self.mount(Static(Content("— end of review —"), classes="end-of-review"))
        self.call_after_refresh(self._size_end_spacer)
        self._apply_pending_position()

    def _pending_place(self) -> tuple[int, int] | None:
        pending = self._pending_position
        if pending is None or pending[0] is not self.review:
            return None
        return pending[1], pending[2]

    def _apply_pending_position(self) -> None:
        # Kept until it is applied: until then it is where the reader is (`current_position`).
        pending = self._pending_place()
        if pending is not None:
            self.call_after_refresh(self._scroll_back_to, self.review, *pending)

    def _scroll_back_to(self, review: Review | None, section: int, offset: int) -> None:
        self._pending_position = None
        if review is not None and review is self.review:
            self.scroll_to_position(section, offset)

    async def watch_spoilers_shown(self, shown: bool) -> None:
        blocks = self.section_blocks()
        if not blocks or blocks[0].review is not self.review:
            # Another review is being opened: its blocks are built with the new state.
            return
        if self._windowed and len(
            parts := self._parts(self.review, split=True, shown=shown)
        ) != len(self._items):
            # A long spoiler section is cut into parts only while shown: the window opens again.
            self._replace_items(parts)
            return
        at_top = self.scroll_y < 1
        current = self.current_section()
        self._follow_spoilers()
        if not at_top and not self._windowed:
            # Keep the reader where they were once the blocks have their new heights (if the
            # review is still the one shown by then: another may have been opened meanwhile).
            self.call_after_refresh(self._scroll_back, self.review, current)

    def _scroll_back(self, review: Review | None, section: int) -> None:
        if review is not None and review is self.review:
            self.scroll_to_section(section)

    def show_message(self, text: str) -> None:
        """Replace the review with a message (it stays until another review is shown, even
        if the pane's rebuild for no review comes after it)."""
        self._message = text
        self.call_later(self._show_message)

    async def _show_message(self) -> None:
        async with self._window_lock:
            if self._message is not None and self.review is None:
                await self.remove_children()
                await self.mount(Static(plain(self._message), classes="reader-message"))

    def set_hint(self, hint: str) -> None:
        self.hint = hint
        for block in self.section_blocks():
            block.hint = hint

    def section_blocks(self) -> list[SectionBlock]:
        # A jump in a huge review hides the old window's blocks until they are removed.
        if self._building:
            return []
        return [block for block in self.query_children(SectionBlock) if block.display]

    def _follow_spoilers(self) -> None:
        """Every block as the spoiler toggle now says (a block already so is left alone)."""
        shown = self.spoilers_shown
        for block in self.section_blocks():
            if block.section is not None and block.section.spoiler:
                block.hidden = not shown
            block.spoilers_shown = shown

    def _end_spacer(self) -> Widget | None:
        return next((w for w in self.query_children(".end-of-review") if w.display), None)

    def _numbered_blocks(self) -> list[SectionBlock]:
        """The blocks of the numbered sections; for a review without any, its text (the
        preamble), the one place in it that a place to resume is counted from."""
        blocks = self.section_blocks()
        numbered = [block for block in blocks if block.section is not None]
        return numbered if numbered or self._starts else blocks[:1]

    def on_resize(self) -> None:
        self._size_end_spacer()
        width, place = self._place_at_width
        if (
            width
            and width != self.size.width
            and place is not None
            and self._starts
            and not self._windowed
        ):
            # The text is laid out again at the new width: keep the reader's section at the
            # top rather than the line number that was there.
            # (In the text before section 1: as many lines above its heading.)
            self.call_after_refresh(self._scroll_back_to, self.review, place[0], min(0, place[1]))
        self._place_at_width = (self.size.width, place)

    def _size_end_spacer(self) -> None:
        # Room below the last section, so that every section can be scrolled to the top.
        for spacer in self.query_children(".end-of-review"):
            spacer.styles.height = max(3, self.scrollable_content_region.height - 4)

    # Jumps -------------------------------------------------------------------

    def scroll_to_section(self, index: int, animate: bool = False) -> None:
        self.scroll_to_position(index, 0, animate)

    def scroll_to_position(
        self, section: int, offset: int, animate: bool = False, *, review: Review | None = None
    ) -> None:
        """Bring `offset` lines into section `section` to the top of the pane (once the
        blocks of `review`, by default the current one, are built, when they are not yet)."""
        review = review or self.review
        blocks = self.section_blocks()
        if not blocks or blocks[0].review is not review or review is not self.review:
            if review is not None:
                self._pending_position = (review, section, offset)
            return
        count = len(self._starts)
        if count <= 0 and self._windowed:
            return
        index = max(0, min(section, count - 1))  # (0 in a review without sections: its text)
        # Negative: above section 1's heading, in the text before it (its top at the most).
        offset = offset if index == 0 else max(0, offset)
        if self._windowed:
            self._report(index)
            if offset < 0:
                self._jump(0, 0)  # (the window's first item: the text before section 1)
            else:
                self._jump(self._first_item(index), offset)
            return
        # Markdown lays its blocks out over several refreshes (long reviews take a while), and
        # the text above the target can still grow: keep the section at the top meanwhile.
        self._hold = Hold(index, offset)
        blocks = self._numbered_blocks()
        y = max(0, blocks[index].virtual_region.y + offset)
        self.scroll_to(y=y, animate=animate, immediate=not animate)
        self._report(index)
        if self._hold_timer is None:
            self._hold_timer = self.set_interval(0.05, self._hold_target)

    def _scrolled(self, scroll_y: float) -> None:
        if self._place_at_width[0] == self.size.width and self.section_blocks():
            # (Scrolling caused by a new width is not where the reader was.)
            self._place_at_width = (self.size.width, self.current_position())
        if self._hold is not None and not self._hold.end:
            self._report(self._hold.target)
        elif self._goal is not None:
            self._report(self.section_of_item(self._goal.target))
        else:
            self._report(self.current_section())

    def _report(self, index: int) -> None:
        if index != self._reported:
            self._reported = index
            self.post_message(self.SectionReached(index))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.post_message(self.LinkFollowed(event.href))


def near_top(place: tuple[int, int] | None) -> bool:
    """Whether a review opened at `place` opens at its first blocks: no place, section 1's
    heading, or the text before it."""
    return place is None or (place[0] == 0 and place[1] <= 0)
