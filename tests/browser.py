"""Drive headless Chromium over the DevTools protocol (aiohttp's websocket client, already
installed with textual-serve) to see what a browser shows of `reviewtui serve`."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
]

# Installed before the page's scripts run: keeps, as text, every byte the page's terminal is
# sent over its websocket, so the test reads what the terminal was asked to draw.
RECORD_TERMINAL_OUTPUT = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__terminalOutput = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          window.__terminalOutput.push(decoder.decode(event.data, { stream: true }));
        }
      });
    }
  };
})();
"""

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def screen_text(output: str) -> str:
    """Terminal output with escape sequences removed: the words it draws."""
    return ESCAPES.sub(" ", output)


class Browser:
    def __init__(self, profile: Path) -> None:
        binary = chromium()
        assert binary is not None, "chromium is not installed"
        self.profile = profile
        self.process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def page_socket_url(self, timeout: float = 30) -> str:
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_file.exists() and port_file.read_text().strip():
                port = port_file.read_text().split()[0]
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json/list", timeout=5
                ) as answer:
                    targets = json.load(answer)
                pages = [t for t in targets if t.get("type") == "page"]
                if pages:
                    return str(pages[0]["webSocketDebuggerUrl"])
            time.sleep(0.2)
        raise TimeoutError("chromium did not open its DevTools port")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


class Page:
    """One page over the DevTools protocol: send a command, get its result."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.next_id = 0

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        wanted = self.next_id
        await self.socket.send_json({"id": wanted, "method": method, "params": params})
        while True:
            message = await self.socket.receive_json(timeout=30)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


async def watch_page(
    socket_url: str, url: str, wanted: list[str], screenshot: Path, timeout: float = 60
) -> tuple[str, bool]:
    """Open url and wait until every wanted word is on the terminal (or time runs out);
    returns the terminal's text and whether the page says its terminal drew the app."""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(socket_url, max_msg_size=0) as socket,
    ):
        page = Page(socket)
        await page.send("Page.enable")
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_TERMINAL_OUTPUT)
        await page.send("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        text, drawn = "", False
        while time.monotonic() < deadline:
            output = await page.evaluate("(window.__terminalOutput || []).join('')")
            text = screen_text(output or "")
            drawn = bool(await page.evaluate("document.body.classList.contains('-first-byte')"))
            if drawn and all(word in text for word in wanted):
                break
            await asyncio.sleep(0.5)
        shot = await page.send("Page.captureScreenshot", format="png")
        import base64

        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return text, drawn
