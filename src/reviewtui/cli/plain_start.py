"""The app's plain starts, read without the command line's grammar: `reviewtui` and
`reviewtui read TITLE`, each with at most one `--library DIR`. Building the grammar of every
command (`cli.parser`), and importing argparse for it, takes a few milliseconds of the first
paint."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import argparse


def app_start_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """What `cli.parser.build_parser` makes of the app's plain starts, with the same
    attributes. None for anything else, which the parser reads (and whose mistakes it
    explains)."""
    args = list(argv)
    library = None
    for position, arg in enumerate(args):
        name, equals, value = arg.partition("=")
        if name == "--library" and library is None:
            if not equals:
                value = args[position + 1] if position + 1 < len(args) else ""
            del args[position : position + (1 if equals else 2)]
            library = value
            break
    if library is not None and (not library or library.startswith("-")):
        return None
    if any(arg.startswith("-") or not arg for arg in args):
        return None
    if not args:
        return _namespace(library=library, command=None, handler="app_cmd:cmd_tui")
    if len(args) == 2 and args[0] == "read":
        return _namespace(
            library=library, command="read", handler="app_cmd:cmd_read", title=args[1]
        )
    return None


def _namespace(**values: object) -> argparse.Namespace:
    # argparse's Namespace is a bag of attributes, as SimpleNamespace is (which the handlers
    # read the same way), without importing argparse.
    return cast("argparse.Namespace", SimpleNamespace(**values))
