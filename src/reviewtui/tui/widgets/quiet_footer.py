"""Textual's Footer, rebuilt once however many times the keys change before the next paint.

Each change of focus or of an action's availability asks the footer to rebuild all its keys;
while a screen opens that happens a dozen times in a row (the review loaded, the focus set,
the bookmark mark…), each rebuild a screenful of widgets. This footer coalesces them."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    _rebuild_asked = False
    _keys_shown: tuple[object, ...] | None = None

    def on_mount(self) -> None:
        # Mounted once its screen is painted, after the screen first told of its keys.
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_asked = False
        if not self.is_attached:  # its screen was closed meanwhile
            return
        keys = self.keys_shown()
        if keys != self._keys_shown:  # (most changes change nothing the footer shows)
            self._keys_shown = keys
            await self.recompose()

    def keys_shown(self) -> tuple[object, ...]:
        """What the footer shows of the screen's keys, as `Footer.compose` reads them."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
