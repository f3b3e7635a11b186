"""`reviewtui import` of a Letterboxd export (zip, folder, reviews.csv, diary.csv) and of an
IMDb ratings.csv: one Markdown review a film, with its viewings, and no duplicates again."""

from __future__ import annotations

import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest

from reviewtui.core.model import Review
from reviewtui.library.load import load_review

from .conftest import DATA, run_cli

EXPORT = DATA / "real_world" / "letterboxd-export"
IMDB = DATA / "real_world" / "imdb" / "ratings.csv"


def front_matter(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8").split("+++\n")[1])


def review_at(path: Path) -> Review:
    review = load_review(path)
    assert isinstance(review, Review), review
    return review


def zipped(tmp_path: Path) -> Path:
    """The export as Letterboxd sends it: one zip of the folder's files."""
    archive = tmp_path / "letterboxd-nightprojectionist-2024-03-01-10-12-utc.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(EXPORT.iterdir()):
            out.write(path, path.name)
    return archive


@pytest.fixture(params=["folder", "zip"])
def export(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return EXPORT if request.param == "folder" else zipped(tmp_path)


def test_a_letterboxd_export_becomes_one_review_a_film(export: Path, library_dir: Path) -> None:
    result = run_cli("import", str(export), "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in library_dir.iterdir()) == [
        "evil-dead-ii.md", "heat.md", "the-good-the-bad-and-the-ugly.md",
    ]  # fmt: skip
    # Paddington 2 is only logged in the diary, with no review: no file for it.
    assert "3 review(s) written" in result.stderr
    assert "1 film(s) logged without a review" in result.stderr
    matter = front_matter(library_dir / "the-good-the-bad-and-the-ugly.md")
    assert matter["title"] == "The Good, the Bad and the Ugly"
    assert matter["year"] == 1966 and matter["rating"] == 5.0
    assert matter["tags"] == ["western"]
    assert matter["url"] == "https://boxd.it/6aB3cD"
    assert matter["viewings"] == [{"watched": "2024-02-10", "rewatch": False, "rating": 5.0}]
    listed = run_cli("list", "--library", str(library_dir))
    assert "The Good, the Bad and the Ugly" in listed.stdout and "1966" in listed.stdout


def test_letterboxd_html_becomes_markdown_with_no_tags_left(library_dir: Path) -> None:
    run_cli("import", str(EXPORT), "--library", str(library_dir))
    for path in library_dir.iterdir():
        text = path.read_text(encoding="utf-8")
        for tag in ("<blockquote>", "<i>", "</i>", "<b>", "<a href"):
            assert tag not in text, (path.name, tag)
    evil = review_at(library_dir / "evil-dead-ii.md")
    assert evil.title == "Evil Dead II"
    assert "> Workshop." in evil.body
    assert "**Bruce Campbell**" in evil.body
    good = (library_dir / "the-good-the-bad-and-the-ugly.md").read_text(encoding="utf-8")
    assert "[best](https://letterboxd.com/film/once-upon-a-time-in-the-west/)" in good
    heat = review_at(library_dir / "heat.md")
    assert "*listening*" in heat.body


def test_a_film_reviewed_twice_is_one_file_with_two_dated_sections(library_dir: Path) -> None:
    run_cli("import", str(EXPORT), "--library", str(library_dir))
    heat = review_at(library_dir / "heat.md")
    assert [s.title for s in heat.top_sections] == ["Watched 2019-06-01", "Rewatched 2023-11-19"]
    assert heat.rating == 5.0  # the latest
    matter = front_matter(library_dir / "heat.md")
    assert matter["viewings"] == [
        {"watched": "2019-06-01", "rewatch": False, "rating": 4.5},
        {"watched": "2023-11-19", "rewatch": True, "rating": 5.0},
    ]
    assert matter["tags"] == ["crime", "la", "rewatch"]


def test_diary_entries_add_viewings_to_the_films_review(library_dir: Path, tmp_path: Path) -> None:
    # The rewatch of Evil Dead II is in the diary only.
    run_cli("import", str(EXPORT), "--library", str(library_dir))
    viewings = front_matter(library_dir / "evil-dead-ii.md")["viewings"]
    assert viewings == [
        {"watched": "2021-03-03", "rewatch": False, "rating": 4.0},
        {"watched": "2022-10-30", "rewatch": True, "rating": 4.5},
    ]
    # And reviews.csv first, then diary.csv alone, add up to the same.
    other = tmp_path / "other"
    first = run_cli("import", str(EXPORT / "reviews.csv"), "--library", str(other))
    assert first.returncode == 0, first.stderr
    assert len(front_matter(other / "evil-dead-ii.md")["viewings"]) == 1  # type: ignore[arg-type]
    body_before = (other / "evil-dead-ii.md").read_text(encoding="utf-8").split("+++\n", 2)[2]
    second = run_cli("import", str(EXPORT / "diary.csv"), "--library", str(other))
    assert second.returncode == 0, second.stderr
    assert front_matter(other / "evil-dead-ii.md")["viewings"] == viewings
    assert (other / "evil-dead-ii.md").read_text(encoding="utf-8").endswith(body_before)
    assert not (other / "paddington-2.md").exists()


def test_a_reimport_adds_no_duplicates_and_force_updates(library_dir: Path) -> None:
    run_cli("import", str(EXPORT), "--library", str(library_dir))
    before = {p.name: p.read_bytes() for p in library_dir.iterdir()}
    again = run_cli("import", str(EXPORT), "--library", str(library_dir))
    assert again.returncode == 0, again.stderr
    assert "0 review(s) written" in again.stderr and "3 already imported" in again.stderr
    assert {p.name: p.read_bytes() for p in library_dir.iterdir()} == before
    # An edit to the review is replaced by the export's text only with --force.
    heat = library_dir / "heat.md"
    heat.write_text(heat.read_text(encoding="utf-8").replace("Three hours", "Four hours"))
    run_cli("import", str(EXPORT), "--library", str(library_dir))
    assert "Four hours" in heat.read_text(encoding="utf-8")
    forced = run_cli("import", str(EXPORT), "--library", str(library_dir), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "3 updated" in forced.stderr
    assert "Three hours" in heat.read_text(encoding="utf-8")
    assert sorted(p.name for p in library_dir.iterdir()) == sorted(before)


def test_a_big_export_shows_a_progress_bar_on_stderr(library_dir: Path, tmp_path: Path) -> None:
    big = tmp_path / "reviews.csv"
    rows = ["Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date"]
    rows += [
        f"2024-01-{n % 28 + 1:02d},Film Number {n},{1950 + n % 70},https://boxd.it/x{n},3,,"
        f'"<i>Review</i> {n}.",,2024-01-{n % 28 + 1:02d}'
        for n in range(120)
    ]
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli(
        "import", str(big), "--library", str(library_dir), TTY_COMPATIBLE="1", TTY_INTERACTIVE="1"
    )
    assert result.returncode == 0, result.stderr
    assert "Importing reviews.csv" in result.stderr
    assert "120/120" in result.stderr or "119/120" in result.stderr
    assert "120 review(s) written" in result.stderr.splitlines()[-1]
    assert len(list(library_dir.iterdir())) == 120
    assert len(result.stdout.splitlines()) == 120  # the files written, one a line


def test_imdb_ratings_in_windows_1252_become_reviews_rated_out_of_five(
    library_dir: Path,
) -> None:
    result = run_cli("import", str(IMDB), "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    assert "IMDb ratings: 5 review(s) written" in result.stderr
    amelie = review_at(library_dir / "amelie.md")
    assert amelie.title == "Amélie" and amelie.year == 2001 and amelie.rating == 4.0
    assert amelie.kind == "film" and amelie.genres == ["comedy", "romance"]
    matter = front_matter(library_dir / "amelie.md")
    assert matter["original_title"] == "Le fabuleux destin d’Amélie Poulain"
    assert matter["directors"] == ["Jean-Pierre Jeunet"]
    assert matter["imdb"] == "tt0211915"
    assert matter["url"] == "https://www.imdb.com/title/tt0211915/"
    assert "Rated 8/10 on IMDb on 2022-04-02." in amelie.body
    series = review_at(library_dir / "la-casa-de-papel-part-1.md")
    assert series.kind == "series" and series.rating == 3.0
    assert front_matter(library_dir / "la-casa-de-papel-part-1.md")["directors"] == [
        "Jesús Colmenar", "Alejandro Bazzano",
    ]  # fmt: skip
    assert review_at(library_dir / "evil-dead-ii.md").rating == 5.0
    again = run_cli("import", str(IMDB), "--library", str(library_dir))
    assert "5 already imported" in again.stderr


def test_one_bad_export_does_not_stop_the_other_files(library_dir: Path, tmp_path: Path) -> None:
    broken_zip = tmp_path / "letterboxd-broken.zip"
    broken_zip.write_bytes(b"PK\x03\x04 not really a zip")
    other_csv = tmp_path / "budget.csv"
    other_csv.write_text("Month,Spent\nJanuary,12\n", encoding="utf-8")
    result = run_cli(
        "import", str(broken_zip), str(other_csv), str(IMDB), "--library", str(library_dir)
    )
    assert result.returncode == 1
    assert "letterboxd-broken.zip: not a readable zip file" in result.stderr
    assert "budget.csv: a CSV file, but not a Letterboxd or IMDb export" in result.stderr
    assert "Traceback" not in result.stderr
    assert (library_dir / "amelie.md").exists()


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("reviews.csv", "a Letterboxd export: run reviewtui import reviews.csv"),
        ("letterboxd.zip", "a Letterboxd export: run reviewtui import letterboxd.zip"),
        ("ratings.csv", "an IMDb ratings export: run reviewtui import ratings.csv"),
        (
            "heat-review.html",
            "a saved web page, not a review: run reviewtui import heat-review.html",
        ),
    ],
)
def test_an_export_left_in_the_library_is_listed_by_check_with_a_hint(
    name: str, hint: str, library_dir: Path, tmp_path: Path
) -> None:
    (library_dir / "heat.md").write_text("# Heat\n\n## Story\n\nGood.\n", encoding="utf-8")
    sources = {
        "reviews.csv": EXPORT / "reviews.csv",
        "letterboxd.zip": zipped(tmp_path),
        "ratings.csv": IMDB,
        "heat-review.html": DATA / "real_world" / "webpage" / "heat-1995-review.html",
    }
    shutil.copy(sources[name], library_dir / name)
    result = run_cli("check", "--library", str(library_dir))
    assert f"{library_dir / name}: error: {hint}" in result.stdout
    listed = run_cli("list", "--library", str(library_dir))
    assert "Heat" in listed.stdout  # the reviews still load


async def test_the_problems_screen_lists_an_export_with_its_hint(library_dir: Path) -> None:
    from textual.widgets import OptionList

    from reviewtui.tui.screens.problems_screen import ProblemsScreen

    from .app_support import library_ready, make_app, wait_until

    (library_dir / "heat.md").write_text("# Heat\n\n## Story\n\nGood.\n", encoding="utf-8")
    shutil.copy(EXPORT / "reviews.csv", library_dir / "reviews.csv")
    app = make_app(library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot)
        await pilot.press("tab", "exclamation_mark")  # from the list, where letters act
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        options = app.screen.query_one("#problems", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(
            "reviews.csv" in line and "a Letterboxd export: run reviewtui import" in line
            for line in shown
        ), shown


def test_a_review_longer_than_csvs_own_field_limit_is_imported(
    library_dir: Path, tmp_path: Path
) -> None:
    long = tmp_path / "reviews.csv"
    text = "A long review. " * 20_000  # 300 KB: csv refuses fields over 128 KB by default
    long.write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
        f'2024-01-02,Shoah,1985,https://boxd.it/abc,5,,"{text}",,2024-01-01\n',
        encoding="utf-8",
    )
    result = run_cli("import", str(long), "--library", str(library_dir), "--json")
    assert result.returncode == 0, result.stderr
    assert '"title": "Shoah"' in result.stdout
    assert review_at(library_dir / "shoah.md").body.count("A long review.") == 20_000


def test_an_export_zipped_again_in_its_folder_is_read_without_its_deleted_entries(
    library_dir: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "my-letterboxd.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(EXPORT.iterdir()):
            out.write(path, f"letterboxd-export/{path.name}")
        out.writestr(
            "letterboxd-export/deleted/reviews.csv",
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
            "2020-01-01,Cats,2019,https://boxd.it/zz,0.5,,Deleted.,,2020-01-01\n",
        )
    result = run_cli("import", str(archive), "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in library_dir.iterdir()) == [
        "evil-dead-ii.md", "heat.md", "the-good-the-bad-and-the-ugly.md",
    ]  # fmt: skip


def test_a_letterboxd_csv_without_reviews_or_diary_is_refused_with_a_reason(
    library_dir: Path,
) -> None:
    result = run_cli("import", str(EXPORT / "watched.csv"), "--library", str(library_dir))
    assert result.returncode == 1
    assert "watched.csv: holds no reviews or diary entries" in result.stderr
    assert not list(library_dir.iterdir())


def test_letterboxd_text_that_looks_like_markdown_or_html_stays_text(
    library_dir: Path, tmp_path: Path
) -> None:
    reviews = tmp_path / "reviews.csv"
    reviews.write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
        '2024-01-02,Top Gun: Maverick,2022,https://boxd.it/q1,4,,"# 1 film of the year.\n\n'
        '- not a list, and &lt;b&gt;not bold&lt;/b&gt;<script>alert(1)</script>",,2024-01-01\n',
        encoding="utf-8",
    )
    result = run_cli("import", str(reviews), "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    review = review_at(library_dir / "top-gun-maverick.md")
    assert review.top_sections == []  # "# 1 film of the year." is not a heading
    assert review.title == "Top Gun: Maverick"
    assert "alert(1)" not in review.body and "<script>" not in review.body
    assert "\\<b\\>not bold" in review.body


def test_an_export_never_overwrites_another_review_with_the_same_name(
    library_dir: Path,
) -> None:
    own = library_dir / "heat.md"
    own.write_text("# Heat\n\n## My own notes\n\nNot from Letterboxd.\n", encoding="utf-8")
    result = run_cli("import", str(EXPORT), "--library", str(library_dir), "--force")
    assert result.returncode == 0, result.stderr
    assert own.read_text(encoding="utf-8").startswith("# Heat\n\n## My own notes")
    assert front_matter(library_dir / "heat-1995.md")["year"] == 1995
    again = run_cli("import", str(EXPORT), "--library", str(library_dir))
    assert "0 review(s) written" in again.stderr  # found again under its own name
    assert not (library_dir / "heat-1995-2.md").exists()
