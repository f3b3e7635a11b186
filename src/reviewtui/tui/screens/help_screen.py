"""The help screen: every key, written in Markdown (help.md beside this module)."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown


def help_markdown() -> str:
    return resources.files("reviewtui.tui.screens").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help_screen.tcss"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit reviewtui"),
        Binding("escape,question_mark,f1", "close", "Close", id="close", tooltip="Close the help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = Content("Help")
            body.border_subtitle = Content("Esc closes")
            yield Markdown(help_markdown(), open_links=False)

    def action_close(self) -> None:
        self.dismiss(None)
