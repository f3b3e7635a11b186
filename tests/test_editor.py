import shlex
import sys
from pathlib import Path

import pytest

from reviewtui.tui.editor import EditorError, editor_command, run_editor

from .conftest import write_review

APPEND = (
    "import sys; open(sys.argv[1], 'a', encoding='utf-8').write('\\n## Added in the editor\\n')"
)


def python_editor(code: str) -> str:
    return shlex.join([sys.executable, "-c", code])


def test_visual_wins_over_editor_and_is_split_like_a_shell(tmp_path: Path) -> None:
    path = tmp_path / "a b.md"
    env = {"VISUAL": "code --wait", "EDITOR": "nano"}
    assert editor_command(path, env) == ["code", "--wait", str(path)]
    assert editor_command(path, {"EDITOR": "'my editor' -x"}) == ["my editor", "-x", str(path)]


def test_without_visual_or_editor_a_common_editor_is_used_or_the_user_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EditorError, match=r"set \$VISUAL or \$EDITOR"):
        editor_command(tmp_path / "a.md", {})
    nano = tmp_path / "nano"
    nano.write_text("#!/bin/sh\n")
    nano.chmod(0o755)
    assert editor_command(tmp_path / "a.md", {}) == [str(nano), str(tmp_path / "a.md")]


def test_the_editor_changes_the_file_and_is_waited_for(tmp_path: Path) -> None:
    path = write_review(tmp_path, "a.md", "# A\n")
    run_editor(path, {"EDITOR": python_editor(APPEND)})
    assert path.read_text(encoding="utf-8") == "# A\n\n## Added in the editor\n"


def test_a_missing_or_failing_editor_is_one_clear_reason(tmp_path: Path) -> None:
    path = write_review(tmp_path, "a.md", "# A\n")
    with pytest.raises(EditorError, match="'no-such-editor-here' was not found"):
        run_editor(path, {"EDITOR": "no-such-editor-here"})
    with pytest.raises(EditorError, match="exited with status 3"):
        run_editor(path, {"EDITOR": python_editor("raise SystemExit(3)")})
    with pytest.raises(EditorError, match="cannot be read as a command"):
        run_editor(path, {"VISUAL": "'unclosed"})
    assert path.read_text(encoding="utf-8") == "# A\n"
