"""The CLI on hostile reviews: `check` lists every problem, and no escape sequence or markup
from a review (or a file name) reaches the terminal through any command."""

import json
import re
import shutil
from pathlib import Path

import pytest

from reviewtui.cli.main import main

from .conftest import DATA, SAMPLE_LIBRARY, run_cli, write_review

NASTY = DATA / "nasty"
EVIL_NAME = "evil\x1b]52;c;cm0gLXJm\x07\x9b2J.md"
EVIL_NAME_SHOWN = "evil\\x1b]52;c;cm0gLXJm\\x07\\x9b2J.md"
EVIL_NAME_IN_JSON = json.dumps(EVIL_NAME)[1:-1]
# Rich's own styling when it believes it writes to a terminal: SGR colours and OSC 8 links.
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")
RICH_LINK = re.compile(r"\x1b\]8;[^;\x1b\x07]*;([^\x1b\x07]*)\x1b\\")
PAYLOADS = ("]52;", "[2J", "]0;", "]2;", "pwned", "[?1049h", "[5m")


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    shutil.copytree(NASTY, folder)
    (folder / EVIL_NAME).write_text('+++\ntitle = "unclosed\n+++\n', encoding="utf-8")
    return folder


def assert_no_escapes_from_reviews(output: str) -> None:
    links = RICH_LINK.findall(output)
    assert all(url == "" or url.startswith(("http://", "https://", "mailto:")) for url in links), (
        links
    )
    rest = RICH_LINK.sub("", RICH_SGR.sub("", output))
    controls = sorted({c for c in rest if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) < 0xA0})
    assert not controls, controls
    for payload in PAYLOADS:
        shown = output.replace(EVIL_NAME_SHOWN, "").replace(EVIL_NAME_IN_JSON, "")
        assert payload not in shown, payload


def titles_in(library: Path) -> list[str]:
    listing = run_cli("list", "--json", "--library", str(library))
    return sorted({row["title"] for row in json.loads(listing.stdout)})


def test_check_lists_every_problem_with_path_line_reason_and_severity() -> None:
    result = run_cli("check", "--json", "--library", str(NASTY))
    assert result.returncode == 1, result.stderr
    problems = json.loads(result.stdout)
    assert all(set(p) == {"path", "line", "reason", "severity"} for p in problems)
    by_file = {}
    for problem in problems:
        by_file.setdefault(Path(problem["path"]).name, []).append(problem)
    assert by_file["front_matter_invalid_toml.md"] == [
        {
            "path": str(NASTY / "front_matter_invalid_toml.md"),
            "line": 2,
            "reason": "invalid TOML front matter: a quoted string is not closed on its line",
            "severity": "error",
        }
    ]
    assert {p["severity"] for p in by_file["empty.md"]} == {"error"}
    assert len(by_file["front_matter_wrong_types.md"]) == 7
    assert {p["severity"] for p in by_file["front_matter_wrong_types.md"]} == {"warning"}
    assert "Windows-1252" in by_file["windows_1252.md"][0]["reason"]
    assert "replaced" in by_file["invalid_utf8_bytes.md"][0]["reason"]
    assert "The Twist" in by_file["spoiler_name_not_found.md"][0]["reason"]
    assert "also the title of" in by_file["duplicate_title_b.md"][0]["reason"]
    assert "emoji_cjk_title.md" not in by_file and "osc52_clipboard_in_title.md" not in by_file


def test_check_plain_prints_one_line_per_problem_and_a_summary() -> None:
    result = run_cli("check", "--library", str(NASTY))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        f"{NASTY}/front_matter_unclosed.md:1: error: front matter is not closed (no second '+++' line)"
        in lines
    )
    assert f"{NASTY}/empty.md: error: empty file" in lines
    assert len(lines) == len(json.loads(run_cli("check", "--json", "--library", str(NASTY)).stdout))
    assert "6 file(s) not loaded" in result.stderr and "Traceback" not in result.stderr


def test_check_on_a_clean_library_exits_zero(library_dir: Path) -> None:
    write_review(library_dir, "heat.md", '+++\ntitle = "Heat"\nyear = 1995\n+++\n## Verdict\n')
    plain = run_cli("check", "--library", str(library_dir))
    assert plain.returncode == 0 and "No problems: 1 review(s)" in plain.stdout
    as_json = run_cli("check", "--json", "--library", str(SAMPLE_LIBRARY))
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []


def test_check_on_a_missing_library_says_so(tmp_path: Path) -> None:
    result = run_cli("check", "--library", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "library folder not found" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("forced", [False, True], ids=["piped", "forced-terminal"])
def test_list_check_and_json_outputs_carry_no_escapes(hostile_library: Path, forced: bool) -> None:
    env = {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"} if forced else {}
    for command in (["list"], ["list", "--json"], ["check"], ["check", "--json"]):
        result = run_cli(*command, "--library", str(hostile_library), **env)
        assert "Traceback" not in result.stderr
        assert_no_escapes_from_reviews(result.stdout)
        assert_no_escapes_from_reviews(result.stderr)
        if "--json" in command:
            json.loads(result.stdout)
    listing = run_cli("list", "--library", str(hostile_library), **env)
    for title in (
        "[@click=app.quit]x[/]",
        "[/]",
        "[link=file:///etc/passwd]x[/link]",
        "千と千尋の神隠し",
    ):
        assert title in RICH_SGR.sub("", listing.stdout)
    # The evil file name is shown with its control characters made visible.
    check = run_cli("check", "--library", str(hostile_library), **env)
    assert f"{EVIL_NAME_SHOWN}:2: error:" in check.stdout


def test_json_keeps_c1_and_undecodable_name_bytes_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    name = "c1\x9b31m\udcff.md"
    (folder / name).write_bytes(b"")
    result = run_cli("check", "--json", "--library", str(folder))
    assert "\x9b" not in result.stdout and "\\u009b" in result.stdout
    assert json.loads(result.stdout)[0]["path"] == str(folder / name)


@pytest.mark.parametrize("forced", [False, True], ids=["piped", "forced-terminal"])
def test_show_of_every_hostile_review_prints_its_text_literally_and_safely(
    hostile_library: Path,
    forced: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if forced:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
    outputs = {}
    for title in titles_in(hostile_library):
        for extra in ([], ["--spoilers"], ["--json"]):
            status = main(["show", title, "--library", str(hostile_library), *extra])
            captured = capsys.readouterr()
            assert status in (0, 2), (title, captured.err)  # 2: the duplicated title is ambiguous
            assert_no_escapes_from_reviews(captured.out)
            assert_no_escapes_from_reviews(captured.err)
            outputs[title, tuple(extra)] = RICH_SGR.sub("", RICH_LINK.sub("", captured.out))
    click = outputs["[@click=app.quit]x[/]", ()]
    assert (
        click.startswith("[@click=app.quit]x[/]\n")
        and "Body [@click=app.quit]quit[/] text." in click
    )
    assert (
        "Text [link=file:///etc/passwd]click[/link]."
        in outputs["[link=file:///etc/passwd]x[/link]", ()]
    )
    assert "[/]" in outputs["[/]", ()] and outputs["[/", ()].startswith("[/\n")
    assert "BeforeRED after." in outputs["Clear Screen", ()]


def test_show_links_only_web_urls_when_hyperlinks_are_on(
    hostile_library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert main(["show", "Local Links", "--library", str(hostile_library)]) == 0
    out = capsys.readouterr().out
    assert {url for url in RICH_LINK.findall(out) if url} == {"https://example.com/ok"}
    plain = " ".join(RICH_SGR.sub("", RICH_LINK.sub("", out)).split())
    # Local links keep their words but link nowhere; file: ones are not even links.
    assert "a sibling" in plain and "rel" in plain and "file:///etc/passwd" in plain


def test_import_messages_and_paths_carry_no_escapes(hostile_library: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in hostile_library.iterdir())
    result = run_cli("import", *files, "--force", "--library", str(tmp_path / "imported"))
    assert result.returncode == 1  # the broken files are refused, the rest imported
    assert "Traceback" not in result.stderr
    assert_no_escapes_from_reviews(result.stdout)
    assert_no_escapes_from_reviews(result.stderr)
    assert f"{EVIL_NAME_SHOWN}: invalid TOML front matter" in result.stderr
    as_json = run_cli("import", *files, "--force", "--json", "--library", str(tmp_path / "again"))
    assert_no_escapes_from_reviews(as_json.stdout)
    assert len(json.loads(as_json.stdout)) == len(files) - 7


def test_lookup_errors_echo_titles_without_escapes(hostile_library: Path) -> None:
    result = run_cli("show", "\x1b]0;pwned\x07Nope", "--library", str(hostile_library))
    assert result.returncode == 2
    assert "\\x1b]0;pwned\\x07Nope" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_an_ascii_only_terminal_gets_escaped_titles_not_a_crash(hostile_library: Path) -> None:
    for command in (["list"], ["list", "--json"], ["check"], ["show", "千と千尋の神隠し 🐉🎬"]):
        result = run_cli(*command, "--library", str(hostile_library), PYTHONIOENCODING="ascii")
        assert "unexpected error" not in result.stderr, command
        assert result.returncode in (0, 1), (command, result.stderr)
    listing = run_cli("list", "--library", str(hostile_library), PYTHONIOENCODING="ascii")
    assert "\\u5343" in listing.stdout
