"""How the app ends: `q`, a signal, or a terminal that has gone. The app's part that does it,
as a base class of `ReviewApp`."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import select
import signal
import sys
import termios
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from reviewtui.index import ReviewIndex

MOUNT_WAITS = 100
"""Times an exit looks again (MOUNT_WAIT apart) for screens still being mounted."""
MOUNT_WAIT = 0.02
"""Seconds between those looks: a timer's, not the next refresh's (none may come)."""


class AppEnding(App[int]):
    exiting = False
    """Set once an exit is asked for: results from workers are dropped from then on."""
    _mounted = False
    _exit_asked: tuple[int | None, int, object] | None = None

    if TYPE_CHECKING:
        index: ReviewIndex

        def stop_children(self) -> None: ...

    def exit(self, result: int | None = None, return_code: int = 0, message: object = None) -> None:
        """Exit; once the app and its screens are mounted, when they are not yet (a signal can
        come that early): their handlers would find their widgets gone."""
        self.exiting = True
        if not self._mounted:
            self._exit_asked = (result, return_code, message)  # (see `mounted`)
            return
        self._exit_once_mounted(result, return_code, message, MOUNT_WAITS)

    def _exit_once_mounted(
        self, result: int | None, return_code: int, message: object, waits: int
    ) -> None:
        if waits > 0 and any(not screen.is_mounted for screen in self.screen_stack):
            again = functools.partial(
                self._exit_once_mounted, result, return_code, message, waits - 1
            )
            self.set_timer(MOUNT_WAIT, again)
            return
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def mounted(self) -> None:
        """The app's own mount is over (called last in it): an exit asked for before, now."""
        self._mounted = True
        if self._exit_asked is not None:
            self.exit(*self._exit_asked)

    async def action_quit(self) -> None:
        # The reader saves its place as it goes, and once more as it closes.
        self.exit(0)

    def on_unmount(self) -> None:
        self.stop_children()
        self.index.close()

    def last_rites(self) -> None:
        """Before the process ends without shutting the app down (its terminal is gone):
        the open review's place is saved, the index's child processes stopped, and the
        index closed, so that the next start need not check it."""
        from reviewtui.tui.screens.reader_screen import ReaderScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.place.write()
        self.stop_children()
        self.index.close()  # (this thread's connection: the others are the process's to end)


# Signals, and a terminal that has gone ----------------------------------------------


HARD_EXIT_AFTER = 10.0
"""Seconds an exit on a signal may take before the process ends without finishing it."""
LAST_RITES_AFTER = 3.0
"""Seconds what is kept before such an end may take."""
TERMINAL_CHECK_EVERY = 1.0
"""Seconds between two looks at whether the terminal is still there."""


def exit_on_signals(app: App[Any], last_rites: Callable[[], None]) -> Callable[[], None]:
    """SIGTERM, or SIGHUP when the terminal is closed, end the app as `q` does: the place in
    the open review is saved and the terminal is given back as it was. Called before the app
    runs (Textual takes the terminal over before the app is mounted); what it returns puts
    the handlers back once the app has ended.

    When the terminal is gone already, nothing more can be drawn, and Textual's shutdown
    would wait forever on output no one reads: last_rites() keeps what must be kept, and
    the process ends at once. So it does if the shutdown hangs for another reason."""
    # When the app is stuck with the terminal still there, the process ends with the terminal
    # given back as it is now, before Textual takes it over.
    rites = functools.partial(_rites_then_terminal, last_rites, terminal_settings())
    handler = functools.partial(on_signal, app, rites)
    before: dict[int, Any] = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        # A handler of Python's own, not the event loop's: it runs even while the app is
        # stuck writing to a terminal that has gone, and before the loop has started.
        with contextlib.suppress(ValueError, OSError):
            before[signum] = signal.signal(signum, handler)

    def restore() -> None:
        """Put the handlers back as they were (the app has ended)."""
        for signum, previous in before.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, previous)

    return restore


def watch_terminal(app: App[Any], last_rites: Callable[[], None]) -> None:
    """No SIGHUP comes when the terminal closes under a program in a session of its own, and
    Textual would spin on its input for ever: the app looks once a second, and ends as on
    SIGHUP once the terminal has gone."""
    if app.is_headless:
        return

    def check_terminal() -> None:
        if terminal_gone():
            hard_exit(last_rites, 128 + signal.SIGHUP)

    app.set_interval(TERMINAL_CHECK_EVERY, check_terminal)


def on_signal(
    app: App[Any], last_rites: Callable[[], None], signum: int, frame: object
) -> threading.Timer | None:
    """End the app on a signal; the timer that ends the process if the app's exit hangs."""
    code = 128 + signum
    if terminal_gone():
        # In a thread: the signal may have come while this one held what last_rites needs.
        threading.Thread(target=hard_exit, args=(last_rites, code), daemon=True).start()
        return None
    watchdog = threading.Timer(HARD_EXIT_AFTER, hard_exit, (last_rites, code))
    watchdog.daemon = True  # (a shutdown that ends ends the process, timer and all)
    watchdog.start()
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None:
        app.exit(None, code)  # (the app has not started: it ends as soon as it has)
    else:
        loop.call_soon_threadsafe(app.exit, None, code)
    return watchdog


def terminal_gone() -> bool:
    """Whether the terminal the app draws on (Textual writes to stderr) has hung up: asked of
    the kernel without writing, so neither a busy terminal nor a stalled one is taken for one
    that has gone, nor holds the app up."""
    stream = sys.__stderr__
    if stream is None:
        return True
    try:
        poller = select.poll()
        poller.register(stream.fileno(), 0)  # (hang-ups and errors are reported regardless)
        events = poller.poll(0)
    except (OSError, ValueError):
        return True
    return any(mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, mask in events)


_ending = threading.Lock()


def hard_exit(last_rites: Callable[[], None], code: int) -> None:
    """End the process now, once last_rites() is done (or has had its few seconds). Only the
    first call does it: another (a second signal, say) waits for the end it brings."""
    if not _ending.acquire(blocking=False):
        with _ending:  # (the first call ends the process meanwhile)
            return
    try:
        keeper = threading.Thread(target=_quietly, args=(last_rites,), daemon=True)
        keeper.start()
        keeper.join(LAST_RITES_AFTER)
        os._exit(code)
    finally:
        _ending.release()  # (reached only where os._exit returns: in tests)


GIVE_BACK = (
    "\x1b[<u"  # the Kitty keyboard protocol off
    "\x1b[?1049l\x1b[?25h\x1b[?1004l\x1b[?2004l"  # the main screen, the cursor; no focus or paste
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # no mouse reports
)
"""What Textual writes to the terminal as it gives it back."""

TerminalSettings = list[Any]


def terminal_settings() -> TerminalSettings | None:
    """The settings of the terminal the app draws on, as they are now (None: not a terminal)."""
    stream = sys.__stderr__
    try:
        return termios.tcgetattr(stream.fileno()) if stream is not None else None
    except (OSError, ValueError, termios.error):
        return None


def give_terminal_back(settings: TerminalSettings | None) -> None:
    """The terminal as it was before the app took it over, if it is still there."""
    stream = sys.__stderr__
    if settings is None or stream is None or terminal_gone():
        return
    with contextlib.suppress(OSError, ValueError, termios.error):
        descriptor = stream.fileno()
        os.write(descriptor, GIVE_BACK.encode())
        termios.tcsetattr(descriptor, termios.TCSANOW, settings)


def _rites_then_terminal(last_rites: Callable[[], None], settings: TerminalSettings | None) -> None:
    try:
        last_rites()
    finally:
        give_terminal_back(settings)


def _quietly(work: Callable[[], None]) -> None:
    with contextlib.suppress(Exception):  # nowhere to say it: the terminal is gone
        work()
