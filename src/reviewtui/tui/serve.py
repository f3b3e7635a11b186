"""`reviewtui serve`: the same app in a web browser, through textual-serve.

Each browser session runs its own `python -m reviewtui` process, driven over a websocket.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server


class ReviewServer(Server):
    """textual-serve's server, announcing itself in one plain line instead of a banner."""

    async def on_startup(self, app: web.Application) -> None:
        print(f"reviewtui: serving on {self.public_url} (Ctrl+C stops)", flush=True)


def app_command(library: str | None) -> str:
    """The shell command each browser session runs (textual-serve starts it through a shell)."""
    argv = [sys.executable, "-m", "reviewtui"]
    if library is not None:
        argv += ["--library", str(Path(library).expanduser().resolve())]
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def serve(host: str, port: int, library: str | None, public_url: str | None = None) -> None:
    """Serve until interrupted; an address already in use raises OSError."""
    server = ReviewServer(
        app_command(library),
        host=host,
        port=port,
        title="reviewtui",
        public_url=public_url or f"http://{url_host(host)}:{port}",
    )
    server.serve()
