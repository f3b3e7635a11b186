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
    """Every key; opened on the part about the screen it was asked from (`topic`, the anchor
    of a heading of help.md such as "reader")."""

    CSS_PATH = "help_screen.tcss"
    BINDINGS = [
        # As in less: q and Esc close the help (ctrl+q still quits).
        Binding(
            "escape,q,question_mark,f1", "close", "Close", id="close", tooltip="Close the help"
        ),
    ]

    def __init__(self, topic: str | None = None) -> None:
        super().__init__()
        self.topic = topic

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = Content("Help")
            body.border_subtitle = Content("q or Esc closes")
            yield Markdown(help_markdown(), open_links=False)

    async def on_markdown_table_of_contents_updated(self) -> None:
        if self.topic:
            self.query_one(Markdown).goto_anchor(self.topic)

    def action_close(self) -> None:
        self.dismiss(None)
