"""The review as Markdown, one widget per section, with hidden spoilers kept off the screen.

Each `##` section (and the preamble before the first one) is its own block, so jumping to a
section is scrolling its block to the top, and a hidden spoiler section holds only a
placeholder: its text is in no widget at all.

A huge review (many sections or megabytes of text) is not mounted whole: the pane holds a
window of consecutive sections around the reader, grown as they scroll and replaced on a jump,
so its first screen and its jumps cost the same as an ordinary review's.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from dataclasses import dataclass
from urllib.parse import urlparse

from textual import events
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Markdown, Static

from reviewtui.core.model import Review, Section
from reviewtui.tui.widgets.section_block import ReviewMarkdown, SectionBlock, preamble

HOLD_SECONDS = 3.0
"""How long a jump at least keeps its section at the top while the blocks above it are still
laid out (it lets go only once the section is there; see `_hold_is_over`)."""

HUGE_SECTIONS = 60
HUGE_CHARACTERS = 300_000
"""Past either, a review is shown through a window of sections instead of mounted whole."""

SHOWN_AFTER = 1.0
"""Seconds after which the review counts as shown even if its text is still being laid out."""

WINDOW_LIMIT = 14
"""The most section blocks a huge review keeps mounted at once."""
LAY_OUT_WAIT = 0.5
"""Seconds a jump waits at most for its sections' text before showing them anyway."""


class ReaderPane(VerticalScroll):
    """Scrolls through the review's section blocks, centred at a readable width."""

    DEFAULT_CSS = """
    ReaderPane {
        width: 1fr;
        height: 1fr;
        align-horizontal: center;
        padding: 0 1;
        scrollbar-gutter: stable;
    }
    ReaderPane > SectionBlock, ReaderPane > .end-of-review, ReaderPane > .reader-message {
        max-width: 92;
    }
    ReaderPane > .end-of-review {
        color: $text-muted;
        text-align: center;
        padding-top: 1;
        height: auto;
    }
    ReaderPane > .reader-message {
        padding: 2 4;
        color: $text-muted;
    }
    ReaderPane Markdown {
        margin: 0;
        padding: 0 1;
    }
    """

    @dataclass
    class SectionReached(Message):
        """Scrolling brought another section to the top of the pane."""

        index: int

    @dataclass
    class ReviewShown(Message):
        """The review's first screen is mounted and painted (or it is None)."""

        review: Review | None

    @dataclass
    class LinkFollowed(Message):
        """A link in the review was clicked: the screen decides what to do with it."""

        href: str

    review: reactive[Review | None] = reactive(None)
    spoilers_shown: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hint = "Press s to reveal it."
        self._reported = -1
        self._target: int | None = None
        self._target_offset = 0
        self._pending_position: tuple[Review, int, int] | None = None
        """A place asked for before the review's blocks were built, applied once they are (to
        that review only)."""
        self._target_until = 0.0
        self._hold_timer: Timer | None = None
        self._items: list[Section | None] = []
        """The preamble (None), if any, then the numbered sections: what blocks show."""
        self._lines: list[str] = []
        self._windowed = False
        self._goal: tuple[int, int] | None = None
        """In a window: the (item, lines into it) a jump keeps at the top while laid out."""
        self._goal_end = False
        self._goal_until = 0.0
        self._anchor: tuple[SectionBlock, int] | None = None
        self._window_timer: Timer | None = None
        self._window_lock = asyncio.Lock()
        self._unshown: set[Markdown] = set()
        """The first screen's Markdown widgets still laying out their text."""
        self._laying_out: set[Markdown] = set()
        """A jump's Markdown widgets still laying out their text, out of sight."""
        self._text_laid_out: weakref.WeakSet[Markdown] = weakref.WeakSet()
        """Markdown widgets that have laid out their text (some do before a jump asks)."""
        self._laid_out_event = asyncio.Event()
        self._swapping = False
        """A jump's sections are being laid out below the old ones: nothing moves meanwhile."""
        self._shown_review: Review | None = None
        self._shown_timer: Timer | None = None

    @property
    def windowed(self) -> bool:
        """Whether the review is huge, shown through a window of its sections."""
        return self._windowed

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    async def watch_review(self, review: Review | None) -> None:
        self.workers.cancel_group(self, "window")
        async with self._window_lock:
            await self._show_review(review)
        # Each Markdown widget lays its text out after it is mounted: the review is shown once
        # the first screen's have (or after a while, whatever happens).
        self._unshown = set(self.query(ReviewMarkdown))
        self._shown_review = review
        if self._shown_timer is not None:
            self._shown_timer.stop()
        self._shown_timer = self.set_timer(SHOWN_AFTER, self._report_shown)
        if not self._unshown:
            self._report_shown()

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        event.stop()
        self._text_laid_out.add(event.markdown)
        if self._laying_out:
            self._laying_out.discard(event.markdown)
            if not self._laying_out:
                self._laid_out_event.set()
        if self._unshown:
            self._unshown.discard(event.markdown)
            if not self._unshown:
                self._report_shown()

    async def _laid_out(self, blocks: list[SectionBlock]) -> None:
        """Wait until the Markdown of these blocks has laid out its text (at most a while)."""
        self._laying_out = {
            markdown
            for block in blocks
            for markdown in block.query(ReviewMarkdown)
            if markdown not in self._text_laid_out
        }
        self._laid_out_event.clear()
        if self._laying_out:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._laid_out_event.wait(), LAY_OUT_WAIT)
        self._laying_out = set()

    def _report_shown(self) -> None:
        self._unshown = set()
        if self._shown_timer is not None:
            self._shown_timer.stop()
            self._shown_timer = None
        self.call_after_refresh(self.post_message, self.ReviewShown(self._shown_review))

    async def _show_review(self, review: Review | None) -> None:
        await self.remove_children()
        self.release_target()
        self._reported = -1
        self._windowed = False
        self._items = []
        self._anchor = None
        if self._window_timer is not None:
            self._window_timer.stop()
            self._window_timer = None
        # At once, not on the next refresh: a deferred scroll would be clamped to the old
        # review's height and could leave the new one open deep inside.
        self.scroll_to(y=0, animate=False, immediate=True)
        if review is None:
            return
        self._lines = review.body.split("\n")
        self._items = [None] if preamble(review, self._lines) else []
        self._items.extend(review.top_sections)
        if not self._items:
            await self.mount(Static(Content("This review has no text."), classes="reader-message"))
            return
        if len(review.top_sections) > HUGE_SECTIONS or len(review.body) > HUGE_CHARACTERS:
            self._windowed = True
            # A place to resume is where the window opens: the top is not shown on the way.
            pending = self._pending_place()
            first = 0 if pending is None else self._base + max(0, pending[0])
            await self._open_window(min(first, len(self._items) - 1))
            self._window_timer = self.set_interval(0.05, self._keep_window)
            self._apply_pending_position()
            return
        await self.mount_all([self._block(item) for item in range(len(self._items))])
        self.scroll_to(y=0, animate=False, immediate=True)
        await self._mount_end()

    def _block(self, item: int) -> SectionBlock:
        section = self._items[item]
        hidden = section is not None and section.spoiler and not self.spoilers_shown
        assert self.review is not None
        return SectionBlock(
            self.review, section, hidden=hidden, hint=self.hint, lines=self._lines, item=item
        )

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

    @property
    def _base(self) -> int:
        """The item of section 0 (1 when a preamble comes first)."""
        return 1 if self._items and self._items[0] is None else 0

    async def watch_spoilers_shown(self, shown: bool) -> None:
        blocks = self.section_blocks()
        if not blocks or blocks[0].review is not self.review:
            # Another review is being opened: its blocks are built with the new state.
            return
        at_top = self.scroll_y < 1
        current = self.current_section()
        for block in blocks:
            if block.section is not None and block.section.spoiler:
                block.hidden = not shown
        if not at_top and not self._windowed:
            # Keep the reader where they were once the blocks have their new heights (if the
            # review is still the one shown by then: another may have been opened meanwhile).
            self.call_after_refresh(self._scroll_back, self.review, current)

    def _scroll_back(self, review: Review | None, section: int) -> None:
        if review is not None and review is self.review:
            self.scroll_to_section(section)

    def show_message(self, text: str) -> None:
        """Replace the review with a message, after any pending rebuild of the blocks."""
        self.call_later(self._show_message, text)

    async def _show_message(self, text: str) -> None:
        await self.remove_children()
        await self.mount(Static(Content(text), classes="reader-message"))

    def set_hint(self, hint: str) -> None:
        self.hint = hint
        for block in self.section_blocks():
            block.hint = hint

    def section_blocks(self) -> list[SectionBlock]:
        # A jump in a huge review hides the old window's blocks until they are removed.
        return [block for block in self.query_children(SectionBlock) if block.display]

    def _end_spacer(self) -> Widget | None:
        return next((w for w in self.query_children(".end-of-review") if w.display), None)

    def _numbered_blocks(self) -> list[SectionBlock]:
        return [block for block in self.section_blocks() if block.section is not None]

    def on_resize(self) -> None:
        self._size_end_spacer()

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
        count = len(self._items) - self._base
        if count <= 0:
            return
        index = max(0, min(section, count - 1))
        offset = max(0, offset)
        if self._windowed:
            self._report(index)
            self._jump(index + self._base, offset)
            return
        # Markdown lays its blocks out over several refreshes (long reviews take a while), and
        # the text above the target can still grow: keep the section at the top meanwhile.
        self._target = index
        self._target_offset = offset
        self._target_until = time.monotonic() + HOLD_SECONDS
        blocks = self._numbered_blocks()
        y = blocks[index].virtual_region.y + offset
        self.scroll_to(y=y, animate=animate, immediate=not animate)
        self._report(index)
        if self._hold_timer is None:
            self._hold_timer = self.set_interval(0.05, self._hold_target)

    def current_position(self) -> tuple[int, int]:
        """(section index, lines into it) of the text at the top of the pane; while a jump or
        a place to resume is still being brought there, that place."""
        pending = self._pending_place()
        if pending is not None:
            return pending
        if self._target is not None:
            return (self._target, self._target_offset)
        if self._goal is not None and not self._goal_end:
            return (max(0, self._goal[0] - self._base), self._goal[1])
        blocks = self.section_blocks()
        if not blocks:
            return (0, 0)
        block = self._block_at(round(self.scroll_y), blocks)
        if block.section is None:
            return (0, 0)
        return (block.item - self._base, max(0, round(self.scroll_y) - block.virtual_region.y))

    def progress(self) -> int:
        """How far into the review the top of the pane is, in percent (by section in a huge
        review, where only a window of it is mounted)."""
        if self._windowed:
            count = len(self._items) - self._base
            return round(100 * (self.current_position()[0] + 1) / max(1, count))
        end = self._end_of_text_y()
        if not end:
            return 100 if self.section_blocks() else 0
        return max(0, min(100, round(100 * self.scroll_y / end)))

    def _block_at(self, y: int, blocks: list[SectionBlock]) -> SectionBlock:
        found = blocks[0]
        for block in blocks:
            if block.virtual_region.y <= y:
                found = block
            else:
                break
        return found

    def _hold_target(self) -> None:
        blocks = self._numbered_blocks()
        target = self._target
        if target is None or target >= len(blocks):
            self.release_target()
            return
        y = blocks[target].virtual_region.y + self._target_offset
        if abs(self.scroll_y - y) >= 1 and y <= self.max_scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)
        if _hold_is_over(self._target_until, reached=abs(self.scroll_y - y) < 1):
            self.release_target()

    def release_target(self) -> None:
        """The reader scrolled by themselves: stop holding the last jump's section."""
        self._target = None
        self._goal = None
        self._goal_end = False
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None

    def action_scroll_down(self) -> None:
        self.release_target()
        super().action_scroll_down()

    def action_scroll_up(self) -> None:
        self.release_target()
        super().action_scroll_up()

    def action_page_down(self) -> None:
        self.release_target()
        super().action_page_down()

    def action_page_up(self) -> None:
        self.release_target()
        super().action_page_up()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.release_target()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.release_target()

    def scroll_to_top_of_text(self) -> None:
        self.release_target()
        if self._windowed:
            self._report(0)
            self._jump(0, 0)
        else:
            self.scroll_home(animate=False)

    def scroll_to_end_of_text(self) -> None:
        self.release_target()
        if self._windowed:
            self._report(len(self._items) - 1 - self._base)
            self._jump(len(self._items) - 1, 0, end=True)
            return
        y = self._end_of_text_y()
        if y is None:
            self.scroll_end(animate=False)
        else:
            self.scroll_to(y=y, animate=False)

    def _end_of_text_y(self) -> int | None:
        end = self._end_spacer()
        if end is None:
            return None
        bottom = end.virtual_region.y + 1
        return max(0, bottom - self.scrollable_content_region.height)

    def current_section(self) -> int:
        """The numbered section at the top of the pane (0 in the preamble)."""
        blocks = self.section_blocks()
        if not blocks:
            return 0
        block = self._block_at(round(self.scroll_y) + 1, blocks)
        return max(0, block.item - self._base)

    def _scrolled(self, scroll_y: float) -> None:
        if self._target is not None:
            self._report(self._target)
        elif self._goal is not None:
            self._report(max(0, self._goal[0] - self._base))
        else:
            self._report(self.current_section())

    def _report(self, index: int) -> None:
        if index != self._reported:
            self._reported = index
            self.post_message(self.SectionReached(index))

    # The window of a huge review ---------------------------------------------

    def _jump(self, item: int, offset: int, *, end: bool = False) -> None:
        self._goal = (item, offset)
        self._goal_end = end
        self._goal_until = time.monotonic() + HOLD_SECONDS
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

    async def _open_window(self, item: int, count: int = 2) -> None:
        """Replace the window by `count` sections from `item` on (a jump, or the first screen)."""
        self._anchor = None
        old = list(self.children)
        # A screenful comes first; more sections follow once it is painted.
        last = min(len(self._items), item + count)
        blocks = [self._block(index) for index in range(item, last)]
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
            self._goal_until = time.monotonic() + HOLD_SECONDS
        # Hidden now and removed after the new window is painted: removing first would
        # delay the jump by the time it takes to unmount a screenful of Markdown.
        for widget in old:
            widget.display = False
        if last == len(self._items):
            await self._mount_end()
        if self._shown_timer is not None and old:
            # A jump before the first screen was laid out: the jump's text, laid out above, is
            # what is shown.
            self._report_shown()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.call_after_refresh(self._hold_position)
        if old:
            self.call_after_refresh(self._discard, old)

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
        if self._goal is not None:
            item, offset = self._goal
            y: int | None = None
            target = next((block for block in blocks if block.item == item), None)
            if self._goal_end:
                y = self._end_of_text_y()
            elif target is not None:
                y = target.virtual_region.y + offset
            if y is not None and abs(self.scroll_y - y) >= 1:
                self.scroll_to(y=y, animate=False, immediate=True)
            self._anchor = None
            reached = y is not None and abs(self.scroll_y - y) < 1
            if not _hold_is_over(self._goal_until, reached=reached):
                return
            # The jump's text is at the top now: from here on it is followed like any other.
            self._goal = None
            self._goal_end = False
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
        blocks = self.section_blocks()
        if not blocks:
            return False
        screen = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        first, last = blocks[0], blocks[-1]
        changed = False
        if last.item < len(self._items) - 1 and last.virtual_region.bottom < top + 3 * screen:
            end = min(len(self._items), last.item + 3)
            await self.mount_all(
                [self._block(item) for item in range(last.item + 1, end)], after=last
            )
            if end == len(self._items):
                await self._mount_end()
            changed = True
        if first.item > 0 and top < 2 * screen:
            await self.mount(self._block(first.item - 1), before=first)
            changed = True
        if len(blocks) > WINDOW_LIMIT:
            far = [
                block
                for block in blocks
                if block.virtual_region.bottom < top - 3 * screen
                or block.virtual_region.y > top + 4 * screen
            ]
            if far:
                await self.remove_children(far)
                changed = True
        return changed

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.post_message(self.LinkFollowed(event.href))


def _hold_is_over(until: float, *, reached: bool) -> bool:
    """Whether a jump's hold, due to end at `until`, may let go of its text.

    It lets go only with its text at the top, so that what follows keeps that text there; a
    target it cannot reach (the text below it still being laid out) is given up after twice
    the time, rather than fighting the reader's scrolling forever.
    """
    now = time.monotonic()
    return now > until and (reached or now > until + HOLD_SECONDS)


def is_web_link(href: str) -> bool:
    return urlparse(href).scheme.lower() in ("http", "https")
