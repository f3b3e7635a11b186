"""The preview's few lines of a review: its verdict, else its first paragraph; never a spoiler."""

from __future__ import annotations

from pathlib import Path

from reviewtui.core.parse import parse_review
from reviewtui.core.verdict import verdict


def review(body: str) -> tuple[str, str]:
    return verdict(parse_review(body, Path("x.md")))


def test_the_verdict_section_is_preferred_to_the_first_paragraph() -> None:
    text = "# T\n\n## Intro\n\nFirst words.\n\n## Final Take: Yes\n\nWatch it **now**.\nReally.\n\nMore.\n"
    assert review(text) == ("Final Take: Yes", "Watch it now. Really.")


def test_without_a_verdict_the_first_paragraph_is_used() -> None:
    text = "# T\n\n## Intro\n\n### Aside\n\nSee [the site](https://x.example) first.\n"
    assert review(text) == ("Intro", "See the site first.")


def test_a_spoiler_section_is_never_quoted() -> None:
    text = "# T\n\n## Key Moments (Spoilers)\n\nThe twist.\n\n## Notes\n\nSafe words.\n"
    assert review(text) == ("Notes", "Safe words.")
    assert review("# T\n\n## Spoilers\n\nThe twist.\n") == ("", "")


def test_a_long_paragraph_is_cut_at_a_word() -> None:
    heading, text = review("# T\n\n## Verdict\n\n" + "word " * 300 + "\n")
    assert heading == "Verdict"
    assert len(text) <= 600 and text.endswith("word…")
