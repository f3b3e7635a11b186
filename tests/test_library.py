import json
import os
import shutil
from pathlib import Path

import pytest

from reviewtui.core.model import Problem, Review
from reviewtui.index import Catalog, Entry, ReviewIndex
from reviewtui.index.catalog import LookupFailed
from reviewtui.library.load import (
    LibrarySource,
    load_review,
    resolve_library,
)

from .conftest import SAMPLE_LIBRARY, SEED, write_review
from .library_support import load_library


def load(folder: Path):
    return load_library(LibrarySource(folder, "option"))


def catalog(folder: Path) -> Catalog:
    """The library as the index lists it: where titles are looked up."""
    with ReviewIndex(folder) as index:
        index.refresh()
        return Catalog.from_index(index)


def test_sample_library_loads_without_problems_and_has_ballard() -> None:
    library = load(SAMPLE_LIBRARY)
    assert library.problems == []
    assert len(library.reviews) >= 11
    listed = catalog(SAMPLE_LIBRARY)
    ballard = listed.find("ballard")
    assert len(ballard.sections) == 14
    for title in ballard.comparables:
        assert listed.has_title(title), title


def test_broken_files_become_problems_and_the_rest_loads(library_dir: Path) -> None:
    write_review(library_dir, "good.md", "# Good\n\n## A\n")
    (library_dir / "binary.md").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    write_review(library_dir, "open.md", '+++\ntitle = "x"\n')
    write_review(library_dir, "empty.md", "")
    (library_dir / "folder.md").mkdir()
    os.symlink(library_dir / "loop.md", library_dir / "loop.md")
    library = load(library_dir)
    assert [r.title for r in library.reviews] == ["Good"]
    reasons = {p.path.name: p.reason for p in library.problems}
    assert set(reasons) == {"binary.md", "open.md", "empty.md", "folder.md", "loop.md"}
    assert "binary" in reasons["binary.md"]
    assert "not closed" in reasons["open.md"]
    assert "directory" in reasons["folder.md"]
    assert "loop" in reasons["loop.md"]


def test_invalid_utf8_bytes_inside_a_good_review_are_replaced(library_dir: Path) -> None:
    (library_dir / "x.md").write_bytes(
        "# Café\n\n## Story\n\nbad \xff byte é\n".encode("latin-1").replace(b"\xe9", "é".encode())
    )
    library = load(library_dir)
    review = library.reviews[0]
    assert "\ufffd" in review.body
    assert any("replaced" in p.reason for p in review.problems)


def test_windows_1252_file_is_decoded_and_said_so(library_dir: Path) -> None:
    (library_dir / "x.md").write_bytes("# Amélie\n\n## Story\n\n“Quotes” — dash\n".encode("cp1252"))
    review = load(library_dir).reviews[0]
    assert review.title == "Amélie"
    assert "“Quotes” — dash" in review.body
    assert any("Windows-1252" in p.reason for p in review.problems)


def test_txt_files_in_a_library_are_read_as_plain_text(library_dir: Path, seed_text: str) -> None:
    write_review(library_dir, "seed.txt", seed_text)
    review = load(library_dir).reviews[0]
    assert review.title == "Ballard"
    assert len(review.top_sections) == 14


def test_duplicate_titles_are_both_kept_and_lookup_says_ambiguous(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# Heat\n")
    write_review(library_dir, "b.md", "# Heat\n")
    library = catalog(library_dir)
    assert len(library.entries) == 2
    with pytest.raises(LookupFailed) as error:
        library.find("heat")
    assert len(error.value.candidates) == 2


def test_lookup_exact_case_insensitive_then_unique_substring(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# The Killing\n")
    write_review(library_dir, "b.md", "# Killing Eve\n")
    write_review(library_dir, "c.md", "# Heat\n")
    library = catalog(library_dir)
    assert library.find("the killing").title == "The Killing"
    assert library.find("EVE").title == "Killing Eve"
    with pytest.raises(LookupFailed):
        library.find("killing")
    with pytest.raises(LookupFailed, match="no review"):
        library.find("nothing")
    assert library.find("killing eve", exact_only=True).title == "Killing Eve"
    with pytest.raises(LookupFailed, match="no review"):
        library.find("EVE", exact_only=True)


def test_library_resolution_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path
) -> None:
    assert resolve_library(None).origin == "sample"
    user = isolated_dirs / "data" / "reviewtui" / "library"
    user.mkdir(parents=True)
    write_review(user, "x.md", "# X\n")
    assert resolve_library(None).origin == "user"
    monkeypatch.setenv("REVIEWTUI_LIBRARY", str(tmp_path))
    assert resolve_library(None) == LibrarySource(tmp_path, "environment")
    assert resolve_library(str(tmp_path / "other")).origin == "option"


def test_load_review_problem_has_file_name(library_dir: Path) -> None:
    (library_dir / "bad.md").write_bytes(b"\x00" * 10)
    problem = load(library_dir).problems[0]
    assert isinstance(problem, Problem)
    assert "bad.md" in str(problem)
    json.dumps(str(problem))


def test_a_plain_text_review_in_the_library_lists_what_import_would_guess(
    library_dir: Path, tmp_path: Path
) -> None:
    from reviewtui.library.importer import import_file

    shutil.copy(SEED, library_dir / "ballard.txt")
    loaded = load_review(library_dir / "ballard.txt")
    assert isinstance(loaded, Review)
    (tmp_path / "imported").mkdir()
    imported = load_review(import_file(SEED, tmp_path / "imported").target)
    assert isinstance(imported, Review)
    assert (loaded.title, loaded.year, loaded.kind, loaded.platform, loaded.genres) == (
        imported.title,
        imported.year,
        imported.kind,
        imported.platform,
        imported.genres,
    )
    assert loaded.year == 2025 and loaded.platform == "Prime Video"
    assert [s.title for s in loaded.top_sections] == [s.title for s in imported.top_sections]


def test_a_file_of_only_escape_sequences_and_blanks_is_empty_however_long(
    tmp_path: Path,
) -> None:
    from reviewtui.library.load import load_review

    # The sequence starts among the first few thousand characters and ends far past them.
    sequences = " \n" * 1500 + "\x1b]52;c;" + "A" * 6000 + "\x07\n"
    path = write_review(tmp_path, "noise.md", sequences)
    loaded = load_review(path)
    assert isinstance(loaded, Problem) and loaded.reason == "empty file"


def test_text_after_a_long_escape_sequence_still_makes_a_review(tmp_path: Path) -> None:
    from reviewtui.library.load import load_review

    text = "\x1b]0;" + "x" * 6000 + "\x07\n# Late Title\n\n## Part\n\nWords.\n"
    loaded = load_review(write_review(tmp_path, "late.md", text))
    assert not isinstance(loaded, Problem)
    assert loaded.title == "Late Title"


def test_a_title_is_found_through_the_index_as_the_whole_listing_finds_it(
    library_dir: Path,
) -> None:
    from reviewtui.index.catalog import TitleLookup

    titles = ["Heat", "Heat", "The Killing", "Killing Eve", 'The "Quoted" One', "Straße"]
    titles += [
        "STRASSE",
        "!!!",
        "___",
        "🐉 Dragon",
        "Black",
        "Black Water",
        "Water Black",
        "Café Society",
    ]
    for number, title in enumerate(titles):
        write_review(library_dir, f"r{number}.md", f"# {title}\n\n## Plot\n\nText.\n")
    queries = [*titles, "heat", "killing", "eve", "quoted", "BLACK", "cafe society"]
    queries += ["nothing", "water", "black water", "café society", "  Heat  ", "straße"]
    with ReviewIndex(library_dir) as index:
        index.refresh()
        whole = Catalog.from_index(index)
        for query in queries:
            try:
                expected: object = whole.find(query)
            except LookupFailed as error:
                expected = str(error)
            lookup = TitleLookup(index)
            try:
                found: object = lookup.find(query)
            except LookupFailed as error:
                found = str(error)
            if query in ("STRASSE", "Straße", "straße"):
                # The one difference: casefolding calls "Straße" and "STRASSE" the same title;
                # the lookup takes the one spelled as typed, where the listing says both.
                wanted = "STRASSE" if query == "STRASSE" else "Straße"
                assert isinstance(found, Entry) and found.title == wanted
                continue
            assert found == expected, query
            assert TitleLookup(index).has_title(query) == whole.has_title(query), query
