import html
import re
import tomllib
from pathlib import Path

import pytest

from reviewtui.cli.export import export_review, to_html, to_markdown, to_text
from reviewtui.core.model import Review
from reviewtui.library.load import load_review

from .conftest import SAMPLE_LIBRARY, run_cli, write_review

SECRET = "well-paced revelation of key clues"

HOSTILE = """+++
title = "<script>alert('title')</script> & Co"
year = 2024
+++
# Hostile

## Plain

<script>alert("body")</script>

<img src=x onerror="alert(1)">

A [bad link](javascript:alert(1)), a [data link](data:text/html;base64,PHNjcmlwdD4=),
a [good link](https://example.org/a?b=1&c=2) and [mail](mailto:me@example.org).

![a tracking pixel](https://tracker.example/p.gif)

Inline <b onclick="x()">bold</b> and `<code>` and "quotes".

## Spoilers: the ending

The butler <em>did</em> it.
"""


def ballard() -> Review:
    review = load_review(SAMPLE_LIBRARY / "ballard.md")
    assert isinstance(review, Review)
    return review


def hostile(library_dir: Path) -> Review:
    review = load_review(write_review(library_dir, "hostile.md", HOSTILE))
    assert isinstance(review, Review)
    return review


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_every_format_hides_spoilers_unless_asked(fmt: str) -> None:
    hidden = export_review(ballard(), fmt)
    shown = export_review(ballard(), fmt, show_spoilers=True)
    assert SECRET not in flat(hidden) and "Spoiler section hidden" in hidden
    assert SECRET in flat(shown) and "Spoiler section hidden" not in shown
    assert "Key Moments (No Major Spoilers)" in hidden


def test_markdown_reemits_front_matter_that_loads_back_as_the_same_review(tmp_path: Path) -> None:
    original = ballard()
    exported = to_markdown(original, show_spoilers=True)
    assert exported.startswith('+++\ntitle = "Ballard"\n')
    front = exported.split("+++\n")[1]
    assert tomllib.loads(front)["spoilers"] == ["Key Moments (No Major Spoilers)"]
    again = load_review(write_review(tmp_path, "copy.md", exported))
    assert isinstance(again, Review)
    assert (again.title, again.year, again.kind, again.platform) == (
        "Ballard",
        2025,
        "series",
        "Prime Video",
    )
    assert again.genres == original.genres and again.comparables == original.comparables
    assert [s.title for s in again.sections] == [s.title for s in original.sections]
    assert again.spoiler_titles == original.spoiler_titles
    assert again.problems == []


def test_text_is_plain_with_underlined_headings_and_wrapped_lines() -> None:
    text = to_text(ballard())
    lines = text.split("\n")
    assert "\x1b" not in text
    assert lines[:3] == ["Ballard", "=======", "2025 · Prime Video · series"]
    heading = "Story and Themes: Navigating the Shadows of Justice and Corruption"
    at = lines.index(heading)
    assert lines[at + 1] == "-" * len(heading)
    # Paragraphs wrap at 78 columns; a heading stays on one line with its underline.
    headings = {
        i
        for i, line in enumerate(lines[:-1])
        if lines[i + 1] and set(lines[i + 1]) in ({"-"}, {"="})
    }
    body = [line for i, line in enumerate(lines) if i not in headings and i - 1 not in headings]
    assert max(len(line) for line in body) <= 78
    assert "## " not in text and "**" not in text
    assert text.count("Ballard\n=======") == 1


def test_text_renders_lists_quotes_code_and_link_addresses(library_dir: Path) -> None:
    source = (
        "# Lists\n\n## Notes\n\nSee [the site](https://example.org) or *this*.\n\n"
        "- first\n- second\n  - nested\n\n1. one\n2. two\n\n> quoted words\n\n"
        "```\ncode  line\n```\n\n| a | b |\n|---|---|\n| 1 | 22 |\n"
    )
    review = load_review(write_review(library_dir, "lists.md", source))
    assert isinstance(review, Review)
    text = to_text(review)
    assert "See the site (https://example.org) or this." in text
    assert "\n- first\n- second\n  - nested\n" in text
    assert "\n1. one\n2. two\n" in text
    assert "\n> quoted words\n" in text
    assert "\n    code  line\n" in text
    assert "\na | b \n--+---\n1 | 22\n".replace(" \n", "\n") in text


def test_html_escapes_a_hostile_review_and_runs_nothing(library_dir: Path) -> None:
    page = to_html(hostile(library_dir))
    assert page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered and "onerror=" not in lowered.replace("onerror=&quot;", "")
    assert "<b " not in lowered and "<em>did" not in lowered
    assert "javascript:" not in re.findall(r'href="([^"]*)"', lowered)
    assert re.findall(r'href="([^"]*)"', page) == [
        "https://example.org/a?b=1&amp;c=2",
        "mailto:me@example.org",
    ]
    assert 'rel="nofollow noopener noreferrer"' in page
    assert "&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;" in page
    assert "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; Co</title>" in page
    assert "[a tracking pixel]" in page and "tracker.example" not in page
    assert "default-src 'none'" in page
    assert "The butler" not in page and "Spoiler section hidden" in page


def test_html_shows_the_spoiler_text_as_text_when_asked(library_dir: Path) -> None:
    # Raw HTML in a review is shown as its text: the tags go, none reaches the page.
    page = to_html(hostile(library_dir), show_spoilers=True)
    assert "The butler did it." in page and "<em>" not in page.lower()


def test_html_is_a_standalone_page_with_title_meta_and_sections() -> None:
    page = to_html(ballard())
    assert "<h1>Ballard</h1>" in page and page.count("<h1>") == 1
    assert '<p class="meta">2025 · Prime Video · series</p>' in page
    assert page.count("<h2>") == 14
    assert html.escape("Why “Ballard” is the OTT Thriller You Can’t Miss") in page
    assert page.rstrip().endswith("</html>")


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_show_format_prints_the_export(fmt: str) -> None:
    result = run_cli("show", "ballard", "--format", fmt, "--library", str(SAMPLE_LIBRARY))
    assert result.returncode == 0, result.stderr
    assert result.stdout == export_review(ballard(), fmt)
    revealed = run_cli(
        "show", "ballard", "--format", fmt, "--spoilers", "--library", str(SAMPLE_LIBRARY)
    )
    assert SECRET in flat(revealed.stdout)


def test_show_rejects_an_unknown_format_and_json_with_format() -> None:
    unknown = run_cli("show", "ballard", "--format", "pdf", "--library", str(SAMPLE_LIBRARY))
    assert unknown.returncode == 2 and "invalid choice: 'pdf'" in unknown.stderr
    both = run_cli(
        "show", "ballard", "--format", "text", "--json", "--library", str(SAMPLE_LIBRARY)
    )
    assert both.returncode == 2 and "cannot be used together" in both.stderr
