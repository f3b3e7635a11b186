"""The `reviewtui` command: the TUI by default, and scriptable subcommands with --json."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewtui import __version__
from reviewtui.core.model import Problem, Review
from reviewtui.core.text import printable
from reviewtui.library.load import (
    Library,
    LibraryError,
    LibrarySource,
    LookupFailed,
    load_library,
    resolve_library,
)
from reviewtui.library.scan import DigestInChild, index_root
from reviewtui.store.config import Config, config_path, load_config, write_default_config

if TYPE_CHECKING:
    from reviewtui.cli.output import IndexProgress
    from reviewtui.index import RefreshResult, ReviewIndex

SHOW_PROGRESS_FROM = 50
"""Files to read from which a refresh shows a progress bar: below, it is over before seen."""

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


# json escapes C0 controls itself; these it would print raw with ensure_ascii=False. They can
# only occur inside JSON strings, where a \\uXXXX escape means the same character.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def print_json(data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def warn(message: str) -> None:
    # Messages echo file names and titles: control characters are shown, never sent raw.
    lines = [printable(line) for line in message.split("\n")]
    print("reviewtui: " + "\n".join(lines), file=sys.stderr)


def load_settings() -> Config:
    """The user's config; each problem in it is one line on stderr, and the command goes on."""
    config, warnings = load_config()
    for warning in warnings:
        warn(warning)
    return config


def library_source(args: argparse.Namespace) -> LibrarySource:
    """--library, $REVIEWTUI_LIBRARY, the config's library, the user's, or the sample."""
    return resolve_library(args.library, configured=load_settings().library)


def open_library(args: argparse.Namespace, *, report_problems: bool = True) -> Library:
    try:
        library = load_library(library_source(args))
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
    index = library_index(args)
    result = refresh_index(index)
    if report_problems:
        for problem in result.problems:
            warn(f"skipped {problem}")
    return index


def library_index(args: argparse.Namespace) -> ReviewIndex:
    """The library's index as it was last left (not yet refreshed)."""
    from reviewtui.index import ReviewIndex

    return ReviewIndex(library_folder(args))


def library_folder(args: argparse.Namespace) -> Path:
    """The library's folder, which must exist."""
    source = library_source(args)
    if not source.path.exists():
        raise CommandError(f"library folder not found: {source.path}")
    if not source.path.is_dir():
        raise CommandError(f"library is not a folder: {source.path}")
    return source.path


def refresh_index(index: ReviewIndex) -> RefreshResult:
    """Bring the index up to date, with a progress bar on a terminal when many files are read
    (Rich is imported only then: a refresh that reads nothing starts no quicker than this)."""
    if not sys.stderr.isatty():
        return index.refresh()
    bar: list[IndexProgress] = []

    def progress(done: int, total: int) -> None:
        if not bar and total >= SHOW_PROGRESS_FROM:
            from reviewtui.cli.output import IndexProgress

            bar.append(IndexProgress())
        for shown in bar:
            shown(done, total)

    try:
        return index.refresh(progress)
    finally:
        for shown in bar:
            shown.stop()


def cmd_list(args: argparse.Namespace) -> int:
    with open_index(args) as index:
        reviews = index.entries()
    if args.json:
        print_json([review.summary() for review in reviews])
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("Title", "Year", "Kind", "Platform", "Rating"):
        table.add_column(column, overflow="fold")
    for review in reviews:
        # Text cells: a plain str cell would be parsed as console markup ("[/]" in a title).
        table.add_row(
            Text(review.title),
            Text(str(review.year or "")),
            Text(review.kind or ""),
            Text(review.platform or ""),
            Text(f"{review.rating:g}" if review.rating is not None else ""),
        )
    Console().print(table)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1", EXIT_USAGE)
    folder = library_folder(args)
    # The folder is checked for changes (ten thousand files take some hundredths of a second)
    # by a child process while this one opens the index and searches it; when files did
    # change, the index is brought up to date and searched again. The check `start.main`
    # began before this module's imports is taken when it is for this folder.
    root = index_root(folder)
    early: DigestInChild | None = getattr(args, "folder_check", None)
    if early is not None and early.root != root:
        early.stop()  # it guessed another folder than the one resolved here
        early = None
    check = early or DigestInChild(root)
    try:
        from reviewtui.index import ReviewIndex, SearchSyntaxError

        with ReviewIndex(folder) as index:
            try:
                hits = index.search(args.query, limit=args.limit)
                digest = check.result()
                if digest is None or not index.scan_matches(digest):
                    result = refresh_index(index)
                    if result.read or result.removed or result.rebuilt:
                        hits = index.search(args.query, limit=args.limit)
            except SearchSyntaxError as error:
                raise CommandError(str(error), EXIT_USAGE) from error
    finally:
        check.stop()
    if args.json:
        print_json([hit.as_json() for hit in hits])
        return EXIT_OK
    if not hits:
        warn(f"no review mentions {args.query!r}")
        return EXIT_ERROR
    from reviewtui.cli.output import print_hits

    print_hits(hits)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    if args.json and args.format:
        raise CommandError("--json and --format cannot be used together", EXIT_USAGE)
    library = open_library(args, report_problems=False)
    review = lookup(library, args.title)
    if args.json:
        print_json(review_json(review, library))
        return EXIT_OK
    if args.format:
        from reviewtui.cli.export import export_review

        sys.stdout.write(export_review(review, args.format, args.spoilers))
        return EXIT_OK
    from reviewtui.cli.render import print_review

    print_review(review, args.spoilers)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    target = Path(args.library).expanduser() if args.library else None
    if target is None:
        source = resolve_library(None, configured=load_settings().library)
        if source.read_only:
            from reviewtui.store.paths import user_library_dir

            source = source.__class__(user_library_dir(), "user")
        target = source.path
    if args.title and len(args.files) > 1:
        raise CommandError(
            "--title names one review: import one file at a time with it", EXIT_USAGE
        )
    from reviewtui.cli.importing import import_files

    return EXIT_OK if import_files(args, target, warn, print_json) else EXIT_ERROR


def cmd_bookmarks(args: argparse.Namespace) -> int:
    from reviewtui.store.bookmarks import BookmarkStore

    store = BookmarkStore()
    try:
        if args.action == "add":
            library = open_library(args, report_problems=False)
            review = lookup(library, args.title)
            if store.add(review.title, review.path):
                print(f"bookmarked {review.title}")
            else:
                print(f"{review.title} was already bookmarked")
        elif args.action == "remove":
            marks = store.entries()
            wanted = args.title.casefold()
            found = [b for b in marks if b.title.casefold() == wanted]
            if not found:
                raise CommandError(f"no bookmark titled '{args.title}'", EXIT_USAGE)
            store.remove(found[0].title)
            print(f"removed the bookmark on {found[0].title}")
        else:
            marks = store.entries()
            if args.json:
                print_json(
                    [
                        {"title": b.title, "path": b.path, "added": b.added.isoformat()}
                        for b in marks
                    ]
                )
            elif not marks:
                warn("no bookmarks yet")
            else:
                for b in marks:
                    print(f"{b.title}\t{b.added.astimezone().strftime('%Y-%m-%d %H:%M')}\t{b.path}")
    except OSError as error:
        raise CommandError(f"bookmarks could not be saved: {error}") from error
    for warning in store.warnings:
        warn(warning)
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    if args.check:
        path = config_path()
        _, problems = load_config(path)
        for problem in problems:
            warn(problem)
        if problems:
            return EXIT_ERROR
        print(f"{path}: {'no problems' if path.exists() else 'not written yet (defaults apply)'}")
        return EXIT_OK
    try:
        print(write_default_config())
    except OSError as error:
        raise CommandError(f"cannot write {config_path()}: {error.strerror or error}") from error
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from reviewtui.tui.serve import ServeOptions, is_loopback, serve
    from reviewtui.tui.serve_guard import new_token

    source = library_source(args)
    if not source.path.is_dir():
        raise CommandError(f"library folder not found: {source.path}")
    if args.no_token and not is_loopback(args.host):
        raise CommandError(
            f"--no-token serves on loopback only (127.0.0.1, ::1 or localhost), not {args.host}",
            EXIT_USAGE,
        )
    options = ServeOptions(
        args.host,
        args.port,
        args.library,
        public_url=args.public_url,
        token=None if args.no_token else (args.token or new_token()),
        max_sessions=args.max_sessions,
        allow_writes=args.allow_writes,
    )
    try:
        serve(options)
    except OSError as error:
        raise CommandError(
            f"cannot serve on {args.host}:{args.port}: {error.strerror or error}", EXIT_USAGE
        ) from error
    return EXIT_OK


def number_from(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high, else a usage error saying so."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number from {low} to {high}")
        return value

    return number


def url_safe_token(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._~-]+", text):
        raise argparse.ArgumentTypeError("a token is letters, digits and - _ . ~ only")
    return text


def problem_json(problem: Problem) -> dict[str, object]:
    return {
        "path": str(problem.path),
        "line": problem.line,
        "reason": problem.reason,
        "severity": "error" if problem.fatal else "warning",
    }


def cmd_check(args: argparse.Namespace) -> int:
    library = open_library(args, report_problems=False)
    problems = sorted(library.all_problems(), key=lambda p: (str(p.path), p.line or 0))
    if args.json:
        print_json([problem_json(problem) for problem in problems])
    elif problems:
        for problem in problems:
            where = f"{problem.path}:{problem.line}" if problem.line else str(problem.path)
            severity = "error" if problem.fatal else "warning"
            print(printable(f"{where}: {severity}: {problem.reason}"))
        errors = sum(1 for problem in problems if problem.fatal)
        warn(
            f"{errors} file(s) not loaded, {len(problems) - errors} warning(s); "
            f"{len(library.reviews)} review(s) loaded from {library.root}"
        )
    else:
        print(printable(f"No problems: {len(library.reviews)} review(s) in {library.root}"))
    return EXIT_ERROR if problems else EXIT_OK


def cmd_read(args: argparse.Namespace) -> int:
    return run_tui(args, title=args.title)


def run_tui(args: argparse.Namespace, title: str | None = None) -> int:
    from reviewtui.tui.launch import prepare_launch

    # Before Textual is imported: on a first start, the index is building meanwhile.
    try:
        launch = prepare_launch(args.library)
    except LibraryError as error:
        raise CommandError(str(error)) from error
    try:
        from reviewtui.tui.app import run_app

        return run_app(args.library, title, launch)
    finally:
        launch.stop()


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--library", metavar="DIR", help="the review library folder")
    # After the command, --library is optional too, but its absence must not undo a
    # `reviewtui --library DIR COMMAND` given before the command.
    sub_common = _Parser(add_help=False)
    sub_common.add_argument(
        "--library", metavar="DIR", default=argparse.SUPPRESS, help="the review library folder"
    )
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
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[sub_common])
        sub.set_defaults(handler=handler)
        return sub

    listing = add("list", cmd_list, "list the reviews in the library")
    listing.add_argument("--json", action="store_true", help="print JSON")

    show = add("show", cmd_show, "print a review")
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
        cmd_import,
        "import reviews into the library: plain text, Markdown, saved web pages (.html),"
        " Letterboxd exports (zip, folder, reviews.csv, diary.csv), IMDb ratings.csv",
    )
    importing.add_argument("files", metavar="FILE", nargs="+")
    importing.add_argument("--title", help="the title, when the text does not make it clear")
    importing.add_argument("--force", action="store_true", help="overwrite existing reviews")
    importing.add_argument("--json", action="store_true", help="print JSON")

    marks = add("bookmarks", cmd_bookmarks, "list, add or remove bookmarks")
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

    check = add("check", cmd_check, "list every problem in the library; exit 1 if there are any")
    check.add_argument("--json", action="store_true", help="print JSON")

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

    config = add("config", cmd_config, "show where the settings file is, or check it")
    config_what = config.add_mutually_exclusive_group(required=True)
    config_what.add_argument(
        "--path", action="store_true", help="print its path (writing a commented default first)"
    )
    config_what.add_argument(
        "--check", action="store_true", help="report problems in it (exit status 1 if any)"
    )

    serve = add("serve", cmd_serve, "serve the app to a web browser")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument(
        "--port", type=number_from(1, 65535), default=8000, help="port to listen on (8000)"
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
        type=number_from(1, 1000),
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


def main(argv: Sequence[str] | None = None, folder_check: DigestInChild | None = None) -> int:
    """Run a command; folder_check is a check of the library folder `start.main` began."""
    # A terminal that cannot show a title's characters gets \\u escapes, not a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        args.folder_check = folder_check
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
    except OSError as error:
        # A folder we must write to (data, state, cache) is read-only, full or missing.
        where = f"{error.filename}: " if error.filename else ""
        warn(f"cannot use {where}{error.strerror or error}")
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - the last guard: no traceback reaches a user
        if os.environ.get("REVIEWTUI_DEBUG"):
            raise
        warn(f"unexpected error: {type(error).__name__}: {error}")
        return EXIT_ERROR
    finally:
        if folder_check is not None:
            folder_check.stop()  # not taken up: the command was another, or it failed first
