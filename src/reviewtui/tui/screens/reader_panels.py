"""The reader's side panels, the section list and the comparables: shown beside the review on
a wide terminal, and only while in use on a narrow one. The part of `ReaderScreen` that shows
and hides them, as its base class."""

from __future__ import annotations

from textual.widgets import OptionList

from reviewtui.tui.screens.reader_moves import ReaderMoves
from reviewtui.tui.widgets.comparables_panel import ComparablesPanel
from reviewtui.tui.widgets.reader_pane import ReaderPane
from reviewtui.tui.widgets.section_sidebar import SectionSidebar


class ReaderPanels(ReaderMoves):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-medium"), (120, "-wide")]
    """Below 90 columns both panels are shown only while in use; below 120 the comparables."""

    def set_width_class(self) -> None:
        """The class of the terminal's width, as Textual picks it, set before the first paint:
        Textual sets it on the screen's first resize, after that paint, which then had the
        widest layout (both panels) whatever the width."""
        width = self.app.size.width
        reached = [name for least, name in sorted(self.HORIZONTAL_BREAKPOINTS) if width >= least]
        if reached:
            self.add_class(reached[-1])

    def action_focus_comparables(self) -> None:
        """Focus the comparables; pressed again, go back to the review."""
        panel = self.query_one(ComparablesPanel)
        if panel.has_focus:
            self.leave_panel(panel)
            return
        panel.display = True
        panel.show_comparables()  # (listed once the review is on screen: maybe not yet)
        self.focus_now(panel)
        panel.highlight_first_openable()

    def action_toggle_sections(self) -> None:
        sidebar = self.query_one(SectionSidebar)
        if sidebar.display and not sidebar.has_focus:
            sidebar.show_sections()
            self.focus_now(sidebar)
        elif sidebar.display:
            sidebar.display = False
            self.query_one(ReaderPane).focus()
        else:
            sidebar.display = True
            sidebar.show_sections()
            self.focus_now(sidebar)

    def focus_now(self, panel: SectionSidebar | ComparablesPanel) -> None:
        """Focus `panel` at once: `Widget.focus` waits for the messages already queued, so the
        keys typed in the same burst as `c` or `t` (`c` `↓`) went to the review."""
        self.set_focus(panel)

    def leave_focused_panel(self) -> bool:
        """`Esc` in a panel: back to the review (the panel closes where it is shown only while
        in use), rather than back to the review read before. Whether a panel had the focus."""
        focused = self.focused
        if isinstance(focused, SectionSidebar | ComparablesPanel):
            self.leave_panel(focused)
            return True
        return False

    def leave_panel(self, panel: SectionSidebar | ComparablesPanel) -> None:
        # On a narrow terminal a panel is shown only while it is in use.
        folds = self.has_class("-narrow") or (
            isinstance(panel, ComparablesPanel) and self.has_class("-medium")
        )
        if folds:
            panel.display = False
        self.query_one(ReaderPane).focus()

    def action_scroll_down(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_down()
        else:
            self.query_one(ReaderPane).scroll_down_a_line()

    def action_scroll_up(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_up()
        else:
            pane = self.query_one(ReaderPane)
            pane.release_target()
            pane.scroll_up(animate=False)
