"""The yardstick for first paints: a bare Textual app showing one Static."""

from textual.app import App, ComposeResult
from textual.widgets import Static

SHOWN = "A bare Textual app"


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(SHOWN)


if __name__ == "__main__":
    BareApp().run()
