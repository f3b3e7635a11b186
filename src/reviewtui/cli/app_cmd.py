"""The commands that run the app: in this terminal (`read`, or no command) or for a web
browser (`serve`)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from reviewtui.cli.errors import EXIT_OK, EXIT_USAGE, CommandError
from reviewtui.library.root import LibraryError

if TYPE_CHECKING:
    import argparse

    from reviewtui.tui.serve import ServeOptions


def cmd_read(args: argparse.Namespace) -> int:
    return run_tui(args, title=args.title)


def cmd_tui(args: argparse.Namespace) -> int:
    return run_tui(args)


def has_terminal() -> bool:
    """Whether the app has somewhere to run: a terminal on stdin and stdout, or a driver of
    its own (textual-serve runs each browser session with its web driver, over pipes)."""
    return bool(os.environ.get("TEXTUAL_DRIVER")) or (sys.stdin.isatty() and sys.stdout.isatty())


def run_tui(args: argparse.Namespace, title: str | None = None) -> int:
    if not has_terminal():
        raise CommandError(
            "the reader needs a terminal (stdin and stdout are not one): "
            "try `reviewtui show TITLE`",
            EXIT_USAGE,
        )
    from reviewtui.tui.launch import prepare_launch

    # Before Textual is imported: on a first start, the index is building meanwhile.
    try:
        launch = prepare_launch(args.library, title)
    except LibraryError as error:
        raise CommandError(str(error)) from error
    try:
        from reviewtui.tui.app import run_app

        return run_app(args.library, title, launch)
    finally:
        launch.stop()


def cmd_serve(args: argparse.Namespace) -> int:
    from reviewtui.cli.library import library_source
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
        serve(options, announce)
    except OSError as error:
        raise CommandError(
            f"cannot serve on {args.host}:{args.port}: {error.strerror or error}", EXIT_USAGE
        ) from error
    return EXIT_OK


def announce(options: ServeOptions) -> None:
    """Where the server is, said once its port is bound. The token is printed here only: no
    access log repeats the address it came in."""
    from reviewtui.cli.output import say, warn
    from reviewtui.tui.serve import is_loopback

    say(f"reviewtui: serving on {options.first_url} (Ctrl+C stops)")
    if not options.allow_writes:
        say(
            "reviewtui: browser sessions are read-only (--allow-writes lets them save "
            "bookmarks, settings and reading places)"
        )
    sys.stdout.flush()  # a pipe (a service's log, say) sees it now, not when serving stops
    if not is_loopback(options.host):
        warn(
            f"{options.host} is reachable from other machines over plain HTTP: "
            "anyone with this address and its token can read the library"
        )
