"""Plain text pasted from web pages: headings found with high precision, label/value lines
filling in the fields, and the user's own Ballard review read exactly as before."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reviewtui.core.model import Review
from reviewtui.core.plaintext import read_plain_text
from reviewtui.library.importer import import_file
from reviewtui.library.load import load_review

from .conftest import DATA, SAMPLE_LIBRARY, SEED, run_cli

PASTED = DATA / "real_world" / "pasted"
TRUTH = tomllib.loads((PASTED / "headings.toml").read_text(encoding="utf-8"))


def loaded(path: Path) -> Review:
    review = load_review(path)
    assert isinstance(review, Review), review
    return review


def test_headings_found_in_pasted_blog_text_are_nine_in_ten_real_ones() -> None:
    found = right = wanted = 0
    for name, truth in TRUTH.items():
        headings = [section.title for section in loaded(PASTED / name).top_sections]
        found += len(headings)
        right += sum(1 for heading in headings if heading in truth["headings"])
        wanted += len(truth["headings"])
    assert found, "no headings found at all"
    assert right / found >= 0.9, f"precision {right / found:.2f}"
    assert right / wanted >= 0.8, f"recall {right / wanted:.2f}"  # and most are still found


FURNITURE = (
    "March 3, 2021", "2022-05-14", "Posted by Marcus Lee on October 31, 2010", "79%",
    "Audience Score", "PG-13", "TV-MA", "7.0/10", "4.5 out of 5 stars", "★★★½", "$12.99",
    "Rotten Tomatoes", "Letterboxd", "www.filmblog.example.com", "Share this:", "5 min read",
)  # fmt: skip


def test_dates_scores_prices_and_site_names_are_not_headings(tmp_path: Path) -> None:
    paragraph = "A long paragraph of the review itself, which says what the film is like."
    blocks = ["The Story", paragraph]
    for furniture in FURNITURE:
        blocks += [furniture, paragraph]
    blocks += ["Verdict", paragraph]
    path = tmp_path / "page.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    review = loaded(path)
    assert [s.title for s in review.top_sections] == ["The Story", "Verdict"]
    for furniture in FURNITURE:
        assert furniture in review.body  # still there as text


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_label_value_lines_fill_in_the_listing(name: str) -> None:
    review, truth = loaded(PASTED / name), TRUTH[name]
    for field in ("title", "year", "rating", "genres", "platform"):
        if field in truth:
            assert getattr(review, field) == truth[field], field


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_label_value_lines_fill_in_the_front_matter_import_writes(
    name: str, library_dir: Path
) -> None:
    imported = import_file(PASTED / name, library_dir)
    text = imported.target.read_text(encoding="utf-8")
    matter = tomllib.loads(text.split("+++\n")[1])
    for field in ("title", "year", "rating", "genres", "platform", "directors"):
        if field in TRUTH[name]:
            assert matter[field] == TRUTH[name][field], field
    assert matter["title"] == loaded(imported.target).title


def test_school_of_rock_label_lines_are_kept_as_fields_not_headings(library_dir: Path) -> None:
    imported = import_file(PASTED / "school-of-rock.txt", library_dir)
    matter = tomllib.loads(imported.target.read_text(encoding="utf-8").split("+++\n")[1])
    assert matter["rated"] == "PG"
    assert matter["imdb_rating"] == "7.0/10"
    review = loaded(imported.target)
    assert "Year" not in [s.title for s in review.top_sections]
    assert "Year: 2003" in review.body  # the facts are still there to read


def test_a_heading_ending_in_a_colon_is_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "colon.txt"
    path.write_text(
        "Heat\n\nMy Opinion:\n\nIt is very good, and long.\n\nThe code it shows:\n\n"
        "It is an old film.\n\nFinal Thoughts:\nSee it on a big screen.\n",
        encoding="utf-8",
    )
    assert [s.title for s in loaded(path).top_sections] == ["My Opinion:", "Final Thoughts:"]


def test_single_line_breaks_between_short_lines_keep_paragraphs_and_headings(
    tmp_path: Path,
) -> None:
    path = tmp_path / "single.txt"
    path.write_text(
        "Zodiac Review\nPosted on June 4, 2020\nThe Story\n"
        "Two reporters and a detective chase a killer for decades.\n"
        "The film is about obsession more than murder.\n"
        "Verdict\nFincher's best.\n",
        encoding="utf-8",
    )
    review = loaded(path)
    assert review.title == "Zodiac"
    assert [s.title for s in review.top_sections] == ["The Story", "Verdict"]
    story = review.section_text(review.top_sections[0])
    # Two paragraphs, not one run together.
    assert "decades.\n\nThe film" in story


def test_hard_wrapped_prose_is_not_cut_into_headings(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Story\n\nThe detective arrives in a town that does not want\n"
        "Outsiders asking questions about the missing\nFisherman or his family.\n",
        encoding="utf-8",
    )
    assert [s.title for s in loaded(path).top_sections] == ["Story"]


def test_the_title_is_found_when_the_text_names_it_once(library_dir: Path) -> None:
    review = loaded(PASTED / "legacy-encoding.txt")
    assert review.title == "Legacy Encoding"
    imported = import_file(PASTED / "legacy-encoding.txt", library_dir)
    assert imported.title == "Legacy Encoding"
    assert imported.target.name == "legacy-encoding.md"


def test_the_users_ballard_review_reads_exactly_as_before(library_dir: Path) -> None:
    result = run_cli("import", str(SEED), "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    written = (library_dir / "ballard.md").read_bytes()
    assert written == (SAMPLE_LIBRARY / "ballard.md").read_bytes()
    as_text = library_dir / "ballard.txt"
    as_text.write_bytes(SEED.read_bytes())
    review = loaded(as_text)
    assert (review.title, review.year, review.kind, review.platform, review.rating) == (
        "Ballard", 2025, "series", "Prime Video", None,
    )  # fmt: skip
    assert [s.title for s in review.top_sections] == [
        s.title for s in loaded(SAMPLE_LIBRARY / "ballard.md").top_sections
    ]


def test_a_heading_that_starts_like_a_label_is_still_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "labels.txt"
    path.write_text(
        "Director: The Man Behind the Camera\n\nHe shot it on film, in winter.\n\n"
        "Rating: Why It Deserves Five Stars\n\nBecause it does.\n\n"
        "Director: Kathryn Bigelow\n\nRating: 4/5\n",
        encoding="utf-8",
    )
    review = loaded(path)
    assert [s.title for s in review.top_sections] == [
        "Director: The Man Behind the Camera", "Rating: Why It Deserves Five Stars",
    ]  # fmt: skip
    assert review.rating == 4.0
    assert read_plain_text(path.read_text()).labelled.directors == ["Kathryn Bigelow"]
