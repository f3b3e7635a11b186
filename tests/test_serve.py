"""`reviewtui serve` as a browser, and as a hostile web page, meet it: the real command in a
subprocess on a free loopback port, reached with aiohttp's HTTP and WebSocket client."""

import asyncio
import contextlib
import importlib.util
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest

from .browser import ESCAPES, Browser, chromium, watch_page
from .conftest import SAMPLE_LIBRARY, python_env, run_cli, write_review

TITLES = ["Ballard", "Paper Moon", "The Third Man"]
STARTUP_SECONDS = 30
SCREEN_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A running `reviewtui serve`, with what it printed so far."""

    def __init__(self, library: Path, *options: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reviewtui", "serve", "--port", str(self.port)]
            + ["--library", str(library), *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=python_env(),
        )
        threading.Thread(target=self._keep_lines, daemon=True).start()
        self.url = self._wait_for_address()

    def _keep_lines(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def _wait_for_address(self) -> str:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if match := re.search(r"serving on (\S+)", line):
                    return match.group(1)
            assert self.process.poll() is None, "".join(self.lines)
            time.sleep(0.1)
        raise AssertionError(f"no 'serving on' in time: {''.join(self.lines)}")

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


@pytest.fixture
def library(library_dir: Path) -> Path:
    for title in TITLES:
        write_review(
            library_dir,
            f"{title.lower().replace(' ', '-')}.md",
            f"# {title}\n\n## Verdict\n\nFine.\n",
        )
    return library_dir


@pytest.fixture
def served(library: Path) -> Iterator[Served]:
    """`reviewtui serve` with its defaults: a random token, read-only sessions."""
    server = Served(library)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    # unsafe=True: keep cookies from an IP address (127.0.0.1), as browsers do.
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=aiohttp.ClientTimeout(total=20)
    ) as session:
        yield session


async def status_of(client: aiohttp.ClientSession, url: str, **headers: str) -> int:
    async with client.get(url, headers=headers, allow_redirects=False) as answer:
        return answer.status


async def websocket_refusal(client: aiohttp.ClientSession, url: str, **headers: str) -> int:
    """The HTTP status a websocket handshake is refused with (0: it was accepted)."""
    try:
        async with client.ws_connect(url, headers=headers):
            return 0
    except aiohttp.WSServerHandshakeError as error:
        return error.status


class Terminal:
    """One browser session over the websocket: keys in, the screen's words out."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.output = ""

    @property
    def text(self) -> str:
        return " ".join(ESCAPES.sub("", self.output).replace("▌", " ").split())

    async def wait_for(self, words: str, timeout: float = SCREEN_SECONDS) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while words not in self.text:
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"never on screen: {words!r}\n{self.text[-2000:]}")
            try:
                # asyncio's own timeout: the socket's receive(timeout=) did not always end.
                message = await asyncio.wait_for(self.socket.receive(), left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.output += message.data.decode("utf-8", "replace")
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the session ended: {message!r}\n{self.text[-2000:]}")

    async def press(self, keys: str) -> None:
        await self.socket.send_json(["stdin", keys])

    async def close(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.socket.close(), 10)


# The token ------------------------------------------------------------------------------


async def test_without_the_token_the_page_and_the_websocket_are_refused(
    served: Served, client: aiohttp.ClientSession
) -> None:
    async with client.get(served.base + "/") as answer:
        assert answer.status == 403
        assert "token" in await answer.text()
    assert await status_of(client, served.base + "/?token=wrong") == 403
    assert await status_of(client, served.base + "/static/js/textual.js") == 403
    assert await websocket_refusal(client, f"ws://127.0.0.1:{served.port}/ws") == 403


async def test_the_printed_address_opens_the_app_then_a_cookie_keeps_it_open(
    served: Served, client: aiohttp.ClientSession
) -> None:
    assert served.url.startswith(f"{served.base}/?token=")
    assert served.output.count("token=") == 1
    async with client.get(served.url, allow_redirects=False) as first:
        assert first.status == 303
        assert first.headers["Location"] == "./"  # the token leaves the address bar
        cookie = first.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    async with client.get(served.base + "/") as page:  # a reload: the cookie only
        assert page.status == 200
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in await page.text()
    async with client.ws_connect(f"ws://127.0.0.1:{served.port}/ws") as socket:
        await Terminal(socket).wait_for("Ballard")
    # The token is printed once: the requests above are not logged with it.
    assert served.output.count("token=") == 1


async def test_a_token_given_on_the_command_line_is_the_one_asked_for(
    library: Path, client: aiohttp.ClientSession
) -> None:
    server = Served(library, "--token", "my-own-token")
    try:
        assert server.url == f"{server.base}/?token=my-own-token"
        assert await status_of(client, server.base + "/?token=my-own-token") == 303
        assert await status_of(client, server.base + "/") == 200
    finally:
        server.stop()


async def test_no_token_serves_loopback_without_asking(
    library: Path, client: aiohttp.ClientSession
) -> None:
    server = Served(library, "--no-token")
    try:
        assert server.url == server.base
        assert await status_of(client, server.base + "/") == 200
        # The Host and Origin checks still hold without a token.
        assert await status_of(client, server.base + "/", Origin="http://evil.example") == 403
    finally:
        server.stop()


def test_no_token_beyond_loopback_is_refused_before_serving(library: Path) -> None:
    result = run_cli("serve", "--no-token", "--host", "0.0.0.0", "--library", str(library))
    assert result.returncode == 2
    assert "serving on" not in result.stdout
    assert result.stderr.strip() == (
        "reviewtui: --no-token serves on loopback only (127.0.0.1, ::1 or localhost), not 0.0.0.0"
    )


# Origin and Host -------------------------------------------------------------------------


async def test_a_foreign_origin_is_refused_even_with_the_token(
    served: Served, client: aiohttp.ClientSession
) -> None:
    async with client.get(served.url) as page:
        assert page.status == 200
    ws = f"ws://127.0.0.1:{served.port}/ws"
    for foreign in ("http://evil.example", f"http://evil.example:{served.port}", "null"):
        async with client.get(served.base + "/", headers={"Origin": foreign}) as answer:
            assert answer.status == 403, foreign
            assert "other web sites" in await answer.text()
        assert await websocket_refusal(client, ws, Origin=foreign) == 403, foreign
    # A page of another server on this machine (another port) is another site too.
    assert await websocket_refusal(client, ws, Origin="http://127.0.0.1:1") == 403
    for own in (served.base, f"http://localhost:{served.port}", f"http://[::1]:{served.port}"):
        assert await status_of(client, served.base + "/", Origin=own) == 200, own


async def test_a_foreign_host_is_refused_which_stops_dns_rebinding(
    served: Served, client: aiohttp.ClientSession
) -> None:
    async with client.get(served.url) as page:
        assert page.status == 200
    ws = f"ws://127.0.0.1:{served.port}/ws"
    # A rebinding attack reaches 127.0.0.1 under the attacker's own name.
    for foreign in (f"rebind.evil.example:{served.port}", "rebind.evil.example", "127.0.0.1:1"):
        async with client.get(served.base + "/", headers={"Host": foreign}) as answer:
            assert answer.status == 403, foreign
            assert "Host" in await answer.text()
        assert await websocket_refusal(client, ws, Host=foreign) == 403, foreign
    for own in (f"localhost:{served.port}", f"[::1]:{served.port}", f"127.0.0.1:{served.port}"):
        async with client.get(served.base + "/", headers={"Host": own}) as page:
            assert page.status == 200, own
            # The session's websocket is at the name the browser used, where its cookie goes.
            assert f'data-session-websocket-url="ws://{own}/ws"' in await page.text()


# Sessions ------------------------------------------------------------------------------


async def test_past_the_session_limit_a_page_says_so_and_a_closed_session_frees_its_place(
    library: Path, client: aiohttp.ClientSession
) -> None:
    server = Served(library, "--max-sessions", "1")
    ws = f"ws://127.0.0.1:{server.port}/ws"
    try:
        async with client.get(server.url) as page:
            assert page.status == 200
        async with client.ws_connect(ws) as first:
            await Terminal(first).wait_for("Ballard")
            async with client.get(server.base + "/") as full:
                assert full.status == 503
                assert "All 1 sessions are in use" in await full.text()
            assert await websocket_refusal(client, ws) == 503
        deadline = time.monotonic() + SCREEN_SECONDS
        while await status_of(client, server.base + "/") != 200:
            assert time.monotonic() < deadline, "the closed session never freed its place"
            await asyncio.sleep(0.2)
        async with client.ws_connect(ws) as second:
            await Terminal(second).wait_for("Ballard")
    finally:
        server.stop()


# Read-only sessions --------------------------------------------------------------------


async def bookmark_first_review(client: aiohttp.ClientSession, server: Served) -> Terminal:
    async with client.get(server.url) as page:
        assert page.status == 200
    socket = await client.ws_connect(f"ws://127.0.0.1:{server.port}/ws?width=100&height=30")
    terminal = Terminal(socket)
    await terminal.wait_for("Ballard")
    await terminal.press("\r")
    await terminal.wait_for("§ 1/")  # the reader's header (the library's preview shows the text)
    await terminal.press("b")
    return terminal


async def test_a_served_session_does_not_write_bookmarks(
    served: Served, client: aiohttp.ClientSession
) -> None:
    from reviewtui.store import paths

    terminal = await bookmark_first_review(client, served)
    try:
        await terminal.wait_for("The bookmark was not saved: this is a read-only session")
    finally:
        await terminal.close()
    assert not (paths.data_dir() / "bookmarks.toml").exists()
    assert "Traceback" not in served.output


async def test_allow_writes_lets_a_served_session_save_a_bookmark(
    library: Path, client: aiohttp.ClientSession
) -> None:
    from reviewtui.store import paths

    server = Served(library, "--allow-writes")
    try:
        terminal = await bookmark_first_review(client, server)
        await terminal.wait_for("Bookmarked Ballard")
        await terminal.close()
    finally:
        server.stop()
    assert 'title = "Ballard"' in (paths.data_dir() / "bookmarks.toml").read_text()


# Binding -------------------------------------------------------------------------------


def test_a_port_in_use_is_one_line_before_serving_on(library: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--library", str(library))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"reviewtui: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_an_address_not_on_this_machine_is_one_line_before_serving_on(library: Path) -> None:
    # 192.0.2.1 is TEST-NET-1: never an address of this machine, and no DNS is asked.
    result = run_cli("serve", "--host", "192.0.2.1", "--library", str(library))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "reviewtui: cannot serve on 192.0.2.1:8000: Cannot assign requested address\n"
    )


@pytest.mark.parametrize("port", ["99999", "0", "-1", "eighty"])
def test_a_port_out_of_range_is_a_usage_error(port: str) -> None:
    result = run_cli("serve", "--port", port)
    assert result.returncode == 2
    assert f"argument --port: must be a whole number from 1 to 65535, not '{port}'" in result.stderr
    assert "unexpected error" not in result.stderr
    assert "serving on" not in result.stdout


def test_serve_with_a_missing_library_says_so_before_serving(tmp_path: Path) -> None:
    result = run_cli("serve", "--port", str(free_port()), "--library", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"reviewtui: library folder not found: {tmp_path / 'nowhere'}"


def test_serve_listens_on_127_0_0_1_only_by_default(served: Served) -> None:
    # Every 127.x address reaches this machine, but a server bound to 127.0.0.1 alone (not to
    # all addresses) refuses connections on 127.0.0.2.
    with socket.socket() as control:
        control.bind(("127.0.0.2", 0))
        control.listen()
        with socket.create_connection(control.getsockname(), timeout=3):
            pass  # 127.0.0.2 is usable here, so a refusal below means the server is not on it
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.2", served.port), timeout=3),
    ):
        pass


def test_serve_says_where_it_is_and_stops_cleanly_on_sigterm(served: Served) -> None:
    served.process.terminate()
    served.process.wait(15)
    time.sleep(0.2)  # the reader thread takes the last lines
    assert re.search(
        rf"^reviewtui: serving on {served.base}/\?token=\S+ \(Ctrl\+C stops\)$", served.output, re.M
    )
    assert "browser sessions are read-only" in served.output
    assert "Traceback" not in served.output
    assert served.process.returncode in (0, -15)


def test_each_browser_session_runs_the_app_read_only_and_inside_the_library() -> None:
    from reviewtui.tui.serve import app_command

    assert app_command(None) == (
        f"REVIEWTUI_READ_ONLY=1 REVIEWTUI_NO_OUTSIDE_LINKS=1 {sys.executable} -m reviewtui"
    )
    assert app_command("/srv/my reviews", read_only=False) == (
        "REVIEWTUI_READ_ONLY=0 REVIEWTUI_NO_OUTSIDE_LINKS=1 "
        f"{sys.executable} -m reviewtui --library '/srv/my reviews'"
    )


# The store's refusal, directly ---------------------------------------------------------


def test_a_read_only_session_writes_no_bookmark_config_or_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewtui.core.model import Review
    from reviewtui.library.load import load_review
    from reviewtui.store.atomic import ReadOnlySession
    from reviewtui.store.bookmarks import BookmarkStore
    from reviewtui.store.config import write_default_config
    from reviewtui.store.positions import PositionStore
    from reviewtui.store.theme_setting import save_theme

    state = tmp_path / "state"
    state.mkdir()
    (state / "bookmarks.toml").write_text('[[bookmark]]\ntitle = "Kept"\npath = "/k.md"\n')
    before = (state / "bookmarks.toml").read_bytes()
    monkeypatch.setenv("REVIEWTUI_READ_ONLY", "1")

    bookmarks = BookmarkStore(state / "bookmarks.toml")
    assert [b.title for b in bookmarks.entries().value] == ["Kept"]  # reading still works
    with pytest.raises(ReadOnlySession, match="read-only session"):
        bookmarks.toggle("Ballard", "/b.md")
    with pytest.raises(ReadOnlySession):
        bookmarks.remove("Kept")
    warning = save_theme("nord", state / "config.toml")
    assert warning is not None and "read-only session" in warning
    with pytest.raises(ReadOnlySession):
        write_default_config(state / "other.toml")

    positions = PositionStore(state / "positions.json")
    review = load_review(SAMPLE_LIBRARY / "ballard.md")
    assert isinstance(review, Review)
    first, second = positions.save(review, 1, 3.0), positions.save(review, 2, 0.0)
    assert first.warnings == (
        "Reading places are not saved: this is a read-only session "
        "(reviewtui serve was started without --allow-writes)",
    )
    assert second.warnings == ()  # said once per session
    assert positions.load(review).value is None
    assert sorted(p.name for p in state.iterdir()) == ["bookmarks.toml"]  # no lock files either
    assert (state / "bookmarks.toml").read_bytes() == before


def test_a_read_only_session_leaves_damaged_state_files_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change would first keep a damaged file aside; a read-only session refuses before."""
    from reviewtui.core.model import Review
    from reviewtui.library.load import load_review
    from reviewtui.store.atomic import ReadOnlySession
    from reviewtui.store.bookmarks import BookmarkStore
    from reviewtui.store.positions import PositionStore

    state = tmp_path / "state"
    state.mkdir()
    (state / "bookmarks.toml").write_text('[[bookmark]]\ntitle = "Kept"\n[[bookmark]]\ntitle = ')
    (state / "positions.json").write_text("{not json")
    before = {p.name: p.read_bytes() for p in state.iterdir()}
    monkeypatch.setenv("REVIEWTUI_READ_ONLY", "1")

    bookmarks = BookmarkStore(state / "bookmarks.toml")
    assert [b.title for b in bookmarks.entries().value] == ["Kept"]
    with pytest.raises(ReadOnlySession):
        bookmarks.add("Ballard", "/b.md")
    review = load_review(SAMPLE_LIBRARY / "ballard.md")
    assert isinstance(review, Review)
    saved = PositionStore(state / "positions.json").save(review, 1, 3.0)
    assert [w for w in saved.warnings if "read-only session" in w] == list(saved.warnings)
    assert {p.name: p.read_bytes() for p in state.iterdir()} == before


def test_a_read_only_session_still_keeps_the_index_cache(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewtui.index import ReviewIndex

    monkeypatch.setenv("REVIEWTUI_READ_ONLY", "1")
    with ReviewIndex(library) as index:
        assert index.refresh().read == len(TITLES)
    # Closed cleanly and recorded so: the next session trusts the file and reads nothing again.
    assert Path(f"{index.db_path}-clean").exists()
    with ReviewIndex(library) as again:
        assert again.refresh().read == 0


async def test_a_read_only_app_tells_the_refusals_and_keeps_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reviewtui.store import paths
    from reviewtui.store.bookmarks import BookmarkStore
    from reviewtui.tui.screens.bookmarks_screen import BookmarksScreen
    from reviewtui.tui.screens.library_screen import LibraryScreen

    from .app_support import make_app, open_reader, wait_until

    BookmarkStore().add("Zodiac", "/nowhere/zodiac.md")
    written = {p.name: p.read_bytes() for p in paths.data_dir().iterdir()}
    monkeypatch.setenv("REVIEWTUI_READ_ONLY", "1")
    refusal = "this is a read-only session (reviewtui serve was started without --allow-writes)"
    app = make_app(title="Ballard")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_reader(pilot)
        await pilot.press("b")
        await wait_until(pilot, lambda: any("bookmark was not saved" in n for n in app.notices))
        for _ in range(2):  # leaving a review saves its place: refused, and said once
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
            await pilot.press("enter")
            await open_reader(pilot)
        app.theme = "nord"  # as the command palette does
        await wait_until(pilot, lambda: any("theme was not saved" in n for n in app.notices))
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await pilot.press("d")
        await wait_until(pilot, lambda: any("bookmark was not removed" in n for n in app.notices))
        assert app.is_running
    refusals = [n for n in app.notices if refusal in n]
    assert refusals == [
        f"The bookmark was not saved: {refusal}",
        f"Reading places are not saved: {refusal}",
        f"{paths.config_dir() / 'config.toml'}: the theme was not saved ({refusal})",
        f"The bookmark was not removed: {refusal}",
    ]
    assert {p.name: p.read_bytes() for p in paths.data_dir().iterdir()} == written
    assert not (paths.state_dir() / "positions.json").exists()
    assert not (paths.config_dir() / "config.toml").exists()


APP_MISSING = importlib.util.find_spec("reviewtui.tui.app") is None


@pytest.mark.skipif(
    APP_MISSING, reason="the terminal app (reviewtui.tui.app) is not in this checkout yet"
)
def test_a_browser_sees_the_library_through_serve(served: Served, tmp_path: Path) -> None:
    if chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium chromium-driver)")
    browser = Browser(tmp_path / "profile")
    try:
        # The printed address, as a user pastes it: the token becomes a cookie, which the
        # page's own websocket then carries.
        text, drawn = asyncio.run(
            watch_page(browser.page_socket_url(), served.url, TITLES, tmp_path / "page.png")
        )
    finally:
        browser.close()
    assert drawn, "the page's terminal never received the app's screen"
    missing = [title for title in TITLES if title not in text]
    assert not missing, f"not on the browser's terminal: {missing}\n{text[:2000]}"
    assert (tmp_path / "page.png").stat().st_size > 1000
