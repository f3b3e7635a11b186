from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.driver import Driver
from textual.widgets import Static

from reviewtui.library.watch import Changes
from reviewtui.store.config import Config, config_path, load_config, write_default_config
from reviewtui.tui.comforts import apply_config, edit_file, remember_theme_changes, watch_library
from reviewtui.tui.config_check import config_problems

from .conftest import write_review


class Reader(App[None]):
    """A small app with the reader's binding ids, standing in for the real one."""

    BINDINGS = [
        Binding("n", "next_section", "Next", id="next_section"),
        Binding("p", "previous_section", "Prev", id="previous_section"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.section = 0
        self.changes: list[Changes] = []
        self.warnings: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def action_next_section(self) -> None:
        self.section += 1

    def action_previous_section(self) -> None:
        self.section -= 1


async def test_a_remapped_key_moves_to_the_next_section_and_the_old_one_no_longer_does() -> None:
    app = Reader()
    async with app.run_test() as pilot:
        apply_config(app, Config(keys={"next_section": "x"}))
        await pilot.press("x")
        assert app.section == 1
        await pilot.press("n")
        assert app.section == 1
        await pilot.press("p")
        assert app.section == 0


async def test_several_keys_can_share_one_action() -> None:
    app = Reader()
    async with app.run_test() as pilot:
        apply_config(app, Config(keys={"next_section": "x,ctrl+n"}))
        await pilot.press("x", "ctrl+n")
        assert app.section == 2


async def test_the_configured_theme_is_used_and_an_unknown_one_is_named() -> None:
    app = Reader()
    async with app.run_test():
        apply_config(app, Config(theme="nord"))
        assert app.theme == "nord"
        apply_config(app, Config(theme="no-such-theme"))
        assert app.theme == "nord"
        file = Path("config.toml")
        warnings = config_problems(Config(theme="no-such-theme"), file, [])
        assert (
            len(warnings) == 1 and "config.toml: theme 'no-such-theme' is not known" in warnings[0]
        )
        assert "gruvbox" in warnings[0]


async def test_a_theme_picked_while_running_is_saved_with_the_users_comments() -> None:
    write_default_config()
    app = Reader()
    async with app.run_test() as pilot:
        apply_config(app, Config(theme="nord"))
        remember_theme_changes(app, app.warnings.append)
        await pilot.pause()
        assert load_config()[0].theme is None  # the starting theme is not written back
        app.theme = "dracula"
        for _ in range(50):
            await pilot.pause(0.05)
            if load_config()[0].theme == "dracula":
                break
    config, warnings = load_config()
    assert config.theme == "dracula" and warnings == []
    assert "# The colour theme" in config_path().read_text(encoding="utf-8")
    assert app.warnings == []


async def test_a_review_copied_into_the_library_is_reported_within_two_seconds(
    library_dir: Path,
) -> None:
    app = Reader()
    async with app.run_test() as pilot:
        watch_library(app, library_dir, app.changes.append, interval=0.2)
        await pilot.pause(0.3)
        added = write_review(library_dir, "heat.md", "# Heat\n")
        for _ in range(40):
            await pilot.pause(0.05)
            if app.changes:
                break
        assert app.changes == [Changes(added=(added,))]
        added.unlink()
        for _ in range(40):
            await pilot.pause(0.05)
            if len(app.changes) == 2:
                break
        assert app.changes[1] == Changes(removed=(added,))


async def test_editing_where_the_terminal_cannot_be_handed_over_says_so(tmp_path: Path) -> None:
    path = write_review(tmp_path, "a.md", "# A\n")
    app = Reader()
    async with app.run_test():
        message = edit_file(app, path)
    assert message is not None and "cannot hand over" in message
    assert path.read_text(encoding="utf-8") == "# A\n"


def handing_over(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The terminal can be handed over (as in a real one): Textual's own `App.suspend` runs,
    and the driver records each time the app gives the terminal up and takes it back."""
    handed: list[str] = []
    monkeypatch.setattr(Driver, "can_suspend", property(lambda driver: True))
    monkeypatch.setattr(Driver, "suspend_application_mode", lambda d: handed.append("given"))
    monkeypatch.setattr(Driver, "resume_application_mode", lambda d: handed.append("taken back"))
    return handed


@pytest.mark.parametrize(
    ("editor", "handed_over", "said"),
    [
        ("true", True, None),
        ("false", True, "exited with status 1"),
        ("/no/such/editor", True, "'/no/such/editor' was not found"),
        ("'unclosed", False, "cannot be read as a command"),  # (nothing to run: not handed)
    ],
)
async def test_the_terminal_comes_back_to_the_app_whatever_the_editor_does(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    editor: str,
    handed_over: bool,
    said: str | None,
) -> None:
    path = write_review(tmp_path, "a.md", "# A\n")
    monkeypatch.setenv("VISUAL", editor)
    handed = handing_over(monkeypatch)
    app = Reader()
    async with app.run_test():
        message = edit_file(app, path)
    # A failure inside the handing over left the app blank, reading no key.
    assert handed == (["given", "taken back"] if handed_over else [])
    if said is None:
        assert message is None
    else:
        assert message is not None and message.startswith("Not edited:") and said in message
