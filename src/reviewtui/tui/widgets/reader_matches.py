"""The part of `ReaderPane` that shows a find's matches: marked in every section block shown
(and in each one mounted later, as a huge review's window grows), and the current one brought
into view, a third of the way down the pane, even deep inside a long section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from reviewtui.core.find import FindQuery
from reviewtui.core.parts import Part
from reviewtui.tui.widgets.reader_window import WindowOfSections
from reviewtui.tui.widgets.section_block import SectionBlock

if TYPE_CHECKING:
    from textual.widgets import Markdown
    from textual.widgets.markdown import MarkdownBlock


class MatchesInPane(WindowOfSections):
    _find: FindQuery | None = None
    _current_match: tuple[int, int] | None = None
    """(item, nth): the current match, the nth in that item."""
    _bringing = False
    """The current match is to be brought into view once its section's text is laid out."""

    if TYPE_CHECKING:
        # What the pane provides.
        def _pending_place(self) -> tuple[int, int] | None: ...
        def _report(self, index: int) -> None: ...
        def scroll_to_position(self, section: int, offset: int) -> None: ...

    def show_matches(self, query: FindQuery | None, current: tuple[int, int] | None = None) -> None:
        """Mark the matches of `query` (None: unmark them) and bring `current` into view."""
        self._find = query
        self._current_match = current if query is not None else None
        for block in self.section_blocks():
            self._mark_block(block)
        self._bringing = self._current_match is not None
        if self._bringing:
            self._bring_match()

    def item_at_top(self) -> int:
        """The item the reader is at, or is being taken to: a find starts there."""
        place = self._pending_place()
        if place is None and self._hold is not None and not self._hold.end:
            place = (self._hold.target, 0)
        if place is not None:
            return self._first_item(place[0])
        return self._item_at_top()

    def finding_in(self) -> tuple[list[Part], list[str]]:
        """The items a find looks through (as the blocks show them) and the review's lines."""
        return self._items, self._lines

    def _mark_block(self, block: SectionBlock) -> list[tuple[MarkdownBlock, int, int]]:
        from reviewtui.tui.widgets.find_marks import mark  # (with markdown-it: see section_block)

        current = self._current_match
        nth = current[1] if current is not None and current[0] == block.item else None
        found: list[tuple[MarkdownBlock, int, int]] = []
        for markdown in block.markdown_widgets():
            at = None if nth is None else nth - len(found)
            found.extend(mark(markdown, self._find, at))
        return found

    def matches_laid_out(self, markdown: Markdown) -> None:
        """A section's text was laid out (mounted by the window, or revealed): mark it."""
        block = markdown.parent
        if self._find is None or not isinstance(block, SectionBlock):
            return
        self._mark_block(block)
        current = self._current_match
        if self._bringing and current is not None and current[0] == block.item:
            self._bring_match()

    def _bring_match(self) -> None:
        current = self._current_match
        if current is None:
            return
        item, nth = current
        block = next((b for b in self.section_blocks() if b.item == item), None)
        laid_out = (
            block is not None
            and not block.plain_shown
            and all(markdown in self._text_laid_out for markdown in block.markdown_widgets())
        )
        if block is None or not laid_out:
            # Its item is opened first; the match is found once its text is laid out.
            if block is None:
                self._report(self.section_of_item(item))
                self._jump(item, 0)
            return
        found = self._mark_block(block)
        if not found:
            # Counted in the text but not marked where it is shown (a table's cell, a word
            # split by emphasis): its section at least is brought to the top.
            self._bringing = False
            self.release_target()
            if self._windowed or block.section is None:
                self.scroll_to(y=block.virtual_region.y, animate=False, immediate=True)
            else:
                self.scroll_to_position(self.section_of_item(block.item), 0)
            return
        leaf, start, length = found[min(nth, len(found) - 1)]
        self.call_after_refresh(self._scroll_to_match, block, leaf, start, length)

    def _scroll_to_match(self, block: SectionBlock, leaf: Widget, start: int, length: int) -> None:
        if not leaf.is_attached or block.parent is not self:
            return
        self._bringing = False
        # Where the match is, in lines down the pane: the block's place, the leaf's place in
        # it, and about as far into the leaf as the match is into its text.
        y = block.virtual_region.y
        node: Widget | None = leaf
        while node is not None and node is not block:
            y += node.virtual_region.y
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        y += leaf.size.height * start // max(1, length)
        shown = self.scrollable_content_region.height
        if self.scroll_y <= y < self.scroll_y + shown - 1:
            return  # on screen already: the reader's place does not move
        top = max(0, y - shown // 3)
        self.release_target()
        if self._windowed or block.section is None:
            self.scroll_to(y=top, animate=False, immediate=True)
        else:
            # Held there like a jump while the text above it is still being laid out.
            section = self.section_of_item(block.item)
            self.scroll_to_position(section, top - block.virtual_region.y)
