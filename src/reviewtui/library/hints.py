"""What to say about a file left in the library folder that is not a review but could make
some: a Letterboxd or IMDb export, or a saved web page."""

from __future__ import annotations

import os
import stat
from pathlib import Path

LETTERBOXD_FILES = ("reviews.csv", "diary.csv")
_HEAD_BYTES = 4096


def export_hint(path: Path) -> str:
    """One line for `check` and the problems screen: what the file is and what to run."""
    import shlex  # here: only a file that is not a review needs it

    command = f"run reviewtui import {shlex.quote(path.name)}"
    suffix = path.suffix.lower()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return "not a regular file (a device, pipe or socket)"
        if suffix == ".zip":
            import zipfile  # only for a zip: loading a library must not wait for it

            try:
                with zipfile.ZipFile(path) as archive:
                    names = {name.rsplit("/", 1)[-1].lower() for name in archive.namelist()}
            except zipfile.BadZipFile as error:
                raise ValueError(str(error)) from error
            if names & set(LETTERBOXD_FILES):
                return f"a Letterboxd export: {command}"
            return "a zip file, not a review (reviewtui imports Letterboxd export zips)"
        if suffix == ".csv":
            with open(path, "rb") as handle:
                head = handle.read(_HEAD_BYTES).split(b"\n", 1)[0].decode("utf-8", "replace")
            kind = csv_kind(head)
            if kind == "letterboxd":
                return f"a Letterboxd export: {command}"
            if kind == "imdb":
                return f"an IMDb ratings export: {command}"
            return "a CSV file, not a review (reviewtui imports Letterboxd and IMDb exports)"
        return f"a saved web page, not a review: {command} to make a review of it"
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return f"not a review, and not readable as an export ({reason})"


def csv_kind(header: str) -> str | None:
    """ "letterboxd" or "imdb" from a CSV's first line, or None."""
    columns = {column.strip().strip('"').lower() for column in header.lstrip("\ufeff").split(",")}
    if {"name", "letterboxd uri"} <= columns:
        return "letterboxd"
    if {"const", "your rating"} <= columns:
        return "imdb"
    return None
