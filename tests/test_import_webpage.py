"""A saved web page (.html) imported as a review: the article only, with its headings,
title and date."""

from __future__ import annotations

import tomllib
from pathlib import Path

from reviewtui.core.model import Review
from reviewtui.library.load import load_review

from .conftest import DATA, run_cli

PAGE = DATA / "real_world" / "webpage" / "heat-1995-review.html"


def test_a_saved_web_page_becomes_a_review_of_its_article(library_dir: Path) -> None:
    result = run_cli("import", str(PAGE), "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    written = library_dir / "heat.md"
    assert result.stdout.strip() == str(written)
    review = load_review(written)
    assert isinstance(review, Review), review
    assert review.title == "Heat" and review.year == 1995
    assert [s.title for s in review.top_sections] == ["The Story", "The Bank Heist", "Verdict"]
    matter = tomllib.loads(written.read_text(encoding="utf-8").split("+++\n")[1])
    assert matter["date"] == "2023-11-02"
    assert matter["headline"] == "Heat (1995) Review: Mann at His Peak"
    assert "*Heat*" in review.body and "**Heat**" in review.body
    # The page's menus, share buttons, related links and footer are left out.
    for chrome in ("Subscribe", "Share this", "You might also like", "All rights reserved", "<"):
        assert chrome not in review.body, chrome


def test_a_page_with_no_article_fails_with_a_reason(tmp_path: Path, library_dir: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    result = run_cli("import", str(empty), str(PAGE), "--library", str(library_dir))
    assert result.returncode == 1
    assert "empty.html: no article found in the page" in result.stderr
    assert (library_dir / "heat.md").exists()
