"""The `reviewtui` command: the TUI by default, and scriptable subcommands with --json."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewtui import __version__
from reviewtui.importer import ImportFailed, import_file
from reviewtui.library import Library, LibraryError, LookupFailed, load_library, resolve_library
from reviewtui.model import Review

if TYPE_CHECKING:
    from reviewtui.index import ReviewIndex

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """Ends the command with one line on stderr and the given exit status."""

    def __init__(self, message: str, status: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit, with our wording and status
        self.print_usage(sys.stderr)
        raise CommandError(message, EXIT_USAGE)


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def warn(message: str) -> None:
    print(f"reviewtui: {message}", file=sys.stderr)


def open_library(args: argparse.Namespace, *, report_problems: bool = True) -> Library:
    try:
        library = load_library(resolve_library(args.library))
    except LibraryError as error:
        raise CommandError(str(error)) from error
    if report_problems:
        for problem in library.problems:
            warn(f"skipped {problem}")
    return library


def lookup(library: Library, title: str) -> Review:
    try:
        return library.find(title)
    except LookupFailed as error:
        lines = [str(error)]
        lines += [f"  {review.title} ({review.path})" for review in error.candidates[:20]]
        raise CommandError("\n".join(lines), EXIT_USAGE) from error


def review_json(review: Review, library: Library) -> dict[str, object]:
    data = review.summary()
    data["sections"] = [
        {"title": s.title, "level": s.level, "spoiler": s.spoiler} for s in review.sections
    ]
    data["comparables"] = [
        {"title": title, "in_library": library.has_title(title)} for title in review.comparables
    ]
    return data


def open_index(args: argparse.Namespace, *, report_problems: bool = True) -> ReviewIndex:
    """The library's index, brought up to date (with a progress bar on a terminal's stderr)."""
    from reviewtui.index import ReviewIndex

    source = resolve_library(args.library)
    if not source.path.exists():
        raise CommandError(f"library folder not found: {source.path}")
    if not source.path.is_dir():
        raise CommandError(f"library is not a folder: {source.path}")
    index = ReviewIndex(source.path)
    if sys.stderr.isatty():
        from reviewtui.console import refresh_with_progress

        result = refresh_with_progress(index)
    else:
        result = index.refresh()
    if report_problems:
        for problem in result.problems:
            warn(f"skipped {problem}")
    return index


def cmd_list(args: argparse.Namespace) -> int:
    with open_index(args) as index:
        reviews = index.entries()
    if args.json:
        print_json([review.summary() for review in reviews])
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("Title", "Year", "Kind", "Platform", "Rating"):
        table.add_column(column, overflow="fold")
    for review in reviews:
        table.add_row(
            review.title,
            str(review.year or ""),
            review.kind or "",
            review.platform or "",
            f"{review.rating:g}" if review.rating is not None else "",
        )
    Console().print(table)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from reviewtui.index import SearchSyntaxError

    if args.limit < 1:
        raise CommandError("--limit must be at least 1", EXIT_USAGE)
    with open_index(args, report_problems=False) as index:
        try:
            hits = index.search(args.query, limit=args.limit)
        except SearchSyntaxError as error:
            raise CommandError(str(error), EXIT_USAGE) from error
    if args.json:
        print_json([hit.as_json() for hit in hits])
        return EXIT_OK
    if not hits:
        warn(f"no review mentions {args.query!r}")
        return EXIT_ERROR
    from reviewtui.console import print_hits

    print_hits(hits)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    library = open_library(args, report_problems=False)
    review = lookup(library, args.title)
    if args.json:
        print_json(review_json(review, library))
        return EXIT_OK
    from reviewtui.render import print_review

    print_review(review, args.spoilers)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    target = Path(args.library).expanduser() if args.library else None
    if target is None:
        source = resolve_library(None)
        if source.read_only:
            from reviewtui.paths import user_library_dir

            source = source.__class__(user_library_dir(), "user")
        target = source.path
    if args.title and len(args.files) > 1:
        raise CommandError(
            "--title names one review: import one file at a time with it", EXIT_USAGE
        )
    failed = 0
    results = []
    for name in args.files:
        try:
            imported = import_file(Path(name), target, title=args.title, force=args.force)
        except ImportFailed as error:
            failed += 1
            warn(f"{name}: {error}")
            continue
        if imported.note:
            warn(f"{name}: {imported.note}")
        results.append({"source": name, "path": str(imported.target), "title": imported.title})
        if not args.json:
            print(imported.target)
    if args.json:
        print_json(results)
    return EXIT_ERROR if failed else EXIT_OK


def cmd_read(args: argparse.Namespace) -> int:
    return run_tui(args, title=args.title)


def run_tui(args: argparse.Namespace, title: str | None = None) -> int:
    from reviewtui.app import run_app

    return run_app(args.library, title)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--library", metavar="DIR", help="the review library folder")
    parser = _Parser(
        prog="reviewtui",
        description="Read a library of film and TV reviews in the terminal.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"reviewtui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[common])
        sub.set_defaults(handler=handler)
        return sub

    listing = add("list", cmd_list, "list the reviews in the library")
    listing.add_argument("--json", action="store_true", help="print JSON")

    show = add("show", cmd_show, "print a review")
    show.add_argument("title", metavar="TITLE")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--spoilers", action="store_true", help="include spoiler sections")

    importing = add("import", cmd_import, "import plain-text or Markdown reviews into the library")
    importing.add_argument("files", metavar="FILE", nargs="+")
    importing.add_argument("--title", help="the title, when the text does not make it clear")
    importing.add_argument("--force", action="store_true", help="overwrite existing reviews")
    importing.add_argument("--json", action="store_true", help="print JSON")

    searching = add("search", cmd_search, "search the text of every review, best match first")
    searching.add_argument(
        "query", metavar="QUERY", help='words to find (or FTS5 syntax: "a phrase", OR, NOT, word*)'
    )
    searching.add_argument("--json", action="store_true", help="print JSON")
    searching.add_argument(
        "--limit", type=int, default=20, metavar="N", help="show at most N results (default 20)"
    )

    read = add("read", cmd_read, "open the reader on a review")
    read.add_argument("title", metavar="TITLE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            return run_tui(args)
        status: int = handler(args)
        return status
    except CommandError as error:
        warn(str(error))
        return error.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error worth a word.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last guard: no traceback reaches a user
        if os.environ.get("REVIEWTUI_DEBUG"):
            raise
        warn(f"unexpected error: {type(error).__name__}: {error}")
        return EXIT_ERROR
