import asyncio
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import Browser, chromium, watch_page
from .conftest import python_env, run_cli, write_review

TITLES = ["Ballard", "Paper Moon", "The Third Man"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        assert answer.status == 200
        return str(answer.read().decode("utf-8"))


class Served:
    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"


@pytest.fixture
def served(library_dir: Path) -> Iterator[Served]:
    """`reviewtui serve` on a free loopback port, over a library of three reviews."""
    for title in TITLES:
        write_review(
            library_dir,
            f"{title.lower().replace(' ', '-')}.md",
            f"# {title}\n\n## Verdict\n\nFine.\n",
        )
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reviewtui",
            "serve",
            "--port",
            str(port),
            "--library",
            str(library_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=python_env(),
    )
    served = Served(process, port)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[0]
        try:
            fetch(served.url, timeout=1)
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    try:
        yield served
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def test_serve_answers_on_loopback_with_the_app_page(served: Served) -> None:
    page = fetch(served.url)
    assert "<div>reviewtui</div>" in page
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
    assert "textual.js" in page
    assert "Terminal" in fetch(served.url + "static/js/textual.js")


def test_serve_listens_on_127_0_0_1_only_by_default(served: Served) -> None:
    fetch(served.url)
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
    fetch(served.url)
    served.process.terminate()
    output, _ = served.process.communicate(timeout=15)
    assert f"reviewtui: serving on http://127.0.0.1:{served.port} (Ctrl+C stops)" in output
    assert "Traceback" not in output
    assert served.process.returncode in (0, -15)


def test_serve_on_a_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port))
    assert result.returncode == 1
    assert f"reviewtui: cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_with_a_missing_library_says_so_before_serving(tmp_path: Path) -> None:
    result = run_cli("serve", "--port", str(free_port()), "--library", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"reviewtui: library folder not found: {tmp_path / 'nowhere'}"


def test_serving_beyond_loopback_warns_that_the_library_is_readable() -> None:
    from reviewtui.tui.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert (
        not is_loopback("0.0.0.0")
        and not is_loopback("192.0.2.7")
        and not is_loopback("example.org")
    )


def test_each_browser_session_runs_the_app_on_the_chosen_library() -> None:
    from reviewtui.tui.serve import app_command

    assert app_command(None) == f"{sys.executable} -m reviewtui"
    assert (
        app_command("/srv/my reviews")
        == f"{sys.executable} -m reviewtui --library '/srv/my reviews'"
    )


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
        text, drawn = asyncio.run(
            watch_page(browser.page_socket_url(), served.url, TITLES, tmp_path / "page.png")
        )
    finally:
        browser.close()
    assert drawn, "the page's terminal never received the app's screen"
    missing = [title for title in TITLES if title not in text]
    assert not missing, f"not on the browser's terminal: {missing}\n{text[:2000]}"
    assert (tmp_path / "page.png").stat().st_size > 1000
