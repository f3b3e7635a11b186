"""Each screen's CSS file is read when the screen is first shown, and parsed on its own.

Textual reads a screen's `CSS_PATH` when the screen is first shown, and then parses every
stylesheet again: the app's, each screen's and each widget's (`Stylesheet.reparse`, a few
milliseconds, once per screen, the first one's before the first paint). Yet the stylesheet
keeps what it parsed of each source, for as long as the theme's variables stay the same, so
a new file can be parsed alone and the rules put together again from what is kept. The first
paint then parses only the app's file and the first screen's.

This overrides Textual's own (private) `App._load_screen_css`, of the release pinned for the
tests; `tests/test_stylesheet_once.py` fails if a release reads or parses screens otherwise.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen


class ScreenStyles(App[int]):
    def _load_screen_css(self, screen: Screen[Any]) -> None:
        stylesheet = self.stylesheet
        new = [path for path in screen.css_path if not stylesheet.has_source(str(path), "")]
        if new:
            for path in new:
                stylesheet.read(path)
            stylesheet.parse()  # the new files only: the others' rules are kept
            stylesheet.update(self)
        super()._load_screen_css(screen)  # (left to it: a screen's `CSS` and the CSS monitor)
