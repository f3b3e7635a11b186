"""The library as commands reach it: its folder, its index brought up to date, and a review
found by title in the index's catalog and read from its one file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reviewtui.cli.errors import EXIT_USAGE, CommandError
from reviewtui.cli.output import warn
from reviewtui.core.model import Problem, Review
from reviewtui.library.root import LibrarySource, resolve_library
from reviewtui.library.scan import DigestInChild, index_root, scan_review_files
from reviewtui.store.config import Config, load_config

if TYPE_CHECKING:
    import argparse

    from reviewtui.cli.output import IndexProgress
    from reviewtui.index import Catalog, Entry, RefreshResult, ReviewIndex
    from reviewtui.index.catalog import LookupFailed
    from reviewtui.library.last_check import FolderCheck

SHOW_PROGRESS_FROM = 50
"""Files to read from which a refresh shows a progress bar: below, it is over before seen."""
CANDIDATES_SHOWN = 20
T = TypeVar("T")


def load_settings() -> Config:
    """The user's config; each problem in it is one line on stderr, and the command goes on."""
    config, warnings = load_config()
    for warning in warnings:
        warn(warning)
    return config


def library_source(args: argparse.Namespace) -> LibrarySource:
    """--library, $REVIEWTUI_LIBRARY, the config's library, the user's, or the sample.
    Resolved once per command (kept on `args`), so a problem in the config is said once."""
    known = getattr(args, "library_source", None)
    if isinstance(known, LibrarySource):
        return known
    source = resolve_library(args.library, configured=load_settings().library)
    args.library_source = source
    return source


def library_folder(args: argparse.Namespace) -> Path:
    """The library's folder, which must exist."""
    source = library_source(args)
    if not source.path.exists():
        raise CommandError(f"library folder not found: {source.path}")
    if not source.path.is_dir():
        raise CommandError(f"library is not a folder: {source.path}")
    return source.path


def library_index(folder: Path) -> ReviewIndex:
    """The library's index as it was last left (not yet refreshed)."""
    from reviewtui.index import ReviewIndex

    return ReviewIndex(folder)


def ask_index(
    args: argparse.Namespace, question: Callable[[ReviewIndex], T]
) -> tuple[T, list[Problem]]:
    """The index's answer to `question`, from an index that matches the library folder, and
    the folders of the library that could not be listed (their reviews are left out).

    The folder is checked for changes (ten thousand files take some hundredths of a second)
    by a child process while this one opens the index and asks; when files did change, the
    index is brought up to date and asked again. A check that found the index current is
    reused for a few seconds while no folder of the library changes (`last_check`). The
    check `start.main` began before the CLI's imports is taken when it is for this folder.
    A title not found is looked up again in the index brought up to date, before it is said
    to be missing.
    """
    from reviewtui.index import ReviewIndex
    from reviewtui.index.catalog import LookupFailed
    from reviewtui.library import last_check

    folder = library_folder(args)
    root = index_root(folder)
    early: FolderCheck | None = getattr(args, "folder_check", None)
    if early is not None and early.root != root:
        early.stop()  # it guessed another folder than the one resolved here
        early = None
    check = early or last_check.recent(root) or DigestInChild(root)
    try:
        with ReviewIndex(folder) as index:
            missing: LookupFailed | None = None
            try:
                answer = question(index)
            except LookupFailed as error:
                missing = error
            digest = check.result()
            if digest is None or not index.scan_matches(digest):
                last_check.forget(root)
                result = refresh_index(index)
                if missing or result.read or result.removed or result.rebuilt:
                    answer, missing = question(index), None
            _keep_check(check, digest, index)
            if missing is not None:
                raise missing
    except LookupFailed as error:
        raise lookup_failed(error) from error
    finally:
        check.stop()
    unreadable = folder_problems(check.unreadable) if digest else unreadable_folders(folder)
    return answer, unreadable


def _keep_check(check: FolderCheck, digest: str | None, index: ReviewIndex) -> None:
    """Keep a full check for the commands that follow, when the index is as it found the
    folder (after a refresh: when the refresh's own scan found it so too)."""
    from reviewtui.library import last_check

    if isinstance(check, last_check.Reused) or check.unreadable or not digest:
        return
    if index.scan_matches(digest):
        last_check.remember(check, digest)


def open_catalog(args: argparse.Namespace, *, report_problems: bool = True) -> Catalog:
    """What the index lists (no review file is parsed but those that changed); with
    report_problems, each file or folder skipped is one line on stderr."""
    from reviewtui.index import Catalog

    folder = library_folder(args)
    catalog, unreadable = ask_index(args, lambda index: Catalog.from_index(index, folder))
    catalog.problems += unreadable
    if report_problems:
        for problem in catalog.problems:
            warn(f"skipped {problem}")
    return catalog


def unreadable_folders(folder: Path) -> list[Problem]:
    """Folders of the library that could not be listed: their reviews are left out, said so."""
    unreadable: list[tuple[str, str]] = []
    scan_review_files(folder, unreadable)
    return folder_problems(unreadable)


def folder_problems(unreadable: list[tuple[str, str]]) -> list[Problem]:
    """(folder, OS reason) pairs from a scan, as problems worded as `check` words them."""
    return [
        Problem(Path(path), f"folder not readable: {reason[:1].lower()}{reason[1:]}")
        for path, reason in unreadable
    ]


def find_review(args: argparse.Namespace, title: str) -> Review:
    """The review the library's index lists under `title`, read from its file: the only
    review file read."""
    from reviewtui.index.catalog import TitleLookup

    return ask_index(args, lambda index: read_review(TitleLookup(index).find(title)))[0]


def read_review(entry: Entry) -> Review:
    from reviewtui.library.load import load_review

    loaded = load_review(entry.path)
    if isinstance(loaded, Problem):
        raise CommandError(f"cannot read {loaded}")
    return loaded


def lookup_failed(error: LookupFailed) -> CommandError:
    """A title that names no review, or several: exit status 2, and the candidates listed."""
    shown = [f"{e.title} ({e.path})" for e in error.candidates[:CANDIDATES_SHOWN]]
    return CommandError(str(error), EXIT_USAGE, shown)


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
