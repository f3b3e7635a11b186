"""The key names a `[keys]` setting may use, as Textual names keys, known without importing
Textual (the domain never imports it; a test checks this list against Textual's own)."""

from __future__ import annotations

import string
import unicodedata

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})

NAMED_KEYS = frozenset(
    {
        "escape",
        "enter",
        "return",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        "caps_lock",
        "scroll_lock",
        "num_lock",
        "print_screen",
        "pause",
        "menu",
        *(f"f{number}" for number in range(1, 36)),
    }
)

_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def _character_name(character: str) -> str:
    """A character's key name, as Textual gives it ("?" is "question_mark")."""
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return _REPLACEMENTS.get(name, name)


CHARACTER_NAMES = frozenset(_character_name(c) for c in string.punctuation + " ") | frozenset(
    _REPLACEMENTS
)


def normal_key(key: str) -> str:
    """A key as Textual compares it: a single character by its name ("?" is "question_mark")."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        return _character_name(key)
    return key


def is_key_name(key: str) -> bool:
    """Whether `key` names a key: "x", "ctrl+n", "f5", "question_mark", "shift+pagedown"."""
    *modifiers, base = key.split("+")
    if len(set(modifiers)) != len(modifiers) or not MODIFIERS.issuperset(modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    if base in NAMED_KEYS or base in CHARACTER_NAMES:
        return True
    if not base or not base.replace("_", "").isalnum():
        return False
    try:  # any other character by its Unicode name: "pound_sign", "latin_small_letter_e_with_acute"
        unicodedata.lookup(base.replace("_", " "))
    except KeyError:
        return False
    return True
