"""The files of the library that could not be read, and warnings about those that could."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reviewtui.core.model import Problem
from reviewtui.tui.widgets.safe_text import plain


def problem_label(problem: Problem) -> Content:
    where = f"{problem.path}:{problem.line}" if problem.line else str(problem.path)
    kind = (
        Content.styled("cannot read  ", "bold $error")
        if problem.fatal
        else Content.styled("warning  ", "bold $warning")
    )
    return Content.assemble(kind, plain(where, "bold"), "\n", plain(problem.reason))


class ProblemsScreen(ModalScreen[None]):
    CSS_PATH = "problems_screen.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", id="close", tooltip="Close the list"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit reviewtui"),
    ]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-body") as body:
            body.border_title = Content(f"Load problems ({len(self.problems)})")
            body.border_subtitle = Content("Esc closes")
            options = [Option(problem_label(p)) for p in self.problems]
            if not options:
                options = [Option(Content("Every file loaded."), disabled=True)]
            yield OptionList(*options, id="problems")

    def action_close(self) -> None:
        self.dismiss(None)
