"""The library's filter box: typing always filters, so the shortcuts it would swallow are
ctrl-keys here, shown in the footer while it has focus."""

from __future__ import annotations

import inspect

from textual.binding import Binding
from textual.widgets import Input


class FilterInput(Input):
    BINDINGS = [
        Binding("tab", "to_list", "List", id="filter_to_list", tooltip="Move to the list"),
        # (`?` is typed into the box: help is F1 here, and shown so.)
        Binding("f1", "app_action('help')", "Help", id="filter_help", tooltip="Show every key"),
        Binding(
            "ctrl+b",
            "app_action('bookmarks')",
            "Bookmarks",
            id="filter_bookmarks",
            tooltip="List, open or remove bookmarks",
        ),
        Binding(
            "ctrl+g",
            "app_action('search')",
            "Search",
            id="filter_search",
            tooltip="Search the text of every review",
        ),
        Binding("ctrl+q", "app_action('quit')", "Quit", id="filter_quit", tooltip="Quit reviewtui"),
    ]

    async def action_app_action(self, action: str) -> None:
        # The app's own bindings for these are single letters, which it disables while a text
        # box has focus (`run_action` would ask it): its action is called directly.
        result = getattr(self.app, f"action_{action}")()
        if inspect.isawaitable(result):
            await result

    def action_to_list(self) -> None:
        self.screen.focus_next()
