"""`reviewtui config`: where the settings file is, or what is wrong in it."""

from __future__ import annotations

import argparse

from reviewtui.cli.errors import EXIT_ERROR, EXIT_OK, CommandError
from reviewtui.cli.output import say, warn
from reviewtui.store.config import config_path, load_config, write_default_config


def cmd_config(args: argparse.Namespace) -> int:
    if args.check:
        from reviewtui.tui.app import ReviewApp
        from reviewtui.tui.config_check import config_problems

        path = config_path()
        config, problems = load_config(path)
        problems += config_problems(config, path, ReviewApp.BINDINGS)
        for problem in problems:
            warn(problem)
        if problems:
            return EXIT_ERROR
        say(f"{path}: {'no problems' if path.exists() else 'not written yet (defaults apply)'}")
        return EXIT_OK
    try:
        say(str(write_default_config()))
    except OSError as error:
        raise CommandError(f"cannot write {config_path()}: {error.strerror or error}") from error
    return EXIT_OK
