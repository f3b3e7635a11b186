"""When a review counts as shown: once the Markdown widgets of its first screen have laid out
their text, or after a while, whichever comes first (then its sidebar and suggestions follow)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, Protocol, TypeVar

SHOWN_AFTER = 1.0
"""Seconds after which the review counts as shown even if its text is still being laid out."""

Shown = TypeVar("Shown")


class Stoppable(Protocol):
    def stop(self) -> None: ...


class ShownReporter(Generic[Shown]):
    """Calls `report(what)` once per `start`: when every widget it waits for has laid out its
    text (`laid_out`), when `report_now` is called, or `SHOWN_AFTER` seconds after `start`."""

    def __init__(
        self,
        set_timer: Callable[[float, Callable[[], None]], Stoppable],
        report: Callable[[Shown | None], None],
    ) -> None:
        self._set_timer = set_timer
        self._report = report
        self._waiting_for: set[object] = set()
        self._what: Shown | None = None
        self._timer: Stoppable | None = None

    @property
    def waiting(self) -> bool:
        """Whether a review is shown but not yet reported."""
        return self._timer is not None

    def start(self, what: Shown | None, laying_out: Iterable[object]) -> None:
        self._stop_timer()
        self._what = what
        self._waiting_for = set(laying_out)
        self._timer = self._set_timer(SHOWN_AFTER, self.report_now)
        if not self._waiting_for:
            self.report_now()

    def laid_out(self, widget: object) -> None:
        if widget in self._waiting_for:
            self._waiting_for.discard(widget)
            if not self._waiting_for:
                self.report_now()

    def report_now(self) -> None:
        if self._timer is None:
            return  # reported already
        self._stop_timer()
        self._waiting_for = set()
        self._report(self._what)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
