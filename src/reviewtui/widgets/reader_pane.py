"""The review as Markdown, one widget per section, with hidden spoilers kept off the screen.

Each `##` section (and the preamble before the first one) is its own block, so jumping to a
section is scrolling its block to the top, and a hidden spoiler section holds only a
placeholder: its text is in no widget at all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlparse

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Markdown, Static

from reviewtui.model import Review, Section

HOLD_SECONDS = 3.0
"""How long a jump keeps its section at the top while the blocks above it are still laid out."""


class ReviewMarkdown(Markdown):
    """Markdown whose links are never opened by the widget itself (the pane decides)."""

    def __init__(self, markdown: str, *, classes: str | None = None) -> None:
        super().__init__(markdown, classes=classes, open_links=False)


class SectionBlock(Vertical):
    """One top section of the review (index None for the preamble)."""

    DEFAULT_CSS = """
    SectionBlock {
        height: auto;
    }
    SectionBlock > .spoiler-placeholder {
        margin: 0 2 1 2;
        padding: 1 2;
        border: round $warning;
        color: $text-muted;
    }
    """

    hidden: reactive[bool] = reactive(False, recompose=True)

    def __init__(self, review: Review, section: Section | None, *, hidden: bool, hint: str) -> None:
        super().__init__()
        self.review = review
        self.section = section
        self.hint = hint
        self.set_reactive(SectionBlock.hidden, hidden)

    def markdown(self) -> str:
        if self.section is None:
            return preamble(self.review)
        return self.review.section_text(self.section)

    def compose(self) -> ComposeResult:
        if not self.hidden or self.section is None:
            yield ReviewMarkdown(self.markdown())
            return
        # Only the heading line of a hidden section reaches a widget.
        heading = self.review.body.split("\n")[self.section.start_line]
        yield ReviewMarkdown(heading)
        yield Static(
            Content.assemble(
                Content.styled("Spoiler section hidden. ", "bold $warning"),
                Content(self.hint),
            ),
            classes="spoiler-placeholder",
        )


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
        self._pending_position: tuple[int, int] | None = None
        self._target_until = 0.0
        self._hold_timer: Timer | None = None

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    async def watch_review(self, review: Review | None) -> None:
        await self.remove_children()
        self.release_target()
        self._reported = -1
        self.scroll_home(animate=False)
        if review is None:
            return
        blocks: list[SectionBlock] = []
        if preamble(review):
            blocks.append(SectionBlock(review, None, hidden=False, hint=self.hint))
        for section in review.top_sections:
            blocks.append(
                SectionBlock(
                    review,
                    section,
                    hidden=section.spoiler and not self.spoilers_shown,
                    hint=self.hint,
                )
            )
        if not blocks:
            await self.mount(Static(Content("This review has no text."), classes="reader-message"))
            return
        await self.mount_all(blocks)
        await self.mount(Static(Content("— end of review —"), classes="end-of-review"))
        self.call_after_refresh(self._size_end_spacer)
        pending, self._pending_position = self._pending_position, None
        if pending is not None:
            self.call_after_refresh(self.scroll_to_position, *pending)

    async def watch_spoilers_shown(self, shown: bool) -> None:
        blocks = self.section_blocks()
        if not blocks:
            return
        at_top = self.scroll_y < 1
        current = self.current_section()
        for block in blocks:
            if block.section is not None and block.section.spoiler:
                block.hidden = not shown
        if not at_top:
            # Keep the reader where they were once the blocks have their new heights.
            self.call_after_refresh(self.scroll_to_section, current, False)

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
        return list(self.query_children(SectionBlock))

    def _numbered_blocks(self) -> list[SectionBlock]:
        return [block for block in self.section_blocks() if block.section is not None]

    def on_resize(self) -> None:
        self._size_end_spacer()

    def _size_end_spacer(self) -> None:
        # Room below the last section, so that every section can be scrolled to the top.
        for spacer in self.query_children(".end-of-review"):
            spacer.styles.height = max(3, self.scrollable_content_region.height - 4)

    def scroll_to_section(self, index: int, animate: bool = False) -> None:
        blocks = self._numbered_blocks()
        if not blocks:
            return
        index = max(0, min(index, len(blocks) - 1))
        self.scroll_to(y=blocks[index].virtual_region.y, animate=animate, immediate=not animate)
        self._report(index)
        self._target_offset = 0
        # Markdown lays its blocks out over several refreshes (long reviews take a while), and
        # the text above the target can still grow: keep the section at the top meanwhile.
        self._target = index
        self._target_until = time.monotonic() + HOLD_SECONDS
        if self._hold_timer is None:
            self._hold_timer = self.set_interval(0.05, self._hold_target)

    def _hold_target(self) -> None:
        blocks = self._numbered_blocks()
        target = self._target
        if target is None or time.monotonic() > self._target_until or target >= len(blocks):
            self.release_target()
            return
        y = blocks[target].virtual_region.y + self._target_offset
        if abs(self.scroll_y - y) >= 1 and y <= self.max_scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)

    def release_target(self) -> None:
        """The reader scrolled by themselves: stop holding the last jump's section."""
        self._target = None
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

    def scroll_to_end_of_text(self) -> None:
        self.release_target()
        ends = list(self.query_children(".end-of-review"))
        if not ends:
            self.scroll_end(animate=False)
            return
        bottom = ends[0].virtual_region.y + 1
        self.scroll_to(y=max(0, bottom - self.scrollable_content_region.height), animate=False)

    def current_section(self) -> int:
        """The numbered section at the top of the pane (0 in the preamble)."""
        current = 0
        top = round(self.scroll_y) + 1
        for index, block in enumerate(self._numbered_blocks()):
            if block.virtual_region.y <= top:
                current = index
            else:
                break
        return current

    def current_position(self) -> tuple[int, int]:
        """The section at the top of the pane, and how many lines into it the reader is."""
        blocks = self._numbered_blocks()
        if not blocks:
            return (0, 0)
        section = self._target if self._target is not None else self.current_section()
        section = min(section, len(blocks) - 1)
        if self._target is not None:
            return (section, self._target_offset)
        return (section, max(0, round(self.scroll_y - blocks[section].virtual_region.y)))

    def scroll_to_position(self, section: int, offset: int) -> None:
        """Scroll to `offset` lines into a section (once the review's blocks are built, when
        they are not yet), and hold it there while the text above is laid out."""
        blocks = self.section_blocks()
        if not blocks or blocks[0].review is not self.review:
            self._pending_position = (section, offset)
            return
        self.scroll_to_section(section)
        self._target_offset = max(0, offset)
        self._hold_target()

    def _scrolled(self, scroll_y: float) -> None:
        self._report(self._target if self._target is not None else self.current_section())

    def _report(self, index: int) -> None:
        if index != self._reported:
            self._reported = index
            self.post_message(self.SectionReached(index))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.post_message(self.LinkFollowed(event.href))


def preamble(review: Review) -> str:
    """The text before the first `##` section (the `#` title, often)."""
    tops = review.top_sections
    lines = review.body.split("\n")
    return "\n".join(lines[: tops[0].start_line if tops else len(lines)]).strip()


def is_web_link(href: str) -> bool:
    return urlparse(href).scheme.lower() in ("http", "https")
