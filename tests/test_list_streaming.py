"""`reviewtui list --json` writes its array as it reads the index, and the output is byte for
byte what the whole list printed at once gave."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewtui.cli.main import main
from reviewtui.cli.output import indented_json, json_array_chunks, safe_json
from reviewtui.index import ReviewIndex

from .conftest import write_review

TITLES = ["Zodiac", "Ballard", 'Amélie "Le fabuleux"', "The Killing", "Heat", "Alien", "M"]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    for number, title in enumerate(TITLES):
        write_review(folder, f"r{number}.md", f"# {title}\n\n## Story\n\nText.\n")
    return folder


def test_list_json_prints_the_array_the_whole_listing_makes(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--json", "--library", str(library)]) == 0
    streamed = capsys.readouterr().out
    with ReviewIndex(library) as index:
        whole = json.dumps([e.summary() for e in index.entries()], ensure_ascii=False, indent=2)
    assert streamed == whole + "\n"
    listed = json.loads(streamed)
    assert [row["title"] for row in listed] == sorted(TITLES, key=str.casefold)


def test_the_array_is_written_as_rows_arrive_and_matches_a_whole_dump() -> None:
    taken: list[int] = []

    def rows() -> Iterator[dict[str, object]]:
        for number in range(5):
            taken.append(number)
            yield {"title": f"R{number}", "sections": ["a", "b"], "year": None}

    chunks = json_array_chunks(rows())
    next(chunks)
    assert taken == [0]  # the first row is out before the second is read
    list(chunks)
    whole = [{"title": f"R{n}", "sections": ["a", "b"], "year": None} for n in range(5)]
    assert "".join(json_array_chunks(iter(whole))) == safe_json(whole) + "\n"
    assert "".join(json_array_chunks(iter([]))) == safe_json([]) + "\n"


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_the_json_layout_is_the_one_json_dumps_gives(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
