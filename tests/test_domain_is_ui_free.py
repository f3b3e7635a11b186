import subprocess
import sys

from .conftest import python_env

DOMAIN_MODULES = [
    "reviewtui.model",
    "reviewtui.text",
    "reviewtui.frontmatter",
    "reviewtui.parse",
    "reviewtui.plaintext",
    "reviewtui.library",
    "reviewtui.importer",
    "reviewtui.storage",
    "reviewtui.bookmarks",
    "reviewtui.paths",
    "reviewtui.document",
    "reviewtui.config",
    "reviewtui.positions",
    "reviewtui.export",
    "reviewtui.watcher",
    "reviewtui.editor",
    "reviewtui.index",
    "reviewtui.index_files",
    "reviewtui.index_process",
    "reviewtui.launch",
    "reviewtui.folder_scan",
    "reviewtui.search_query",
    "reviewtui.catalog",
]


def test_domain_modules_import_nothing_from_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in DOMAIN_MODULES)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=python_env()
    )
    assert result.stdout.strip() == ""
