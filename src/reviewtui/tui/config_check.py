"""What only the app can tell about the settings: whether the theme exists, and whether a key
given in `[keys]` is one another action already has where that action works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES
from textual.widget import Widget

from reviewtui.core.lazy_re import lazy
from reviewtui.store.config import Config
from reviewtui.store.keynames import normal_key


def every_screen() -> tuple[type[Screen[Any]], ...]:
    """The app's screens. Imported here only when keys are to be checked: the first paint
    does not wait for the reader and the others (see tui/loading.py)."""
    from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
    from reviewtui.tui.screens.help_screen import HelpScreen
    from reviewtui.tui.screens.library_screen import LibraryScreen
    from reviewtui.tui.screens.problems_screen import ProblemsScreen
    from reviewtui.tui.screens.reader_screen import ReaderScreen
    from reviewtui.tui.screens.search_screen import SearchScreen

    return (LibraryScreen, ReaderScreen, SearchScreen, BookmarksScreen, HelpScreen, ProblemsScreen)


def focused_widgets() -> dict[type[Screen[Any]], tuple[type[Widget], ...]]:
    """Widgets whose own keys also hold on a screen (the library's filter has focus at first)."""
    from reviewtui.tui.screens.library_screen import LibraryScreen
    from reviewtui.tui.widgets.filter_input import FilterInput

    return {LibraryScreen: (FilterInput,)}


_APP_ACTION = lazy(r"^app_action\('(\w+)'\)$")


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
    if not keys:
        return clashes  # only a key the user gave can clash
    seen: set[tuple[str, str]] = set()
    focused = focused_widgets()
    for screen in every_screen():
        place = screen.__name__.removesuffix("Screen").lower()
        # Each key the screen answers to, with the action it runs there, keymap applied.
        owners: dict[str, list[tuple[str, str, bool]]] = {}
        widgets = [b for w in focused.get(screen, ()) for b in _bindings(w.BINDINGS)]
        for binding in _bindings(app_bindings) + _bindings(screen.BINDINGS) + widgets:
            name = binding.id or binding.action
            # A widget's key that runs an app action does what that action does.
            found = _APP_ACTION().match(binding.action)
            effect = found.group(1) if found else name
            given = keys.get(binding.id, binding.key) if binding.id else binding.key
            defaults = {normal_key(key) for key in binding.key.split(",")}
            for key in map(normal_key, given.split(",")):
                # Only a key the user gave can clash: the defaults share keys on purpose
                # (B opens the bookmarks and, on the bookmarks screen, closes them).
                owners.setdefault(key, []).append((name, effect, key not in defaults))
        for key, actions in owners.items():
            for name, effect, given_here in actions:
                others = [other for other, done, _ in actions if done != effect]
                if not given_here or not others or (name, key) in seen:
                    continue
                seen.add((name, key))
                clashes.append(
                    f"{file}: [keys] '{name}' uses '{key}', which '{others[0]}' already uses "
                    f"on the {place} screen"
                )
    return clashes


def _bindings(declared: list[BindingType]) -> list[Binding]:
    return [b if isinstance(b, Binding) else Binding(*b) for b in declared]
