"""Review libraries as people already keep them: Hugo, Jekyll, Astro, Obsidian and blog files
(tests/data/real_world/sites/), read with their titles, years, ratings, genres and spoilers right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reviewtui.cli.export import export_review
from reviewtui.core.document import visible_markdown
from reviewtui.core.fields import read_rating
from reviewtui.core.frontmatter import FrontMatterError
from reviewtui.core.model import Review
from reviewtui.core.parse import parse_review
from reviewtui.library.load import LibrarySource, load_review
from reviewtui.store.config import config_path, load_config

from .conftest import DATA, SAMPLE_LIBRARY, run_cli, write_review
from .library_support import load_library

REAL = DATA / "real_world" / "sites"
THE_THING = REAL / "hugo-toml/content/reviews/the-thing.md"
ARRIVAL = REAL / "hugo-yaml/content/posts/arrival-review.md"
PARASITE = REAL / "jekyll/_posts/2019-05-02-parasite.md"
DUNE = REAL / "astro/src/content/reviews/dune-part-two.md"
PRISONERS = REAL / "obsidian/Media DB/Prisoners (2013).md"
BATMAN = REAL / "hugo-bundle/content/reviews/the-batman-2022/index.md"
HEAT = REAL / "hugo-json/content/reviews/heat.md"
SEVERANCE = REAL / "blog/severance-season-2.md"


def loaded(path: Path) -> Review:
    review = load_review(path)
    assert isinstance(review, Review), review
    return review


def hidden_text(review: Review) -> str:
    return visible_markdown(review, False, "Press s.")


def test_hugo_toml_with_params_and_a_review_title() -> None:
    review = loaded(THE_THING)
    assert (review.title, review.year, review.kind) == ("The Thing", 1982, "film")
    assert review.rating == 4.25  # "8.5/10" from [params]
    assert review.genres == ["Horror", "Science Fiction"]
    assert review.directors == ["John Carpenter"]
    assert review.other_fields["runtime"] == "109 min"
    assert review.problems == []


def test_hugo_shortcodes_go_and_param_shows_its_value() -> None:
    body = loaded(THE_THING).body
    assert "{{" not in body and "figure" not in body and "notice" not in body
    assert "John Carpenter made a film nobody wanted" in body
    assert "It streams on Shudder." in body
    assert "<!--more-->" not in body


def test_spoiler_free_headings_are_not_spoilers_and_warnings_and_headings_are() -> None:
    assert loaded(THE_THING).spoiler_titles == ["Spoilers", "The Ending"]
    assert loaded(DUNE).spoiler_titles == ["The Harkonnen Arena"]  # "[Spoilers]" first
    assert loaded(SEVERANCE).spoiler_titles == []  # "No Major Spoilers"


def test_hugo_yaml_reads_dates_without_trouble_and_keeps_other_fields() -> None:
    review = loaded(ARRIVAL)
    assert (review.title, review.year, review.rating) == ("Arrival", 2016, 4.5)
    assert review.genres == ["Science Fiction", "Drama"]
    assert review.directors == ["Denis Villeneuve"] and review.tags == ["sci-fi", "linguistics"]
    # Beside `tags`, `categories` (a fallback name for them) stays a field of its own.
    assert review.other_fields["categories"] == "Reviews"
    # `type: post` is Hugo's layout, not a kind; a date that is no date stays text.
    assert review.kind is None and review.other_fields["type"] == "post"
    assert review.other_fields["lastmod"] == "2022-13-45"
    assert review.other_fields["date"].startswith("2016-11-20")
    assert review.problems == []


def test_raw_html_is_shown_as_its_text() -> None:
    arrival = loaded(ARRIVAL).body
    assert "Jóhann Jóhannsson’s score & the" in arrival
    assert "&#8217;" not in arrival and "&amp;" not in arrival
    batman = loaded(BATMAN).body
    assert "Robert Pattinson’s Bruce Wayne is a recluse who barely talks & barely sleeps." in batman
    assert "<p>" not in batman and "<img" not in batman and "<em>" not in batman
    assert "1970s paranoia thriller" in batman


def test_jekyll_stars_genre_string_liquid_and_bold_line_headings() -> None:
    review = loaded(PARASITE)
    assert (review.title, review.year, review.rating, review.platform) == (
        "Parasite",
        2019,
        4.5,
        "Hulu",
    )
    assert review.genres == ["Thriller", "Drama", "Dark Comedy"]
    assert [s.title for s in review.top_sections] == ["The Setup", "The Turn", "The Verdict"]
    assert review.spoiler_titles == ["The Turn"]  # its first line: "Spoilers ahead."
    assert "{%" not in review.body and "Criterion" not in review.body


def test_astro_score_out_of_ten_genre_string_and_kind() -> None:
    review = loaded(DUNE)
    assert (review.title, review.year, review.rating) == ("Dune: Part Two", 2024, 4.5)
    assert (review.kind, review.platform) == ("film", "Max")
    assert review.genres == ["Science Fiction", "Adventure"]
    assert review.comparables == ["Arrival", "Lawrence of Arabia"]
    assert review.other_fields["pubDate"] == "Mar 10 2024"


def test_obsidian_media_db_note() -> None:
    review = loaded(PRISONERS)
    assert (review.title, review.year, review.kind, review.rating) == (
        "Prisoners",
        2013,
        "film",
        4.0,  # personalRating 8, out of 10
    )
    assert review.genres == ["Crime", "Drama", "Mystery"]
    assert review.directors == ["Denis Villeneuve"]
    assert review.url == "https://www.imdb.com/title/tt1392214/"
    assert review.other_fields["onlineRating"] == "8.1"
    assert review.other_fields["watchNext"] == "[[Arrival]]"
    assert review.spoiler_titles == ["Key scenes"]  # "Spoilers below."
    assert "Watched with Zodiac fresh in mind." in review.body  # a wikilink shows its text
    assert review.problems == []  # `streamingServices: []` says nothing, and is no mistake


def test_page_bundle_takes_title_and_year_from_its_folder_and_the_table_fills_fields() -> None:
    review = loaded(BATMAN)
    assert (review.title, review.year) == ("the batman", 2022)
    assert review.genres == ["Crime", "Mystery"] and review.directors == ["Matt Reeves"]
    assert review.rating == 3.5  # "7/10" in the table
    assert [s.title for s in review.top_sections] == ["The City", "Spoiler Section", "Final Take"]
    assert review.spoiler_titles == ["Spoiler Section"]
    assert "Riddler" not in hidden_text(review)


def test_json_front_matter_with_params_and_a_letter_grade() -> None:
    review = loaded(HEAT)
    assert (review.title, review.year, review.rating, review.platform) == (
        "Heat",
        1995,
        4.5,  # "A-"
        "Netflix",
    )
    assert review.genres == ["Crime", "Thriller"] and review.tags == ["crime", "michael mann"]
    assert [s.title for s in review.top_sections] == ["The Diner Scene"]


@pytest.mark.parametrize(("grade", "rating"), [("A-", 4.5), ("B+", 4.0), ("b−", 3.5), ("F", 0.0)])
def test_a_letter_grade_is_a_rating(grade: str, rating: float) -> None:
    assert read_rating(grade) == rating


@pytest.mark.parametrize("text", ["Bx", "Ba", "A:", "C/", "D*"])
def test_a_letter_followed_by_anything_but_a_sign_is_no_grade(text: str) -> None:
    # The sign's class once ran from "+" to "−" (U+2212): any letter or sign between was
    # read as a minus, and "Ba" was a B-.
    with pytest.raises(ValueError):
        read_rating(text)


def test_a_row_of_keys_over_a_row_of_values_fills_missing_fields() -> None:
    review = loaded(SEVERANCE)
    assert (review.title, review.year, review.platform, review.rating) == (
        "Severance Season 2",
        2025,
        "Apple TV+",
        4.0,  # B+
    )
    assert review.genres == ["Thriller", "Science Fiction"]


def test_the_whole_real_world_folder_loads_with_distinct_titles() -> None:
    library = load_library(LibrarySource(REAL, "option"))
    assert library.problems == []
    assert sorted(r.title for r in library.reviews) == [
        "Arrival",
        "Dune: Part Two",
        "Heat",
        "Parasite",
        "Prisoners",
        "Severance Season 2",
        "The Thing",
        "the batman",
    ]


@pytest.mark.parametrize(
    ("written", "rating"),
    [
        ("4", 4.0),
        ("8", 4.0),
        ('"4/5"', 4.0),
        ('"7.5/10"', 3.75),
        ('"★★★½"', 3.5),
        ('"★★☆☆☆"', 2.0),
        ('"A+"', 5.0),
        ('"B"', 3.75),
        ('"C-"', 2.5),
        ('"F"', 0.0),
        ('"80%"', 4.0),
    ],
)
def test_ratings_are_normalised_to_five(written: str, rating: float) -> None:
    review = parse_review(f"---\ntitle: X\nmy_rating: {written}\n---\nText.\n", Path("x.md"))
    assert review.rating == rating
    assert review.problems == []


def test_a_wrong_value_is_a_warning_naming_the_field_and_the_rest_loads() -> None:
    text = "---\ntitle: Heat\nyear: sometime\nrating: 12\ngenres: [crime]\n---\n## Story\n"
    review = parse_review(text, Path("heat.md"))
    assert review.title == "Heat" and review.genres == ["crime"]
    assert review.year is None and review.rating is None
    warned = {p.reason.split("'")[1]: p.line for p in review.problems}
    assert warned == {"year": 3, "rating": 4}
    assert all(not p.fatal for p in review.problems)


def test_check_names_the_wrong_yaml_field(tmp_path: Path) -> None:
    write_review(tmp_path, "heat.md", "---\ntitle: Heat\nrating: lots\n---\n## Story\n")
    result = run_cli("check", "--library", str(tmp_path))
    assert result.returncode == 1
    assert "heat.md:3: warning: field 'rating' should be" in result.stdout + result.stderr


def test_broken_yaml_is_an_error_with_its_line() -> None:
    with pytest.raises(FrontMatterError) as error:
        parse_review("---\ntitle: X\nyear: [1999\n---\nText.\n", Path("x.md"))
    assert "YAML" in error.value.reason and error.value.line is not None


def test_yaml_fences_may_have_trailing_spaces_and_a_lone_rule_is_not_front_matter() -> None:
    review = parse_review("---  \ntitle: Spaced\n---   \nText.\n", Path("x.md"))
    assert review.title == "Spaced" and "title:" not in review.body
    rule = parse_review("---\n\nJust a rule, then text.\n---\n", Path("rule.md"))
    assert "Just a rule" in rule.body and rule.problems == []


def test_a_review_title_gives_title_and_year() -> None:
    review = parse_review('+++\ntitle = "Movie Review: 12 Angry Men (1957)"\n+++\n', Path("x.md"))
    assert (review.title, review.year) == ("12 Angry Men", 1957)


def test_bundled_library_reads_as_before() -> None:
    ballard = loaded(SAMPLE_LIBRARY / "ballard.md")
    assert ballard.spoiler_titles == ["Key Moments (No Major Spoilers)"]
    assert ballard.other_fields == {} and not ballard.inline_spoilers


def test_rating_scale_setting_reads_bare_numbers_out_of_ten(tmp_path: Path) -> None:
    path = write_review(tmp_path, "x.md", "---\ntitle: X\nrating: 4\n---\nText.\n")
    assert loaded(path).rating == 4.0
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("rating_scale = 10\n", encoding="utf-8")
    assert load_config()[0].rating_scale == "10"
    assert loaded(path).rating == 2.0


# Inline spoilers --------------------------------------------------------------------------

INLINE = (
    "# Inline\n\n## Plot\n\nReddit: >!Rosebud is a sled!<. Discord: ||Keyser is Verbal||.\n\n"
    "<details>\n<summary>Spoiler: the ending</summary>\n\nThe twins swapped.\n\n</details>\n\n"
    "<details><summary>Cast list</summary>Everyone.</details>\n\n"
    "Code stays: `a || b || c` and\n\n```\n>!not a spoiler!<\n```\n"
)


def test_inline_spoilers_are_hidden_in_every_export_until_asked(tmp_path: Path) -> None:
    review = loaded(write_review(tmp_path, "inline.md", INLINE))
    assert review.inline_spoilers
    for fmt in ("markdown", "text", "html"):
        hidden = export_review(review, fmt)
        for secret in ("Rosebud", "Keyser", "twins swapped"):
            assert secret not in hidden, (fmt, secret)
        assert "spoiler hidden" in hidden
        assert "Everyone." in hidden  # a <details> that is not about spoilers is shown
        shown = export_review(review, fmt, show_spoilers=True)
        for secret in ("Rosebud is a sled", "Keyser is Verbal", "The twins swapped."):
            assert secret in shown, (fmt, secret)
        assert ">!Rosebud" not in shown and "||Keyser" not in shown
    assert "a || b || c" in export_review(review, "markdown")
    assert ">!not a spoiler!<" in export_review(review, "markdown")


def test_show_hides_inline_spoilers_on_the_command_line(tmp_path: Path) -> None:
    write_review(tmp_path, "inline.md", INLINE)
    hidden = run_cli("show", "Inline", "--library", str(tmp_path))
    assert hidden.returncode == 0 and "Rosebud" not in hidden.stdout
    shown = run_cli("show", "Inline", "--spoilers", "--library", str(tmp_path))
    assert "Rosebud is a sled" in shown.stdout
    as_json = run_cli("show", "Inline", "--json", "--library", str(tmp_path))
    assert as_json.returncode == 0 and "Rosebud" not in as_json.stdout
    assert "spoiler hidden" in as_json.stdout
    revealed = run_cli("show", "Inline", "--json", "--spoilers", "--library", str(tmp_path))
    assert "Rosebud is a sled" in json.loads(revealed.stdout)["sections"][0]["text"]


def test_a_wrong_rating_scale_setting_is_named_and_left_at_auto(tmp_path: Path) -> None:
    file = write_review(tmp_path, "config.toml", 'rating_scale = "stars"\n')
    config, warnings = load_config(file)
    assert config.rating_scale == "auto"
    assert len(warnings) == 1 and "'rating_scale'" in warnings[0]


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
yaml_keys = st.sampled_from(
    ["title", "name", "year", "released", "premiere", "rating", "personalRating", "score",
     "grade", "genre", "type", "network", "streamingServices", "director", "tags", "url",
     "related", "spoilers", "params", "date", "x"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(yaml_keys, yaml_values, max_size=8), st.sampled_from(["yaml", "json"]))
def test_any_yaml_or_json_fields_load_with_at_most_warnings(
    fields: dict[str, object], syntax: str
) -> None:
    assume(fields)
    if syntax == "yaml":
        text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n## Body\n"
    else:
        text = json.dumps(fields, default=str) + "\n## Body\n"
    review = parse_review(text, Path("any.md"))
    assert review.body.startswith("## Body")  # the fields never show as the review's text
    assert review.title.strip()
    assert review.year is None or 1800 <= review.year <= 2200
    assert review.rating is None or 0 <= review.rating <= 5
    assert all(not problem.fatal for problem in review.problems)
    for name, value in review.card_fields():
        assert isinstance(name, str) and isinstance(value, str)


def test_importing_a_yaml_review_keeps_its_fields_and_not_its_yaml_as_text(tmp_path: Path) -> None:
    result = run_cli("import", str(ARRIVAL), "--library", str(tmp_path))
    assert result.returncode == 0, result.stderr
    imported = loaded(tmp_path / "arrival.md")
    original = loaded(ARRIVAL)
    assert imported.body.lstrip().startswith("*Arrival* is first contact")
    assert "title:" not in imported.body and "---" not in imported.body
    for name in ("title", "year", "rating", "genres", "directors", "tags", "comparables"):
        assert getattr(imported, name) == getattr(original, name), name
    assert imported.other_fields["description"] == original.other_fields["description"]


def test_a_title_that_ends_in_review_keeps_it_unless_it_names_what_is_reviewed() -> None:
    from reviewtui.core.fields import split_title

    assert split_title("Peer Review") == ("Peer Review", None)
    assert split_title("The Batman (2022) Review") == ("The Batman", 2022)
    assert split_title("Heat Movie Review") == ("Heat", None)
    assert split_title("Severance Season 2 Review") == ("Severance Season 2", None)


def test_yaml_front_matter_that_is_never_closed_is_reported(tmp_path: Path) -> None:
    from reviewtui.core.model import Problem
    from reviewtui.library.load import load_review

    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: Heat\nyear: 1995\n\n# Heat\n\n## One\n\nText.\n")
    loaded = load_review(path)
    assert isinstance(loaded, Problem) and "not closed" in loaded.reason
    rule = tmp_path / "rule.md"
    rule.write_text("---\n\n# A review that starts with a rule\n\n## One\n\nText.\n")
    assert not isinstance(load_review(rule), Problem)


def test_show_json_gives_directors_tags_url_and_the_other_fields(tmp_path: Path) -> None:
    from .conftest import run_cli

    (tmp_path / "heat.md").write_text(
        "---\ntitle: Heat\ndirector: Michael Mann\ntags: [heist, la]\n"
        "url: https://example.org/heat\nmood: tense\n---\n\n## Verdict\n\nGood.\n"
    )
    result = run_cli("show", "Heat", "--json", "--library", str(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["directors"] == ["Michael Mann"] and data["tags"] == ["heist", "la"]
    assert data["url"] == "https://example.org/heat" and data["fields"]["mood"] == "tense"
