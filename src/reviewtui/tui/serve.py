"""`reviewtui serve`: the same app in a web browser, through textual-serve.

Each browser session runs its own `python -m reviewtui` process, driven over a websocket;
serve_guard's middleware decides who may open one.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from reviewtui.library.scan import NO_OUTSIDE_LINKS
from reviewtui.store.read_only import READ_ONLY_VARIABLE
from reviewtui.tui.serve_guard import OwnHosts, ServeGuard, is_loopback

__all__ = ["ServeOptions", "app_command", "is_loopback", "serve", "url_host"]


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    library: str | None = None
    public_url: str | None = None
    token: str | None = None
    """None: no token is asked for (only allowed on loopback)."""
    max_sessions: int = 8
    allow_writes: bool = False

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{url_host(self.host)}:{self.port}").rstrip("/")

    @property
    def first_url(self) -> str:
        """The address to open first: with the token, which then becomes a cookie."""
        if self.token is None:
            return self.base_url
        return f"{self.base_url}/?token={quote(self.token, safe='')}"


class ReviewServer(Server):
    """textual-serve's server with the guard's middleware in front of every handler."""

    def __init__(self, options: ServeOptions) -> None:
        super().__init__(
            app_command(options.library, read_only=not options.allow_writes),
            host=options.host,
            port=options.port,
            title="reviewtui",
            public_url=options.base_url,
        )
        self.guard = ServeGuard(
            OwnHosts.of(options.host, options.port, options.public_url),
            options.token,
            options.max_sessions,
            secure_cookie=options.base_url.startswith("https:"),
        )
        self.fixed_public_url = options.public_url is not None

    async def _make_app(self) -> web.Application:
        # textual-serve has no public way to add middleware: its one application factory
        # (private, but the only place routes and templates are set up) is wrapped here.
        app = await super()._make_app()
        app.middlewares.append(self.guard.middleware)
        return app

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """textual-serve's page, with its script and websocket at the name the browser used
        (the guard has checked it is ours): the cookie is only sent back to that name, so
        `localhost` and `127.0.0.1` both work. A --public-url is used as it is."""
        base = self.public_url if self.fixed_public_url else f"{request.scheme}://{request.host}"
        websocket = str(request.app.router["websocket"].url_for())
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": re.sub(r"^http", "ws", base) + websocket,
            "config": {"static": {"url": base + "/static/"}},
            "application": {"name": self.title},
        }

    async def on_startup(self, app: web.Application) -> None:
        """Silent: the command line says "serving on" once the port is bound."""


def app_command(library: str | None, read_only: bool = True) -> str:
    """The shell command each browser session runs (textual-serve starts it through a shell)."""
    argv = [sys.executable, "-m", "reviewtui"]
    if library is not None:
        argv += ["--library", str(Path(library).expanduser().resolve())]
    settings = [f"{READ_ONLY_VARIABLE}={int(read_only)}", f"{NO_OUTSIDE_LINKS}=1"]
    return " ".join(settings) + " " + shlex.join(argv)


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def serve(options: ServeOptions, on_serving: Callable[[ServeOptions], None]) -> None:
    """Serve until SIGINT or SIGTERM. Once the port is bound, `on_serving` says where (the
    command line prints it). Failing to bind (port in use, an address not on this machine)
    raises OSError before that."""
    asyncio.run(_serve(ReviewServer(options), options, on_serving))


async def _serve(
    server: ReviewServer, options: ServeOptions, on_serving: Callable[[ServeOptions], None]
) -> None:
    runner = web.AppRunner(await server._make_app(), handle_signals=False, access_log=None)
    await runner.setup()
    try:
        # The address and port are bound here: an OSError leaves before "serving on".
        site = web.TCPSite(runner, options.host.strip("[]"), options.port, shutdown_timeout=5)
        try:
            await site.start()
        except socket.gaierror as error:
            raise OSError(error.errno, error.strerror or "not a known address") from error
        except OSError as error:
            # aiohttp words it "error while attempting to bind on address (...)": the reason only.
            reason = os.strerror(error.errno) if error.errno else str(error)
            raise OSError(error.errno, reason) from error
        on_serving(options)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()
