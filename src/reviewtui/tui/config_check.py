"""What only the app can tell about the settings: whether the theme exists, and whether a key
given in `[keys]` is one another action already has where that action works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from reviewtui.store.config import Config
from reviewtui.store.keynames import normal_key
from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
from reviewtui.tui.screens.help_screen import HelpScreen
from reviewtui.tui.screens.library_screen import LibraryScreen
from reviewtui.tui.screens.problems_screen import ProblemsScreen
from reviewtui.tui.screens.reader_screen import ReaderScreen
from reviewtui.tui.screens.search_screen import SearchScreen

SCREENS: tuple[type[Screen[Any]], ...] = (
    LibraryScreen,
    ReaderScreen,
    SearchScreen,
    BookmarksScreen,
    HelpScreen,
    ProblemsScreen,
)


def config_problems(
    config: Config, file: Path, app_bindings: list[BindingType], themes: set[str] | None = None
) -> list[str]:
    """One line per problem, naming the file: an unknown theme, a key that clashes."""
    problems: list[str] = []
    known = set(BUILTIN_THEMES) if themes is None else themes
    if config.theme is not None and config.theme not in known:
        problems.append(
            f"{file}: theme {config.theme!r} is not known, the default is used "
            f"(themes: {', '.join(sorted(known))})"
        )
    problems += key_clashes(config.keys, file, app_bindings)
    return problems


def key_clashes(keys: dict[str, str], file: Path, app_bindings: list[BindingType]) -> list[str]:
    """A key given to an action that another action has on the same screen (the app's own
    keys work on every screen)."""
    clashes: list[str] = []
    seen: set[tuple[str, str]] = set()
    for screen in SCREENS:
        place = screen.__name__.removesuffix("Screen").lower()
        # Each key the screen answers to, with the action it runs there, keymap applied.
        owners: dict[str, list[tuple[str, bool]]] = {}
        for binding in _bindings(app_bindings) + _bindings(screen.BINDINGS):
            name = binding.id or binding.action
            configured = binding.id is not None and binding.id in keys
            for key in (keys[name] if configured else binding.key).split(","):
                owners.setdefault(normal_key(key), []).append((name, configured))
        for key, actions in owners.items():
            for action, configured in actions:
                others = [other for other, _ in actions if other != action]
                if not configured or not others or (action, key) in seen:
                    continue
                seen.add((action, key))
                clashes.append(
                    f"{file}: [keys] '{action}' uses '{key}', which '{others[0]}' already uses "
                    f"on the {place} screen"
                )
    return clashes


def _bindings(declared: list[BindingType]) -> list[Binding]:
    return [b if isinstance(b, Binding) else Binding(*b) for b in declared]
