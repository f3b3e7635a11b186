"""The first screen imports only what it needs: the library screen's import set is a named
list, and the reader, search, help, problems and bookmarks screens, the Markdown widget and
markdown-it load when first used (or in a worker once the library is on screen)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import python_env

LIBRARY_SCREEN_MODULES = {
    "reviewtui",
    "reviewtui.cli",
    "reviewtui.cli.app_cmd",
    "reviewtui.cli.errors",
    "reviewtui.cli.main",
    "reviewtui.cli.plain_start",
    "reviewtui.core",
    "reviewtui.core.collector",
    "reviewtui.core.facets",
    "reviewtui.core.library_sort",
    "reviewtui.core.model",
    "reviewtui.core.lazy_re",
    "reviewtui.core.text",
    "reviewtui.index",
    "reviewtui.index.catalog",
    "reviewtui.index.child",
    "reviewtui.index.db",
    "reviewtui.index.reading",
    "reviewtui.index.records",
    "reviewtui.index.refresh",
    "reviewtui.index.review_index",
    "reviewtui.index.usage",
    "reviewtui.library",
    "reviewtui.library.root",
    "reviewtui.library.scan",
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
    "reviewtui.tui.launch",
    "reviewtui.tui.library_view",
    "reviewtui.tui.ending",
    "reviewtui.tui.loading",
    "reviewtui.tui.messages",
    "reviewtui.tui.palette",
    "reviewtui.tui.screen_styles",
    "reviewtui.tui.screens",
    "reviewtui.tui.screens.library_keys",
    "reviewtui.tui.screens.library_places",
    "reviewtui.tui.screens.library_screen",
    "reviewtui.tui.screens.library_status",
    "reviewtui.tui.widgets",
    "reviewtui.tui.widgets.filter_input",
    "reviewtui.tui.widgets.preview_pane",
    "reviewtui.tui.widgets.late_footer",
    "reviewtui.tui.widgets.review_table",
    "reviewtui.tui.widgets.safe_text",
    "reviewtui.tui.widgets.title_bar",
    "reviewtui.start",
}
"""Every reviewtui module `reviewtui` imports up to the library screen (the command line, the
app and the screen). A new one belongs here only if the first screen cannot do without it:
reading and parsing reviews, the other commands, and searching come later."""

SEARCH_PARTS = ("reviewtui.index.query", "reviewtui.index.search", "reviewtui.index.similar")
"""The index's search: query parsing, bm25 and snippets, similar reviews. Loaded by the first
search or review opened, or in a worker once the library is on screen."""

LATER = (
    *SEARCH_PARTS,
    "reviewtui.tui.screens.reader_screen",
    "reviewtui.tui.screens.search_screen",
    "reviewtui.tui.screens.help_screen",
    "reviewtui.library.watch",  # (the folder is watched once the library is on screen)
    "reviewtui.tui.editor",
    "markdown_it",
    "mdit_py_plugins",
    "textual.widgets._markdown",
    "textual.widgets._data_table",
    "multiprocessing",  # (for an index refresh in a child, or worker processes)
    "reviewtui.tui.widgets.quiet_footer",  # (the footer is mounted once the screen is painted)
    "textual.widgets._footer",
)

NOT_AT_START = ("tomllib", "tomli_w", "hashlib", "_hashlib", "argparse")
"""Standard modules the first screen does without: the settings and bookmarks files are parsed
only when there are ones (and written only when changed), and the files kept per library are
named by CPython's own SHA-256 (hashlib loads OpenSSL for it). The plain starts are read
without the grammar of every command (`cli.plain_start`), and so without argparse."""


def imported_by(*modules: str) -> set[str]:
    """Every module a fresh interpreter holds once it has imported `modules`."""
    code = "import sys\n" + "".join(f"import {name}\n" for name in modules)
    code += "print('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=python_env()
    )
    return set(result.stdout.split())


def loaded_by_the_library_screen() -> set[str]:
    return imported_by(
        "reviewtui.start",
        "reviewtui.cli.main",
        "reviewtui.cli.app_cmd",
        "reviewtui.tui.app",
        "reviewtui.tui.screens.library_screen",
    )


def test_the_library_screen_imports_no_more_than_its_named_modules() -> None:
    loaded = loaded_by_the_library_screen()
    ours = {name for name in loaded if name.split(".")[0] == "reviewtui"}
    assert ours - LIBRARY_SCREEN_MODULES == set()
    assert sorted(n for n in loaded if n.startswith(LATER)) == []
    assert sorted(n for n in loaded if n.split(".")[0] in NOT_AT_START) == []


def test_the_reader_loads_no_plain_text_guessing() -> None:
    # `read TITLE` imports the reader and the loader before its first paint; a plain-text
    # review's headings, year and genres are worked out by parts loaded only for one.
    loaded = imported_by("reviewtui.tui.screens.reader_screen")
    assert "reviewtui.library.load" in loaded
    assert not loaded & {
        "reviewtui.core.plaintext",
        "reviewtui.core.pasted",
        "reviewtui.core.guesses",
    }
    # Nor what only some reviews need: TOML front matter, a hint about a file that is no review.
    assert not loaded & {"tomllib", "shlex"}


COMPILED_AT_IMPORT = """
import re, sys
compiled = []
original = re._compile
def noted(pattern, flags):
    caller = sys._getframe(2).f_code
    if caller.co_name == "<module>" and "reviewtui" in caller.co_filename:
        compiled.append(caller.co_filename.split("reviewtui")[-1] + ": " + repr(pattern)[:40])
    return original(pattern, flags)
re._compile = noted
"""


def test_the_first_screens_modules_compile_no_pattern_when_imported() -> None:
    # Compiling a pattern takes up to 0.3 ms, and the first screens use few of their modules'
    # patterns: each is compiled when first used (`core.lazy_re`).
    modules = ("reviewtui.start", "reviewtui.cli.main", "reviewtui.cli.app_cmd")
    modules += ("reviewtui.tui.app", "reviewtui.tui.screens.library_screen")
    code = COMPILED_AT_IMPORT + "".join(f"import {name}\n" for name in modules)
    code += "import reviewtui.tui.screens.reader_screen\nprint(*compiled, sep='\\n', end='')\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=python_env()
    )
    assert result.stdout == ""


def test_read_title_is_started_without_markdown_it_or_the_library_screen() -> None:
    # A review's first blocks of plain words are shown without markdown-it (`PlainMarkdown`),
    # and the library screen is made only when it is wanted: the reader's first paint waits
    # for neither, nor for Textual's Markdown widget.
    loaded = imported_by(
        "reviewtui.start",
        "reviewtui.cli.main",
        "reviewtui.cli.app_cmd",
        "reviewtui.tui.app",
        "reviewtui.tui.screens.reader_screen",
    )
    assert "reviewtui.tui.widgets.section_block" in loaded
    assert not loaded & {
        "markdown_it",
        "textual.widgets._markdown",
        "reviewtui.tui.widgets.review_markdown",
        "reviewtui.tui.screens.library_screen",
        "reviewtui.tui.widgets.review_table",
        "reviewtui.tui.library_view",
        "reviewtui.core.facets",  # (the library's filters: settings with shelves check theirs)
        "reviewtui.library.watch",
        "reviewtui.tui.widgets.window_plan",  # (a huge review's window)
        "textual.widgets._footer",  # (mounted once the review is painted)
    }


def test_the_screens_shown_later_are_preloaded_by_name() -> None:
    from reviewtui.tui.loading import LATER_SCREENS, preload_screens

    preload_screens()
    assert set(LATER_SCREENS) <= set(sys.modules)
    assert set(SEARCH_PARTS) <= set(sys.modules)
    assert not set(LATER_SCREENS) & LIBRARY_SCREEN_MODULES


def test_a_search_loads_the_search_parts_of_the_index(tmp_path: Path) -> None:
    code = (
        "import sys, pathlib\n"
        "from reviewtui.index import ReviewIndex\n"
        "index = ReviewIndex(pathlib.Path(sys.argv[1]), db_path=pathlib.Path(sys.argv[2]))\n"
        "print(sorted(m for m in sys.modules if m.startswith('reviewtui.index.')))\n"
        "index.refresh()\n"
        "print(index.search('harbour'))\n"
        "print(sorted(m for m in sys.modules if m.startswith('reviewtui.index.')))\n"
    )
    library = tmp_path / "library"
    library.mkdir()
    (library / "a.md").write_text("+++\ntitle = 'A'\n+++\nThe harbour at night.\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", code, str(library), str(tmp_path / "index.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
        env=python_env(),
    )
    before, hits, after = result.stdout.splitlines()
    assert not any(part in before for part in SEARCH_PARTS)
    assert "harbour" in hits.casefold() or "a.md" in hits
    assert all(part in after for part in ("reviewtui.index.query", "reviewtui.index.search"))
