"""A huge section or paragraph cut into parts a reader can show a few at a time."""

from __future__ import annotations

import time
from pathlib import Path

from reviewtui.core.parse import parse_review
from reviewtui.core.parts import cut_points, review_parts, split_text
from reviewtui.core.spoilers import shown_spoilers

SENTENCE = "The harbour glows at night while the score hums under every scene. "


def test_the_parts_joined_give_back_the_text_and_none_is_too_long() -> None:
    text = "Opening. " + SENTENCE * 2000 + "Closing."
    parts = split_text(text, 1000)
    assert "".join(parts) == text
    assert len(parts) > 100
    assert all(len(part) <= 1000 for part in parts)
    assert parts[0].startswith("Opening.") and parts[-1].endswith("Closing.")


def test_a_short_text_is_one_part() -> None:
    assert split_text("A short review.", 1000) == ["A short review."]
    assert cut_points("", 10) == []


def test_cuts_fall_at_blank_lines_first() -> None:
    paragraph = SENTENCE * 5  # 335 characters
    text = "\n\n".join([paragraph] * 40)
    parts = split_text(text, 1000)
    assert "".join(parts) == text
    # Every part but the last ends with a blank line, and begins a paragraph.
    assert all(part.endswith("\n\n") for part in parts[:-1])
    assert all(part.startswith("The harbour") for part in parts)


def test_without_blank_lines_cuts_fall_after_a_sentence_then_between_words() -> None:
    text = SENTENCE * 200
    parts = split_text(text, 1000)
    assert all(part.endswith("scene. ") for part in parts[:-1])
    words = "word " * 2000
    parts = split_text(words, 1000)
    assert "".join(parts) == words
    # Never inside a word.
    assert all(part.endswith("word ") and part.startswith("word") for part in parts)


def test_a_text_without_spaces_is_cut_where_it_must_be() -> None:
    text = "x" * 10_500
    parts = split_text(text, 1000)
    assert [len(part) for part in parts] == [1000] * 10 + [500]


def test_text_cut_mid_paragraph_never_goes_on_as_a_heading_list_or_quote() -> None:
    # After these sentences come words Markdown would read as a block's start at a line's.
    text = "".join(f"End {n}. # {n} - item > quote 12. 1. 2) x " for n in range(400))
    parts = split_text(text, 300)
    assert "".join(parts) == text
    for part in parts[1:]:
        assert part[0] not in "#->*+=_|`<~ " and not part[0].isdigit(), part[:20]


def test_an_inline_spoiler_is_never_cut_from_its_closing_mark() -> None:
    # No sentence ends: cuts fall between words, often inside a spoiler but for the rule.
    for opener, closer in ((">!", "!<"), ("||", "||")):
        spoiler = opener + "the captain was the ghost " * 5 + "all along" + closer
        text = ("plain words here " * 7 + spoiler + " ") * 300
        assert "captain" not in shown_spoilers(text, False)
        parts = split_text(text, 500)
        assert "".join(parts) == text
        assert len(parts) > 100
        for part in parts:
            assert "captain" not in shown_spoilers(part, False)


def test_fenced_code_is_never_cut() -> None:
    code = "```\n" + "\n\n".join(["print('frame')"] * 100) + "\n```\n\n"
    text = (SENTENCE * 20 + "\n\n" + code) * 10
    parts = split_text(text, 1000)
    assert "".join(parts) == text
    for part in parts:
        assert part.count("```") % 2 == 0


def test_cutting_is_linear_in_the_text() -> None:
    # Texts where no cut is found by the first patterns: each is searched for, once.
    for text in ("x" * 8_000_000, " " * 8_000_000, "\n" * 8_000_000, "a||b " * 1_600_000):
        began = time.perf_counter()
        parts = split_text(text)
        assert time.perf_counter() - began < 10
        assert len("".join(parts)) == len(text)


def test_a_review_is_cut_by_section_and_a_hidden_spoiler_section_stays_whole() -> None:
    long = SENTENCE * 400  # about 27,000 characters, one line
    body = f"# Title\n\n{long}\n\n## Plot\n\nShort.\n\n## Ending spoilers\n\n{long}\n"
    review = parse_review(body, Path("r.md"))
    lines = review.body.split("\n")
    preamble = "\n".join(lines[: review.top_sections[0].start_line]).strip()
    parts = review_parts(review, lines, preamble, hidden=lambda s: s.spoiler, limit=10_000)
    assert [part.number for part in parts] == [-1, -1, -1, 0, 1]
    assert parts[4].text is None  # hidden: only its heading will be shown
    assert "".join(part.text or "" for part in parts[:3]) == preamble
    shown = review_parts(review, lines, preamble, hidden=lambda s: False, limit=10_000)
    assert [part.number for part in shown] == [-1, -1, -1, 0, 1, 1, 1]
    assert "".join(part.text or "" for part in shown[4:]) == review.section_text(
        review.top_sections[1]
    )
