"""Which sections a huge review's window mounts and drops as the reader scrolls: a plain
function of where the mounted blocks are, so that it can be tested without the app. Imported
with the first huge review (`reader_window`): an ordinary one's reader does without it."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewtui.tui.widgets.reader_window import WINDOW_LIMIT


@dataclass(frozen=True)
class Span:
    """A mounted block: its item (preamble 0 or a section) and where it lies, in lines."""

    item: int
    y: int
    bottom: int


@dataclass(frozen=True)
class Growth:
    below: range = range(0)
    """Items to mount after the last block."""
    above: int | None = None
    """An item to mount before the first block."""
    far: list[int] = field(default_factory=list)
    """Items far from the reader, to drop."""

    @property
    def changes(self) -> bool:
        return bool(self.below) or self.above is not None or bool(self.far)


def plan_growth(spans: list[Span], top: int, screen: int, items: int) -> Growth:
    """What to mount and drop for a reader whose pane shows `screen` lines from line `top`:
    the sections they are about to reach (three screens ahead, two behind) and, once more than
    `WINDOW_LIMIT` are mounted, those more than three screens behind or four ahead."""
    if not spans:
        return Growth()
    screen = max(1, screen)
    first, last = spans[0], spans[-1]
    below = range(0)
    if last.item < items - 1 and last.bottom < top + 3 * screen:
        below = range(last.item + 1, min(items, last.item + 3))
    above = first.item - 1 if first.item > 0 and top < 2 * screen else None
    far: list[int] = []
    if len(spans) > WINDOW_LIMIT:
        far = [s.item for s in spans if s.bottom < top - 3 * screen or s.y > top + 4 * screen]
    return Growth(below, above, far)
