"""The commands that run the app: in this terminal (`read`, or no command) or for a web
browser (`serve`)."""

from __future__ import annotations

import argparse
import os
import sys

from reviewtui.cli.errors import EXIT_OK, EXIT_USAGE, CommandError
from reviewtui.cli.library import library_source
from reviewtui.cli.output import warn
from reviewtui.library.load import LibraryError


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
        launch = prepare_launch(args.library)
    except LibraryError as error:
        raise CommandError(str(error)) from error
    try:
        from reviewtui.tui.app import run_app

        return run_app(args.library, title, launch)
    finally:
        launch.stop()


def cmd_serve(args: argparse.Namespace) -> int:
    from reviewtui.tui.serve import is_loopback, serve

    source = library_source(args)
    if not source.path.is_dir():
        raise CommandError(f"library folder not found: {source.path}")
    if not is_loopback(args.host):
        warn(
            f"{args.host} is reachable from other machines: anyone who can reach it can read the library"
        )
    try:
        serve(args.host, args.port, args.library, public_url=args.public_url)
    except OSError as error:
        raise CommandError(
            f"cannot serve on {args.host}:{args.port}: {error.strerror or error}"
        ) from error
    return EXIT_OK
