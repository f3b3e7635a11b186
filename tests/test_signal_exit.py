"""What a signal does to the app: an exit as `q`'s while the terminal is there; when it has
gone, or the exit hangs, the process ends all the same, once the place is kept."""

from __future__ import annotations

import asyncio
import os
import pty
import signal
import threading
import time

import pytest

from reviewtui.tui import comforts


class FakeApp:
    def __init__(self) -> None:
        self.exits: list[tuple[object, int]] = []

    def exit(self, result: object = None, return_code: int = 0) -> None:
        self.exits.append((result, return_code))


@pytest.fixture
def ends(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The codes the process would have ended with (it is not ended)."""
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)  # (and the thread that called it goes on, and ends)

    monkeypatch.setattr(comforts.os, "_exit", fake_exit)
    monkeypatch.setattr(comforts, "HARD_EXIT_AFTER", 0.2)
    monkeypatch.setattr(comforts, "LAST_RITES_AFTER", 0.5)
    return codes


def wait_for(condition: object, seconds: float = 3.0) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:  # type: ignore[operator]
        time.sleep(0.01)


def test_with_the_terminal_there_the_app_exits_as_q_does(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(comforts, "terminal_gone", lambda: False)
    monkeypatch.setattr(comforts, "HARD_EXIT_AFTER", 5.0)
    app, kept = FakeApp(), []
    loop = asyncio.new_event_loop()
    try:
        watchdog = comforts.on_signal(app, loop, lambda: kept.append(1), signal.SIGTERM, None)  # type: ignore[arg-type]
        loop.run_until_complete(asyncio.sleep(0.05))
    finally:
        loop.close()
    assert watchdog is not None
    watchdog.cancel()  # (the app has exited, as far as this test goes)
    assert app.exits == [(None, 128 + signal.SIGTERM)]
    assert kept == [] and ends == []


def test_an_exit_that_hangs_still_ends_the_process_with_the_place_kept(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(comforts, "terminal_gone", lambda: False)
    app, kept = FakeApp(), []
    loop = asyncio.new_event_loop()
    try:
        # The loop never runs the exit: as when the app is stuck.
        comforts.on_signal(app, loop, lambda: kept.append(1), signal.SIGTERM, None)  # type: ignore[arg-type]
        wait_for(lambda: ends)
    finally:
        loop.close()
    assert kept == [1]
    assert ends == [128 + signal.SIGTERM]


def test_with_the_terminal_gone_the_process_ends_at_once(
    ends: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(comforts, "terminal_gone", lambda: True)
    monkeypatch.setattr(comforts, "HARD_EXIT_AFTER", 60.0)
    app, kept = FakeApp(), []
    loop = asyncio.new_event_loop()
    try:
        comforts.on_signal(app, loop, lambda: kept.append(1), signal.SIGHUP, None)  # type: ignore[arg-type]
        wait_for(lambda: ends)
        loop.run_until_complete(asyncio.sleep(0.05))
    finally:
        loop.close()
    assert ends == [128 + signal.SIGHUP]
    assert kept == [1]
    assert app.exits == []  # nothing is drawn: there is nowhere to draw it


def test_last_rites_that_hang_do_not_keep_the_process(ends: list[int]) -> None:
    stuck = threading.Event()
    thread = threading.Thread(target=comforts.hard_exit, args=(stuck.wait, 129), daemon=True)
    began = time.monotonic()
    thread.start()
    thread.join(5)
    stuck.set()
    assert ends == [129]
    assert time.monotonic() - began < 3


def test_a_terminal_is_gone_once_its_window_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    master, slave = pty.openpty()
    stream = os.fdopen(slave, "w")
    monkeypatch.setattr(comforts.sys, "__stderr__", stream)
    try:
        assert not comforts.terminal_gone()
        os.close(master)
        assert comforts.terminal_gone()
    finally:
        stream.close()
