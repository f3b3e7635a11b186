"""Shelves: saved library filters in config.toml, checked like every other setting."""

from __future__ import annotations

from pathlib import Path

from reviewtui.store.config import DEFAULT_CONFIG, load_config


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shelves_are_read_in_the_files_order(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        '[shelves]\n"Crime to read" = "genre:crime is:unread"\nhbo = "platform:hbo rating:>=4"\n',
    )
    config, warnings = load_config(path)
    assert warnings == []
    assert config.shelves == {
        "Crime to read": "genre:crime is:unread",
        "hbo": "platform:hbo rating:>=4",
    }


def test_a_wrong_shelf_is_reported_by_name_and_the_others_kept(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        '[shelves]\nbad = "year:soon"\nempty = ""\nnumber = 4\ngood = "kind:film"\n',
    )
    config, warnings = load_config(path)
    assert config.shelves == {"good": "kind:film"}
    assert len(warnings) == 3
    assert "[shelves] 'bad': year:soon is not understood" in warnings[0]
    assert "[shelves] 'empty' should be a filter in quotes" in warnings[1]
    assert "[shelves] 'number' should be a filter in quotes" in warnings[2]
    assert all(str(path) in warning for warning in warnings)


def test_shelves_that_are_not_a_table_are_reported(tmp_path: Path) -> None:
    config, warnings = load_config(config_file(tmp_path, 'shelves = "genre:crime"\n'))
    assert config.shelves == {}
    assert warnings == [
        f"{tmp_path / 'config.toml'}: 'shelves' should be a [shelves] table, got 'genre:crime'"
    ]


def test_the_default_file_shows_commented_shelves_and_loads_without_warnings(
    tmp_path: Path,
) -> None:
    assert "[shelves]" in DEFAULT_CONFIG
    config, warnings = load_config(config_file(tmp_path, DEFAULT_CONFIG))
    assert warnings == [] and config.shelves == {}
