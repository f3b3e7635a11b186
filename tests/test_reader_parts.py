"""The reader pane's three small parts, without the app: a jump's hold, the report that a
review is shown, and the growth of a huge review's window."""

from __future__ import annotations

from collections.abc import Callable

from reviewtui.tui.widgets import reader_hold
from reviewtui.tui.widgets.reader_hold import Hold
from reviewtui.tui.widgets.reader_shown import SHOWN_AFTER, ShownReporter
from reviewtui.tui.widgets.reader_window import WINDOW_LIMIT
from reviewtui.tui.widgets.window_plan import Span, plan_growth

# A jump's hold ---------------------------------------------------------------------------


def test_a_hold_lets_go_only_once_its_place_is_reached_after_its_time() -> None:
    hold = Hold(3, until=100.0)
    assert not hold.is_over(reached=True, now=99.0)
    assert hold.is_over(reached=True, now=100.5)
    assert not hold.is_over(reached=False, now=100.5)


def test_a_place_never_reached_is_given_up_after_twice_the_time() -> None:
    hold = Hold(3, until=100.0)
    assert hold.is_over(reached=False, now=100.0 + reader_hold.HOLD_SECONDS + 0.1)


def test_restarting_a_hold_counts_its_time_from_now() -> None:
    hold = Hold(3, until=0.0)
    hold.restart()
    assert not hold.is_over(reached=True)


# The report that a review is shown --------------------------------------------------------


class FakeTimer:
    def __init__(self, delay: float, callback: Callable[[], None]) -> None:
        self.delay = delay
        self.callback = callback
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def fire(self) -> None:
        if not self.stopped:
            self.callback()


def reporter() -> tuple[ShownReporter[str], list[str | None], list[FakeTimer]]:
    reported: list[str | None] = []
    timers: list[FakeTimer] = []

    def set_timer(delay: float, callback: Callable[[], None]) -> FakeTimer:
        timers.append(FakeTimer(delay, callback))
        return timers[-1]

    return ShownReporter(set_timer, reported.append), reported, timers


def test_a_review_is_shown_once_every_widget_of_its_first_screen_is_laid_out() -> None:
    shown, reported, timers = reporter()
    shown.start("Ballard", ["a", "b"])
    shown.laid_out("a")
    assert reported == [] and shown.waiting
    shown.laid_out("b")
    assert reported == ["Ballard"] and not shown.waiting
    timers[0].fire()  # the time-out after the report says nothing more
    assert reported == ["Ballard"]


def test_a_review_still_laid_out_after_a_while_counts_as_shown() -> None:
    shown, reported, timers = reporter()
    shown.start("Ballard", ["a"])
    assert timers[0].delay == SHOWN_AFTER
    timers[0].fire()
    assert reported == ["Ballard"]


def test_a_review_replaced_before_it_was_shown_is_not_reported() -> None:
    shown, reported, timers = reporter()
    shown.start("Ballard", ["a"])
    shown.start("Zodiac", ["b"])
    timers[0].fire()
    shown.laid_out("a")
    assert reported == []
    shown.laid_out("b")
    assert reported == ["Zodiac"]


def test_a_review_with_nothing_to_lay_out_is_shown_at_once() -> None:
    shown, reported, _ = reporter()
    shown.start(None, [])
    assert reported == [None]


# The window of a huge review -------------------------------------------------------------


def spans(first: int, count: int, height: int = 30) -> list[Span]:
    return [
        Span(item, (item - first) * height, (item - first + 1) * height)
        for item in range(first, first + count)
    ]


def test_the_window_mounts_the_sections_the_reader_is_about_to_reach() -> None:
    growth = plan_growth(spans(0, 2), top=0, screen=25, items=100)
    assert list(growth.below) == [2, 3]
    assert growth.above is None and growth.far == []


def test_the_window_mounts_the_section_above_when_the_reader_nears_its_top() -> None:
    growth = plan_growth(spans(10, 4), top=5, screen=20, items=100)
    assert growth.above == 9


def test_the_window_drops_far_sections_once_it_holds_more_than_its_limit() -> None:
    mounted = spans(0, WINDOW_LIMIT + 4)
    growth = plan_growth(mounted, top=mounted[8].y, screen=20, items=100)
    assert growth.far and all(
        s.bottom < mounted[8].y - 60 or s.y > mounted[8].y + 80
        for s in mounted
        if s.item in growth.far
    )


def test_the_window_stops_at_the_last_section_and_does_nothing_when_all_is_there() -> None:
    growth = plan_growth(spans(0, 3), top=0, screen=20, items=3)
    assert not growth.below and growth.above is None and not growth.changes
