"""Where a review opens, and that its place is kept: defects a new user met (keys and focus)."""

from __future__ import annotations

import pytest

from reviewtui.store.positions import PositionStore
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
from reviewtui.tui.widgets.reader_pane import ReaderPane

from .app_support import make_app, open_reader, type_quickly, wait_until


@pytest.mark.parametrize("size", [(100, 30), (140, 40)])
async def test_a_comparable_opens_at_its_top_after_a_jump_and_a_spoiler_toggle(
    size: tuple[int, int],
) -> None:
    app = make_app(title="Ballard")
    async with app.run_test(size=size) as pilot:
        screen = await open_reader(pilot)
        await type_quickly(pilot, "12")
        await wait_until(pilot, lambda: screen.section == 11)
        await pilot.press("s", "c")
        await pilot.pause(0.3)
        assert screen.section == 11, "revealing spoilers moved Ballard off its section"
        panel = screen.query_one(ComparablesPanel)
        assert screen.focused is panel
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: screen.review is not None and screen.review.title == "True Detective"
        )
        await pilot.pause(0.6)
        pane = screen.query_one(ReaderPane)
        assert screen.section == 0
        assert pane.current_position() == (0, 0)
        review = screen.review
        assert review is not None
        await pilot.press("l")
        await pilot.pause(0.1)
    saved = PositionStore().load(review)
    assert saved is None or (saved.section, round(saved.scroll_y)) == (0, 0)
