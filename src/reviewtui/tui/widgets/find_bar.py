"""The reader's find bar (`/`, as in less): type words to find in the review (the view goes to
the first match as you type); `Enter` goes back to reading there, `↓` `↑` step through the
matches, `Esc` ends the find."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class FindInput(Input):
    BINDINGS = [
        Binding("enter", "go", "Read", id="find_go", tooltip="Back to reading, at the match"),
        Binding("down", "step(True)", "Next", id="find_next", tooltip="Next match"),
        Binding("up", "step(False)", "Prev", id="find_previous", tooltip="Previous match"),
        Binding("escape", "close_find", "Close", id="find_close", tooltip="End the find"),
    ]

    def action_go(self) -> None:
        self.post_message(FindBar.Step(True, leave=True))

    def action_step(self, forward: bool) -> None:
        self.post_message(FindBar.Step(forward))

    def action_close_find(self) -> None:
        self.post_message(FindBar.Ended())


class FindBar(Horizontal):
    """Shown while a find is on: what is found, and how many matches ("3/17")."""

    class Changed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Step(Message):
        def __init__(self, forward: bool, leave: bool = False) -> None:
            super().__init__()
            self.forward = forward
            self.leave = leave
            """Whether to go back to reading (Enter) or stay in the bar (↓ ↑)."""

    class Ended(Message):
        pass

    def compose(self) -> ComposeResult:
        # Its parts are made when it is first opened: the reader's first paint does without
        # them (an Input costs its screen a few milliseconds to mount and style).
        return iter(())

    async def open(self, text: str | None = None) -> None:
        """Show the bar with the focus in it (and `text` in it, when given); what is in it
        already is selected, so that typing replaces it, as in a browser."""
        if not self.children:
            await self.mount_all(
                [
                    Static(Content("Find "), classes="find-label"),
                    FindInput(placeholder="words in this review", id="find-input"),
                    Static(Content(""), id="find-count"),
                ]
            )
        self.display = True
        box = self.query_one(FindInput)
        if text is not None:
            with box.prevent(Input.Changed):
                box.value = text
        # At once, not as `focus()` does (after what is already queued): the keys typed in the
        # same burst as `/` follow it into the box.
        self.screen.set_focus(box)
        box.select_all()

    def show_count(self, count: str) -> None:
        if self.children:  # (a bar never opened shows nothing)
            self.query_one("#find-count", Static).update(Content(count))

    @on(Input.Changed, "#find-input")
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))
