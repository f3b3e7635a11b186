"""`reviewtui import`: where reviews are imported to (the import itself is `importing`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewtui.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CommandError
from reviewtui.cli.library import load_settings
from reviewtui.cli.output import print_json, warn
from reviewtui.library.root import resolve_library


def import_target(args: argparse.Namespace) -> Path:
    """--library, else the library in use; never the bundled sample (the user's own then)."""
    if args.library:
        return Path(args.library).expanduser()
    source = resolve_library(None, configured=load_settings().library)
    if source.read_only:
        from reviewtui.store.paths import user_library_dir

        return user_library_dir()
    return source.path


def cmd_import(args: argparse.Namespace) -> int:
    target = import_target(args)
    if args.title and len(args.files) > 1:
        raise CommandError(
            "--title names one review: import one file at a time with it", EXIT_USAGE
        )
    from reviewtui.cli.importing import import_files

    return EXIT_OK if import_files(args, target, warn, print_json) else EXIT_ERROR
