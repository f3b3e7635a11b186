"""The `reviewtui` command: parse the arguments, run the command, and turn every failure into
one line on stderr and an exit status (the one place errors are mapped)."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reviewtui.cli.errors import EXIT_ERROR, EXIT_OK, CommandError
from reviewtui.cli.plain_start import app_start_args
from reviewtui.core import collector

if TYPE_CHECKING:
    import argparse

    from reviewtui.library.last_check import FolderCheck

Handler = Callable[["argparse.Namespace"], int]

PAINTS_ON_START = ("app_cmd:cmd_tui", "app_cmd:cmd_read")
"""Commands that start the app: cycle collection resumes once it has painted its first screen
(`core.collector`); every other command resumes it before its work."""


def main(argv: Sequence[str] | None = None, folder_check: FolderCheck | None = None) -> int:
    """Run a command; folder_check is a check of the library folder `start.main` began."""
    # A terminal that cannot show a title's characters gets \\u escapes, not a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    try:
        args = app_start_args(sys.argv[1:] if argv is None else argv)
        if args is None:
            from reviewtui.cli.parser import parse_arguments  # (argparse, every command)

            args = parse_arguments(argv)
        args.folder_check = folder_check
        handler = command(args.handler)
        if args.handler not in PAINTS_ON_START:
            collector.release()
        status: int = handler(args)
        return status
    except CommandError as error:
        warn(str(error), error.details)
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
        collector.release()
        if folder_check is not None:
            folder_check.stop()  # not taken up: the command was another, or it failed first


def warn(message: str, details: Sequence[str] = ()) -> None:
    """`cli.output.warn`, imported when there is something to say: the app's starts have not."""
    from reviewtui.cli.output import warn as say_on_stderr

    say_on_stderr(message, details)


def command(name: str) -> Handler:
    """The function that runs a command, named "module:function" in this package: a
    command's module is imported only when it runs, so that the reader starts without the
    import, export and search commands' code."""
    module, _, function = name.partition(":")
    handler: Handler = getattr(importlib.import_module(f"reviewtui.cli.{module}"), function)
    return handler
