import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reviewtui.index import Entry, ReviewIndex, SearchSyntaxError, default_db_path
from reviewtui.index import reading as index_files
from reviewtui.library import load as library_load
from reviewtui.library.load import load_review

from .conftest import SAMPLE_LIBRARY, write_review


def review(title: str, sections: dict[str, str], **meta: object) -> str:
    lines = ["+++", f'title = "{title}"']
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key} = [" + ", ".join(f'"{v}"' for v in value) + "]")
        else:
            lines.append(f'{key} = "{value}"' if isinstance(value, str) else f"{key} = {value}")
    lines += ["+++", f"# {title}", ""]
    for heading, text in sections.items():
        lines += [f"## {heading}", "", text, ""]
    return "\n".join(lines)


@pytest.fixture
def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the index reads, in order."""
    loads: list[Path] = []

    def counting(path: Path, library: Path | None = None):  # type: ignore[no-untyped-def]
        loads.append(path)
        return load_review(path, library)

    monkeypatch.setattr(library_load, "load_review", counting)  # where the index takes it from
    return loads


def test_second_refresh_reads_no_unchanged_review(
    library_dir: Path, counted_loads: list[Path]
) -> None:
    for name in ("a", "b", "c"):
        write_review(library_dir, f"{name}.md", review(name.upper(), {"Intro": "Some words."}))
    first = ReviewIndex(library_dir).refresh()
    assert (first.added, first.unchanged) == (3, 0)
    assert len(counted_loads) == 3

    counted_loads.clear()
    again = ReviewIndex(library_dir).refresh()  # a new start: another object, same file
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert counted_loads == []


def test_refresh_picks_up_added_changed_and_deleted_reviews(
    library_dir: Path, counted_loads: list[Path]
) -> None:
    keep = write_review(library_dir, "keep.md", review("Keep", {"Plot": "A lighthouse keeper."}))
    change = write_review(library_dir, "change.md", review("Change", {"Plot": "An old harbour."}))
    gone = write_review(library_dir, "gone.md", review("Gone", {"Plot": "A vanished ferry."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    counted_loads.clear()

    write_review(library_dir, "new.md", review("New", {"Plot": "A glacier expedition."}))
    change.write_text(review("Changed", {"Plot": "A desert convoy."}, year=1999), encoding="utf-8")
    gone.unlink()
    result = index.refresh()

    assert (result.added, result.changed, result.removed, result.unchanged) == (1, 1, 1, 1)
    assert sorted(p.name for p in counted_loads) == ["change.md", "new.md"]
    assert [(e.title, e.year) for e in index.entries()] == [
        ("Changed", 1999),
        ("Keep", None),
        ("New", None),
    ]
    assert [h.title for h in index.search("convoy")] == ["Changed"]
    assert index.search("harbour") == []
    assert index.search("ferry") == []
    assert [h.path for h in index.search("lighthouse")] == [keep]


def test_unreadable_files_are_listed_as_problems_without_rereading(
    library_dir: Path, counted_loads: list[Path]
) -> None:
    write_review(library_dir, "fine.md", review("Fine", {"Plot": "Words."}))
    (library_dir / "junk.md").write_bytes(b"\x00\xff" * 100)
    ReviewIndex(library_dir).refresh()
    counted_loads.clear()

    index = ReviewIndex(library_dir)
    result = index.refresh()
    assert counted_loads == []
    assert [(p.path.name, "binary" in p.reason) for p in result.problems] == [("junk.md", True)]
    assert [p.path.name for p in index.problems()] == ["junk.md"]
    assert [e.title for e in index.entries()] == ["Fine"]


def test_entries_carry_what_a_library_listing_needs(library_dir: Path) -> None:
    index = ReviewIndex(SAMPLE_LIBRARY)
    index.refresh()
    entries = {e.title: e for e in index.entries()}
    ballard = load_review(SAMPLE_LIBRARY / "ballard.md")
    entry = entries["Ballard"]
    assert entry.summary() == ballard.summary()  # type: ignore[union-attr]
    assert entry.sections == [s.title for s in ballard.top_sections]  # type: ignore[union-attr]
    assert entry.spoilers == ["Key Moments (No Major Spoilers)"]
    assert entry.comparables == ballard.comparables  # type: ignore[union-attr]
    assert entry.meta_line() == ballard.meta_line()  # type: ignore[union-attr]
    every_file = [p for p in SAMPLE_LIBRARY.iterdir() if p.suffix == ".md"]
    assert sorted(e.path for e in entries.values()) == sorted(every_file)


def test_corrupt_index_file_is_rebuilt(library_dir: Path) -> None:
    write_review(library_dir, "a.md", review("Alpha", {"Plot": "A lighthouse."}))
    db = default_db_path(library_dir)
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 500)

    index = ReviewIndex(library_dir)
    result = index.refresh()
    assert result.rebuilt
    assert result.added == 1
    assert [h.title for h in index.search("lighthouse")] == ["Alpha"]
    assert not ReviewIndex(library_dir).refresh().rebuilt


def test_index_damaged_while_open_is_rebuilt_on_next_use(library_dir: Path) -> None:
    write_review(library_dir, "a.md", review("Alpha", {"Plot": "A lighthouse."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    index.close()
    db = index.db_path
    with db.open("r+b") as handle:  # scribble over every page after the header
        handle.seek(100)
        handle.write(b"\xde\xad" * ((db.stat().st_size - 100) // 2))
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)

    # The same object (an app that has been running) meets the damage on its next query.
    assert [h.title for h in index.search("lighthouse")] == ["Alpha"]
    assert [e.title for e in index.entries()] == ["Alpha"]


def test_index_of_an_older_schema_is_rebuilt(library_dir: Path) -> None:
    write_review(library_dir, "a.md", review("Alpha", {"Plot": "A lighthouse."}))
    db = default_db_path(library_dir)
    db.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(db) as old:
        old.execute("CREATE TABLE reviews (path TEXT)")
        old.execute("PRAGMA user_version = 0")
    old.close()
    assert [e.title for e in rebuilt_entries(library_dir)] == ["Alpha"]


def rebuilt_entries(library_dir: Path) -> list[Entry]:
    """The entries of a refresh that found the index unusable and started it afresh."""
    index = ReviewIndex(library_dir)
    result = index.refresh()
    assert result.rebuilt and result.added == 1
    return index.entries()


def test_tags_are_stored_and_survive_a_refresh_and_a_restart(library_dir: Path) -> None:
    write_review(library_dir, "toml.md", review("Toml", {"Plot": "A."}, tags=["Noir", "1940s"]))
    write_review(library_dir, "yaml.md", "---\ntitle: Yaml\ntags:\n  - heist\n  - noir\n---\nB.\n")
    comma = write_review(library_dir, "comma.md", "---\ntitle: Comma\ntags: slow, quiet\n---\nC.\n")
    write_review(library_dir, "none.md", review("None", {"Plot": "D."}))
    ReviewIndex(library_dir).refresh()

    def tags(index: ReviewIndex) -> dict[str, list[str]]:
        return {e.title: e.tags for e in index.entries()}

    index = ReviewIndex(library_dir)  # a new start: read from the index file, not the reviews
    assert index.refresh().unchanged == 4
    assert tags(index) == {
        "Comma": ["slow", "quiet"],
        "None": [],
        "Toml": ["Noir", "1940s"],
        "Yaml": ["heist", "noir"],
    }
    comma.write_text("---\ntitle: Comma\nkeywords: [loud]\n---\nC.\n", encoding="utf-8")
    assert index.refresh().changed == 1
    assert tags(index)["Comma"] == ["loud"]


def test_an_index_from_before_tags_is_rebuilt_with_them(library_dir: Path) -> None:
    write_review(library_dir, "a.md", review("Alpha", {"Plot": "A."}, tags=["noir"]))
    ReviewIndex(library_dir).refresh()
    with sqlite3.connect(default_db_path(library_dir)) as old:  # as schema 4 left it
        old.execute("UPDATE reviews SET tags = NULL")
        old.execute("PRAGMA user_version = 4")
    old.close()
    assert [e.tags for e in rebuilt_entries(library_dir)] == [["noir"]]


def test_unwritable_cache_keeps_the_index_in_memory(library_dir: Path, tmp_path: Path) -> None:
    write_review(library_dir, "a.md", review("Alpha", {"Plot": "A lighthouse."}))
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    index = ReviewIndex(library_dir, db_path=blocker / "index.sqlite3")
    assert index.refresh().added == 1
    assert [h.title for h in index.search("lighthouse")] == ["Alpha"]


def test_large_refresh_indexes_every_review(library_dir: Path) -> None:
    # Enough files for the refresh to parse them in worker processes.
    for number in range(450):
        write_review(
            library_dir,
            f"r{number:03d}.md",
            review(f"Review {number}", {"Plot": f"Marker{number} words"}),
        )
    index = ReviewIndex(library_dir)
    seen: list[tuple[int, int]] = []
    result = index.refresh(lambda done, total: seen.append((done, total)))
    assert result.added == 450
    assert seen[0] == (0, 450) and seen[-1] == (450, 450)
    assert len(index.entries()) == 450
    assert [h.title for h in index.search("marker123")] == ["Review 123"]


def test_refresh_reads_in_process_when_worker_processes_break(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    class BrokenPool:
        def __enter__(self) -> "BrokenPool":
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def submit(self, *args: object) -> None:
            raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(index_files, "_process_pool", BrokenPool)
    for number in range(index_files._POOL_THRESHOLD + 10):
        write_review(library_dir, f"r{number:03d}.md", review(f"Review {number}", {"P": "Words."}))
    result = ReviewIndex(library_dir).refresh()
    assert result.added == index_files._POOL_THRESHOLD + 10
    assert result.problems == []


_UNDER_A_UI = """
import io, os, sys
from pathlib import Path
from reviewtui.index import ReviewIndex, reading as index_files
from reviewtui.index.child import ChildRefresh
class Captured(io.StringIO):
    def fileno(self) -> int:
        return -1  # as Textual's capture of stderr answers
captured = sys.stderr = Captured()  # what a full-screen UI does: no file descriptor behind it
if sys.argv[1] == "pool":
    pool = index_files._process_pool()
    if pool is None:
        print("no worker processes")
    else:
        with pool:
            print("other process" if pool.submit(os.getpid).result() != os.getpid() else "same")
else:
    index = ReviewIndex(Path(sys.argv[2]), db_path=Path(sys.argv[3]))
    print("child added", ChildRefresh(index).follow().added)
print("stderr put back" if sys.stderr is captured else "stderr changed", file=sys.__stdout__)
"""


def _under_a_ui(*args: str) -> list[str]:
    ran = subprocess.run(
        [sys.executable, "-c", _UNDER_A_UI, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(index_files.__file__).parents[2])},
    )
    return ran.stdout.split("\n")[:-1]


def test_worker_processes_start_under_a_ui_that_replaced_stderr() -> None:
    # Textual replaces sys.stderr; multiprocessing's helper process could not start then, and
    # indexing used a single core (the app started that helper before its UI, at every start).
    assert _under_a_ui("pool") == ["other process", "stderr put back"]


def test_a_child_refresh_starts_under_a_ui_that_replaced_stderr(
    library_dir: Path, tmp_path: Path
) -> None:
    write_review(library_dir, "heat.md", review("Heat", {"Plot": "A heist."}))
    lines = _under_a_ui("child", str(library_dir), str(tmp_path / "index.sqlite3"))
    assert lines == ["child added 1", "stderr put back"]


def test_a_start_with_its_index_up_to_date_starts_no_helper_process(library_dir: Path) -> None:
    # multiprocessing's resource tracker is a Python process of its own: started at every
    # start, it took the second core from the first paint.
    write_review(library_dir, "heat.md", review("Heat", {"Plot": "A heist."}))
    ReviewIndex(library_dir).refresh()
    script = (
        "import sys\n"
        "from multiprocessing import resource_tracker\n"
        "from reviewtui.tui.launch import prepare_launch\n"
        "launch = prepare_launch(sys.argv[1])\n"
        "print(launch.early_refresh, resource_tracker._resource_tracker._pid)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, str(library_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(index_files.__file__).parents[2])},
    )
    assert ran.stdout.split() == ["None", "None"], ran.stderr


def test_title_or_heading_match_ranks_above_a_body_mention(library_dir: Path) -> None:
    write_review(
        library_dir,
        "mention.md",
        review(
            "Harbour Lights",
            {"Plot": "A long story about ships. " * 5 + "There is one lighthouse in it."},
        ),
    )
    write_review(
        library_dir,
        "titled.md",
        review("The Lighthouse", {"Plot": "Two keepers on a rock, slowly losing their minds."}),
    )
    write_review(
        library_dir,
        "heading.md",
        review(
            "Storm Season",
            {"Opening": "Rain.", "The Lighthouse Scenes": "Filmed on a real rock at sea."},
        ),
    )
    index = ReviewIndex(library_dir)
    index.refresh()
    hits = index.search("lighthouse")
    titles = [h.title for h in hits]
    assert titles.index("Harbour Lights") > titles.index("The Lighthouse")
    assert titles.index("Harbour Lights") > titles.index("Storm Season")
    assert hits == sorted(hits, key=lambda h: -h.score)
    storm = next(h for h in hits if h.title == "Storm Season")
    assert (storm.section, storm.section_index) == ("The Lighthouse Scenes", 1)
    mention = next(h for h in hits if h.title == "Harbour Lights")
    assert mention.section == "Plot"
    marked = [mention.snippet[a:b] for a, b in mention.highlights]
    assert marked == ["lighthouse"]


def test_plain_words_match_as_prefixes_all_required(library_dir: Path) -> None:
    write_review(library_dir, "a.md", review("A", {"Plot": "The detective works the night."}))
    write_review(library_dir, "b.md", review("B", {"Plot": "The detective sleeps all day."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    assert [h.title for h in index.search("detect nig")] == ["A"]
    assert sorted(h.title for h in index.search("DETECTIVE")) == ["A", "B"]
    assert [h.title for h in index.search('"sleeps all"')] == ["B"]
    assert sorted(h.title for h in index.search("night OR day")) == ["A", "B"]
    assert index.search("   ") == []
    assert index.search("?!") == []


def test_sample_library_search_reports_the_section(library_dir: Path) -> None:
    index = ReviewIndex(SAMPLE_LIBRARY)
    index.refresh()
    hit = index.search("hurdy gurdy")[0]
    zodiac = load_review(SAMPLE_LIBRARY / "zodiac.md")
    assert hit.title == "Zodiac" and hit.section is not None
    assert zodiac.top_sections[hit.section_index].title == hit.section  # type: ignore[union-attr,index]
    assert "Hurdy Gurdy" in hit.snippet


def test_spoiler_sections_are_found_but_their_text_is_not_shown(library_dir: Path) -> None:
    index = ReviewIndex(SAMPLE_LIBRARY)
    index.refresh()
    hit = index.search("basement")[0]
    assert hit.title == "Zodiac" and hit.spoiler
    assert "basement" not in hit.snippet.lower()


@pytest.mark.parametrize("query", ['foo "bar', '"', "title:", "(storm", "storm AND", "NEAR("])
def test_query_syntax_errors_are_a_clear_message(library_dir: Path, query: str) -> None:
    write_review(library_dir, "a.md", review("A", {"Plot": "storm"}))
    index = ReviewIndex(library_dir)
    index.refresh()
    with pytest.raises(SearchSyntaxError) as caught:
        index.search(query)
    assert str(caught.value).startswith(f"cannot search for {query!r}")


def test_stray_quote_message_says_how_to_fix_it(library_dir: Path) -> None:
    index = ReviewIndex(library_dir)
    index.refresh()
    with pytest.raises(SearchSyntaxError, match="quote"):
        index.search('noir "detective')


def test_more_like_this_finds_similar_reviews_but_not_listed_comparables(library_dir: Path) -> None:
    lighthouse = "lighthouse keeper storm isolation madness fog rock gulls lantern"
    write_review(
        library_dir,
        "one.md",
        review(
            "One",
            {"Plot": lighthouse, "Look": "fog lantern gulls"},
            genres=["horror"],
            comparables=["Three"],
        ),
    )
    write_review(library_dir, "two.md", review("Two", {"Plot": lighthouse}, genres=["horror"]))
    write_review(library_dir, "three.md", review("Three", {"Plot": lighthouse}, genres=["horror"]))
    write_review(
        library_dir,
        "four.md",
        review(
            "Four", {"Plot": "A cheerful baking contest in a sunny village."}, genres=["comedy"]
        ),
    )
    write_review(
        library_dir,
        "five.md",
        review("Five", {"Plot": "A keeper of bees in a sunny village."}, genres=["comedy"]),
    )
    index = ReviewIndex(library_dir)
    index.refresh()
    similar = [e.title for e in index.more_like_this(library_dir / "one.md")]
    assert similar[0] == "Two"
    assert "One" not in similar and "Three" not in similar
    assert "Four" not in similar
    assert index.more_like_this(library_dir / "missing.md") == []


def test_one_or_two_letters_match_whole_words_only(library_dir: Path) -> None:
    write_review(library_dir, "a.md", review("A", {"Plot": "The detective is in DC."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    assert index.search("de") == []
    assert [h.title for h in index.search("dc")] == ["A"]
    assert [h.title for h in index.search("det")] == ["A"]


def test_entries_come_in_pages_in_title_order(library_dir: Path) -> None:
    for name in ("delta", "Alpha", "charlie", "bravo", "echo"):
        write_review(library_dir, f"{name}.md", review(name, {"Plot": "Words."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    assert [e.title for e in index.entries()] == ["Alpha", "bravo", "charlie", "delta", "echo"]
    assert [e.title for e in index.entries(limit=2)] == ["Alpha", "bravo"]
    assert [e.title for e in index.entries(offset=2, limit=2)] == ["charlie", "delta"]
    assert len(index) == 5


def test_same_library_named_relatively_reads_nothing_again(
    library_dir: Path, counted_loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_review(library_dir, "a.md", review("Alpha", {"Plot": "Words."}))
    ReviewIndex(library_dir).refresh()
    counted_loads.clear()
    monkeypatch.chdir(library_dir.parent)
    result = ReviewIndex(Path(library_dir.name)).refresh()
    assert (result.unchanged, result.read, counted_loads) == (1, 0, [])
    assert [e.path for e in ReviewIndex(Path(library_dir.name)).entries()] == [library_dir / "a.md"]


def test_scan_sees_the_same_files_as_the_library(library_dir: Path) -> None:
    from reviewtui.library.load import iter_review_files
    from reviewtui.library.scan import scan_review_files

    write_review(library_dir, "a.md", "# A\n")
    write_review(library_dir, ".hidden.md", "# Hidden\n")
    (library_dir / "notes.txt").write_text("A plain-text review.\n")
    (library_dir / "image.png").write_bytes(b"\x89PNG")
    nested = library_dir / "2024" / "deep"
    nested.mkdir(parents=True)
    write_review(nested, "b.markdown", "# B\n")
    (library_dir / ".git").mkdir()
    write_review(library_dir / ".git", "c.md", "# C\n")
    (library_dir / "folder.md").mkdir()
    write_review(library_dir / "folder.md", "inner.md", "# Inner\n")
    (library_dir / "link.md").symlink_to(library_dir / "missing.md")
    (library_dir / "linked-dir").symlink_to(nested, target_is_directory=True)

    scanned = sorted(path for path, _, _ in scan_review_files(library_dir))
    assert scanned == sorted(str(p) for p in iter_review_files(library_dir))
    assert str(library_dir / "folder.md") in scanned


def test_words_of_a_query_may_be_in_different_sections(library_dir: Path) -> None:
    write_review(
        library_dir,
        "a.md",
        review("A", {"Plot": "A widow keeps the lighthouse.", "Verdict": "Grief, slowly told."}),
    )
    write_review(library_dir, "b.md", review("B", {"Plot": "A lighthouse, and no one grieves."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    hits = index.search("lighthouse grief")
    assert [h.title for h in hits] == ["A"]
    assert hits[0].section in ("Plot", "Verdict")


def test_a_hit_lands_where_most_of_the_query_is(library_dir: Path) -> None:
    write_review(
        library_dir,
        "a.md",
        review(
            "A",
            {
                "Plot": "The keeper climbs the stairs.",
                "Look": "Fog rolls over the lighthouse while the keeper sleeps.",
                "Sound": "A foghorn.",
            },
        ),
    )
    index = ReviewIndex(library_dir)
    index.refresh()
    hit = index.search("keeper lighthouse")[0]
    assert (hit.section, hit.section_index) == ("Look", 1)
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["lighthouse", "keeper"]


def test_a_hit_prefers_a_section_that_is_not_a_spoiler(library_dir: Path) -> None:
    text = '+++\ntitle = "A"\nspoilers = ["Ending"]\n+++\n# A\n\n'
    text += "## Ending\n\nThe lighthouse burns, the lighthouse falls.\n\n"
    text += "## Look\n\nA lighthouse on a rock.\n"
    write_review(library_dir, "a.md", text)
    index = ReviewIndex(library_dir)
    index.refresh()
    hit = index.search("lighthouse")[0]
    assert (hit.section, hit.spoiler) == ("Look", False)
    assert "burns" not in hit.snippet


def test_heading_filter_and_accents(library_dir: Path) -> None:
    write_review(
        library_dir,
        "a.md",
        review("A", {"Café Scenes": "Shot at night.", "Plot": "The CAFÉ owner, a détective."}),
    )
    write_review(library_dir, "b.md", review("B", {"Plot": "A café in Lyon."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    assert [h.title for h in index.search("heading:cafe")] == ["A"]
    hit = next(h for h in index.search("detective") if h.title == "A")
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["détective"]
    owner = index.search("cafe owner")[0]
    assert owner.section == "Plot"
    assert [owner.snippet[a:b] for a, b in owner.highlights] == ["CAFÉ", "owner"]


def test_search_pages_follow_on_without_repeats(library_dir: Path) -> None:
    for number in range(30):
        write_review(library_dir, f"r{number}.md", review(f"R{number}", {"P": "Same glacier."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    pages = [index.search("glacier", limit=7, offset=start) for start in range(0, 30, 7)]
    titles = [hit.title for page in pages for hit in page]
    assert titles == [hit.title for hit in index.search("glacier", limit=30)]
    assert len(set(titles)) == 30


def test_refresh_of_an_unchanged_folder_still_sees_an_edit_in_place(library_dir: Path) -> None:
    path = write_review(library_dir, "a.md", review("A", {"Plot": "A lighthouse."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    assert index.refresh().unchanged == 1  # the quick path: nothing changed
    stat = path.stat()
    path.write_text(review("A", {"Plot": "A glacier."}), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert index.refresh().changed == 1
    assert [h.title for h in index.search("glacier")] == ["A"]
    assert index.search("lighthouse") == []


def test_a_busy_index_is_reported_not_thrown_away(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_review(library_dir, "a.md", review("A", {"Plot": "A lighthouse."}))
    index = ReviewIndex(library_dir)
    index.refresh()

    def busy(*args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(index, "_search", busy)
    with pytest.raises(sqlite3.OperationalError):
        index.search("lighthouse")
    monkeypatch.undo()
    assert not index.refresh().rebuilt
    assert [h.title for h in index.search("lighthouse")] == ["A"]


def test_more_results_than_one_statement_can_name(library_dir: Path) -> None:
    count = 520
    for number in range(count):
        write_review(library_dir, f"r{number:03d}.md", review(f"R{number}", {"P": "A glacier."}))
    index = ReviewIndex(library_dir)
    index.refresh()
    hits = index.search("glacier", limit=10_000)
    assert len(hits) == count and len({h.title for h in hits}) == count
