"""What the index keeps of a library is as private as the library's files deserve: its file is
the user's alone, inline spoilers never reach a snippet, and links inside the library are
judged against the library, not the link's own folder."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from reviewtui.index import ReviewIndex

from .conftest import run_cli, write_review


def test_the_index_file_is_readable_by_its_owner_only(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# A\n\n## One\n\nText.\n")
    index = ReviewIndex(library_dir)
    index.refresh()
    index.close()
    mode = stat.S_IMODE(os.stat(index.db_path).st_mode)
    assert mode & 0o077 == 0, oct(mode)


def test_a_search_snippet_never_shows_an_inline_spoiler(library_dir: Path) -> None:
    write_review(
        library_dir,
        "heat.md",
        "# Heat\n\n## Verdict\n\nA great heist film where >!Neil dies at the airport!< "
        "and the ending lands.\n",
    )
    result = run_cli("search", "great heist", "--json", "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all("airport" not in hit["snippet"] for hit in hits)


def test_a_link_to_a_review_in_another_folder_of_the_library_is_followed_when_served(
    library_dir: Path,
) -> None:
    (library_dir / "films").mkdir()
    (library_dir / "picks").mkdir()
    target = write_review(library_dir / "films", "heat.md", "# Heat\n\n## One\n\nText.\n")
    (library_dir / "picks" / "heat.md").symlink_to(target)
    result = run_cli(
        "list", "--json", "--library", str(library_dir), REVIEWTUI_NO_OUTSIDE_LINKS="1"
    )
    assert result.returncode == 0, result.stderr
    assert [entry["title"] for entry in json.loads(result.stdout)] == ["Heat", "Heat"]


def test_a_title_that_many_others_begin_with_is_found_without_listing_the_library(
    library_dir: Path,
) -> None:
    for number in range(40):
        write_review(library_dir, f"black-{number}.md", f"# Black {number}\n\n## One\n\nText.\n")
    write_review(library_dir, "black.md", "# Black\n\n## One\n\nText.\n")
    index = ReviewIndex(library_dir)
    index.refresh()
    listed: list[int] = []
    entries = index.entries
    index.entries = lambda *a, **k: listed.append(1) or entries(*a, **k)  # type: ignore[method-assign]
    from reviewtui.index.catalog import TitleLookup

    lookup = TitleLookup(index)
    assert lookup.find("black").title == "Black"
    assert lookup.has_title("BLACK") and not lookup.has_title("Blac")
    assert listed == [], "the whole library was listed to find one title"
    index.close()
