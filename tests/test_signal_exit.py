"""What a signal does to the app: an exit as `q`'s while the terminal is there; when it has
gone, or the exit hangs, the process ends all the same, once the place is kept."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pty
import select
import signal
import termios
import threading
import time
import tty
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reviewtui.core.model import Review
from reviewtui.store.positions import PositionStore
from reviewtui.tui import ending
from reviewtui.tui.reading_place import ReadingPlace

from .conftest import SAMPLE_LIBRARY


class FakeApp:
    def __init__(self) -> None:
        self.exits: list[tuple[object, int]] = []

    def exit(self, result: object = None, return_code: int = 0) -> None:
        self.exits.append((result, return_code))


@pytest.fixture
def ends(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The codes the process would have ended with (it is not ended). Every watchdog started
    meanwhile is stopped at the end, as it would end the test run once `os._exit` is back."""
    codes: list[int] = []
    timers: list[threading.Timer] = []

    def fake_exit(code: int) -> None:
        codes.append(code)  # (and the thread that called it goes on, and ends)

    class Timer(threading.Timer):
        def start(self) -> None:
            timers.append(self)
            super().start()

    monkeypatch.setattr(ending.os, "_exit", fake_exit)
    monkeypatch.setattr(ending.threading, "Timer", Timer)
    monkeypatch.setattr(ending, "HARD_EXIT_AFTER", 0.2)
    monkeypatch.setattr(ending, "LAST_RITES_AFTER", 0.5)
    try:
        yield codes
    finally:
        for timer in timers:
            timer.cancel()
            timer.join(5)


def wait_for(condition: Callable[[], object], seconds: float = 3.0) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)


def signal_app(
    app: FakeApp,
    kept: list[int],
    signum: int,
    monkeypatch: pytest.MonkeyPatch,
    *,
    terminal_there: bool = True,
    watchdog_after: float | None = None,
) -> threading.Timer | None:
    """Send the app a signal, its terminal there or gone; last rites are counted in kept."""
    monkeypatch.setattr(ending, "terminal_gone", lambda: not terminal_there)
    if watchdog_after is not None:
        monkeypatch.setattr(ending, "HARD_EXIT_AFTER", watchdog_after)
    return ending.on_signal(app, lambda: kept.append(1), signum, None)  # type: ignore[arg-type]


def test_with_the_terminal_there_the_app_exits_as_q_does(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, kept = FakeApp(), []
    watchdog = signal_app(app, kept, signal.SIGTERM, monkeypatch, watchdog_after=5.0)
    assert watchdog is not None  # (stopped by `ends`: the app has exited, as far as this goes)
    assert app.exits == [(None, 128 + signal.SIGTERM)]
    assert kept == [] and ends == []


def test_a_signal_while_the_app_runs_is_handled_by_its_loop(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, kept = FakeApp(), []

    async def running() -> threading.Timer | None:
        watchdog = signal_app(app, kept, signal.SIGHUP, monkeypatch, watchdog_after=5.0)
        assert app.exits == []  # not from inside whatever the signal interrupted
        await asyncio.sleep(0.05)
        return watchdog

    watchdog = asyncio.run(running())
    assert watchdog is not None
    assert app.exits == [(None, 128 + signal.SIGHUP)]


def test_an_exit_that_hangs_still_ends_the_process_with_the_place_kept(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, kept = FakeApp(), []
    signal_app(app, kept, signal.SIGTERM, monkeypatch)  # the app is told, and never ends
    wait_for(lambda: ends)
    assert kept == [1]
    assert ends == [128 + signal.SIGTERM]


def test_with_the_terminal_gone_the_process_ends_at_once(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, kept = FakeApp(), []
    signal_app(app, kept, signal.SIGHUP, monkeypatch, terminal_there=False, watchdog_after=60.0)
    wait_for(lambda: ends)
    assert ends == [128 + signal.SIGHUP]
    assert kept == [1]
    assert app.exits == []  # nothing is drawn: there is nowhere to draw it


def test_last_rites_that_hang_do_not_keep_the_process(ends: list[int]) -> None:
    stuck = threading.Event()
    thread = threading.Thread(target=ending.hard_exit, args=(stuck.wait, 129), daemon=True)
    began = time.monotonic()
    thread.start()
    thread.join(5)
    stuck.set()
    assert ends == [129]
    assert time.monotonic() - began < 3


def test_the_process_is_ended_once_however_many_ask(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second signal (a shell passes the hang-up on, say) while the first is being handled
    waits for the end the first brings, rather than keeping what must be kept a second time."""
    monkeypatch.setattr(ending, "LAST_RITES_AFTER", 5.0)
    release, kept = threading.Event(), []

    def slow_rites() -> None:
        kept.append(1)
        release.wait(5)

    first = threading.Thread(target=ending.hard_exit, args=(slow_rites, 129), daemon=True)
    second = threading.Thread(target=ending.hard_exit, args=(slow_rites, 143), daemon=True)
    first.start()
    wait_for(lambda: kept)
    second.start()
    time.sleep(0.2)
    assert second.is_alive()  # waiting
    release.set()
    first.join(5)
    second.join(5)
    assert kept == [1]
    assert ends == [129]


def test_a_terminal_is_gone_once_its_window_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    master, slave = pty.openpty()
    stream = os.fdopen(slave, "w")
    monkeypatch.setattr(ending.sys, "__stderr__", stream)
    try:
        assert not ending.terminal_gone()
        os.close(master)
        assert ending.terminal_gone()
    finally:
        stream.close()


def test_a_place_being_saved_is_not_taken_as_saved(isolated_dirs: Path) -> None:
    """The once-a-second save may be under way when the terminal goes: the last save waits
    for it, since the process ends as soon as that returns."""
    from reviewtui.library.load import load_review

    review: Review = load_review(SAMPLE_LIBRARY / "ballard.md")
    store = PositionStore()
    saving, go_on = threading.Event(), threading.Event()
    real_save = store.save

    def slow_save(*args: object, **kwargs: object) -> object:
        saving.set()
        go_on.wait(5)
        return real_save(*args, **kwargs)  # type: ignore[arg-type]

    store.save = slow_save  # type: ignore[method-assign]
    place = ReadingPlace(store, warn=lambda message: None)
    place.note(review, (8, 0))
    every_second = threading.Thread(target=place.write)
    every_second.start()
    assert saving.wait(5)
    last = threading.Thread(target=place.write)
    last.start()
    time.sleep(0.2)
    assert last.is_alive()  # it waits for the save under way
    go_on.set()
    last.join(5)
    every_second.join(5)
    loaded = PositionStore().load(review).value
    assert loaded is not None and loaded.section == 8


def test_a_busy_terminal_is_not_taken_for_one_that_has_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app draws while it looks: a terminal in non-blocking mode (some programs leave it
    so) refuses a write for a moment while another is under way, and is there all the same."""
    master, slave = pty.openpty()
    os.set_blocking(slave, False)
    stop = threading.Event()

    def drain() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                os.read(master, 65536)

    def draw() -> None:
        frame = b"\x1b[H" + b"reviewtui " * 400
        while not stop.is_set():
            with contextlib.suppress(BlockingIOError):
                os.write(slave, frame)

    stream = os.fdopen(os.dup(slave), "w")
    monkeypatch.setattr(ending.sys, "__stderr__", stream)
    threads = [threading.Thread(target=drain), threading.Thread(target=draw)]
    for thread in threads:
        thread.start()
    try:
        looks = [ending.terminal_gone() for _ in range(5_000)]
    finally:
        stop.set()
        for thread in threads:
            thread.join(5)
        stream.close()
        os.close(slave)
        os.close(master)
    assert not any(looks)


def test_a_stuck_app_ends_with_the_terminal_given_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watchdog's end, the terminal still there: as it was before Textual took it over."""
    master, slave = pty.openpty()
    stream = os.fdopen(os.dup(slave), "w")
    monkeypatch.setattr(ending.sys, "__stderr__", stream)
    try:
        before = ending.terminal_settings()
        assert before is not None
        tty.setraw(slave)  # as Textual leaves it
        ending.give_terminal_back(before)
        after = termios.tcgetattr(slave)
        assert after[3] & termios.ICANON and after[3] & termios.ECHO
        written = os.read(master, 65536)
        assert b"\x1b[?1049l" in written and b"\x1b[?1000l" in written
    finally:
        stream.close()
        os.close(slave)
        os.close(master)
