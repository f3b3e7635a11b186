"""What stands in front of textual-serve's handlers, as Jupyter Server does it: only this
server's own Host and Origin, a token (then a cookie), and a limit on sessions."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from yarl import URL

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
SESSION_PATHS = ("/", "/ws")
"""The page (which opens a session) and the websocket (which is one)."""

FULL_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>reviewtui: no free session</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>All {limit} sessions are in use</h1>
<p>This reviewtui server runs at most {limit} sessions at a time, and all of them are open.
Close a reviewtui tab (here or in another browser), then reload this page.</p>
</body>
</html>
"""


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class OwnHosts:
    """The host:port pairs that name this server, the only ones its Host and Origin may carry."""

    port: int
    names: frozenset[tuple[str, int]]
    any_address: bool = False
    """Listening on every address (0.0.0.0): any IP literal at our port is ours too. A DNS
    rebinding attack needs a name the attacker controls, never an address."""

    @classmethod
    def of(cls, host: str, port: int, public_url: str | None = None) -> OwnHosts:
        bare = host.strip("[]").lower()
        names = {bare}
        any_address = bare in WILDCARD_HOSTS
        if any_address or is_loopback(bare):
            names.update(LOOPBACK_NAMES)
        if any_address:
            names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
        pairs = {(name, port) for name in names}
        if public_url:
            public = URL(public_url)
            if public.host and public.port:
                pairs.add((public.host, public.port))
        return cls(port, frozenset(pairs), any_address)

    def accepts(self, host: str | None, port: int | None) -> bool:
        if not host or port is None:
            return False
        host = host.strip("[]").lower()
        if (host, port) in self.names:
            return True
        return self.any_address and port == self.port and _is_ip_literal(host)

    def accepts_host_header(self, value: str | None) -> bool:
        """A Host header: `name`, `name:port`, `[v6]:port` (no port means 80)."""
        if not value:
            return False
        try:
            url = URL(f"http://{value}")
        except ValueError:
            return False
        return url.path in ("", "/") and not url.query_string and self.accepts(url.host, url.port)

    def accepts_origin(self, value: str) -> bool:
        """An Origin header: `scheme://name[:port]` (`null` from a sandboxed page is foreign)."""
        try:
            url = URL(value)
        except ValueError:
            return False
        return url.scheme in ("http", "https") and self.accepts(url.host, url.port)


def _refuse(status: int, message: str) -> web.Response:
    return web.Response(status=status, text=message + "\n", content_type="text/plain")


@dataclass
class ServeGuard:
    own: OwnHosts
    token: str | None
    """None: no token is asked for (loopback only, chosen with --no-token)."""
    max_sessions: int
    secure_cookie: bool = False
    """The browser reaches us over https (a proxy's --public-url): the cookie says Secure."""
    sessions: int = field(default=0, init=False)
    """Open websocket sessions, each one app process."""

    @property
    def cookie_name(self) -> str:
        # Cookies ignore ports: one per port keeps two servers on one machine apart.
        return f"reviewtui-token-{self.own.port}"

    def token_matches(self, given: str | None) -> bool:
        if self.token is None:
            return True
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.own.accepts_host_header(request.headers.get("Host")):
            return _refuse(403, "Forbidden: this server does not answer to that Host name.")
        origin = request.headers.get("Origin")
        if origin is not None and not self.own.accepts_origin(origin):
            return _refuse(403, "Forbidden: requests from other web sites are refused.")
        from_query = request.query.get("token")
        if not self.token_matches(from_query):
            if not self.token_matches(request.cookies.get(self.cookie_name)):
                return _refuse(
                    403,
                    "Forbidden: open the address with ?token= that `reviewtui serve` printed.",
                )
            from_query = None  # a wrong token beside a right cookie: the cookie stands
        if request.path == "/" and from_query is not None and self.token is not None:
            return self._token_to_cookie(request)
        if request.path not in SESSION_PATHS:
            return await handler(request)
        if self.sessions >= self.max_sessions:
            return web.Response(
                status=503,
                text=FULL_PAGE.format(limit=self.max_sessions),
                content_type="text/html",
                headers={"Retry-After": "10"},
            )
        if request.path == "/":
            return await handler(request)
        self.sessions += 1
        try:
            return await handler(request)
        finally:
            self.sessions -= 1

    def _token_to_cookie(self, request: web.Request) -> web.StreamResponse:
        """The first visit: keep the token in a cookie and take it out of the address bar."""
        assert self.token is not None
        # Relative, so that behind a proxy serving us under a path the browser stays there.
        rest = request.rel_url.without_query_params("token").query_string
        response = web.HTTPSeeOther("./" + (f"?{rest}" if rest else ""))
        response.set_cookie(
            self.cookie_name,
            self.token,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.secure_cookie,
        )
        return response
