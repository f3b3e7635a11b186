"""The program's entry point: what must begin before the CLI's own imports.

`reviewtui search` answers from the index once a scan of the library folder has found it as
the index left it. In a child process on the other core, ten thousand files take a few
hundredths of a second to scan; started here, before the CLI's imports (as long again), the
scan is over by the time the search is. Every command then runs as `cli.main` runs it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from reviewtui.core import collector

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reviewtui.library.last_check import FolderCheck

EARLY_CHECK = ("search", "show")
"""Commands that answer from the index at once, and so gain from a folder check begun early."""
_OPTION = "--library"
_SHORTEST = "--lib"
"""argparse takes any unambiguous prefix of an option (`--li` could also be `--limit`)."""


def main(argv: Sequence[str] | None = None) -> int:
    collector.hold()  # until the first screen is painted, or the command's work begins
    args = list(sys.argv[1:] if argv is None else argv)
    check = early_folder_check(args) if command(args) in EARLY_CHECK else None
    from reviewtui.cli.main import main as cli_main

    return cli_main(args, folder_check=check)


def early_folder_check(args: list[str]) -> FolderCheck | None:
    """The check of the library folder these arguments name, started now; `cli.ask_index`
    uses it if it turns out to be for the folder it searches, and starts its own if not."""
    from reviewtui.library import last_check
    from reviewtui.library.root import resolve_library
    from reviewtui.library.scan import DigestInChild, index_root
    from reviewtui.store import paths

    try:
        option = library_option(args)
        configured = None
        if option is None and paths.env_library() is None:
            from reviewtui.store.config import load_config

            configured = load_config()[0].library
        source = resolve_library(option, configured=configured)
        root = index_root(source.path)
        return last_check.recent(root) or DigestInChild(root)
    except (OSError, ValueError):  # the command itself meets the trouble, and says what it is
        return None


def command(args: list[str]) -> str | None:
    """The command the arguments give, if any (the first word that is not an option or the
    library option's value)."""
    value_next = False
    for arg in args:
        if value_next:
            value_next = False
        elif arg == "--":
            return None
        elif arg.startswith("-"):
            name, equals, _ = arg.partition("=")
            value_next = not equals and _is_library_option(name)
        else:
            return arg
    return None


def _is_library_option(name: str) -> bool:
    return len(name) >= len(_SHORTEST) and _OPTION.startswith(name)


def library_option(args: list[str]) -> str | None:
    """The last `--library DIR` (or `--library=DIR`, or an abbreviation) before any `--`."""
    found = None
    for position, arg in enumerate(args):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if not _is_library_option(name):
            continue
        if equals:
            found = value
        elif position + 1 < len(args):
            found = args[position + 1]
    return found
