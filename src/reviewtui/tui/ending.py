"""How the app ends: `q`, a signal, or a terminal that has gone. The app's part that does it,
as a base class of `ReviewApp`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from reviewtui.index import ReviewIndex

MOUNT_WAITS = 100
"""Refreshes an exit waits at most for the screens being mounted."""


class AppEnding(App[int]):
    exiting = False
    """Set once an exit is asked for: results from workers are dropped from then on."""
    _mounted = False
    _exit_asked: tuple[int | None, int, object] | None = None

    if TYPE_CHECKING:
        index: ReviewIndex

        def stop_children(self) -> None: ...

    def exit(self, result: int | None = None, return_code: int = 0, message: object = None) -> None:
        """Exit; once the app and its screens are mounted, when they are not yet (a signal can
        come that early): their handlers would find their widgets gone."""
        self.exiting = True
        if not self._mounted:
            self._exit_asked = (result, return_code, message)  # (see `mounted`)
            return
        self._exit_once_mounted(result, return_code, message, MOUNT_WAITS)

    def _exit_once_mounted(
        self, result: int | None, return_code: int, message: object, waits: int
    ) -> None:
        if waits > 0 and any(not screen.is_mounted for screen in self.screen_stack):
            self.call_after_refresh(
                self._exit_once_mounted, result, return_code, message, waits - 1
            )
            return
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def mounted(self) -> None:
        """The app's own mount is over (called last in it): an exit asked for before, now."""
        self._mounted = True
        if self._exit_asked is not None:
            self.exit(*self._exit_asked)

    async def action_quit(self) -> None:
        # The reader saves its place as it goes, and once more as it closes.
        self.exit(0)

    def on_unmount(self) -> None:
        self.stop_children()
        self.index.close()

    def last_rites(self) -> None:
        """Before the process ends without shutting the app down (its terminal is gone):
        the open review's place is saved, the index's child processes stopped, and the
        index closed, so that the next start need not check it."""
        from reviewtui.tui.screens.reader_screen import ReaderScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.place.write()
        self.stop_children()
        self.index.close()  # (this thread's connection: the others are the process's to end)
