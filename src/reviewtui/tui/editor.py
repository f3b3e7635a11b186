"""Open a review file in the user's editor: $VISUAL, else $EDITOR, else a common one."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

FALLBACK_EDITORS = ("sensible-editor", "nano", "vi")


class EditorError(Exception):
    """Why the editor did not run (or failed), said to the user in one line."""


def editor_command(path: Path, environ: Mapping[str, str] | None = None) -> list[str]:
    """The command line that edits `path`; "code --wait" style values are split like a shell."""
    env = os.environ if environ is None else environ
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as error:
                raise EditorError(f"${variable} cannot be read as a command ({error})") from error
            if words:
                return [*words, str(path)]
    for name in FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found, str(path)]
    raise EditorError("no editor found: set $VISUAL or $EDITOR (for example EDITOR=nano)")


def run_editor(path: Path, environ: Mapping[str, str] | None = None) -> None:
    """Run the editor on `path` and wait for it; raises EditorError when it cannot or fails."""
    command = editor_command(path, environ)
    try:
        result = subprocess.run(command, check=False)
    except FileNotFoundError as error:
        raise EditorError(f"the editor '{command[0]}' was not found") from error
    except OSError as error:
        raise EditorError(f"the editor '{command[0]}' could not start: {error.strerror}") from error
    if result.returncode != 0:
        raise EditorError(f"the editor '{command[0]}' exited with status {result.returncode}")
