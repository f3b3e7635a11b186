"""Hostile and broken review files: each one loads or becomes a listed problem, and nothing
else in the library is lost because of it."""

import os
import stat
import threading
import time
from pathlib import Path

import pytest

from reviewtui.core.model import Problem, Review
from reviewtui.core.parse import parse_review
from reviewtui.core.text import is_web_link
from reviewtui.library import load as library_module
from reviewtui.library.importer import ImportFailed, import_file
from reviewtui.library.load import LibrarySource, load_review

from .conftest import DATA, write_review
from .library_support import load_library

NASTY = DATA / "nasty"
CONTROL = [chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]]

# File -> the reason it is not loaded.
NOT_LOADED = {
    "empty.md": "empty file",
    "only_whitespace.md": "empty file",
    "binary_png_bytes.md": "binary file",
    "nul_bytes_in_text.md": "binary file",
    "front_matter_unclosed.md": "front matter is not closed",
    "front_matter_invalid_toml.md": "invalid TOML front matter",
}


def load(folder: Path):
    return load_library(LibrarySource(folder, "option"))


def loaded(name: str) -> Review:
    review = load_review(NASTY / name)
    assert isinstance(review, Review), review
    return review


def assert_clean(review: Review) -> None:
    strings = [review.title, review.body, review.kind or "", review.platform or ""]
    strings += review.genres + review.comparables + [s.title for s in review.sections]
    for value in strings:
        bad = [c for c in CONTROL if c in value and c not in "\t\n"]
        assert not bad, (review.path.name, value[:80], bad)


def test_every_nasty_file_loads_or_is_a_problem_with_its_reason() -> None:
    library = load(NASTY)
    problems = {p.path.name: p for p in library.problems}
    assert set(problems) == set(NOT_LOADED)
    for name, reason in NOT_LOADED.items():
        assert reason in problems[name].reason, (name, problems[name])
        assert name in str(problems[name])
    loaded_names = {r.path.name for r in library.reviews}
    all_files = {p.name for p in NASTY.iterdir()}
    assert loaded_names == all_files - set(NOT_LOADED)
    for review in library.reviews:
        assert_clean(review)


def test_broken_front_matter_problems_give_the_line() -> None:
    unclosed = load_review(NASTY / "front_matter_unclosed.md")
    invalid = load_review(NASTY / "front_matter_invalid_toml.md")
    assert isinstance(unclosed, Problem) and unclosed.line == 1
    assert isinstance(invalid, Problem) and invalid.line == 2
    assert "quoted string is not closed" in invalid.reason


def test_wrong_types_are_warnings_with_lines_and_the_review_still_loads() -> None:
    review = loaded("front_matter_wrong_types.md")
    assert review.title == "Wrong Types" and review.year is None and review.rating is None
    warned = {p.reason.split("'")[1]: p.line for p in review.problems}
    assert warned == {
        "title": 2,
        "year": 3,
        "rating": 4,
        "comparables": 6,
        "spoilers": 7,
        "kind": 8,
        "platform": 9,
    }
    assert all(not p.fatal for p in review.problems)


def test_legacy_encodings_are_decoded_and_said_so() -> None:
    amelie = loaded("windows_1252.md")
    assert amelie.title == "Amélie – “Le Fabuleux Destin”"
    assert "Windows-1252" in amelie.problems[0].reason
    berlin = loaded("latin1.md")
    assert berlin.title == "Der Himmel über Berlin" and "Großartig" in berlin.body
    utf16 = loaded("utf16_with_bom.md")
    assert utf16.title == "Utf Sixteen" and utf16.year == 2020
    damaged = loaded("invalid_utf8_bytes.md")
    assert damaged.title == "Café Society" and "replaced" in damaged.problems[0].reason


def test_escape_sequences_vanish_whole_from_titles_headings_and_body() -> None:
    assert loaded("osc52_clipboard_in_title.md").title == "Clipboard"
    window = loaded("osc_window_title_in_heading.md")
    assert [s.title for s in window.sections] == ["Part One"]
    assert "pwned" not in window.body
    screen = loaded("csi_clear_screen_in_body.md")
    assert "BeforeRED after." in screen.body and "[2J" not in screen.body
    assert loaded("c1_controls_raw_bytes.md").title == "C1 Controls"
    toml_escapes = loaded("escapes_in_front_matter_toml.md")
    assert toml_escapes.title == "Escaped Title"
    assert toml_escapes.platform == "Netflix"
    assert toml_escapes.genres == ["crime", "drama"]
    assert toml_escapes.comparables == ["Other Show"]
    raw = loaded("escapes_raw_in_front_matter.md")
    assert (raw.title, raw.kind) == ("Raw Title", "film")
    assert loaded("plain_text_with_escapes.txt").title == "Escape Plan"
    assert loaded("bidi_override_title.md").title == "Evilredaer Title"


def test_markup_looking_titles_are_kept_literally() -> None:
    assert loaded("markup_click_in_title.md").title == "[@click=app.quit]x[/]"
    assert loaded("markup_close_all_title.md").title == "[/]"
    assert loaded("markup_unclosed_tag_title.md").title == "[/"
    assert loaded("markup_link_file_title.md").title == "[link=file:///etc/passwd]x[/link]"


def test_emoji_and_cjk_titles_and_headings_survive() -> None:
    review = loaded("emoji_cjk_title.md")
    assert review.title == "千と千尋の神隠し 🐉🎬"
    assert [s.title for s in review.top_sections] == ["感想 😍", "한국어 제목 🇰🇷"]


def test_duplicate_titles_both_load_and_the_second_is_warned_about() -> None:
    library = load(NASTY)
    twins = [r for r in library.reviews if r.title == "Duplicate Title"]
    assert len(twins) == 2
    duplicates = [p for p in library.all_problems() if "also the title of" in p.reason]
    assert [p.path.name for p in duplicates] == ["duplicate_title_b.md"]
    assert "duplicate_title_a.md" in duplicates[0].reason and not duplicates[0].fatal


def test_deep_nesting_loads_quickly_without_recursion_errors() -> None:
    start = time.perf_counter()
    quotes = loaded("deeply_nested_block_quotes.md")
    lists = loaded("deeply_nested_lists.md")
    assert time.perf_counter() - start < 1
    assert ">" * 500 in quotes.body and "level 119" in lists.body
    assert [s.title for s in quotes.top_sections] == ["Verdict"]


@pytest.mark.parametrize(
    "line",
    [
        "x" * 5_000_000,
        "# " + "[a](" * 1_250_000,
        "“" * 5_000_000,
        "# " + "*a_" * 1_600_000,
        "\x1b]" * 2_500_000,
    ],
    ids=["letters", "heading-of-open-links", "curly-quotes", "heading-of-emphasis", "open-osc"],
)
def test_a_5mb_single_line_review_loads_in_seconds(tmp_path: Path, line: str) -> None:
    for suffix in (".md", ".txt"):
        path = tmp_path / f"huge{suffix}"
        path.write_text(line, encoding="utf-8")
        start = time.perf_counter()
        review = load_review(path)
        assert time.perf_counter() - start < 5, suffix
        assert isinstance(review, Review | Problem)
        if isinstance(review, Review):
            assert len(review.title) <= 300


def test_importer_handles_a_5mb_single_line_text(tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    source.write_text('"Huge" is long. ' * 320_000, encoding="utf-8")
    start = time.perf_counter()
    imported = import_file(source, tmp_path / "library")
    assert time.perf_counter() - start < 10
    assert imported.title == "Huge"
    assert isinstance(load_review(imported.target), Review)


def test_directory_symlink_loop_and_fifo_named_md_are_problems_not_hangs(library_dir: Path) -> None:
    write_review(library_dir, "good.md", "# Good\n")
    (library_dir / "folder.md").mkdir()
    os.symlink(library_dir / "loop.md", library_dir / "loop.md")
    os.symlink("ping.md", library_dir / "pong.md")
    os.symlink("pong.md", library_dir / "ping.md")
    os.mkfifo(library_dir / "pipe.md")
    os.symlink("/dev/zero", library_dir / "zero.md")
    os.symlink(library_dir / "deleted.md", library_dir / "broken.md")
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(load(library_dir)), daemon=True)
    worker.start()
    worker.join(10)
    assert result, "loading the library hung"
    library = result[0]
    assert [r.title for r in library.reviews] == ["Good"]
    reasons = {p.path.name: p.reason for p in library.problems}
    assert reasons == {
        "folder.md": "is a directory, not a review file",
        "loop.md": "symbolic link loop",
        "ping.md": "symbolic link loop",
        "pong.md": "symbolic link loop",
        "broken.md": "file not found (or a broken symbolic link)",
        "pipe.md": "not a regular file (a device, pipe or socket)",
        "zero.md": "symbolic link to a file outside the library that is not a review file",
    }


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads files whatever their mode; the mocked test below covers this case",
)
def test_unreadable_file_is_a_problem(library_dir: Path) -> None:
    path = write_review(library_dir, "secret.md", "# Secret\n")
    path.chmod(0)
    try:
        assert load_review(path) == Problem(path, "permission denied")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_permission_denied_while_opening_is_a_problem(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_review(library_dir, "good.md", "# Good\n")
    secret = write_review(library_dir, "secret.md", "# Secret\n")
    real_open = os.open

    def deny_secret(path, flags, *args, **kwargs):
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(library_module.os, "open", deny_secret)
    library = load(library_dir)
    assert [r.title for r in library.reviews] == ["Good"]
    assert library.problems == [Problem(secret, "permission denied")]


def test_an_unreadable_subfolder_is_a_problem_and_the_rest_loads(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_review(library_dir, "good.md", "# Good\n")
    locked_away = library_dir / "private"
    locked_away.mkdir()
    write_review(locked_away, "hidden.md", "# Hidden\n")
    real_scandir = os.scandir

    def deny_private(path="."):
        if Path(path) == locked_away:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny_private)
    library = load(library_dir)
    assert [r.title for r in library.reviews] == ["Good"]
    assert library.problems == [Problem(locked_away, "folder not readable: permission denied")]


def test_a_file_vanishing_between_scan_and_read_is_a_problem(library_dir: Path) -> None:
    write_review(library_dir, "good.md", "# Good\n")
    write_review(library_dir, "gone.md", "# Gone\n")
    files = list(library_module.iter_review_files(library_dir))
    (library_dir / "gone.md").unlink()
    library = load_library(LibrarySource(library_dir, "option"), files)
    assert [r.title for r in library.reviews] == ["Good"]
    assert [p.reason for p in library.problems] == ["file not found (or a broken symbolic link)"]


def test_file_names_with_control_characters_print_visibly(library_dir: Path) -> None:
    name = "evil\x1b]52;c;eA==\x07\udcff.md"
    path = library_dir / name
    path.write_bytes(b"")
    problem = load_review(path)
    assert isinstance(problem, Problem)
    shown = str(problem)
    assert "\x1b" not in shown and "\x07" not in shown and "\udcff" not in shown
    assert "evil\\x1b]52;c;eA==\\x07\\xff.md: empty file" in shown


def test_every_nasty_file_imports_or_fails_with_a_reason(tmp_path: Path) -> None:
    target = tmp_path / "imported"
    for source in sorted(NASTY.iterdir()):
        try:
            imported = import_file(source, target, force=True)
        except ImportFailed as error:
            assert source.name in NOT_LOADED, (source.name, error)
            assert str(error)
            continue
        review = load_review(imported.target)
        assert isinstance(review, Review), (source.name, review)
        assert_clean(review)
        assert review.title == imported.title


@pytest.mark.parametrize(
    ("url", "openable"),
    [
        ("https://example.com/a", True),
        ("HTTP://example.com", True),
        ("mailto:critic@example.com", True),
        ("file:///etc/passwd", False),
        ("../secrets.md", False),
        ("other.md", False),
        ("/etc/shadow", False),
        ("~/.ssh/id_rsa", False),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        (" https://example.com", False),
        ("https://example.com/\x1b]52;c;eA==\x07", False),
    ],
)
def test_only_web_links_from_a_review_are_openable(url: str, openable: bool) -> None:
    assert is_web_link(url) is openable


def test_a_wrong_field_is_reported_on_its_own_line_not_a_lookalike() -> None:
    text = '+++\ntitles = "x"\n"title" = 5\n[extra]\nyear = "y"\n+++\n# Real\n'
    review = parse_review(text, Path("lookalike.md"))
    assert [(p.reason, p.line) for p in review.problems] == [
        ("field 'title' should be a non-empty string, got 5", 3)
    ]
