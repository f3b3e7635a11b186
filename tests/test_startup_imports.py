"""The first screen imports only what it needs: the library screen's import set is a named
list, and the reader, search, help, problems and bookmarks screens, the Markdown widget and
markdown-it load when first used (or in a worker once the library is on screen)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import python_env

LIBRARY_SCREEN_MODULES = {
    "reviewtui",
    "reviewtui.cli",
    "reviewtui.cli.app_cmd",
    "reviewtui.cli.errors",
    "reviewtui.cli.library",
    "reviewtui.cli.main",
    "reviewtui.cli.output",
    "reviewtui.cli.parser",
    "reviewtui.core",
    "reviewtui.core.folding",
    "reviewtui.core.facets",
    "reviewtui.core.library_sort",
    "reviewtui.core.model",
    "reviewtui.core.text",
    "reviewtui.index",
    "reviewtui.index.catalog",
    "reviewtui.index.child",
    "reviewtui.index.db",
    "reviewtui.index.query",
    "reviewtui.index.reading",
    "reviewtui.index.records",
    "reviewtui.index.refresh",
    "reviewtui.index.review_index",
    "reviewtui.index.search",
    "reviewtui.index.similar",
    "reviewtui.index.usage",
    "reviewtui.library",
    "reviewtui.library.root",
    "reviewtui.library.scan",
    "reviewtui.library.watch",
    "reviewtui.store",
    "reviewtui.store.atomic",
    "reviewtui.store.bookmarks",
    "reviewtui.store.config",
    "reviewtui.store.keynames",
    "reviewtui.store.outcome",
    "reviewtui.store.paths",
    "reviewtui.store.positions",
    "reviewtui.store.read_only",
    "reviewtui.tui",
    "reviewtui.tui.app",
    "reviewtui.tui.comforts",
    "reviewtui.tui.config_check",
    "reviewtui.tui.editor",
    "reviewtui.tui.launch",
    "reviewtui.tui.library_view",
    "reviewtui.tui.loading",
    "reviewtui.tui.messages",
    "reviewtui.tui.palette",
    "reviewtui.tui.screens",
    "reviewtui.tui.screens.library_keys",
    "reviewtui.tui.screens.library_screen",
    "reviewtui.tui.screens.library_status",
    "reviewtui.tui.widgets",
    "reviewtui.tui.widgets.filter_input",
    "reviewtui.tui.widgets.preview_pane",
    "reviewtui.tui.widgets.review_table",
    "reviewtui.tui.widgets.safe_text",
    "reviewtui.tui.widgets.title_bar",
    "reviewtui.start",
}
"""Every reviewtui module `reviewtui` imports up to the library screen (the command line, the
app and the screen). A new one belongs here only if the first screen cannot do without it:
reading and parsing reviews, the other commands, and searching come later."""

LATER = (
    "markdown_it",
    "mdit_py_plugins",
    "textual.widgets._markdown",
    "textual.widgets._data_table",
)


def loaded_by_the_library_screen() -> set[str]:
    code = (
        "import sys\n"
        "import reviewtui.start, reviewtui.cli.main, reviewtui.cli.app_cmd\n"
        "import reviewtui.tui.app\n"
        "import reviewtui.tui.screens.library_screen\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=python_env()
    )
    return set(result.stdout.split())


def test_the_library_screen_imports_no_more_than_its_named_modules() -> None:
    loaded = loaded_by_the_library_screen()
    ours = {name for name in loaded if name.split(".")[0] == "reviewtui"}
    assert ours - LIBRARY_SCREEN_MODULES == set()
    assert sorted(n for n in loaded if n.startswith(LATER)) == []


def test_the_screens_shown_later_are_preloaded_by_name() -> None:
    from reviewtui.tui.loading import LATER_SCREENS, preload_screens

    preload_screens()
    assert set(LATER_SCREENS) <= set(sys.modules)
    assert not set(LATER_SCREENS) & LIBRARY_SCREEN_MODULES
