"""Driving ReviewApp with Pilot: a recording app, waits and the text widgets hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from textual import events
from textual._compositor import LayoutUpdate
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Markdown, Static

from reviewtui.library.load import LibrarySource
from reviewtui.tui.app import ReviewApp
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.widgets.reader_pane import ReaderPane

from .conftest import DATA

FIXTURE_LIBRARY = DATA / "snapshot_library"
T = TypeVar("T")
SPOILER_TEXT = "Certain episodes stand out with powerful interrogation scenes"


class RecordingApp(ReviewApp):
    """The real app, also keeping every notification it shows, for assertions."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.notices: list[str] = []
        self.opened_urls: list[str] = []

    def notify(self, message: str, **kwargs: object) -> None:  # type: ignore[override]
        self.notices.append(message)
        super().notify(message, **kwargs)  # type: ignore[arg-type]

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        # Record instead of launching a browser from the test run.
        self.opened_urls.append(url)


def make_app(
    library: Path = FIXTURE_LIBRARY, title: str | None = None, **options: object
) -> RecordingApp:
    # Tests that watch the library set a short interval; the others must not race a reload.
    options.setdefault("watch_interval", 3600.0)
    return RecordingApp(LibrarySource(library, "option"), title, **options)


async def wait_until(pilot: Pilot[int], condition: object, timeout: float = 5.0) -> None:
    """Let the app run until `condition()` holds (loading happens in workers)."""
    waited = 0.0
    while not condition():  # type: ignore[operator]
        if waited >= timeout:
            raise AssertionError("the app never reached the expected state")
        await pilot.pause(0.05)
        waited += 0.05


async def type_quickly(pilot: Pilot[int], keys: str) -> None:
    """Type `keys` as a terminal delivers quick typing: all at once.

    `pilot.press` waits for the app to be idle after each key, which can take a second when
    the machine is busy: too slow for keys that only mean something together ("1" "2").
    """
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(_character_to_key(key), key)  # ("/" is "slash", as Textual reads it)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


async def open_reader(pilot: Pilot[int]) -> ReaderScreen:
    """Wait for the reader to show its review, fully mounted."""
    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.review is not None
    )
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    await wait_until(pilot, lambda: bool(screen.query_one(ReaderPane).section_blocks()))
    await pilot.pause(0.2)
    return screen


def widget_text(screen: object) -> str:
    """All the text the screen's Markdown and Static widgets hold, shown or scrolled away."""
    parts: list[str] = []
    for widget in screen.query("*"):  # type: ignore[attr-defined]
        if isinstance(widget, Markdown):
            parts.append(widget.source)
        elif isinstance(widget, Static):
            parts.append(str(widget.visual))
    return "\n".join(parts)


async def library_ready(pilot: Pilot[int]) -> None:
    """Wait until the library is listed and painted (snapshots and screenshots start here)."""
    app = pilot.app
    assert isinstance(app, ReviewApp)
    while app.catalog is None:
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def reader_ready(pilot: Pilot[int]) -> None:
    """Wait until the reader shows its review, mounted and painted."""
    app = pilot.app
    while not (isinstance(app.screen, ReaderScreen) and app.screen.review is not None):
        await pilot.pause(0.05)
    while not app.screen.query_one(ReaderPane).section_blocks():
        await pilot.pause(0.05)
    await pilot.pause(0.4)


async def steady_cursor(pilot: Pilot[int]) -> None:
    """Stop the text cursors blinking and show them, so a picture does not hang on the clock.

    A focused Input's cursor blinks every half second; a snapshot taken near
    that moment would show it or not by chance. A key the field handles
    without a change (End in an empty field) shows it again and, with blinking
    off, it stays.
    """
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    if isinstance(pilot.app.focused, Input):
        await pilot.press("end")
    await pilot.pause()


async def preview_ready(pilot: Pilot[int]) -> None:
    """Wait until the library's preview pane shows the highlighted review's verdict."""
    from reviewtui.tui.widgets.preview_pane import PreviewPane

    pane = pilot.app.screen.query_one(PreviewPane)
    while pane.entry is None or pane.verdict_path != pane.entry.path:
        await pilot.pause(0.05)
    await pilot.pause(0.2)


def record_paints(
    monkeypatch: pytest.MonkeyPatch,
    take: Callable[[RecordingApp, Screen[object], LayoutUpdate], T | None],
) -> list[T]:
    """What `take` makes of each whole paint of the app (None: left out), in order."""
    taken: list[T] = []
    display = RecordingApp._display

    def recording(app: RecordingApp, screen: Screen[object], update: object) -> None:
        if isinstance(update, LayoutUpdate):
            value = take(app, screen, update)
            if value is not None:
                taken.append(value)
        display(app, screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordingApp, "_display", recording)
    return taken


def paint_text(update: LayoutUpdate) -> str:
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def first_paint_of(monkeypatch: pytest.MonkeyPatch, kind: type[Screen[object]]) -> list[str]:
    """The text of each whole paint of a `kind` screen, in order."""
    return record_paints(
        monkeypatch,
        lambda app, screen, update: paint_text(update) if isinstance(screen, kind) else None,
    )
