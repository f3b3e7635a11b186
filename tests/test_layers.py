"""The import contracts in pyproject.toml hold, and they would catch a layer importing upward."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, SRC

RUN = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    return subprocess.run(
        [sys.executable, "-c", RUN, "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        cwd=src,
        timeout=120,
    )


def test_every_import_contract_is_kept() -> None:
    result = lint_imports(SRC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_the_layers_contract_fails_when_the_core_imports_the_ui(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "reviewtui" / "core" / "model.py"
    model.write_text(model.read_text() + "\nimport reviewtui.tui.app  # noqa\n")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert "reviewtui.core.model -> reviewtui.tui.app" in result.stdout
