"""Which review files a library folder holds, with their sizes and modification times.

This module imports nothing but the standard library's smallest modules, so that a child
process can scan a folder as soon as it starts: `reviewtui search` checks that the index is
current in one while it searches.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # (typing itself is not imported: the child process starts quicker without)
    import subprocess
    from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
REVIEW_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES
EXPORT_SUFFIXES = (".csv", ".zip", ".html", ".htm")
"""Files that are not reviews but could make some: listed as problems with a hint to import."""
LISTED_SUFFIXES = REVIEW_SUFFIXES + EXPORT_SUFFIXES
NO_OUTSIDE_LINKS = "REVIEWTUI_NO_OUTSIDE_LINKS"
"""Set to 1 (as `reviewtui serve` does), links out of the library folder are never followed."""


def outside_links_followed() -> bool:
    """Whether a link out of the library may be followed to a review file (the one place the
    variable is read)."""
    return os.environ.get(NO_OUTSIDE_LINKS, "") not in ("1", "true", "yes")


def link_refusal(path: str, library: str | None = None) -> str | None:
    """Why the symbolic link at `path` is not followed, or None (not a link, or one that may be).

    A link into the library folder is followed; one out of it only to a review file (`.md`,
    `.markdown`, `.txt`), and never when `NO_OUTSIDE_LINKS` is set. Without the library folder,
    the link's own folder stands for it: a link elsewhere is taken to leave the library.
    """
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    if not os.path.exists(target):
        return None  # a broken link or a loop: opening it says which
    inside = os.path.realpath(library if library is not None else os.path.dirname(path))
    if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep):
        return None
    if not outside_links_followed():
        return "symbolic link to a file outside the library (not followed here)"
    if not target.lower().endswith(REVIEW_SUFFIXES):
        return "symbolic link to a file outside the library that is not a review file"
    return None


def index_root(library: Path | str) -> Path:
    """The library folder as the index names it (and the paths of its files begin)."""
    from pathlib import Path

    return Path(library).expanduser().absolute()


def holds_review_files(root: Path | str, at_least: int = 1) -> bool:
    """Whether `library.iter_review_files(root)` would yield at least that many paths (the
    walk stops as soon as it has found them)."""
    found = 0
    for _, subdirs, files in os.walk(root, followlinks=False):
        subdirs[:] = [name for name in subdirs if not name.startswith(".")]
        for name in (*subdirs, *files):
            if not name.startswith(".") and name.lower().endswith(REVIEW_SUFFIXES):
                found += 1
                if found >= at_least:
                    return True
    return False


def scan_review_files(
    root: Path | str,
    unreadable: list[tuple[str, str]] | None = None,
    folders: list[tuple[str, str]] | None = None,
) -> list[tuple[str, int, int]]:
    """(path, size, mtime_ns) of the files `library.iter_review_files` yields, unordered.
    Folders that cannot be listed are added to `unreadable`, when given, with the reason;
    every folder looked at is added to `folders`, when given, with its `folder_stamp` as it
    was just before it was listed; so is each review link, stamped with where it leads
    (`LINK_STAMP` and the resolved path), and the folder of the file it leads to.

    os.scandir gives each entry's type without a stat and builds no Path objects: ten thousand
    files take a few hundredths of a second, nearly all of it in the system calls.
    """
    found: list[tuple[str, int, int]] = []
    root_text = str(root)
    to_list = [root_text]
    stat = os.stat
    while to_list:
        folder = to_list.pop()
        if folders is not None:
            folders.append((folder, folder_stamp(folder)))
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            if unreadable is not None:
                unreadable.append((folder, error.strerror or str(error)))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                to_list.append(entry.path)
            if not name.lower().endswith(LISTED_SUFFIXES):
                continue
            path = entry.path
            # A link that is not followed is read as a problem, whatever its target does.
            if _is_link(entry):
                if folders is not None:  # where it leads, and that folder's stamp
                    target = os.path.realpath(path)
                    folders.append((path, LINK_STAMP + target))
                    folders.append((os.path.dirname(target), folder_stamp(os.path.dirname(target))))
                if link_refusal(path, root_text) is not None:
                    found.append((path, -1, -1))
                    continue
            try:
                info = stat(path)
            except OSError:
                found.append((path, -1, -1))
            else:
                found.append((path, info.st_size, info.st_mtime_ns))
    return found


LINK_STAMP = "link "
"""Begins the stamp of a review link: the path it resolves to follows."""


def folder_stamp(folder: str) -> str:
    """What changes when a folder's entries do, or it is replaced or its permissions change:
    its modification and change times, inode and device ("" when it cannot be looked at).
    A program can set a modification time back (`cp -a`, `tar`), never a change time."""
    try:
        info = os.stat(folder)
    except OSError:
        return ""
    return f"{info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino} {info.st_dev}"


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def files_digest(scanned: list[tuple[str, int, int]]) -> str:
    """A fingerprint of a folder scan: paths, sizes and modification times."""
    import array
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    if scanned:
        paths, sizes, times = zip(*scanned, strict=True)
        digest.update("\0".join(paths).encode("utf-8", "surrogatepass"))
        digest.update(array.array("q", sizes).tobytes())
        digest.update(array.array("q", times).tobytes())
    return digest.hexdigest()


_CHILD = (
    "import sys; sys.path.insert(0, sys.argv[1]); from reviewtui.library import scan;"
    " scan.child_main(sys.argv[2])"
)


def child_main(root: str) -> None:
    """What the child process of `DigestInChild` does: scan the folder and write, separated by
    NUL bytes, the digest, the wall-clock time the scan began, the number of folders that could
    not be listed, each with its reason, and then every folder with its stamp."""
    import time

    started = time.time_ns()
    bad: list[tuple[str, str]] = []
    folders: list[tuple[str, str]] = []
    digest = files_digest(scan_review_files(root, bad, folders))
    parts = [digest.encode(), str(started).encode(), str(len(bad)).encode()]
    parts += [os.fsencode(part) for pair in bad for part in pair]
    parts += [os.fsencode(part) for pair in folders for part in pair]
    sys.stdout.buffer.write(b"\0".join(parts))


class DigestInChild:
    """`files_digest(scan_review_files(root))` worked out by a child process, on another core.

    In a thread, the scan would take the interpreter lock back after each of its system calls
    and the two threads would slow each other down several times over.
    """

    def __init__(self, root: Path) -> None:
        import subprocess

        self.root = root
        self.unreadable: list[tuple[str, str]] = []
        """Folders the scan could not list (known once `result` has answered)."""
        self.folders: list[tuple[str, str]] = []
        """Every folder scanned, with its stamp (known once `result` has answered)."""
        self.started_ns = 0
        """When the scan began, by the wall clock (known once `result` has answered)."""
        package_parent = os.path.dirname(
            os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        )
        try:
            # -S: no site packages to set up; the child imports only this module.
            self._child: subprocess.Popen[bytes] | None = subprocess.Popen(
                [sys.executable, "-S", "-c", _CHILD, package_parent, str(root)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except (OSError, ValueError):
            self._child = None

    def result(self, timeout: float = 60.0) -> str | None:
        """The digest, or None when the child could not work it out."""
        import subprocess

        child, self._child = self._child, None
        if child is None:
            return None
        try:
            out, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            return None
        if child.returncode != 0:
            return None
        try:
            digest, started, count, *rest = [os.fsdecode(part) for part in out.split(b"\0")]
            self.started_ns = int(started)
            bad, folders = rest[: 2 * int(count)], rest[2 * int(count) :]
            self.folders = list(zip(folders[::2], folders[1::2], strict=True))
        except (ValueError, IndexError):
            return None
        self.unreadable = list(zip(bad[::2], bad[1::2], strict=False))
        return digest.strip()

    def stop(self) -> None:
        """Stop the child if its result is no longer wanted."""
        child, self._child = self._child, None
        if child is not None:
            child.kill()
            child.communicate()
