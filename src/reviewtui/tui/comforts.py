"""The app side of the reader comforts: settings applied to the running app, the theme
remembered, the editor run with the app suspended, and the library watched for changes.

Each is a function taking the `App`, so the app wires them in with one call each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import platformdirs
from textual.app import App, SuspendNotSupported
from textual.theme import Theme
from textual.timer import Timer

from reviewtui.core.text import printable
from reviewtui.store.config import Config

if TYPE_CHECKING:
    from reviewtui.library.watch import Changes, LibraryWatcher


def apply_config(app: App[Any], config: Config) -> None:
    """Remap keys and pick the theme (an unknown one is left out: `config_check` reports it)."""
    if config.keys:
        app.set_keymap(config.keys)
    theme = configured_theme(app, config)
    if theme is not None:
        app.theme = theme


def configured_theme(app: App[Any], config: Config) -> str | None:
    """The config's theme, if the app knows it."""
    return config.theme if config.theme in app.available_themes else None


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
            from reviewtui.store.theme_setting import save_theme  # (when a theme is picked)

            warning = save_theme(theme.name)
            if warning and on_warning is not None:
                app.call_from_thread(on_warning, warning)

        app.run_worker(save, thread=True, group="save-theme", exclusive=True)

    app.theme_changed_signal.subscribe(app, changed)


def edit_file(app: App[Any], path: Path) -> str | None:
    """Open `path` in the user's editor with the app suspended; returns why it could not be
    edited, or None once the editor has closed (the caller then reloads the review)."""
    from reviewtui.tui.editor import EditorError, editor_command, run_editor

    try:
        editor_command(path)  # (no editor to run: said without leaving the screen)
    except EditorError as error:
        return f"Not edited: {error}"
    failed: EditorError | None = None
    try:
        with app.suspend():
            try:
                run_editor(path)
            except EditorError as error:
                # Caught inside: Textual takes the terminal back only when the block ends
                # without an exception (else the screen stays blank, the keys unread).
                failed = error
    except SuspendNotSupported:
        return "The editor needs the terminal, which this session cannot hand over (in a browser, say)."
    return None if failed is None else f"Not edited: {failed}"


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
    from reviewtui.library.watch import LibraryWatcher

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


def opens_in_browser(href: str) -> bool:
    """Whether a link clicked in a review opens in the browser: web pages only."""
    return urlparse(href).scheme.lower() in ("http", "https")
