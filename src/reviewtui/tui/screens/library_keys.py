"""The library screen's keys: one binding per action, each with an id (for keymaps) and a
tooltip. Single letters act from the list; the filter box has ctrl-keys (widgets/filter_input)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

LIBRARY_BINDINGS: list[BindingType] = [
    Binding("ctrl+f", "focus_filter", "Filter", id="focus_filter", tooltip="Filter the titles"),
    Binding("ctrl+s", "cycle_sort", "Sort", id="cycle_sort", tooltip="Sort by the next column"),
    Binding(
        "ctrl+r",
        "reverse_sort",
        "Reverse",
        show=False,
        id="reverse_sort",
        tooltip="Reverse the order of the list",
    ),
    Binding(
        "exclamation_mark",
        "problems",
        "Problems",
        show=False,  # the status line says when there are any, and that ! shows them
        id="problems",
        tooltip="Files that could not be read",
    ),
    Binding(
        "escape",
        "clear_filter",
        "Clear filter",
        show=False,
        id="clear_filter",
        tooltip="Clear the filter",
    ),
    Binding("down", "cursor_down", "Down", show=False, id="cursor_down"),
    Binding("up", "cursor_up", "Up", show=False, id="cursor_up"),
    # From the filter too: ↑↓ and the page keys pick a review while typing (as in fzf).
    Binding("pagedown", "page_down", "Page down", show=False, id="page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="page_up"),
]
