from pathlib import Path

import pytest

from reviewtui.core.frontmatter import FrontMatterError
from reviewtui.core.parse import parse_review, scan_headings
from reviewtui.library.importer import review_markdown

EXPECTED_SECTIONS = [
    "Introduction and Context",
    "Story and Themes",
    "Characters and Performances",
    "Writing and Structure",
    "Direction and Visual Language",
    "Sound, Music, and Atmosphere",
    "Genre Position",
    "Craft Analysis",
    "Cultural and Industry Context",
    "Audience Guide",
    "Rewatch Value and Longevity",
    "Key Moments (No Major Spoilers)",
    "Comparable Titles",
    "Final Take",
]


def seed_review(seed_text: str):
    _, markdown = review_markdown(Path("ballard.txt"), seed_text, None)
    return parse_review(markdown, Path("ballard.md"))


def test_seed_has_its_fourteen_sections_in_order(seed_text: str) -> None:
    review = seed_review(seed_text)
    titles = [s.title for s in review.top_sections]
    assert len(titles) == 14
    for title, expected in zip(titles, EXPECTED_SECTIONS, strict=True):
        assert title.startswith(expected)


def test_seed_only_key_moments_is_a_spoiler(seed_text: str) -> None:
    review = seed_review(seed_text)
    assert review.spoiler_titles == ["Key Moments (No Major Spoilers)"]


def test_seed_title_and_comparables(seed_text: str) -> None:
    review = seed_review(seed_text)
    assert review.title == "Ballard"
    assert review.comparables == ["True Detective", "Mindhunter", "The Killing", "Sharp Objects"]


def test_bom_and_crlf_are_handled() -> None:
    text = '\ufeff+++\r\ntitle = "Heat"\r\nyear = 1995\r\n+++\r\n# Heat\r\n\r\n## Story\r\n\r\nText.\r\n'
    review = parse_review(text, Path("heat.md"))
    assert review.title == "Heat"
    assert review.year == 1995
    assert [s.title for s in review.sections] == ["Story"]
    assert "\r" not in review.body


def test_straight_quotes_in_comparables_section_and_own_possessive_excluded() -> None:
    text = (
        "# Zodiac\n\n## Comparable Titles\n\n"
        'If you liked "Se7en," "Prisoners" or "Memories of Murder." you will like "Zodiac\'s" pace.\n'
    )
    review = parse_review(text, Path("zodiac.md"))
    assert review.comparables == ["Se7en", "Prisoners", "Memories of Murder"]


def test_title_falls_back_to_first_heading_then_file_name() -> None:
    assert parse_review("# Heat\n\n## A\n", Path("x.md")).title == "Heat"
    assert parse_review("Just text.\n", Path("the-long-goodbye.md")).title == "the long goodbye"


def test_no_front_matter_uses_default_spoiler_rule() -> None:
    text = "# X\n\n## Plot Spoilers\n\nA\n\n## Key Moments\n\nB\n\n## Verdict\n\nC\n"
    review = parse_review(text, Path("x.md"))
    assert review.spoiler_titles == ["Plot Spoilers", "Key Moments"]


def test_front_matter_spoilers_list_overrides_the_default_rule() -> None:
    text = '+++\nspoilers = ["Verdict"]\n+++\n# X\n\n## Key Moments\n\nB\n\n## Verdict\n\nC\n'
    review = parse_review(text, Path("x.md"))
    assert review.spoiler_titles == ["Verdict"]


def test_wrong_types_are_reported_per_field_and_the_rest_loads() -> None:
    text = (
        '+++\ntitle = "Heat"\nrating = "five"\nyear = "soon"\ngenres = ["crime"]\n+++\n## Story\n'
    )
    review = parse_review(text, Path("heat.md"))
    assert review.title == "Heat"
    assert review.rating is None and review.year is None
    assert review.genres == ["crime"]
    reasons = " ".join(p.reason for p in review.problems)
    assert "rating" in reasons and "year" in reasons
    assert all(not p.fatal for p in review.problems)
    assert any(p.line == 3 for p in review.problems if "rating" in p.reason)


def test_unclosed_front_matter_is_an_error_with_a_reason() -> None:
    with pytest.raises(FrontMatterError, match="not closed"):
        parse_review('+++\ntitle = "x"\n# X\n', Path("x.md"))


def test_invalid_toml_is_an_error_with_its_line() -> None:
    with pytest.raises(FrontMatterError) as error:
        parse_review('+++\ntitle = "x"\nyear = = 3\n+++\n', Path("x.md"))
    assert error.value.line == 3


def test_wide_characters_and_emoji_in_titles_and_headings() -> None:
    text = '+++\ntitle = "殺人の追憶 🎬"\n+++\n## 物語 🕵️\n\n本文\n\n## Final Take 👍\n'
    review = parse_review(text, Path("x.md"))
    assert review.title == "殺人の追憶 🎬"
    assert [s.title for s in review.sections] == ["物語 🕵️", "Final Take 👍"]


def test_control_characters_are_removed_even_from_toml_escapes() -> None:
    text = (
        '+++\ntitle = "Evil\\u001b]0;pwned\\u0007"\n+++\n## A \x1b[2J heading\n\nbody \x9b31m red\n'
    )
    review = parse_review(text, Path("x.md"))
    # Whole sequences go, so no "]0;pwned" or "[2J" debris is left in the title either.
    assert review.title == "Evil"
    assert "\x1b" not in review.body and "\x9b" not in review.body
    assert "body  red" in review.body
    assert review.sections[0].title == "A heading"


def test_nested_headings_belong_to_their_section_and_code_fences_hide_hashes() -> None:
    text = "## One\n\n### Detail\n\n```\n## not a heading\n```\n\n## Two\n"
    review = parse_review(text, Path("x.md"))
    assert [(s.title, s.level) for s in review.sections] == [("One", 2), ("Detail", 3), ("Two", 2)]
    one = review.sections[0]
    assert "not a heading" in review.section_text(one)


def test_setext_headings_are_sections() -> None:
    headings = scan_headings("Title\n=====\n\nStory\n-----\n\ntext\n")
    assert [(h.title, h.level) for h in headings] == [("Title", 1), ("Story", 2)]


def test_spoiler_flag_covers_nested_headings() -> None:
    text = "## Key Moments\n\n### The twist\n\nX\n\n## After\n"
    review = parse_review(text, Path("x.md"))
    assert [s.spoiler for s in review.sections] == [True, True, False]


def test_plain_text_guesses_count_whole_words_only() -> None:
    from reviewtui.core.plaintext import guess_genres, guess_kind, guess_platform, guess_year

    text = (
        "An award-winning war drama, streaming on HBO Max. It won awards; HBO Max paid well.\n"
        "Released in 1998, or was it 1998? Not 19980 nor _1998. A war film, a war story, "
        "a film about drama and more drama. Films like it are few. Disney+ and Disney+ too."
    )
    assert guess_platform(text) == "HBO Max"  # not HBO, which it contains
    assert guess_year(text) == 1998
    assert guess_genres(text) == ["drama", "war"]  # three each: "award(s)" are not war
    assert guess_kind(text) == "film"
    assert guess_platform("Disney+, then Disney+ again, once HBO.") == "Disney+"


def test_fences_and_lone_dashes_in_plain_text_do_not_hide_or_make_headings(
    tmp_path: Path,
) -> None:
    from reviewtui.core.model import Review
    from reviewtui.library.load import load_review

    text = (
        "Story\n\nThe code it shows:\n\n```\n\nCharacters\n\nA list:\n- \n"
        "not a heading\n\nFinal Take\n\nGood.\n"
    )
    path = tmp_path / "fenced.txt"
    path.write_text(text)
    review = load_review(path)
    assert isinstance(review, Review)
    assert [s.title for s in review.top_sections] == ["Story", "Characters", "Final Take"]
    # And the same once imported: the Markdown written says what the plain text said.
    _title, markdown = review_markdown(path, text, None)
    imported = parse_review(markdown, tmp_path / "fenced.md")
    assert [s.title for s in imported.top_sections] == ["Story", "Characters", "Final Take"]
