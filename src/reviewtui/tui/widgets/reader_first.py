"""A review's first blocks: mounted, and painted, before the rest of its blocks are mounted.

A screen being opened with a review waits for them (`FirstBlocks.wait_for`): its first paint
then has the review's first words, not an empty pane followed by a second paint."""

from __future__ import annotations

import asyncio
import contextlib

from textual.widget import Widget

FIRST_PAINT_WAIT = 0.25
"""Seconds the rest of a review's blocks wait at most for its first ones to be painted."""


class FirstBlocks:
    """Whose first blocks are mounted: the last review (or None) the pane showed."""

    def __init__(self) -> None:
        self._of: object = None
        self._changed = asyncio.Event()

    def mounted(self, review: object) -> None:
        """The first blocks of `review` are mounted (or it is None, or a message is shown)."""
        self._of = review
        self._changed.set()

    async def wait_for(self, review: object, timeout: float) -> bool:
        """Wait until the first blocks of `review` are mounted; False after `timeout` seconds."""
        try:
            async with asyncio.timeout(timeout):
                while self._of is not review:
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            return False
        return True


async def painted(widget: Widget, timeout: float = FIRST_PAINT_WAIT) -> None:
    """Wait until the screen of `widget` has been refreshed, `timeout` seconds at most.

    Asked of the screen: a callback asked of the widget itself would wait for the widget's own
    messages, and the caller may be handling one of them."""
    refreshed = asyncio.Event()
    widget.screen.call_after_refresh(refreshed.set)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(refreshed.wait(), timeout)
