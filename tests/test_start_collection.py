"""Cycle collection is held off while the program starts: until a command's work begins, or
until the app has painted its first screen. It always comes back on."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reviewtui import start
from reviewtui.cli import main as cli_main
from reviewtui.core import collector
from reviewtui.index import ReviewIndex
from reviewtui.index.catalog import Catalog
from reviewtui.library.load import LibrarySource

from .app_support import FIXTURE_LIBRARY, RecordingApp, wait_until
from .conftest import write_review


@pytest.fixture(autouse=True)
def collection_restored() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


@pytest.fixture
def handler_sees(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether collection was on when each command's handler began."""
    seen: list[bool] = []
    real = cli_main.command

    def watching(name: str) -> Callable[..., int]:
        handler = real(name)

        def run(args: object) -> int:
            seen.append(gc.isenabled())
            return 0 if name.startswith("app_cmd:") else handler(args)

        return run

    monkeypatch.setattr(cli_main, "command", watching)
    return seen


def test_a_command_collects_again_before_its_work(
    library_dir: Path, handler_sees: list[bool], capsys: pytest.CaptureFixture[str]
) -> None:
    write_review(library_dir, "a.md", "# Alpha\n\n## Plot\n\nA glacier.\n")
    assert start.main(["list", "--json", "--library", str(library_dir)]) == 0
    assert [entry["title"] for entry in json.loads(capsys.readouterr().out)] == ["Alpha"]
    assert handler_sees == [True]
    assert gc.isenabled() and gc.get_freeze_count() > 0  # what the start made is frozen


def test_the_app_commands_start_with_collection_held_and_end_with_it_on(
    library_dir: Path, handler_sees: list[bool]
) -> None:
    start.main(["--library", str(library_dir)])
    start.main(["read", "Alpha", "--library", str(library_dir)])
    assert handler_sees == [False, False]
    assert gc.isenabled()


class Watching(RecordingApp):
    """Notes whether collection was on as each listing arrived."""

    def __init__(self) -> None:
        super().__init__(LibrarySource(FIXTURE_LIBRARY, "option"), None, watch_interval=3600.0)
        self.collecting: list[bool] = []

    def library_loaded(self, library: Catalog, final: bool) -> None:
        self.collecting.append(gc.isenabled())
        super().library_loaded(library, final)


async def test_the_app_collects_again_once_its_first_screen_is_painted() -> None:
    with ReviewIndex(FIXTURE_LIBRARY) as index:  # as a start finds it after the first
        index.refresh()
    collector.hold()
    app = Watching()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, gc.isenabled)
        await wait_until(pilot, lambda: app.last_refresh is not None)
    # The first page arrived while collection was held; the whole listing, after its paint.
    assert app.collecting[:2] == [False, True]
