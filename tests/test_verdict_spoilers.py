"""The library's preview quotes a review's verdict, never a spoiler in it."""

from __future__ import annotations

from pathlib import Path

from reviewtui.core.model import Review
from reviewtui.core.verdict import verdict
from reviewtui.library.load import load_review

from .conftest import write_review


def test_the_preview_verdict_hides_inline_spoilers(library_dir: Path) -> None:
    path = write_review(
        library_dir,
        "heat.md",
        "# Heat\n\n## Verdict\n\nWorth it. >!Neil dies at the airport!< and ||the diner||.\n",
    )
    review = load_review(path)
    assert isinstance(review, Review)
    _, text = verdict(review)
    assert text.startswith("Worth it.")
    assert "airport" not in text and "diner" not in text
