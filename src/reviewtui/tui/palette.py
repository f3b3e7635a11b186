"""The command palette's providers: the current screen's actions (with their keys), and the
library's shelves (saved filters from config.toml)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode

from reviewtui.tui.widgets.safe_text import highlighted

if TYPE_CHECKING:
    from reviewtui.tui.screens.library_screen import LibraryScreen

HIDDEN_PREFIXES = ("jump_to_digit_", "cursor_", "close", "quit", "filter_quit")


Command = tuple[str, str, Callable[[], object]]
"""(name, help, what running it does)."""


class CommandsProvider(Provider):
    """Offers `commands()` in the palette: all of them before typing, then those whose name
    matches, with the matched letters marked."""

    def commands(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, help_text, run in self.commands():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(name, matcher), run, text=name, help=help_text)


class ScreenActionsProvider(CommandsProvider):
    """Every bound action of the screen the palette was opened on, by its description."""

    def commands(self) -> list[Command]:
        return sorted(
            (
                (name, help_text, self._runner(action, node))
                for name, help_text, action, node in self.actions()
            ),
            key=lambda command: command[:2],
        )

    def actions(self) -> Iterator[tuple[str, str, str, DOMNode]]:
        """(name, help, action, namespace) for each distinct binding id."""
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            binding_id = binding.id or binding.action
            if not binding.id or binding_id in seen or binding_id.startswith(HIDDEN_PREFIXES):
                # Bindings without an id are Textual's own (Page Left, Scroll Right…), and
                # quitting is one of the palette's own commands already.
                continue
            if not binding.description or not active.enabled:
                continue
            seen.add(binding_id)
            shown_key = self.app.get_key_display(binding) or key
            name = binding.tooltip or binding.description
            yield name, f"key: {shown_key}", binding.action, active.node

    def _runner(self, action: str, node: DOMNode) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.app.run_action(action, node)

        return run


class ShelvesProvider(CommandsProvider):
    """The library's shelves: picking one puts its filter in the filter box."""

    def commands(self) -> list[Command]:
        from reviewtui.tui.screens.library_screen import LibraryScreen

        screen = self.screen
        if not isinstance(screen, LibraryScreen):
            return []
        return [
            (f"Shelf: {name}", query, self._runner(screen, query))
            for name, query in screen.shelves.items()
        ]

    @staticmethod
    def _runner(screen: LibraryScreen, query: str) -> Callable[[], None]:
        return lambda: screen.filter_for(query)
