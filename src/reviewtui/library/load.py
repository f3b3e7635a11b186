"""The review library: scan it, load its reviews and report what cannot be read (`paths`
finds it)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from reviewtui.core.lazy_re import lazy
from reviewtui.core.markup import plain_markdown
from reviewtui.core.model import Problem, Review
from reviewtui.core.parse import (
    FrontMatterError,
    assemble_review,
    atx_heading,
    parse_review,
    scan_headings,
    title_from_file_name,
)
from reviewtui.core.text import NotText, clean_text, decode_bytes
from reviewtui.library.hints import export_hint
from reviewtui.library.root import LibraryError as LibraryError
from reviewtui.library.root import LibrarySource as LibrarySource
from reviewtui.library.root import resolve_library as resolve_library
from reviewtui.library.scan import (
    EXPORT_SUFFIXES,
    LISTED_SUFFIXES,
    REVIEW_SUFFIXES,
    TEXT_SUFFIXES,
    link_refusal,
)
from reviewtui.store.config import configured_rating_scale

MAX_FILE_BYTES = 64 * 1024 * 1024
EMPTY_CHECK_CHARS = 256
_SEQUENCE_START = lazy("[\x1b\x90\x98\x9b\x9d-\x9f]")
"""Characters that can start a terminal escape sequence (see `text.clean_text`)."""


def iter_review_files(root: Path, problems: list[Problem] | None = None) -> Iterator[Path]:
    """Review files below root, sorted, hidden ones skipped; symlinked folders not followed.
    A folder that cannot be read is added to `problems` (when given) rather than skipped silently."""

    def unreadable(error: OSError) -> None:
        if problems is not None:
            where = Path(error.filename) if error.filename else root
            problems.append(Problem(where, f"folder not readable: {_os_reason(error)}"))

    for directory, subdirs, files in os.walk(root, onerror=unreadable, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        # A folder named like a review is reported, not walked into silently.
        for name in sorted(subdirs):
            if name.lower().endswith(REVIEW_SUFFIXES):
                yield Path(directory) / name
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(LISTED_SUFFIXES):
                yield Path(directory) / name


def read_file_bytes(path: Path, *, follow_link: bool = True) -> bytes:
    """Read a file, turning every OS failure into a LibraryError with a reason a person reads.
    With follow_link False, a symbolic link in its place is not read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_link:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # Non-blocking, so a FIFO named like a review cannot hang us; then only regular files.
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_link:
            error = _link_error(path, error)  # a link not followed: broken, or a loop?
        raise LibraryError(_os_reason(error)) from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LibraryError("is a directory, not a review file")
        if not stat.S_ISREG(info.st_mode):
            raise LibraryError("not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise LibraryError(
                f"too large ({info.st_size // (1024 * 1024)} MB; the limit is 64 MB)"
            )
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise LibraryError(_os_reason(error)) from error
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew while we read it
        raise LibraryError("too large (the limit is 64 MB)")
    return data


def _judged_file(path: Path) -> Path:
    """The file `link_refusal` judged: a link's target, opened by its own name so that a link
    changed meanwhile is not followed somewhere else."""
    if os.path.islink(path) and os.path.exists(path):
        return Path(os.path.realpath(path))
    return path


def _link_error(path: Path, error: OSError) -> OSError:
    """What following the link at `path` meets (its target missing, or a loop), else `error`."""
    try:
        os.stat(path)
    except OSError as followed:
        return followed
    return error


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "file not found (or a broken symbolic link)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EISDIR:
        return "is a directory, not a review file"
    return error.strerror or str(error)


def load_review(path: Path, library: Path | None = None) -> Review | Problem:
    """Load one file; anything wrong with it comes back as a Problem with its reason. Given
    the library folder, a link out of it is judged against that folder."""
    if path.suffix.lower() in EXPORT_SUFFIXES:
        return Problem(path, export_hint(path))
    refusal = link_refusal(str(path), None if library is None else str(library))
    if refusal is not None:
        return Problem(path, refusal)
    try:
        decoded = decode_bytes(read_file_bytes(_judged_file(path), follow_link=False))
        if is_empty_text(decoded.text):
            return Problem(path, "empty file")
        if path.suffix.lower() in TEXT_SUFFIXES:
            return plain_text_review(decoded.text, path, decoded.encoding, decoded.note)
        return parse_review(
            decoded.text,
            path,
            encoding=decoded.encoding,
            note=decoded.note,
            rating_scale=configured_rating_scale(),
        )
    except LibraryError as error:
        return Problem(path, str(error))
    except NotText as error:
        return Problem(path, str(error))
    except FrontMatterError as error:
        return Problem(path, error.reason, error.line)
    except RecursionError:
        return Problem(path, "too deeply nested to read")


def is_empty_text(text: str) -> bool:
    """Whether nothing but white space and control characters is left once cleaned.

    Its first 256 characters answer for nearly every file; cleaning all of a 5 MB review just to
    know it is not empty would cost a pass over it before it can be shown.
    """
    head = text[:EMPTY_CHECK_CHARS]
    # Text before any escape sequence's first character is cleaned the same whole or cut.
    introducer = _SEQUENCE_START().search(head)
    if clean_text(head[: introducer.start()] if introducer else head).strip():
        return False
    return not clean_text(text).strip()


def plain_text_review(text: str, path: Path, encoding: str, note: str | None) -> Review:
    """A plain-text review read as `reviewtui import` reads one: its headings found, and its
    year, kind, platform and genres guessed from the text."""
    # Imported here: a Markdown review (the reader's first) needs none of the guessing.
    from reviewtui.core.plaintext import markdown_body, read_plain_text

    plain = read_plain_text(text, links=False)
    title = plain.title or title_from_file_name(path)
    # The Markdown is made here, with its headings known: no need to parse it again.
    body, heading_lines = markdown_body(plain, title)
    headings = [h for number, line in heading_lines if (h := atx_heading(line, number))]
    shown = plain_markdown(body, {})
    if shown != body:
        # Wikilinks, raw HTML or bold lines in the text: read as its Markdown reads (what
        # `import` writes), headings and all.
        body, headings = shown, scan_headings(shown)
    problems = [Problem(path, note, fatal=False)] if note else []
    review = assemble_review(body, headings, path, problems=problems, encoding=encoding)
    review.year, review.kind, review.platform = plain.year, plain.kind, plain.platform
    review.genres, review.rating = plain.genres, plain.rating
    return review
