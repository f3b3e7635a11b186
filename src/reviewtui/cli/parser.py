"""The command line's grammar: each command, its options, and the function that runs it."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from reviewtui import __version__
from reviewtui.cli.errors import EXIT_USAGE, CommandError

MAX_LIMIT = 1_000_000
"""The most search results one may ask for (more than any library holds)."""


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line read by the grammar of every command (`build_parser`)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        return build_parser().parse_args(arguments)
    except CommandError as error:
        # `read -x`: argparse takes -x for an option and says the title is missing.
        dashed = [a for a in arguments if a.startswith("-") and a != "--" and a[1:2] != "-"]
        if error.status == EXIT_USAGE and "arguments are required" in str(error) and dashed:
            hint = f"words that begin with '-' go after '--', as in: -- {dashed[0]}"
            raise CommandError(f"{error} ({hint})", EXIT_USAGE) from None
        raise


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit, with our wording and status
        self.print_usage(sys.stderr)
        raise CommandError(message, EXIT_USAGE)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An option's type: a whole number from low to high, else a usage error saying so."""

    def number(value: str) -> int:
        try:
            count = int(value)
        except ValueError:
            count = low - 1
        if not low <= count <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low} to {high}, not {value!r}"
            )
        return count

    return number


result_count = whole_number(1, MAX_LIMIT)
"""--limit's value: a whole number from 1 to MAX_LIMIT."""


def url_safe_token(value: str) -> str:
    """--token's value: what can stand in an address unescaped."""
    if not re.fullmatch(r"[A-Za-z0-9._~-]+", value):
        raise argparse.ArgumentTypeError("a token is letters, digits and - _ . ~ only")
    return value


def folder_name(value: str) -> str:
    """--library's value: not empty (an empty one named the current folder, unsaid)."""
    if not value:
        raise argparse.ArgumentTypeError("needs a folder, not an empty name")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--library", metavar="DIR", type=folder_name, help="the review library folder"
    )
    # After the command, --library is optional too, but its absence must not undo a
    # `reviewtui --library DIR COMMAND` given before the command.
    sub_common = _Parser(add_help=False)
    sub_common.add_argument(
        "--library",
        metavar="DIR",
        type=folder_name,
        default=argparse.SUPPRESS,
        help="the review library folder",
    )
    parser = _Parser(
        prog="reviewtui",
        description="Read a library of film and TV reviews in the terminal.",
        parents=[common],
    )
    parser.set_defaults(handler="app_cmd:cmd_tui")
    parser.add_argument("--version", action="version", version=f"reviewtui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, handler: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[sub_common])
        sub.set_defaults(handler=handler)
        return sub

    listing = add("list", "commands:cmd_list", "list the reviews in the library")
    listing.add_argument("--json", action="store_true", help="print JSON")

    show = add("show", "commands:cmd_show", "print a review")
    show.add_argument("title", metavar="TITLE")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--spoilers", action="store_true", help="include spoiler sections")
    show.add_argument(
        "--format",
        choices=("markdown", "text", "html"),
        help="print the review as Markdown, plain text or a standalone HTML page",
    )

    importing = add(
        "import",
        "import_cmd:cmd_import",
        "import reviews into the library: plain text, Markdown, saved web pages (.html),"
        " Letterboxd exports (zip, folder, reviews.csv, diary.csv), IMDb ratings.csv",
    )
    importing.add_argument("files", metavar="FILE", nargs="+")
    importing.add_argument("--title", help="the title, when the text does not make it clear")
    importing.add_argument("--force", action="store_true", help="overwrite existing reviews")
    importing.add_argument("--json", action="store_true", help="print JSON")

    marks = add("bookmarks", "bookmarks:cmd_bookmarks", "list, add or remove bookmarks")
    marks_actions = marks.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    marks_list = marks_actions.add_parser("list", help="list the bookmarks", parents=[sub_common])
    marks_list.add_argument("--json", action="store_true", help="print JSON")
    marks_add = marks_actions.add_parser("add", help="bookmark a title", parents=[sub_common])
    marks_add.add_argument("title", metavar="TITLE")
    marks_remove = marks_actions.add_parser(
        "remove", help="remove a bookmark", parents=[sub_common]
    )
    marks_remove.add_argument("title", metavar="TITLE")
    marks.set_defaults(json=False)

    check = add(
        "check", "commands:cmd_check", "list every problem in the library; exit 1 if there are any"
    )
    check.add_argument("--json", action="store_true", help="print JSON")

    searching = add(
        "search", "commands:cmd_search", "search the text of every review, best match first"
    )
    searching.add_argument(
        "query", metavar="QUERY", help='words to find (or FTS5 syntax: "a phrase", OR, NOT, word*)'
    )
    searching.add_argument("--json", action="store_true", help="print JSON")
    searching.add_argument(
        "--limit",
        type=result_count,
        default=20,
        metavar="N",
        help="show at most N results (default 20)",
    )

    read = add("read", "app_cmd:cmd_read", "open the reader on a review")
    read.add_argument("title", metavar="TITLE")

    config = add("config", "config_cmd:cmd_config", "show where the settings file is, or check it")
    config_what = config.add_mutually_exclusive_group(required=True)
    config_what.add_argument(
        "--path", action="store_true", help="print its path (writing a commented default first)"
    )
    config_what.add_argument(
        "--check", action="store_true", help="report problems in it (exit status 1 if any)"
    )

    serve = add("serve", "app_cmd:cmd_serve", "serve the app to a web browser")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument(
        "--port", type=whole_number(1, 65535), default=8000, help="port to listen on (8000)"
    )
    serve.add_argument(
        "--public-url", metavar="URL", help="the URL browsers reach the server by, behind a proxy"
    )
    token = serve.add_mutually_exclusive_group()
    token.add_argument(
        "--token", type=url_safe_token, help="the token browsers must bring (default: random)"
    )
    token.add_argument(
        "--no-token", action="store_true", help="ask for no token (loopback --host only)"
    )
    serve.add_argument(
        "--max-sessions",
        type=whole_number(1, 1000),
        default=8,
        metavar="N",
        help="browser sessions open at once, at most (8)",
    )
    serve.add_argument(
        "--allow-writes",
        action="store_true",
        help="let browser sessions save bookmarks, settings and reading places",
    )
    return parser
