"""The app side of the reader comforts: settings applied to the running app, the theme
remembered, the editor run with the app suspended, and the library watched for changes.

Each is a function taking the `App`, so the app wires them in with one call each.
"""

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
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import platformdirs
from textual.app import App, SuspendNotSupported
from textual.theme import Theme
from textual.timer import Timer

from reviewtui.core.text import printable
from reviewtui.library.watch import Changes, LibraryWatcher
from reviewtui.store.config import Config, save_theme
from reviewtui.tui.editor import EditorError, run_editor


def apply_config(app: App[Any], config: Config) -> None:
    """Remap keys and pick the theme (an unknown one is left out: `config_check` reports it)."""
    if config.keys:
        app.set_keymap(config.keys)
    if config.theme is not None and config.theme in app.available_themes:
        app.theme = config.theme


def settings_toast(warnings: list[str]) -> str | None:
    """One toast for all the settings' problems: the full list is `reviewtui config --check`."""
    if len(warnings) <= 1:
        return warnings[0] if warnings else None
    return (
        f"{len(warnings)} problems in the settings; `reviewtui config --check` lists them all. "
        f"The first: {warnings[0]}"
    )


def remember_theme_changes(app: App[Any], on_warning: Callable[[str], None] | None = None) -> None:
    """Save every later theme change (from the command palette, say) in the config file.
    Call it once the starting theme is set, from a mounted app."""
    known = {"theme": app.theme}

    def changed(theme: Theme) -> None:
        if theme.name == known["theme"]:
            return
        known["theme"] = theme.name

        def save() -> None:
            warning = save_theme(theme.name)
            if warning and on_warning is not None:
                app.call_from_thread(on_warning, warning)

        app.run_worker(save, thread=True, group="save-theme", exclusive=True)

    app.theme_changed_signal.subscribe(app, changed)


def edit_file(app: App[Any], path: Path) -> str | None:
    """Open `path` in the user's editor with the app suspended; returns why it could not be
    edited, or None once the editor has closed (the caller then reloads the review)."""
    try:
        with app.suspend():
            run_editor(path)
    except SuspendNotSupported:
        return "The editor needs the terminal, which this session cannot hand over (in a browser, say)."
    except EditorError as error:
        return f"Not edited: {error}"
    return None


def watch_library(
    app: App[Any],
    root: Path | LibraryWatcher,
    on_changes: Callable[[Changes], None],
    interval: float = 1.0,
) -> Timer:
    """Poll the library folder every `interval` seconds in a worker thread and call
    `on_changes` on the app's thread when reviews were added, changed or removed.

    Given a LibraryWatcher (whose first snapshot was taken in a worker thread), poll that one
    at its own interval."""
    watcher = root if isinstance(root, LibraryWatcher) else LibraryWatcher(root, interval)
    interval = watcher.interval
    busy = {"polling": False}

    def poll() -> None:
        try:
            changes = watcher.poll()
        finally:
            busy["polling"] = False
        if changes:
            app.call_from_thread(on_changes, changes)

    def tick() -> None:
        # A slow disk never piles up polls: one at a time, and later after a slow one.
        if not busy["polling"] and watcher.due():
            busy["polling"] = True
            app.run_worker(poll, thread=True, group="watch-library")

    return app.set_interval(interval, tick, name="watch-library")


def save_screenshot(app: App[Any], filename: str | None, path: str | None) -> None:
    """Save an SVG of the screen: in Downloads when there is one, else the current folder
    (in a browser, it is downloaded)."""
    if app.is_web:
        app.deliver_screenshot(filename, path)
        return
    if path is None:
        downloads = Path(platformdirs.user_downloads_dir())
        path = str(downloads if downloads.is_dir() else Path.cwd())
    try:
        saved = app.save_screenshot(filename, path)
    except OSError as error:
        app.notify(
            printable(f"The screenshot was not saved: {error}"), severity="error", markup=False
        )
        return
    app.notify(printable(f"Screenshot saved to {saved}"), markup=False)


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


def opens_in_browser(href: str) -> bool:
    """Whether a link clicked in a review opens in the browser: web pages only."""
    return urlparse(href).scheme.lower() in ("http", "https")
