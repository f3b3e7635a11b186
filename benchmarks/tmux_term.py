"""A program in a tmux pane, driven as a person would: start it, read the screen, press keys."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid
from types import TracebackType


class Term:
    def __init__(
        self,
        command: str,
        cols: int = 120,
        rows: int = 35,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        self.name = "reviewtui-bench-" + uuid.uuid4().hex[:8]
        self.command, self.cols, self.rows = command, cols, rows
        self.env = dict(env or {})
        self.cwd = cwd
        self.t0 = 0.0
        """When the program was started (time.perf_counter())."""

    def __enter__(self) -> Term:
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in self.env.items())
        where = shlex.quote(self.cwd) if self.cwd else "."
        # The pane stays open after the program exits, so that its last screen can be read.
        shell = (
            f"cd {where} && env TERM=xterm-256color COLORTERM=truecolor {exports} "
            f"{self.command}; sleep 30"
        )
        self.t0 = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(self.cols),
                "-y",
                str(self.rows),
                shell,
            ],
            check=True,
        )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)

    def screen(self) -> str:
        """The text on the pane now."""
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> float:
        """Send keys (tmux key names); returns when they were sent (time.perf_counter())."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        return time.perf_counter()
