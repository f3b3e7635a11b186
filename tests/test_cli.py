import json
from pathlib import Path

from .conftest import SAMPLE_LIBRARY, SEED, run_cli, write_review


def test_show_ballard_json_lists_sections_spoiler_and_comparables() -> None:
    result = run_cli("show", "Ballard", "--json", "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Ballard"
    assert len(data["sections"]) == 14
    assert [s["title"] for s in data["sections"] if s["spoiler"]] == [
        "Key Moments (No Major Spoilers)"
    ]
    assert [c["title"] for c in data["comparables"]] == [
        "True Detective",
        "Mindhunter",
        "The Killing",
        "Sharp Objects",
    ]
    assert set(data) >= {"year", "kind", "platform", "genres", "rating", "path"}


def test_show_hides_spoilers_unless_asked() -> None:
    hidden = run_cli("show", "ballard", "--library", str(SAMPLE_LIBRARY))
    shown = run_cli("show", "ballard", "--spoilers", "--library", str(SAMPLE_LIBRARY))
    secret = "well-paced revelation of key clues"
    assert hidden.returncode == 0 and shown.returncode == 0
    assert secret not in " ".join(hidden.stdout.split())
    assert "Spoiler section hidden" in hidden.stdout
    assert secret in " ".join(shown.stdout.split())


def test_list_json_rows_and_problems_on_stderr(library_dir: Path) -> None:
    write_review(library_dir, "heat.md", '+++\ntitle = "Heat"\nyear = 1995\nkind = "film"\n+++\n')
    (library_dir / "junk.md").write_bytes(b"\x00\xff" * 100)
    result = run_cli("list", "--json", "--library", str(library_dir))
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "title": "Heat",
            "year": 1995,
            "kind": "film",
            "platform": None,
            "genres": [],
            "rating": None,
            "path": str(library_dir / "heat.md"),
        }
    ]
    assert "junk.md" in result.stderr and "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_plain_shows_titles() -> None:
    result = run_cli("list", "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 0
    assert "Ballard" in result.stdout and "Mindhunter" in result.stdout


def test_unknown_or_ambiguous_title_exits_2_with_candidates(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# The Killing\n")
    write_review(library_dir, "b.md", "# Killing Eve\n")
    missing = run_cli("show", "Nope", "--library", str(library_dir))
    assert missing.returncode == 2 and "no review titled 'Nope'" in missing.stderr
    ambiguous = run_cli("show", "killing", "--library", str(library_dir))
    assert ambiguous.returncode == 2
    assert "The Killing" in ambiguous.stderr and "Killing Eve" in ambiguous.stderr
    assert "Traceback" not in ambiguous.stderr


def test_a_title_typed_without_its_accents_is_found(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# Amélie\n\n## Intro\n\nParis.\n")
    write_review(library_dir, "b.md", "# Amelia\n")
    write_review(library_dir, "c.md", "# Café Society\n")
    write_review(library_dir, "d.md", "# Cafe Society\n")
    write_review(library_dir, "e.md", "# Élan\n")
    write_review(library_dir, "f.md", "# Elán\n")
    shown = run_cli("show", "amelie", "--library", str(library_dir))
    assert shown.returncode == 0, shown.stderr
    assert "Amélie" in shown.stdout and "Paris." in shown.stdout
    # A title as typed (case aside) is the one; only without one do the accents not count.
    exact = run_cli("show", "cafe society", "--library", str(library_dir), "--json")
    assert exact.returncode == 0 and '"Cafe Society"' in exact.stdout
    both = run_cli("show", "elan", "--library", str(library_dir))
    assert both.returncode == 2 and "Élan" in both.stderr and "Elán" in both.stderr


def test_parts_of_titles_and_accents_written_apart_are_found_too(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# Amélie\n")
    write_review(library_dir, "b.md", "# The Assassination of Jesse James\n")
    write_review(library_dir, "c.md", "# Cafe\u0301 Society\n")  # ("é" as macOS may write it)
    write_review(library_dir, "d.md", "# Wòhǔ Cánglóng\n")
    for typed, title in (("Café Society", "Society"), ("wohu", "Cánglóng"), ("amel", "Amélie")):
        shown = run_cli("show", typed, "--library", str(library_dir))
        assert shown.returncode == 0 and title in shown.stdout, (typed, shown.stderr)
    both = run_cli("show", "ame", "--library", str(library_dir))  # (Amélie and James)
    assert both.returncode == 2 and "Amélie" in both.stderr and "Jesse James" in both.stderr


def test_import_writes_slug_md_and_refuses_to_overwrite(library_dir: Path) -> None:
    first = run_cli("import", str(SEED), "--library", str(library_dir))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == str(library_dir / "ballard.md")
    text = (library_dir / "ballard.md").read_text(encoding="utf-8")
    assert text.startswith('+++\ntitle = "Ballard"\n')
    again = run_cli("import", str(SEED), "--library", str(library_dir))
    assert again.returncode == 1 and "already exists" in again.stderr
    forced = run_cli(
        "import", str(SEED), "--library", str(library_dir), "--force", "--title", "Ballard S1"
    )
    assert forced.returncode == 0
    assert (library_dir / "ballard-s1.md").exists()


def test_import_without_library_goes_to_the_user_library(isolated_dirs: Path) -> None:
    result = run_cli("import", str(SEED), XDG_DATA_HOME=str(isolated_dirs / "data"))
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written == isolated_dirs / "data" / "reviewtui" / "library" / "ballard.md"
    listing = run_cli("list", "--json", XDG_DATA_HOME=str(isolated_dirs / "data"))
    assert [row["title"] for row in json.loads(listing.stdout)] == ["Ballard"]


def test_import_reports_bad_files_and_imports_the_rest(library_dir: Path, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00" * 20)
    result = run_cli(
        "import", str(binary), str(SEED), "str-missing.txt", "--library", str(library_dir)
    )
    assert result.returncode == 1
    assert "photo.txt" in result.stderr and "binary" in result.stderr
    assert "str-missing.txt" in result.stderr and "not found" in result.stderr
    assert (library_dir / "ballard.md").exists()


def test_version_and_missing_library_are_one_clear_line(tmp_path: Path) -> None:
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("reviewtui ")
    missing = run_cli("list", "--library", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert missing.stderr.strip().startswith("reviewtui: library folder not found")
    assert len(missing.stderr.strip().splitlines()) == 1


def test_library_before_or_after_the_command_is_honoured(library_dir: Path) -> None:
    write_review(library_dir, "heat.md", '+++\ntitle = "Heat"\n+++\n')
    before = run_cli("--library", str(library_dir), "list", "--json")
    after = run_cli("list", "--json", "--library", str(library_dir))
    assert before.returncode == 0 and after.returncode == 0
    assert [r["title"] for r in json.loads(before.stdout)] == ["Heat"]
    assert json.loads(after.stdout) == json.loads(before.stdout)


def test_a_read_only_data_folder_is_one_clear_line(isolated_dirs: Path) -> None:
    data = isolated_dirs / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "reviewtui").write_text("a file where the data folder should be", encoding="utf-8")
    result = run_cli("bookmarks", "add", "Ballard", "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 1
    assert result.stderr.startswith("reviewtui: ")
    assert "reviewtui" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
