import json
import shutil
from pathlib import Path

from reviewtui.core.model import Review
from reviewtui.library.load import load_review
from reviewtui.store.positions import PositionStore, review_id

from .conftest import SAMPLE_LIBRARY, write_review


def ballard() -> Review:
    review = load_review(SAMPLE_LIBRARY / "ballard.md")
    assert isinstance(review, Review)
    return review


def test_a_saved_position_is_returned_when_the_review_is_reopened(isolated_dirs: Path) -> None:
    review = ballard()
    PositionStore().save(review, 8, 42.5)
    position = PositionStore().load(review).value
    assert position is not None
    assert (position.section, position.scroll_y) == (8, 42.5)
    assert position.path == str(review.path)
    assert (isolated_dirs / "state" / "reviewtui" / "positions.json").exists()


def test_a_place_with_the_end_of_the_text_on_the_screen_is_kept_as_finished() -> None:
    review = ballard()
    PositionStore().save(review, 12, 30.0, finished=True)
    position = PositionStore().load(review).value
    assert position is not None and (position.section, position.finished) == (12, True)
    assert PositionStore().all_places()[review_id(review.title, review.year)].finished
    PositionStore().save(review, 3, 0.0)  # scrolled back up: no longer at the end
    again = PositionStore().load(review).value
    assert again is not None and not again.finished


def test_a_place_keeps_how_far_in_the_reader_said_it_was(tmp_path: Path) -> None:
    # The library's read mark shows the reader's own percentage, not its share of sections.
    store = PositionStore(tmp_path / "positions.json")
    store.save(ballard(), 3, 5.0, percent=37)
    position = store.load(ballard()).value
    assert position is not None and position.percent == 37
    store.save(ballard(), 3, 5.0)  # (a save without one, as an older version's)
    again = store.load(ballard()).value
    assert again is not None and again.percent is None
    for odd in ("37", 101, -1, True, 3.5):
        data = json.loads(store.file.read_text(encoding="utf-8"))
        next(iter(data["positions"].values()))["percent"] = odd
        store.file.write_text(json.dumps(data), encoding="utf-8")
        place = store.load(ballard()).value
        assert place is not None and place.percent is None, odd


def test_a_place_above_section_1_is_kept_as_lines_above_its_heading() -> None:
    # Section 0 only: the text before the first section (the title, a preface).
    review = ballard()
    PositionStore().save(review, 0, -7.0)
    position = PositionStore().load(review).value
    assert position is not None and (position.section, position.scroll_y) == (0, -7.0)
    PositionStore().save(review, 2, -7.0)
    position = PositionStore().load(review).value
    assert position is not None and (position.section, position.scroll_y) == (2, 0.0)


def test_a_review_never_opened_has_no_position() -> None:
    assert PositionStore().load(ballard()).value is None


def test_a_moved_and_renamed_file_keeps_its_place(tmp_path: Path) -> None:
    original = tmp_path / "ballard.md"
    shutil.copy(SAMPLE_LIBRARY / "ballard.md", original)
    first = load_review(original)
    assert isinstance(first, Review)
    PositionStore().save(first, 5, 3.0)
    moved = tmp_path / "elsewhere" / "renamed.md"
    moved.parent.mkdir()
    original.rename(moved)
    again = load_review(moved)
    assert isinstance(again, Review)
    position = PositionStore().load(again).value
    assert position is not None and position.section == 5


def test_a_review_whose_title_was_edited_is_found_by_its_path(library_dir: Path) -> None:
    path = write_review(library_dir, "heat.md", '+++\ntitle = "Heat"\n+++\n## One\n## Two\n')
    before = load_review(path)
    assert isinstance(before, Review)
    PositionStore().save(before, 1, 7.0)
    write_review(library_dir, "heat.md", '+++\ntitle = "Heat (1995)"\n+++\n## One\n## Two\n')
    after = load_review(path)
    assert isinstance(after, Review)
    position = PositionStore().load(after).value
    assert position is not None and (position.section, position.scroll_y) == (1, 7.0)


def test_same_title_different_year_are_different_reviews(library_dir: Path) -> None:
    old = load_review(
        write_review(library_dir, "a.md", '+++\ntitle = "Dune"\nyear = 1984\n+++\n## A\n## B\n')
    )
    new = load_review(
        write_review(library_dir, "b.md", '+++\ntitle = "Dune"\nyear = 2021\n+++\n## A\n## B\n')
    )
    assert isinstance(old, Review) and isinstance(new, Review)
    assert review_id("Dune", 1984) != review_id("Dune", 2021)
    assert review_id("Dune", 1984) == review_id("  dune ", 1984)
    store = PositionStore()
    store.save(old, 1, 0.0)
    assert store.load(new).value is None


def test_a_section_beyond_a_shortened_review_is_clamped_to_its_last(library_dir: Path) -> None:
    path = write_review(library_dir, "x.md", "# X\n## A\n## B\n## C\n")
    review = load_review(path)
    assert isinstance(review, Review)
    PositionStore().save(review, 2, 10.0)
    write_review(library_dir, "x.md", "# X\n## A\n")
    shorter = load_review(path)
    assert isinstance(shorter, Review)
    position = PositionStore().load(shorter).value
    assert position is not None and (position.section, position.scroll_y) == (0, 0.0)


def test_only_the_most_recently_read_reviews_are_remembered(
    library_dir: Path, tmp_path: Path
) -> None:
    store = PositionStore(tmp_path / "positions.json", limit=3)
    reviews = []
    for number in range(5):
        review = load_review(
            write_review(library_dir, f"r{number}.md", f"# Review {number}\n## A\n")
        )
        assert isinstance(review, Review)
        reviews.append(review)
        store.save(review, 0, float(number))
    store.save(reviews[1], 0, 1.5)  # reading an old one again makes it recent
    remembered = [r.title for r in reviews if store.load(r).value is not None]
    assert remembered == ["Review 1", "Review 3", "Review 4"]
    assert len(json.loads(store.file.read_text())["positions"]) == 3


def test_a_corrupt_positions_file_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    file = tmp_path / "positions.json"
    file.write_text("{not json", encoding="utf-8")
    store = PositionStore(file)
    read = store.load(ballard())
    assert read.value is None
    assert len(read.warnings) == 1 and "positions.json: unreadable" in read.warnings[0]
    saved = store.save(ballard(), 3, 1.0)
    assert len(saved.warnings) == 1 and "kept as positions.json.corrupt-" in saved.warnings[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("positions.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_text() == "{not json"
    loaded = store.load(ballard()).value
    assert loaded is not None and loaded.section == 3


def test_odd_values_in_the_file_are_ignored_not_fatal(tmp_path: Path) -> None:
    file = tmp_path / "positions.json"
    key = review_id("Ballard", 2025)
    file.write_text(json.dumps({"positions": {key: {"section": "nine", "scroll_y": 1}}}))
    store = PositionStore(file)
    assert store.load(ballard()).value is None
    assert store.load(ballard()).warnings == ()
    store.save(ballard(), 2, float("nan"))
    loaded = store.load(ballard()).value
    assert loaded is not None and (loaded.section, loaded.scroll_y) == (2, 0.0)


def test_places_saved_by_earlier_versions_keep_their_keys(isolated_dirs: Path) -> None:
    # Keys are the SHA-256 of the casefolded title and the year, as they always were: a place
    # written before the digest moved off hashlib is found again.
    import hashlib

    review = ballard()
    old_key = hashlib.sha256(f"ballard\x00{review.year}".encode()).hexdigest()[:24]
    assert review_id("  BALLARD ", review.year) == old_key
    state = isolated_dirs / "state" / "reviewtui"
    state.mkdir(parents=True, exist_ok=True)
    place = {"path": str(review.path), "section": 3, "scroll_y": 7.0, "saved_at": 1}
    (state / "positions.json").write_text(
        json.dumps({"version": 1, "positions": {old_key: place}}), encoding="utf-8"
    )
    position = PositionStore().load(review).value
    assert position is not None and position.section == 3
