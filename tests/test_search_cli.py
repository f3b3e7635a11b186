import json
from pathlib import Path

from .conftest import SAMPLE_LIBRARY, run_cli, write_review


def test_search_json_is_a_ranked_list_with_sections() -> None:
    result = run_cli("search", "fincher", "--json", "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits, "Fincher is named in the sample reviews"
    assert all(set(hit) == {"title", "path", "section", "snippet", "score"} for hit in hits)
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert {hit["title"] for hit in hits} >= {"Zodiac", "Mindhunter"}
    assert all("fincher" in hit["snippet"].lower() for hit in hits if hit["section"])


def test_search_limit_and_plain_output(library_dir: Path) -> None:
    for number in range(5):
        write_review(library_dir, f"r{number}.md", f"# Review {number}\n\n## Plot\n\nA glacier.\n")
    limited = run_cli("search", "glacier", "--json", "--limit", "2", "--library", str(library_dir))
    assert len(json.loads(limited.stdout)) == 2
    plain = run_cli("search", "glac", "--library", str(library_dir))
    assert plain.returncode == 0
    assert "Review 0 · Plot" in plain.stdout and "A glacier." in plain.stdout


def test_review_text_is_printed_not_interpreted_as_markup(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# Odd\n\n## Plot\n\nA [bold red]glacier[/] scene.\n")
    result = run_cli("search", "glacier", "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    assert "[bold red]glacier[/]" in result.stdout


def test_search_syntax_error_is_a_message_not_a_traceback() -> None:
    result = run_cli("search", 'noir "detective', "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 2
    assert "quote" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_search_without_results_says_so(library_dir: Path) -> None:
    write_review(library_dir, "a.md", "# A\n\n## Plot\n\nA glacier.\n")
    plain = run_cli("search", "volcano", "--library", str(library_dir))
    assert plain.returncode == 1 and "volcano" in plain.stderr
    as_json = run_cli("search", "volcano", "--json", "--library", str(library_dir))
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []


def test_search_sees_a_review_edited_since_the_last_search(library_dir: Path) -> None:
    path = write_review(library_dir, "a.md", "# A\n\n## Plot\n\nA glacier.\n")
    assert json.loads(run_cli("search", "glacier", "--json", "--library", str(library_dir)).stdout)
    path.write_text("# A\n\n## Plot\n\nA volcano, much longer now.\n", encoding="utf-8")
    after = run_cli("search", "volcano", "--json", "--library", str(library_dir))
    assert [hit["title"] for hit in json.loads(after.stdout)] == ["A"]
    gone = run_cli("search", "glacier", "--json", "--library", str(library_dir))
    assert json.loads(gone.stdout) == []


def test_search_of_a_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("search", "x", "--library", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "library folder not found" in result.stderr and "Traceback" not in result.stderr


def run_with_terminal_stderr(*args: str) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal (as in a shell), stdout piped."""
    import os
    import pty
    import select
    import subprocess
    import sys

    from .conftest import python_env

    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "reviewtui", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=python_env(),
    )
    os.close(slave)
    out, _ = process.communicate(timeout=60)
    seen = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return process.returncode, out.decode(), seen.decode(errors="replace")


def test_index_build_shows_progress_only_on_a_terminal(library_dir: Path) -> None:
    for number in range(80):
        write_review(library_dir, f"r{number:02d}.md", f"# Review {number}\n\n## Plot\n\nWords.\n")
    status, out, terminal = run_with_terminal_stderr(
        "list", "--json", "--library", str(library_dir)
    )
    assert status == 0 and len(json.loads(out)) == 80
    assert "Indexing reviews" in terminal

    (library_dir / "r00.md").write_text("# Changed\n\n## Plot\n\nNew words.\n", encoding="utf-8")
    for number in range(1, 80):
        (library_dir / f"r{number:02d}.md").unlink()
    for number in range(80, 160):
        write_review(library_dir, f"r{number}.md", f"# Review {number}\n\n## Plot\n\nWords.\n")
    piped = run_cli("list", "--json", "--library", str(library_dir))
    assert piped.returncode == 0 and len(json.loads(piped.stdout)) == 81
    assert piped.stderr == ""


def test_a_first_search_of_a_big_library_shows_indexing_progress_on_a_terminal(
    library_dir: Path,
) -> None:
    for number in range(120):
        write_review(library_dir, f"r{number}.md", f"# Review {number}\n\n## Plot\n\nA fjord.\n")
    args = ("search", "fjord", "--json", "--library", str(library_dir))
    status, out, terminal = run_with_terminal_stderr(*args)
    assert status == 0 and len(json.loads(out)) == 20
    assert "Indexing reviews" in terminal
    # The next search reads nothing, so no bar shows.
    status, out, terminal = run_with_terminal_stderr(*args)
    assert status == 0 and len(json.loads(out)) == 20
    assert "Indexing" not in terminal


def test_a_word_in_every_review_still_scores_better_matches_higher(library_dir: Path) -> None:
    # bm25 gives a word in every review next to no weight: its scores are in the millionths,
    # and four decimal places made them all 0.0.
    write_review(library_dir, "once.md", "# Once\n\n## Plot\n\nA harbour, and a long night.\n")
    write_review(library_dir, "often.md", "# Often\n\n## Plot\n\nHarbour, harbour, harbour.\n")
    result = run_cli("search", "harbour", "--json", "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [hit["title"] for hit in hits] == ["Often", "Once"]
    assert hits[0]["score"] > hits[1]["score"] > 0
