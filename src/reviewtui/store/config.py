"""The user's settings: `config.toml` in the config dir, read with tomllib and checked strictly.

The file is hand-written, so it is never renamed or rewritten behind the user's back: a problem
in it is a warning naming the file and the key, and the rest of the file still counts.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reviewtui.core.lazy_re import lazy
from reviewtui.core.text import printable
from reviewtui.store import paths
from reviewtui.store.atomic import (
    StateFileError,
    atomic_write_text,
    locked,
    read_state_file,
    write_error,
)
from reviewtui.store.keynames import is_key_name

FILE_NAME = "config.toml"

ACTION_IDS: tuple[str, ...] = (
    "next_section",
    "previous_section",
    "toggle_spoilers",
    "toggle_bookmark",
    "bookmarks",
    "focus_comparables",
    "top",
    "end",
    "back",
    "forward",
    "library",
    "help",
    "quit",
    "search",
    "edit",
    "toggle_sections",
    "scroll_down",
    "scroll_up",
    "focus_filter",
    "clear_filter",
    "cycle_sort",
    "reverse_sort",
    "problems",
    "remove_bookmark",
    "cursor_down",
    "cursor_up",
    "page_down",
    "page_up",
    "unbookmark",
    "watch_title",
    "find",
    "next_match",
    "previous_match",
    "filter_to_list",
    "filter_bookmarks",
    "filter_search",
    "filter_quit",
    "filter_help",
)
"""Actions that `[keys]` may remap, by binding id (the digit jumps to sections are fixed)."""

SPOILER_MODES = ("hidden", "shown")
TableCheck = Callable[[dict[str, object], Path, list[str]], dict[str, str]]
"""Checks a table of settings, adding a warning for each wrong entry; returns the right ones."""
RATING_SCALES = ("auto", "5", "10", "100")
TOP_LEVEL_KEYS = ("library", "theme", "spoilers", "keys", "rating_scale", "shelves")

# One key ("x", "ctrl+n", "f5", "question_mark") or several separated by commas.
_KEY_LIST = lazy(r"^[^\s,]+(,[^\s,]+)*$")

DEFAULT_CONFIG = """\
# reviewtui settings. A line starting with # is a comment: remove the # to use a setting.
# `reviewtui config --check` reports mistakes in this file.

# The review library used when neither --library nor $REVIEWTUI_LIBRARY is given.
# ~ is expanded; a relative path is taken from this file's folder.
# library = "~/reviews"

# The colour theme: any Textual theme, such as "textual-dark", "textual-light", "nord",
# "gruvbox", "dracula", "tokyo-night", "monokai" or "solarized-light".
# Picking a theme from the command palette (ctrl+p) saves it here.
# theme = "textual-dark"

# Whether spoiler sections start "hidden" or "shown".
# spoilers = "hidden"

# What a bare number in a review's rating is out of: "auto" reads up to 5 as out of 5 and
# up to 10 as out of 10; 5, 10 or 100 reads every bare number so. "4/5" and "7.5/10" say
# their own scale whatever this says.
# rating_scale = "auto"

# Keys: give any action a different key by its id. Several keys are separated by commas,
# e.g. next_section = "x,ctrl+n". Names of keys: "x", "ctrl+n", "f5", "pagedown", "escape".
{actions}
[keys]
# next_section = "x"
# previous_section = "z"

# Shelves: saved library filters, offered in the command palette (ctrl+p) of the library.
[shelves]
# "Crime to read" = "genre:crime is:unread"
# "Best of HBO" = "platform:hbo rating:>=4"
""".format(
    actions="\n".join(
        "# " + line for line in textwrap.wrap("Actions: " + ", ".join(ACTION_IDS) + ".", 90)
    )
)


@dataclass(frozen=True)
class Config:
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id → key string, for the app's keymap."""
    theme: str | None = None
    spoilers: Literal["hidden", "shown"] = "hidden"
    library: Path | None = None
    rating_scale: str = "auto"
    """What a bare number in a review's rating is out of: "auto", "5", "10" or "100"."""
    shelves: dict[str, str] = field(default_factory=dict)
    """Shelf name → filter (facets and title words), in the file's order."""

    @property
    def show_spoilers(self) -> bool:
        return self.spoilers == "shown"


def config_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings and the warnings about the file; a missing file is the defaults, silently."""
    file = path or config_path()
    try:
        raw = read_state_file(file)
    except StateFileError as error:
        return Config(), [f"{error}; using the default settings"]
    if raw is None:
        return Config(), []
    import tomllib  # (only when there is a file to read: the start without one is sooner)

    try:
        # utf-8-sig: a file saved by Notepad and its kin starts with a byte-order mark.
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Config(), [f"{file}: not UTF-8 text; using the default settings"]
    except tomllib.TOMLDecodeError as error:
        return Config(), [f"{file}: not valid TOML ({error}); using the default settings"]
    return config_from_data(data, file)


def config_from_data(data: dict[str, object], file: Path) -> tuple[Config, list[str]]:
    """Check each setting on its own: a wrong one is reported and left at its default."""
    warnings: list[str] = []

    def wrong(key: str, expected: str, value: object) -> None:
        warnings.append(f"{file}: '{key}' should be {expected}, got {_shown(value)}")

    for key in data:
        if key not in TOP_LEVEL_KEYS:
            warnings.append(f"{file}: unknown setting '{key}' (known: {', '.join(TOP_LEVEL_KEYS)})")

    library: Path | None = None
    if "library" in data:
        value = data["library"]
        if isinstance(value, str) and value.strip():
            library = Path(value).expanduser()
            if not library.is_absolute():
                library = file.parent / library
        else:
            wrong("library", "a folder path in quotes", value)

    theme: str | None = None
    if "theme" in data:
        value = data["theme"]
        if isinstance(value, str) and value.strip():
            theme = value.strip()
        else:
            wrong("theme", "a theme name in quotes", value)

    spoilers: Literal["hidden", "shown"] = "hidden"
    if "spoilers" in data:
        value = data["spoilers"]
        if value == "shown":
            spoilers = "shown"
        elif value != "hidden":
            wrong("spoilers", '"hidden" or "shown"', value)

    rating_scale = "auto"
    if "rating_scale" in data:
        value = data["rating_scale"]
        text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
        if text.strip() in RATING_SCALES:
            rating_scale = text.strip()
        else:
            wrong("rating_scale", '"auto", 5, 10 or 100', value)

    def table(name: str, check: TableCheck) -> dict[str, str]:
        if name not in data:
            return {}
        value = data[name]
        if isinstance(value, dict):
            return check(value, file, warnings)
        wrong(name, f"a [{name}] table", value)
        return {}

    keys = table("keys", _check_keys)
    shelves = table("shelves", _check_shelves)

    config = Config(
        keys=keys,
        theme=theme,
        spoilers=spoilers,
        library=library,
        rating_scale=rating_scale,
        shelves=shelves,
    )
    return config, warnings


_RATING_SCALE: tuple[tuple[Path, int], str] | None = None
_CONFIG_PATHS: dict[tuple[str | None, ...], Path] = {}


def configured_rating_scale() -> str:
    """The `rating_scale` setting, read again only when the settings file changes (every review
    loaded asks, in worker processes too, so the file's place is worked out once)."""
    global _RATING_SCALE
    where = tuple(os.environ.get(name) for name in ("XDG_CONFIG_HOME", "HOME", "APPDATA"))
    file = _CONFIG_PATHS.get(where)
    if file is None:
        file = _CONFIG_PATHS[where] = config_path()
    try:
        stamp = (file, file.stat().st_mtime_ns)
    except OSError:
        return "auto"
    if _RATING_SCALE is None or _RATING_SCALE[0] != stamp:
        _RATING_SCALE = (stamp, load_config(file)[0].rating_scale)
    return _RATING_SCALE[1]


def _check_shelves(table: dict[str, object], file: Path, warnings: list[str]) -> dict[str, str]:
    """Each shelf a name and a filter the library understands; a wrong one is left out."""
    shelves: dict[str, str] = {}
    for name, value in table.items():
        if not name.strip():
            warnings.append(f"{file}: [shelves] a shelf needs a name")
            continue
        if not isinstance(value, str) or not value.strip():
            warnings.append(
                f"{file}: [shelves] '{printable(name)}' should be a filter in quotes such as "
                f'"genre:crime is:unread", got {_shown(value)}'
            )
            continue
        from reviewtui.core.facets import parse_filter  # (settings with shelves only)

        problems = parse_filter(value).problems
        if problems:
            warnings.append(f"{file}: [shelves] '{printable(name)}': {printable(problems[0])}")
            continue
        shelves[name.strip()] = value.strip()
    return shelves


def _check_keys(table: dict[str, object], file: Path, warnings: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    owner: dict[str, str] = {}
    for action, value in table.items():
        if action not in ACTION_IDS:
            warnings.append(
                f"{file}: [keys] unknown action '{action}' (actions: {', '.join(ACTION_IDS)})"
            )
            continue
        if not isinstance(value, str) or not _KEY_LIST().match(value.strip()):
            warnings.append(
                f"{file}: [keys] '{action}' should be a key in quotes such as \"x\" or "
                f'"ctrl+n" (several separated by commas), got {_shown(value)}'
            )
            continue
        names = value.strip()
        unknown = [key for key in names.split(",") if not is_key_name(key)]
        if unknown:
            warnings.append(
                f"{file}: [keys] '{action}' uses {_shown(unknown[0])}, which is not a key name "
                '(keys are named like "x", "ctrl+n", "f5", "pagedown", "question_mark"); '
                f"'{action}' keeps its default key"
            )
            continue
        clash = [key for key in names.split(",") if key in owner]
        if clash:
            warnings.append(
                f"{file}: [keys] '{action}' and '{owner[clash[0]]}' both use '{clash[0]}'; "
                f"'{action}' keeps its default key"
            )
            continue
        for key in names.split(","):
            owner[key] = action
        keys[action] = names
    return keys


def _shown(value: object) -> str:
    """A wrong value as the user wrote it, shortened, for a message."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def write_default_config(path: Path | None = None) -> Path:
    """Create the commented default file if there is none (an existing one is never touched)."""
    file = path or config_path()
    try:
        with locked(file):
            if not file.exists():
                atomic_write_text(file, DEFAULT_CONFIG)
    except OSError as error:
        raise write_error(file, error) from error
    return file
