"""Every command, run as a user would from a shell, on hostile file names, titles, folder
names, config keys and values: no raw control character reaches the terminal."""

import json
import re
from pathlib import Path

from .conftest import run_cli, write_review

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b31m\x9d0;t\x9c"
BIDI = "\u202eevil\u202c\u2066x\u2069"
HOSTILE = (OSC52, CSI, C1, BIDI)
# A TOML basic string may spell any of these as escapes.
TOML = {OSC52: r"\u001b]52;c;cm0gLXJmIH4=\u0007", CSI: r"\u001b[2J\u001b[31m"}
TOML[C1] = r"\u009b31m\u009d0;t\u009c"
TOML[BIDI] = r"\u202eevil\u202c\u2066x\u2069"
# Tab and newline are layout; everything else below space, DEL, C1 and the bidi controls
# would be obeyed by a terminal rather than shown.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def hostile_library(folder: Path) -> list[str]:
    """Reviews whose file names, folder names and titles hold escape sequences; their titles."""
    titles = []
    for number, evil in enumerate(HOSTILE):
        sub = folder / f"dir{evil}"
        sub.mkdir(parents=True, exist_ok=True)
        title = f"Title {number} {TOML[evil]}"
        write_review(
            sub,
            f"review{evil}{number}.md",
            f'+++\ntitle = "{title}"\nspoilers = ["End"]\n+++\n'
            f"## Plot {TOML[evil]}\n\nA glacier {evil} here.\n\n## End\n\nSecret.\n",
        )
        titles.append(f"Title {number}")
        # And a file that cannot be read, so each problem path is printed too.
        write_review(sub, f"broken{evil}{number}.md", '+++\ntitle = "unclosed\n+++\n')
    return titles


def hostile_config(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "reviewtui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    lines = [f'theme = "{TOML[OSC52]}"', f'"{TOML[CSI]}" = "{TOML[C1]}"', "[keys]"]
    lines.append(f'"{TOML[BIDI]}" = "{TOML[OSC52]}"')
    lines.append(f'quit = "{TOML[CSI]}"')
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def assert_printable(result, command) -> None:  # type: ignore[no-untyped-def]
    for stream in (result.stdout, result.stderr):
        raw = sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(stream)})
        assert not raw, (command, raw, stream[-400:])
    assert "Traceback" not in result.stderr, (command, result.stderr)
    assert "unexpected error" not in result.stderr, (command, result.stderr)


def test_every_command_shows_hostile_names_titles_and_config_printably(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    library = tmp_path / f"lib{OSC52}"
    titles = hostile_library(library)
    hostile_config(isolated_dirs)
    to_import = tmp_path / f"import{CSI}{BIDI}.txt"
    to_import.write_text("Imported Film\n\nA review of a film.\n", encoding="utf-8")
    lib = ["--library", str(library)]
    commands: list[list[str]] = [
        ["list", *lib],
        ["list", "--json", *lib],
        ["check", *lib],
        ["check", "--json", *lib],
        ["search", "glacier", *lib],
        ["search", "glacier", "--json", *lib],
        ["search", f"nothing{OSC52}{BIDI}", *lib],
        ["show", f"missing{CSI}{C1}", *lib],
        ["show", "title", *lib],  # ambiguous: every candidate's title and path listed
        ["config", "--check"],
        ["config", "--path"],
        ["import", str(to_import), str(tmp_path / f"absent{OSC52}.md"), *lib],
        ["read", titles[0], *lib],
        ["bookmarks", "list"],
        ["list"],  # the config's own library, missing
        [f"no-such-command{OSC52}"],
        ["search", "glacier", "--limit", f"5{CSI}", *lib],
    ]
    for title in titles:
        commands += [["show", title, *lib] + extra for extra in ([], ["--spoilers"], ["--json"])]
        commands += [["show", title, "--format", fmt, *lib] for fmt in ("markdown", "text", "html")]
        commands.append(["bookmarks", "add", title, *lib])
    commands += [["bookmarks", "list"], ["bookmarks", "list", "--json"]]
    commands += [["bookmarks", "remove", title] for title in titles]
    commands.append(["bookmarks", "remove", f"gone{OSC52}"])
    for command in commands:
        result = run_cli(*command)
        assert_printable(result, command)
    # The hostile parts are shown, made visible, not dropped: a user can see what is there.
    check = run_cli("check", *lib)
    assert "\\x1b]52;c;cm0gLXJmIH4=\\x07" in check.stdout
    assert "\\u202eevil" in check.stdout
    config = run_cli("config", "--check")
    assert config.returncode == 1 and "\\x1b[2J" in config.stderr
    searched = run_cli("search", "glacier", "--json", *lib)
    assert len(json.loads(searched.stdout)) == len(titles)
