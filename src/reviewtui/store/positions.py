"""Where the reader left each review (section and scroll), kept in `positions.json` in the state
dir so that reopening a review returns there.

A review is known by a stable id (its title and year), so a renamed or moved file keeps its
place; the path is kept as a hint for a review whose title was edited.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from reviewtui.core.model import Review
from reviewtui.store import paths
from reviewtui.store.atomic import (
    ReadOnlySession,
    StateFileError,
    atomic_write_text,
    locked,
    read_state_file,
    set_aside,
    write_error,
    write_target,
)
from reviewtui.store.outcome import Outcome

FILE_NAME = "positions.json"
MAX_REVIEWS = 1000
"""Only the most recently read reviews are remembered, so the file stays small."""


class Position(NamedTuple):
    section: int
    """Index into `review.top_sections`."""
    scroll_y: float
    """How far into that section the reader had scrolled, in lines (so the place survives a
    different window size or spoilers shown differently above it). Negative in section 0:
    the lines above its heading, in the text before the first section (the title, a preface)."""
    path: str
    saved: datetime
    finished: bool = False
    """The end of the text was on the screen too: the review was read to its end, whatever
    section the top of the screen was in (a last section shorter than the screen)."""
    percent: int | None = None
    """How far into the text the reader was, as the reader's header said (None: saved by a
    version that did not keep it)."""


def review_id(title: str, year: int | None) -> str:
    """The stable id of a review: a hash of its casefolded title and its year."""
    key = f"{' '.join(title.casefold().split())}\x00{year if year is not None else ''}"
    return paths.sha256_hex(key.encode("utf-8"))[:24]


class PositionStore:
    """Reading takes no lock and writes nothing; a save re-reads the file under the lock, so
    two running instances keep each other's places."""

    def __init__(self, file: Path | None = None, limit: int = MAX_REVIEWS) -> None:
        self._file = file
        self.limit = limit
        self._told_read_only = False

    @property
    def file(self) -> Path:
        return self._file or paths.state_dir() / FILE_NAME

    def load(self, review: Review) -> Outcome[Position | None]:
        """Where the reader left this review, with the section kept inside the review."""
        entries, problem = self._read()
        warnings = (f"{problem}; reading places start afresh",) if problem else ()
        entry = entries.get(review_id(review.title, review.year))
        if entry is None:
            hint = str(review.path)
            entry = next((e for e in entries.values() if e.get("path") == hint), None)
        position = _position(entry) if entry is not None else None
        if position is not None:
            last = max(len(review.top_sections) - 1, 0)
            if position.section > last:
                position = position._replace(section=last, scroll_y=0.0)
        return Outcome(position, warnings)

    def all_places(self) -> dict[str, Position]:
        """Every saved place, by review id (and by path too, for a review whose title was
        edited): for marking what has been read, without loading any review. A file that
        cannot be used gives none (the reader reports it)."""
        entries, _ = self._read()
        places: dict[str, Position] = {}
        for key, entry in entries.items():
            position = _position(entry)
            if position is not None:
                places[key] = position
                if position.path:
                    places.setdefault(position.path, position)
        return places

    def save(
        self,
        review: Review,
        section: int,
        scroll_y: float,
        *,
        finished: bool = False,
        percent: int | None = None,
    ) -> Outcome[None]:
        """Remember the place; StateFileError when it cannot be saved. A read-only session
        saves nothing and says so in one warning, the first time only: a place is saved on
        every review left, and the same refusal each time would be noise."""
        key = review_id(review.title, review.year)
        file = self.file
        warnings: tuple[str, ...] = ()
        try:
            with locked(file):
                entries, problem = self._read()
                if problem is not None:
                    aside = set_aside(write_target(file))
                    warnings = (
                        f"{problem}; it was kept as {aside.name} and reading places start afresh",
                    )
                entries.pop(key, None)
                # The same file under an older id (its title was edited) is the same review.
                for stale in [k for k, e in entries.items() if e.get("path") == str(review.path)]:
                    del entries[stale]
                entries[key] = {
                    "title": review.title,
                    "year": review.year,
                    "path": str(review.path),
                    "section": max(int(section), 0),
                    "scroll_y": _lines(int(section), scroll_y),
                    "saved": datetime.now(UTC).isoformat(timespec="seconds"),
                    "finished": finished,
                }
                if percent is not None:
                    entries[key]["percent"] = max(0, min(100, int(percent)))
                # Entries are kept oldest first, so the cap drops the least recently read.
                kept = dict(list(entries.items())[-self.limit :])
                atomic_write_text(
                    file, json.dumps({"version": 1, "positions": kept}, ensure_ascii=False)
                )
        except ReadOnlySession as refusal:
            if self._told_read_only:
                return Outcome(None)
            self._told_read_only = True
            return Outcome(None, (f"Reading places are not saved: {refusal}",))
        except OSError as error:
            raise write_error(file, error) from error
        return Outcome(None, warnings)

    def _read(self) -> tuple[dict[str, dict[str, object]], str | None]:
        """The entries, and what is wrong with the file when it cannot be used."""
        try:
            raw = read_state_file(self.file)
        except StateFileError as error:
            return {}, str(error)
        if raw is None:
            return {}, None
        try:
            data = json.loads(raw.decode("utf-8"))
            positions = data["positions"]
            if not isinstance(positions, dict) or not all(
                isinstance(entry, dict) for entry in positions.values()
            ):
                raise ValueError("'positions' is not a table of entries")
            return positions, None
        except (UnicodeDecodeError, ValueError, TypeError, KeyError) as error:
            return {}, f"{self.file}: unreadable ({error})"


def _position(entry: dict[str, object]) -> Position | None:
    section, scroll_y, path, saved = (
        entry.get("section"),
        entry.get("scroll_y"),
        entry.get("path"),
        entry.get("saved"),
    )
    if not isinstance(section, int) or isinstance(section, bool) or section < 0:
        return None
    if not isinstance(scroll_y, int | float) or isinstance(scroll_y, bool):
        return None
    scroll_y = _lines(section, scroll_y)
    try:
        when = datetime.fromisoformat(saved) if isinstance(saved, str) else None
    except ValueError:
        when = None
    percent = entry.get("percent")
    return Position(
        section,
        float(scroll_y),
        path if isinstance(path, str) else "",
        when or datetime.fromtimestamp(0, UTC),
        entry.get("finished") is True,
        percent if type(percent) is int and 0 <= percent <= 100 else None,
    )


def _lines(section: int, scroll_y: float) -> float:
    """A place's lines into its section, as kept: a number, negative only in section 0 (the
    text before the first section)."""
    if not math.isfinite(scroll_y):
        return 0.0
    return float(scroll_y) if section <= 0 else max(float(scroll_y), 0.0)
