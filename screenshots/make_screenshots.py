"""Make the README's SVG screenshots from the real app on the bundled library.

    python screenshots/make_screenshots.py [NAME...]

Bookmarks and reading places go to temporary folders, so yours are not touched.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "screenshots"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # the waits the snapshot tests use

from tests.app_support import library_ready, preview_ready, reader_ready, steady_cursor  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from reviewtui.library.load import LibrarySource  # noqa: E402
from reviewtui.tui.app import ReviewApp  # noqa: E402

SIZE = (130, 36)
SIZES = {"library": (120, 30), "reader-100": (100, 30), "find": (100, 30)}
"""The library at 120 columns: its list and preview pane side by side; the reader at 100, with
its section list and the comparables folded away."""
Steps = Callable[[Pilot[int]], Awaitable[None]]


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause(0.4)
    pilot.app.clear_notifications()
    await steady_cursor(pilot)
    await pilot.pause(0.2)


async def library(pilot: Pilot[int]) -> None:
    await library_ready(pilot)
    await pilot.press("down", "down")
    await preview_ready(pilot)
    await steady_cursor(pilot)


async def reader(pilot: Pilot[int]) -> None:
    await library_ready(pilot)
    await pilot.press(*"ballard", "enter")
    await reader_ready(pilot)
    await pilot.press("1", "2")
    await settle(pilot)


async def spoilers(pilot: Pilot[int]) -> None:
    await reader(pilot)
    await pilot.press("s")
    await settle(pilot)


async def find(pilot: Pilot[int]) -> None:
    await library_ready(pilot)
    await pilot.press(*"ballard", "enter")
    await reader_ready(pilot)
    await pilot.press("slash", *"detective", "down")
    await settle(pilot)


async def bookmarks(pilot: Pilot[int]) -> None:
    await reader(pilot)
    await pilot.press("b")
    await pilot.press("l", "escape")
    await pilot.press("down", "down", "enter")
    await reader_ready(pilot)
    await pilot.press("b", "B")
    await settle(pilot)


async def help_screen(pilot: Pilot[int]) -> None:
    await reader(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


SHOTS: dict[str, Steps] = {
    "library": library,
    "reader": reader,
    "reader-100": reader,
    "spoilers-revealed": spoilers,
    "find": find,
    "bookmarks": bookmarks,
    "help": help_screen,
}


async def shoot(name: str, steps: Steps) -> Path:
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as state:
        os.environ["XDG_DATA_HOME"] = data
        os.environ["XDG_STATE_HOME"] = state  # no read marks from your own reading
        app = ReviewApp(LibrarySource(Path("reviews"), "sample"))
        async with app.run_test(size=SIZES.get(name, SIZE)) as pilot:
            await steps(pilot)
            svg = app.export_screenshot(title=f"reviewtui — {name.replace('-', ' ')}")
    target = OUT / f"{name}.svg"
    # Bookmarks keep absolute paths: the picture shows where a user's checkout would be.
    svg = svg.replace(str(REPO.resolve()), "~/reviewtui")
    target.write_text(svg, encoding="utf-8")
    return target


def main() -> None:
    # The header shows the library folder: a relative one reads the same on every machine.
    os.chdir(REPO)
    os.environ.pop("REVIEWTUI_LIBRARY", None)
    wanted = sys.argv[1:] or list(SHOTS)
    for name, steps in SHOTS.items():
        if name not in wanted:
            continue
        print(asyncio.run(shoot(name, steps)).relative_to(REPO))


if __name__ == "__main__":
    main()
