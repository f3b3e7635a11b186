"""Closing the terminal or `kill` saves the place and gives the terminal back."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from .conftest import SAMPLE_LIBRARY, python_env

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


class Terminal:
    """`reviewtui read Ballard` (or the given command) in a pseudo-terminal of 100×30."""

    def __init__(self, command: tuple[str, ...] = ("read", "Ballard")) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = python_env(TERM="xterm-256color", COLUMNS="100", LINES="30")
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reviewtui",
                "--library",
                str(SAMPLE_LIBRARY),
                *command,
            ],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def wait_for(self, text: bytes, seconds: float = 20.0) -> None:
        end = time.monotonic() + seconds
        while text not in self.output and time.monotonic() < end:
            self.read(0.1)
        assert text in self.output, f"{text!r} never shown"

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does."""
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        if self.master >= 0:
            os.close(self.master)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_saves_the_place_and_restores_the_terminal(
    signum: int, isolated_dirs: Path
) -> None:
    terminal = Terminal()
    try:
        terminal.wait_for(b"Ballard")
        terminal.read(1.5)  # the review laid out
        terminal.type("9")
        terminal.read(1.0)
        shown = len(terminal.output)
        terminal.process.send_signal(signum)
        # Well within the watchdog's 10 s: the app's own exit ends it, not the watchdog.
        deadline = time.monotonic() + 5
        while terminal.process.poll() is None and time.monotonic() < deadline:
            terminal.read(0.1)
        terminal.read(0.2)
        assert terminal.process.poll() is not None, "the app did not end on the signal"
        after = terminal.output[shown:]
        assert LEAVE_ALTERNATE_SCREEN in after
        assert MOUSE_OFF in after
    finally:
        terminal.close()
    saved = json.loads((isolated_dirs / "state" / "reviewtui" / "positions.json").read_text())
    sections = [e["section"] for e in saved["positions"].values() if e["title"] == "Ballard"]
    assert sections == [8]


def saved_sections(isolated_dirs: Path, title: str) -> list[int]:
    saved = json.loads((isolated_dirs / "state" / "reviewtui" / "positions.json").read_text())
    return [e["section"] for e in saved["positions"].values() if e["title"] == title]


def assert_index_closed(isolated_dirs: Path) -> None:
    """The index was closed as the app ended: the next start trusts it without a check."""
    cache = isolated_dirs / "cache" / "reviewtui"
    assert list(cache.glob("index-*.sqlite3-clean"))
    assert not list(cache.glob("index-*-open-*"))


def read_on_at_section_9_then_hang_up(terminal: Terminal) -> None:
    terminal.wait_for(b"Ballard")
    terminal.read(1.5)  # the review laid out
    terminal.type("9")
    terminal.read(1.0)
    terminal.hang_up()


def test_a_closed_terminal_ends_the_app_at_once_and_keeps_the_place(isolated_dirs: Path) -> None:
    """Drawing on a terminal that has gone fails, and Textual's shutdown can wait for ever on
    output that no one reads: the app ends without drawing, the place saved all the same.
    (It ends so on the signal, or at its next look at the terminal: `test_signal_exit` tells
    the two apart.)"""
    terminal = Terminal()
    try:
        read_on_at_section_9_then_hang_up(terminal)
        # (The app runs in a session of its own here: the hang-up is sent as the kernel would.)
        terminal.process.send_signal(signal.SIGHUP)
        assert terminal.process.wait(5) == 128 + signal.SIGHUP
    finally:
        terminal.close()
    assert saved_sections(isolated_dirs, "Ballard") == [8]
    assert_index_closed(isolated_dirs)


def test_a_terminal_closed_without_a_signal_still_ends_the_app(isolated_dirs: Path) -> None:
    """Run in a session of its own (as here), the app gets no signal when its terminal closes:
    it notices that the terminal has gone, and ends."""
    terminal = Terminal()
    try:
        read_on_at_section_9_then_hang_up(terminal)
        assert terminal.process.wait(5) == 128 + signal.SIGHUP
    finally:
        terminal.close()
    assert saved_sections(isolated_dirs, "Ballard") == [8]
    assert_index_closed(isolated_dirs)


ENTER_ALTERNATE_SCREEN = b"\x1b[?1049h"


@pytest.mark.parametrize("command", [(), ("read", "Ballard")], ids=["library", "reader"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_as_the_app_takes_the_terminal_over_still_gives_it_back(
    signum: int, command: tuple[str, ...], isolated_dirs: Path
) -> None:
    """Textual switches the terminal over before the app and its first screen are mounted: a
    signal at that moment ends the app as any other does, the terminal given back (and no
    traceback from a screen whose widgets went while it was being mounted)."""
    terminal = Terminal(command)
    try:
        end = time.monotonic() + 20
        while ENTER_ALTERNATE_SCREEN not in terminal.output and time.monotonic() < end:
            ready, _, _ = select.select([terminal.master], [], [], 0.05)
            if ready:
                terminal.output += os.read(terminal.master, 65536)
        assert ENTER_ALTERNATE_SCREEN in terminal.output
        terminal.process.send_signal(signum)
        # Well within the watchdog's 10 s: the app's own exit ends it, not the watchdog.
        deadline = time.monotonic() + 5
        while terminal.process.poll() is None and time.monotonic() < deadline:
            terminal.read(0.1)
        terminal.read(0.2)
        assert terminal.process.poll() == 128 + signum
        after = terminal.output[terminal.output.index(ENTER_ALTERNATE_SCREEN) :]
        assert LEAVE_ALTERNATE_SCREEN in after
        assert MOUSE_OFF in after
        assert b"Traceback" not in after and b"Error" not in after
    finally:
        terminal.close()
