"""The layers below the UI import nothing of it, proven at run time: a deferred import really is
deferred only if `sys.modules` says so after the import."""

import pkgutil
import subprocess
import sys

import pytest

import reviewtui

from .conftest import python_env

UI_FREE_PACKAGES = ["core", "store", "library", "index"]
"""Every module below these is walked, so a new module is checked without being listed."""

UI = ("textual", "textual_serve", "rich")
CORE_FORBIDDEN = ("rich", "markdown_it", "mdit_py_plugins", "platformdirs")


def modules_of(package: str) -> list[str]:
    prefix = f"reviewtui.{package}."
    path = [f"{reviewtui.__path__[0]}/{package}"]
    return [f"reviewtui.{package}"] + sorted(
        info.name for info in pkgutil.walk_packages(path, prefix)
    )


def imported_after(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in modules)
        + "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=python_env()
    )
    return set(result.stdout.split())


def top_level(loaded: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in loaded if m.split(".")[0] in names)


def test_the_walk_finds_the_modules_of_each_layer() -> None:
    assert "reviewtui.core.model" in modules_of("core")
    assert "reviewtui.index.catalog" in modules_of("index")


@pytest.mark.parametrize("package", UI_FREE_PACKAGES)
def test_layers_below_the_ui_import_no_textual_and_no_rich(package: str) -> None:
    assert top_level(imported_after(modules_of(package)), UI) == []


def test_core_imports_no_rich_markdown_it_or_platformdirs() -> None:
    assert top_level(imported_after(modules_of("core")), CORE_FORBIDDEN) == []
