"""The command palette's providers: the current screen's actions (with their keys), and the
library's shelves (saved filters from config.toml)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode

from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.widgets.safe_text import highlighted

HIDDEN_PREFIXES = ("jump_to_digit_", "cursor_", "close", "quit", "filter_quit")


class ScreenActionsProvider(Provider):
    """Every bound action of the screen the palette was opened on, by its description."""

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

    async def discover(self) -> Hits:
        for name, help_text, action, node in sorted(self.actions()):
            yield DiscoveryHit(Content(name), self._runner(action, node), text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action, node in self.actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(name, matcher),
                    self._runner(action, node),
                    text=name,
                    help=help_text,
                )

    def _runner(self, action: str, node: DOMNode) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.app.run_action(action, node)

        return run


class ShelvesProvider(Provider):
    """The library's shelves: picking one puts its filter in the filter box."""

    def shelves(self) -> list[tuple[str, str, LibraryScreen]]:
        screen = self.screen
        if not isinstance(screen, LibraryScreen):
            return []
        return [(f"Shelf: {name}", query, screen) for name, query in screen.shelves.items()]

    async def discover(self) -> Hits:
        for name, query, screen in self.shelves():
            yield DiscoveryHit(Content(name), self._runner(screen, query), text=name, help=query)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, shelf_query, screen in self.shelves():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(name, matcher),
                    self._runner(screen, shelf_query),
                    text=name,
                    help=shelf_query,
                )

    @staticmethod
    def _runner(screen: LibraryScreen, query: str) -> Callable[[], None]:
        return lambda: screen.filter_for(query)
