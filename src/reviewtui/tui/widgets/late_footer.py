"""The footer of keys, mounted once its screen has been painted.

The footer costs a screen's first paint some 3 ms (Textual's footer module, its styles and its
widgets), for keys that are read after the screen's own text. Until it comes, its row is kept
free, so nothing on the screen moves when it does."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

FOOTER_PENDING = "-footer-pending"
"""The screen's class until its footer is mounted: keeps the footer's row free."""


def footer_after_paint(screen: Screen[Any]) -> None:
    """From the screen's `on_mount`: mount its footer after the next refresh. The screen was
    made with the `FOOTER_PENDING` class."""
    screen.call_after_refresh(_mount_footer, screen)


def _mount_footer(screen: Screen[Any]) -> None:
    from reviewtui.tui.widgets.quiet_footer import QuietFooter

    if not screen.is_attached:  # closed before it was painted
        return
    footer = QuietFooter(compact=True, show_command_palette=False)
    screen.mount(footer)
    screen.remove_class(FOOTER_PENDING)
