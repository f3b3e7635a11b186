"""Sections from headings: one pass, the same sections as the quadratic way they were built."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewtui.core.model import Section
from reviewtui.core.parse import Heading, build_sections, is_spoiler, parse_review


def sections_the_old_way(
    headings: list[Heading], total_lines: int, spoilers: list[str] | None
) -> list[Section]:
    """How sections were built before: each heading looks through every heading after it."""
    sections: list[Section] = []
    spoiler = False
    for index, heading in enumerate(headings):
        if heading.level == 1:
            spoiler = False
            continue
        if heading.level == 2:
            spoiler = is_spoiler(heading.title, spoilers)
        end = total_lines
        for later in headings[index + 1 :]:
            if later.level <= heading.level:
                end = later.line
                break
        sections.append(Section(heading.title, heading.level, spoiler, heading.line, end))
    return sections


TITLES = st.sampled_from(["Story", "Key Moments", "Spoilers ahead", "Cast", "Final Take"])


@st.composite
def outlines(draw: st.DrawFn) -> tuple[list[Heading], int]:
    levels = draw(st.lists(st.integers(1, 6), max_size=40))
    gaps = draw(st.lists(st.integers(1, 5), min_size=len(levels), max_size=len(levels)))
    line, headings = 0, []
    for level, gap in zip(levels, gaps, strict=True):
        headings.append(Heading(line, level, draw(TITLES)))
        line += gap
    return headings, line + draw(st.integers(0, 5))


@settings(max_examples=400, deadline=None)
@given(outlines(), st.one_of(st.none(), st.lists(TITLES, max_size=2)))
def test_sections_are_the_same_as_built_the_old_way(
    outline: tuple[list[Heading], int], spoilers: list[str] | None
) -> None:
    headings, total = outline
    assert build_sections(headings, total, spoilers) == sections_the_old_way(
        headings, total, spoilers
    )


def test_a_review_of_a_hundred_thousand_sections_has_every_one_ending_at_the_next() -> None:
    count = 100_000
    body = "# Many\n\n" + "".join(f"## Part {n}\n\ntext\n\n" for n in range(count))
    review = parse_review(body, Path("many.md"))
    assert len(review.sections) == count
    last = review.sections[-1]
    assert last.title == f"Part {count - 1}"
    assert all(
        a.end_line == b.start_line
        for a, b in zip(review.sections, review.sections[1:], strict=False)
    )
