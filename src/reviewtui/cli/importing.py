"""`reviewtui import`: review files, saved web pages, and Letterboxd and IMDb exports, with a
progress bar on stderr for a big export and a summary line for each."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviewtui.cli.output import say
from reviewtui.core.text import printable
from reviewtui.library.importer import ImportFailed, import_export, import_file, is_export

SHOW_PROGRESS_FROM = 50
"""Films from which an export's import shows a progress bar: below, it is over before seen."""


class ImportProgress:
    """A progress bar on stderr, started once an export turns out to be big; gone when done."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._progress is None:
            if total < SHOW_PROGRESS_FROM or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn(f"Importing {printable(self.label)}", markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._progress.add_task("import", total=total)
            self._progress.start()
        self._progress.update(self._task, completed=done, total=total)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def import_files(
    args: argparse.Namespace,
    target: Path,
    warn: Callable[[str], None],
    print_json: Callable[[object], None],
) -> bool:
    """Import each FILE of the command line; False when any of them (or any film) failed.
    One file that fails never stops the others."""
    failed = False
    results: list[dict[str, str]] = []
    for name in args.files:
        source = Path(name)
        try:
            if is_export(source):
                if args.title:
                    raise ImportFailed("--title names one review, and an export holds many")
                progress = ImportProgress(source.name)
                try:
                    what, outcome = import_export(
                        source, target, force=args.force, progress=progress
                    )
                finally:
                    progress.stop()
                for title, reason in outcome.failed:
                    warn(f"{name}: {title}: {reason}")
                for path in outcome.written + outcome.updated:
                    title = outcome.titles.get(path, path.stem)
                    results.append({"source": name, "path": str(path), "title": title})
                    if not args.json:
                        say(str(path))
                warn(f"{name}: {outcome.summary(what)}")
                failed = failed or bool(outcome.failed)
                continue
            imported = import_file(source, target, title=args.title, force=args.force)
        except ImportFailed as error:
            failed = True
            warn(f"{name}: {error}")
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
            failed = True
            warn(f"{name}: unexpected error: {type(error).__name__}: {error}")
            continue
        if imported.note:
            warn(f"{name}: {imported.note}")
        results.append({"source": name, "path": str(imported.target), "title": imported.title})
        if not args.json:
            say(str(imported.target))
    if args.json:
        print_json(results)
    return not failed
