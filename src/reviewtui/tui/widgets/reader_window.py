"""The window of a huge review: the part of `ReaderPane` that mounts and drops its sections
as the reader scrolls (what to mount and drop is planned by `window_plan.plan_growth`, a plain
function, imported with the first huge review), and the jumps to the top and the end."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from typing import TYPE_CHECKING

from textual.widget import Widget

from reviewtui.core.document import preamble
from reviewtui.core.model import Review, Section
from reviewtui.core.parts import PART_CHARACTERS, Part, review_parts
from reviewtui.tui.widgets.reader_first import painted
from reviewtui.tui.widgets.reader_hold import Hold, JumpHolding
from reviewtui.tui.widgets.reader_shown import ShownReporter
from reviewtui.tui.widgets.section_block import SectionBlock, replace_plain

if TYPE_CHECKING:
    from textual.widgets import Markdown

LAY_OUT_WAIT = 0.5
"""Seconds a jump waits at most for its sections' text before showing them anyway."""

WINDOW_LIMIT = 14
"""The most section blocks a huge review keeps mounted at once."""


class WindowOfSections(JumpHolding):
    """The window of a huge review, the part of `ReaderPane` that shows one: the pane holds a
    window of consecutive sections around the reader, grown as they scroll (`plan_growth`) and
    replaced on a jump, so that its first screen and its jumps cost the same as an ordinary
    review's. The jumps to the top and to the end of the text, windowed or not, are here too."""

    _windowed: bool
    _items: list[Part]
    _starts: list[int]
    """The item where each numbered section begins."""
    _lines: list[str]
    _goal: Hold | None
    """A jump in the window: its item kept at the top while laid out."""
    _anchor: tuple[SectionBlock, int] | None
    _window_lock: asyncio.Lock
    _swapping: bool
    """A jump's sections are being laid out below the old ones: nothing moves meanwhile."""
    _laying_out: set[Markdown]
    """A jump's Markdown widgets still laying out their text, out of sight."""
    _laid_out_event: asyncio.Event
    _text_laid_out: weakref.WeakSet[Markdown]
    """Markdown widgets that have laid out their text (some do before a jump asks)."""
    _shown: ShownReporter[Review]
    _pending_position: tuple[Review, int, int] | None

    if TYPE_CHECKING:
        # What the pane provides.
        review: Review | None

        def section_blocks(self) -> list[SectionBlock]: ...
        def _block(self, item: int, at_once: bool = False, plain: bool = False) -> SectionBlock: ...
        async def _mount_end(self) -> None: ...
        def _end_spacer(self) -> Widget | None: ...
        def _report(self, index: int) -> None: ...
        def _pending_place(self) -> tuple[int, int] | None: ...

    # Items and sections --------------------------------------------------------

    def _parts(self, review: Review, *, split: bool, shown: bool) -> list[Part]:
        """The items of `review`: in a huge one (`split`), a long section is cut into parts
        but for a hidden spoiler section, whose heading alone is shown."""
        return review_parts(
            review,
            self._lines,
            preamble(review, self._lines),
            hidden=lambda section: section.spoiler and not shown,
            limit=PART_CHARACTERS if split else len(review.body) + 1,
        )

    def _set_items(self, items: list[Part]) -> None:
        self._items = items
        self._starts = [
            item
            for item, part in enumerate(items)
            if part.number >= 0 and (item == 0 or items[item - 1].number != part.number)
        ]

    def section_of_item(self, item: int) -> int:
        """The numbered section that item `item` shows, whole or a part of (0: the preamble)."""
        return max(0, self._items[item].number) if 0 <= item < len(self._items) else 0

    def _first_item(self, section: int) -> int:
        """The item where numbered section `section` begins."""
        return self._starts[max(0, min(section, len(self._starts) - 1))] if self._starts else 0

    def _block_at(self, y: int, blocks: list[SectionBlock]) -> SectionBlock:
        found = blocks[0]
        for block in blocks:
            if block.virtual_region.y <= y:
                found = block
            else:
                break
        return found

    def _item_at_top(self) -> int:
        if self._goal is not None:
            return self._goal.target
        blocks = self.section_blocks()
        return self._block_at(round(self.scroll_y), blocks).item if blocks else 0

    def _lines_into_section(self, block: SectionBlock, blocks: list[SectionBlock]) -> int:
        """Lines from the top of `block`'s section to the top of the pane: counted from its
        first part mounted (in a huge review, the parts before it may not be)."""
        first = next(b for b in blocks if b.section is block.section)
        return max(0, round(self.scroll_y) - first.virtual_region.y)

    def _replace_items(self, items: list[Part]) -> None:
        """New items for the same review: the window opens again at the top of the section
        the reader is in (or the preamble)."""
        section = self._items[self._item_at_top()].section if self._items else None
        self.run_worker(self._reopen(items, section), group="window", exclusive=True)

    async def _reopen(self, items: list[Part], section: Section | None) -> None:
        async with self._window_lock:
            self._set_items(items)
            item = next((i for i, part in enumerate(items) if part.section is section), 0)
            self._goal = Hold(item, 0)
            await self._open_window(item)

    # Where the reader is ---------------------------------------------------------

    def current_position(self) -> tuple[int, int]:
        """(section index, lines into it) of the text at the top of the pane; while a jump or
        a place to resume is still being brought there, that place."""
        pending = self._pending_place()
        if pending is not None:
            return pending
        if self._hold is not None and not self._hold.end:
            return (self._hold.target, self._hold.offset)
        if self._goal is not None and not self._goal.end:
            return (self.section_of_item(self._goal.target), self._goal.offset)
        blocks = self.section_blocks()
        if not blocks:
            return (0, 0)
        block = self._block_at(round(self.scroll_y), blocks)
        if block.section is None:
            # A review without sections: the lines read. Before the first section (the title,
            # a preface): the lines above its heading, as a negative offset into it.
            if not self._starts and not self._windowed:
                return (0, self._lines_into_section(block, blocks))
            first = next((b for b in blocks if b.section is not None), None)
            if first is None:
                return (0, 0)
            return (0, min(0, round(self.scroll_y) - first.virtual_region.y))
        return (self.section_of_item(block.item), self._lines_into_section(block, blocks))

    def progress(self) -> int:
        """How far into the review the top of the pane is, in percent (by section in a huge
        review, where only a window of it is mounted)."""
        if self._windowed:
            return round(100 * (self._item_at_top() + 1) / max(1, len(self._items)))
        end = self._end_of_text_y()
        if not end:
            return 100 if self.section_blocks() else 0
        return max(0, min(100, round(100 * self.scroll_y / end)))

    def current_section(self) -> int:
        """The numbered section at the top of the pane (0 in the preamble)."""
        blocks = self.section_blocks()
        if not blocks:
            return 0
        return self.section_of_item(self._block_at(round(self.scroll_y) + 1, blocks).item)

    # The top and the end of the text -------------------------------------------

    def end_in_view(self) -> bool:
        """Whether the end of the text is on the screen, laid out: read to its end."""
        end = self._end_of_text_y()
        return end is not None and not self._shown.waiting and self.scroll_y >= end

    def scroll_to_top_of_text(self) -> None:
        self.release_target()
        self._pending_position = None  # (the reader's own jump comes after a place asked for)
        if self._windowed:
            self._report(0)
            self._jump(0, 0)
        else:
            self.scroll_home(animate=False)

    def scroll_to_end_of_text(self) -> None:
        self.release_target()
        self._pending_position = None
        if self._windowed:
            self._report(self.section_of_item(len(self._items) - 1))
            self._jump(len(self._items) - 1, 0, end=True)
            return
        y = self._end_of_text_y()
        if y is None:
            self.scroll_end(animate=False)
        else:
            self.scroll_to(y=y, animate=False)
        # Kept there while the text is still being built and laid out (`G` as it opens).
        self._hold = Hold(0, end=True)
        if self._hold_timer is None:
            self._hold_timer = self.set_interval(0.05, self._hold_target)

    def _end_of_text_y(self) -> int | None:
        end = self._end_spacer()
        if end is None:
            return None
        bottom = end.virtual_region.y + 1
        return max(0, bottom - self.scrollable_content_region.height)

    # The window ----------------------------------------------------------------

    async def _laid_out(self, blocks: list[SectionBlock]) -> None:
        """Wait until the Markdown of these blocks has laid out its text (at most a while)."""
        self._laying_out = {
            markdown
            for block in blocks
            for markdown in block.markdown_widgets()
            if markdown not in self._text_laid_out
        }
        self._laid_out_event.clear()
        if self._laying_out:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._laid_out_event.wait(), LAY_OUT_WAIT)
        self._laying_out = set()

    def _jump(self, item: int, offset: int, *, end: bool = False) -> None:
        self._goal = Hold(item, offset, end=end)
        self._anchor = None
        mounted = {block.item for block in self.section_blocks()}
        if item in mounted and (not end or self._end_spacer() is not None):
            self._hold_position()
            return
        # The end needs only the last section at first: those above follow once it is painted.
        count = 1 if end else 2
        self.run_worker(self._open_window_locked(item, count), group="window", exclusive=True)

    async def _open_window_locked(self, item: int, count: int) -> None:
        async with self._window_lock:
            await self._open_window(item, count)

    async def _open_window(self, item: int, count: int = 2, *, top: bool = False) -> None:
        """Replace the window by `count` sections from `item` on (a jump, or the first screen).
        At the `top` of the review, its first blocks are shown without markdown-it when they
        can be (`SectionBlock`'s `plain`), as a review that is not huge shows them."""
        self._anchor = None
        old = list(self.children)
        # A screenful comes first; more sections follow once it is painted.
        last = min(len(self._items), item + count)
        blocks = [self._block(index, at_once=top, plain=top) for index in range(item, last)]
        # A jump mounts the new sections below the old ones, out of sight, and shows them in
        # their place once their Markdown has laid out its text: shown at once, they would be
        # painted empty, then in part, each paint a screenful of work before the text arrives.
        self._swapping = bool(old)
        try:
            await self.mount_all(blocks)
            if old:
                await self._laid_out(blocks)
        finally:
            self._swapping = False
        if old and self._goal is not None:
            # The jump's hold counts from when its text is shown, not from the key.
            self._goal.restart()
        # Hidden now and removed after the new window is painted: removing first would
        # delay the jump by the time it takes to unmount a screenful of Markdown.
        for widget in old:
            widget.display = False
        if last == len(self._items):
            await self._mount_end()
        if self._shown.waiting and old:
            # A jump before the first screen was laid out: the jump's text, laid out above, is
            # what is shown.
            self._shown.report_now()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.call_after_refresh(self._hold_position)
        if old:
            self.call_after_refresh(self._discard, old)

    async def _replace_plain_once_painted(self, review: Review) -> None:
        """Once the window's first screen is painted, Markdown takes the place of its plain
        text, as it does in a review that is not huge."""
        shown_plain = [block for block in self.query_children(SectionBlock) if block.plain_shown]
        if not shown_plain:
            return
        await painted(self)
        if review is self.review:
            await replace_plain(shown_plain)

    async def _discard(self, widgets: list[Widget]) -> None:
        await self.remove_children([w for w in widgets if w.parent is self])

    async def _keep_window(self) -> None:
        if not self._windowed:
            return
        self._hold_position()
        if self._window_lock.locked():
            return
        async with self._window_lock:
            if await self._grow_window():
                self.call_after_refresh(self._hold_position)

    def watch_virtual_size(self) -> None:
        # Called as the layout changes, before it is painted: text mounted or laid out above
        # the reader is made up for at once, rather than shown for a moment.
        if self._windowed:
            self._hold_position()

    def _hold_position(self) -> None:
        """Keep a jump's target at the top, or else the text the reader is looking at."""
        if self._swapping:
            return
        blocks = self.section_blocks()
        if not blocks:
            return
        goal = self._goal
        if goal is not None:
            y: int | None = None
            target = next((block for block in blocks if block.item == goal.target), None)
            if goal.end:
                y = self._end_of_text_y()
            elif target is not None:
                y = target.virtual_region.y + goal.offset
            if y is not None and abs(self.scroll_y - y) >= 1:
                self.scroll_to(y=y, animate=False, immediate=True)
            self._anchor = None
            reached = y is not None and abs(self.scroll_y - y) < 1
            if not goal.is_over(reached=reached):
                return
            # The jump's text is at the top now: from here on it is followed like any other.
            self._goal = None
            if target is not None:
                # Even before its text is laid out (of no height yet), it is what to follow.
                self._anchor = (target, target.virtual_region.y)
                return
        if round(self.scroll_y) == 0 and blocks[0].item == 0:
            # At the top of the review nothing is above the reader: the top stays the top,
            # however the first sections' heights change while their text is laid out.
            self._anchor = None
            return
        if self._anchor is not None:
            # Sections mounted or removed above the reader moved the text: follow it.
            block, was = self._anchor
            now = block.virtual_region.y
            if block.parent is self and now != was:
                self.scroll_to(y=self.scroll_y + now - was, animate=False, immediate=True)
        top_y = round(self.scroll_y)
        # The block the reader is looking at, not one not yet laid out (of no height) there;
        # failing that, the first one below, which moves with whatever is mounted above.
        shown = [b for b in blocks if b.virtual_region.y <= top_y < b.virtual_region.bottom]
        shown = shown or [b for b in blocks if b.virtual_region.y >= top_y]
        self._anchor = (shown[0], shown[0].virtual_region.y) if shown else None

    async def _grow_window(self) -> bool:
        """Mount the sections the reader is about to reach and drop far ones; True if changed."""
        from reviewtui.tui.widgets.window_plan import Span, plan_growth

        blocks = self.section_blocks()
        spans = [Span(b.item, b.virtual_region.y, b.virtual_region.bottom) for b in blocks]
        growth = plan_growth(
            spans, round(self.scroll_y), self.scrollable_content_region.height, len(self._items)
        )
        if growth.below:
            await self.mount_all([self._block(item) for item in growth.below], after=blocks[-1])
            if growth.below[-1] == len(self._items) - 1:
                await self._mount_end()
        if growth.above is not None:
            await self.mount(self._block(growth.above), before=blocks[0])
        if growth.far:
            await self.remove_children([b for b in blocks if b.item in growth.far])
        return growth.changes
