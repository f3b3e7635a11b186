import shutil
import tomllib
from pathlib import Path

import pytest

from reviewtui.store.config import (
    ACTION_IDS,
    Config,
    config_path,
    load_config,
    write_default_config,
)
from reviewtui.store.theme_setting import save_theme

from .conftest import DATA, SAMPLE_LIBRARY, run_cli, write_review

CONFIGS = DATA / "config"


def test_a_valid_config_sets_every_field_without_warnings(isolated_dirs: Path) -> None:
    config, warnings = load_config(CONFIGS / "valid.toml")
    assert warnings == []
    assert config.keys == {"next_section": "x", "previous_section": "z,ctrl+p"}
    assert config.theme == "nord"
    assert config.spoilers == "shown" and config.show_spoilers
    assert config.library == isolated_dirs / "films" / "reviews"


def test_a_missing_config_is_the_defaults_silently(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == (Config(), [])
    assert Config().spoilers == "hidden" and Config().theme is None and Config().keys == {}


def test_an_unknown_setting_is_named_with_the_file_and_the_rest_still_counts() -> None:
    file = CONFIGS / "unknown_setting.toml"
    config, warnings = load_config(file)
    assert config.theme == "nord"
    assert len(warnings) == 1
    assert str(file) in warnings[0] and "unknown setting 'colour'" in warnings[0]
    assert "library, theme, spoilers, keys" in warnings[0]


def test_an_unknown_action_in_keys_is_named_and_lists_the_real_ones() -> None:
    config, warnings = load_config(CONFIGS / "unknown_action.toml")
    assert config.keys == {"next_section": "x"}
    assert len(warnings) == 1
    assert "[keys] unknown action 'nxt_section'" in warnings[0]
    assert "next_section" in warnings[0] and "toggle_spoilers" in warnings[0]


def test_wrong_types_each_get_a_message_and_keep_the_default() -> None:
    file = CONFIGS / "wrong_types.toml"
    config, warnings = load_config(file)
    assert config == Config()
    assert len(warnings) == 4
    assert all(warning.startswith(f"{file}: ") for warning in warnings)
    text = "\n".join(warnings)
    assert "'library' should be a folder path in quotes, got 42" in text
    assert "'theme' should be a theme name in quotes, got a list" in text
    assert "'spoilers' should be \"hidden\" or \"shown\", got 'maybe'" in text
    assert "'keys' should be a [keys] table, got 'x'" in text


def test_a_bad_key_value_is_reported_and_the_good_ones_kept() -> None:
    config, warnings = load_config(CONFIGS / "bad_key_value.toml")
    assert config.keys == {"toggle_spoilers": "s"}
    assert len(warnings) == 2
    assert "'next_section' should be a key in quotes" in warnings[0] and "got 5" in warnings[0]
    assert "'previous_section'" in warnings[1] and "'page up'" in warnings[1]


def test_two_actions_on_one_key_is_reported_and_the_second_keeps_its_default() -> None:
    config, warnings = load_config(CONFIGS / "key_clash.toml")
    assert config.keys == {"next_section": "x"}
    assert warnings == [
        f"{CONFIGS / 'key_clash.toml'}: [keys] 'previous_section' and 'next_section' both use "
        "'x'; 'previous_section' keeps its default key"
    ]


@pytest.mark.parametrize(
    ("name", "reason"), [("syntax_error.toml", "not valid TOML"), ("not_utf8.toml", "not UTF-8")]
)
def test_an_unreadable_config_warns_uses_defaults_and_is_left_as_written(
    tmp_path: Path, name: str, reason: str
) -> None:
    file = tmp_path / "config.toml"
    shutil.copy(CONFIGS / name, file)
    before = file.read_bytes()
    config, warnings = load_config(file)
    assert config == Config()
    assert len(warnings) == 1 and reason in warnings[0] and str(file) in warnings[0]
    assert "using the default settings" in warnings[0]
    assert file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_a_relative_library_is_taken_from_the_config_folder() -> None:
    config, warnings = load_config(CONFIGS / "relative_library.toml")
    assert warnings == []
    assert config.library == CONFIGS / "reviews"


def test_the_default_config_is_commented_valid_and_names_every_action() -> None:
    file = write_default_config()
    assert file == config_path()
    text = file.read_text(encoding="utf-8")
    assert load_config(file) == (Config(), [])
    for action in ACTION_IDS:
        assert action in text
    for setting in ("library", "theme", "spoilers", "[keys]"):
        assert setting in text


def test_the_default_config_never_overwrites_the_users_file() -> None:
    file = config_path()
    file.parent.mkdir(parents=True)
    file.write_text('theme = "nord"\n', encoding="utf-8")
    write_default_config()
    assert file.read_text(encoding="utf-8") == 'theme = "nord"\n'


def test_saving_a_theme_creates_the_commented_config_when_there_is_none() -> None:
    assert save_theme("gruvbox") is None
    text = config_path().read_text(encoding="utf-8")
    assert load_config()[0].theme == "gruvbox"
    assert "# The colour theme" in text and "[keys]" in text


def test_saving_a_theme_changes_only_the_themes_name(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    original = '# my settings\ntheme = "nord"  # the best\nspoilers = "shown"\n\n[keys]\n# mine\nnext_section = "x"\n'
    file.write_text(original, encoding="utf-8")
    assert save_theme("dracula", file) is None
    assert file.read_text(encoding="utf-8") == original.replace('"nord"', '"dracula"')


def test_saving_a_theme_without_a_theme_line_puts_it_before_the_first_table(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_text('# hi\nspoilers = "shown"\n[keys]\nnext_section = "x"\n', encoding="utf-8")
    assert save_theme("nord", file) is None
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    assert data == {"spoilers": "shown", "theme": "nord", "keys": {"next_section": "x"}}
    assert file.read_text(encoding="utf-8").startswith("# hi\n")


def test_saving_a_theme_into_the_default_file_uncomments_nothing_else() -> None:
    write_default_config()
    assert save_theme("nord") is None
    text = config_path().read_text(encoding="utf-8")
    assert '# theme = "textual-dark"\ntheme = "nord"\n' in text
    assert load_config() == (Config(theme="nord"), [])


def test_a_theme_with_quotes_is_saved_as_valid_toml(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    assert save_theme('odd "name"\\', file) is None
    assert load_config(file)[0].theme == 'odd "name"\\'


def test_saving_a_theme_leaves_a_broken_config_alone_and_says_why(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    shutil.copy(CONFIGS / "syntax_error.toml", file)
    before = file.read_bytes()
    warning = save_theme("nord", file)
    assert warning is not None and "not saved" in warning and "not valid TOML" in warning
    assert file.read_bytes() == before


def test_config_path_prints_the_xdg_path_and_writes_the_default_once(isolated_dirs: Path) -> None:
    result = run_cli("config", "--path")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == isolated_dirs / "config" / "reviewtui" / "config.toml"
    assert "# reviewtui settings" in path.read_text(encoding="utf-8")
    path.write_text('theme = "nord"\n', encoding="utf-8")
    again = run_cli("config", "--path")
    assert again.stdout.strip() == str(path)
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n'


def test_config_check_prints_each_problem_on_one_line_and_exits_1() -> None:
    good = run_cli("config", "--check")
    assert good.returncode == 0 and "not written yet" in good.stdout
    path = config_path()
    path.parent.mkdir(parents=True)
    shutil.copy(CONFIGS / "wrong_types.toml", path)
    bad = run_cli("config", "--check")
    assert bad.returncode == 1
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith(f"reviewtui: {path}: ") for line in lines)
    shutil.copy(CONFIGS / "valid.toml", path)
    fixed = run_cli("config", "--check")
    assert fixed.returncode == 0 and "no problems" in fixed.stdout


def test_config_needs_path_or_check() -> None:
    result = run_cli("config")
    assert result.returncode == 2 and "--path" in result.stderr


def test_the_configured_library_is_used_unless_an_option_or_the_environment_says_otherwise(
    library_dir: Path,
) -> None:
    write_review(library_dir, "own.md", '+++\ntitle = "My Own Film"\nyear = 1995\n+++\n')
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(f"library = {str(library_dir)!r}\n", encoding="utf-8")
    configured = run_cli("list", "--json")
    assert configured.returncode == 0, configured.stderr
    assert '"My Own Film"' in configured.stdout and "Ballard" not in configured.stdout
    option = run_cli("list", "--json", "--library", str(SAMPLE_LIBRARY))
    assert "Ballard" in option.stdout and '"My Own Film"' not in option.stdout
    environment = run_cli("list", "--json", REVIEWTUI_LIBRARY=str(SAMPLE_LIBRARY))
    assert "Ballard" in environment.stdout and '"My Own Film"' not in environment.stdout


def test_a_config_problem_is_one_warning_line_and_the_command_still_runs() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    shutil.copy(CONFIGS / "syntax_error.toml", path)
    result = run_cli("list", "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 0 and "Ballard" in result.stdout
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if "not valid TOML" in line
    ]
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_settings_file_saved_with_a_byte_order_mark_is_read_and_keeps_it(tmp_path: Path) -> None:
    # Notepad and its kin start a UTF-8 file with a byte-order mark.
    file = tmp_path / "config.toml"
    file.write_bytes(b'\xef\xbb\xbftheme = "nord"\nspoilers = "shown"\n')
    config, warnings = load_config(file)
    assert warnings == []
    assert config.theme == "nord" and config.show_spoilers
    assert save_theme("dracula", file) is None
    assert file.read_bytes() == b'\xef\xbb\xbftheme = "dracula"\nspoilers = "shown"\n'


def test_saving_a_theme_keeps_windows_line_endings_and_the_lines_comment(tmp_path: Path) -> None:
    # As Notepad saves it: a byte-order mark and \r\n line endings.
    file = tmp_path / "config.toml"
    file.write_bytes(
        b'\xef\xbb\xbftheme="nord"   # my favourite\r\nspoilers = "hidden"\r\n# note\r\n'
    )
    assert save_theme("gruvbox", file) is None
    assert file.read_bytes() == (
        b'\xef\xbb\xbftheme = "gruvbox"   # my favourite\r\nspoilers = "hidden"\r\n# note\r\n'
    )
    assert load_config(file)[0].theme == "gruvbox"


@pytest.mark.parametrize(
    "original",
    [
        'spoilers = "hidden"\r\n',  # (added at the end)
        'spoilers = "hidden"\r\n\r\n[keys]\r\nnext_section = "x"\r\n',  # (before the table)
        '# theme = "nord"\r\nspoilers = "hidden"\r\n',  # (after the example)
    ],
)
def test_a_theme_line_added_to_a_windows_file_ends_as_its_lines_do(
    tmp_path: Path, original: str
) -> None:
    file = tmp_path / "config.toml"
    file.write_bytes(original.encode())
    assert save_theme("dracula", file) is None
    saved = file.read_bytes()
    assert b'theme = "dracula"\r\n' in saved
    assert saved.count(b"\n") == saved.count(b"\r\n")
    assert load_config(file)[0].theme == "dracula"
