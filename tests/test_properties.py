"""Property-based tests: whatever bytes or text a file holds, loading and importing it ends in a
review or a stated problem, and the text that comes out holds no control character."""

import re
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from reviewtui.core.frontmatter import FrontMatterError
from reviewtui.core.model import Problem, Review
from reviewtui.core.parse import atx_heading, heading_text, parse_review, quoted_texts
from reviewtui.core.plaintext import (
    GENRES,
    PLATFORMS,
    escape_paragraph,
    guess_genres,
    guess_kind,
    guess_platform,
    guess_year,
    read_plain_text,
    to_markdown_body,
)
from reviewtui.core.text import NotText, clean_line, clean_text, decode_bytes, printable
from reviewtui.library.importer import ImportFailed, import_file
from reviewtui.library.load import (
    LibrarySource,
    is_empty_text,
    load_review,
    plain_text_review,
)

from .library_support import load_library

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
ONE_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Markdown and TOML fragments, escape sequences and markup-looking text, mixed at random.
FRAGMENTS = [
    "# ", "## ", "### ", "###### ", "#", "> ", ">>>>>", "- ", "* ", "1. ", "   ", "\t", "\n",
    "\n\n", "\r\n", "\r", "```", "~~~", "===", "---", "+++", "+++\n", "[", "]", "(", ")", "![",
    "[x](file:///etc/passwd)", "<http://a.b>", "*", "_", "**", "`", "\\", '"', "“", "”", "'",
    "’s", "title = ", 'title = "T"\n', "year = 2024\n", "rating = 4.5\n", "genres = [", "=",
    "spoilers = [\"Key Moments\"]\n", "Key Moments", "Spoilers", "Comparables", "\x1b", "\x1b[2J",
    "\x1b]52;c;eA==\x07", "\x1b]0;t\x1b\\", "\x9b31m", "\x9d0;x\x9c", "\x07", "\x00", "\x7f",
    "\u202e", "\ufeff", "[@click=app.quit]", "[/]", "[/", "[link=file:///x]", "😀", "千", "é",
    "Film", "Series", "Netflix", "Prime Video", "crime", "1999", "a", "The", ".", ":", "\ufffd",
]  # fmt: skip
markdownish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)
toml_values = st.recursive(
    st.none().map(lambda _: "x")
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = ["title", "year", "kind", "platform", "genres", "rating", "comparables", "spoilers", "x"]
front_matter = st.dictionaries(st.sampled_from(KEYS), toml_values, max_size=6)


def assert_review_is_clean(review: Review) -> None:
    for value in (
        [review.title, review.kind or "", review.platform or ""]
        + review.genres
        + review.comparables
    ):
        assert not ONE_LINE_CONTROL.search(value), repr(value)
    for section in review.sections:
        assert not ONE_LINE_CONTROL.search(section.title), repr(section.title)
        assert 0 <= section.start_line < section.end_line <= len(review.body.split("\n"))
    assert not CONTROL.search(review.body)
    assert review.title.strip()
    for problem in review.problems:
        assert not ONE_LINE_CONTROL.search(str(problem))


@FAST
@given(st.binary(max_size=2000) | markdownish.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_decoding_any_bytes_gives_text_or_says_not_text(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except NotText as error:
        assert str(error)
        return
    cleaned = clean_text(decoded.text)
    assert not CONTROL.search(cleaned)
    assert clean_text(cleaned) == cleaned
    assert not ONE_LINE_CONTROL.search(clean_line(decoded.text))


@FAST
@given(
    st.binary(max_size=2000)
    | markdownish.map(str.encode)
    | markdownish.map(lambda t: t.encode("cp1252", "replace"))
    | markdownish.map(lambda t: t.encode("utf-16")),
    st.sampled_from(["review.md", "review.txt", "REVIEW.MARKDOWN"]),
)
def test_loading_any_file_gives_a_clean_review_or_a_problem(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    path = tmp_path_factory.mktemp("any") / name
    path.write_bytes(data)
    loaded = load_review(path)
    if isinstance(loaded, Problem):
        assert loaded.path == path and loaded.reason
        assert not ONE_LINE_CONTROL.search(str(loaded))
    else:
        assert_review_is_clean(loaded)


@FAST
@given(markdownish)
def test_parsing_any_markdown_gives_a_clean_review_or_a_front_matter_error(text: str) -> None:
    try:
        review = parse_review(text, Path("any.md"))
    except FrontMatterError as error:
        assert error.reason and (error.line is None or error.line >= 1)
        return
    assert_review_is_clean(review)


@FAST
@given(front_matter, markdownish)
def test_any_valid_toml_front_matter_loads_with_at_most_warnings(
    fields: dict[str, object], body: str
) -> None:
    text = f"+++\n{tomli_w.dumps(fields)}+++\n{body.replace('+++', '')}"
    review = parse_review(text, Path("any.md"))
    assert_review_is_clean(review)
    if review.year is not None:
        assert 1800 <= review.year <= 2200
    if review.rating is not None:
        assert 0 <= review.rating <= 5


INLINE_MARKUP = re.compile(r"[\[\]*_`\\]")


@FAST
@given(markdownish)
def test_plain_text_of_any_kind_becomes_markdown_that_parses(text: str) -> None:
    plain = read_plain_text(text)
    title = clean_line(plain.title or "") or "Untitled"
    review = parse_review(to_markdown_body(plain, title), Path("any.md"))
    assert_review_is_clean(review)
    if not INLINE_MARKUP.search(title):
        # Hashes and all: only what Markdown reads as emphasis, code or links is read so.
        assert review.title == title


@FAST
@given(
    markdownish | st.binary(max_size=500).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["in.txt", "in.md"]),
    st.none() | st.text(max_size=20),
)
def test_importing_anything_writes_a_loadable_review_or_fails_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, text: str, name: str, title: str | None
) -> None:
    folder = tmp_path_factory.mktemp("import")
    source = folder / name
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        imported = import_file(source, folder / "library", title=title)
    except ImportFailed as error:
        assert str(error)
        return
    review = load_review(imported.target)
    assert isinstance(review, Review), review
    assert_review_is_clean(review)
    assert review.title == imported.title


@FAST
@given(st.text(alphabet=st.characters(), max_size=60))
def test_printable_shows_every_control_character_visibly(text: str) -> None:
    shown = printable(text)
    assert not ONE_LINE_CONTROL.search(shown)
    if not ONE_LINE_CONTROL.search(text):
        assert shown == text


file_names = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
    min_size=1,
    max_size=12,
).map(lambda stem: stem + ".md")


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(file_names, st.binary(max_size=300) | markdownish.map(str.encode), max_size=6)
)
def test_a_library_of_random_files_accounts_for_every_file(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, bytes]
) -> None:
    folder = tmp_path_factory.mktemp("library")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    library = load_library(LibrarySource(folder, "option"))
    seen = [r.path.name for r in library.reviews] + [p.path.name for p in library.problems]
    assert sorted(seen) == sorted(name for name in files if not name.startswith("."))
    for problem in library.all_problems():
        assert not ONE_LINE_CONTROL.search(str(problem))
    for review in library.reviews:
        assert_review_is_clean(review)


WORDISH = [
    *GENRES, *PLATFORMS, "Series", "season", "Episodes", "show", "Film", "films", "movie",
    "HBO", "max", "MAX", "1998", "2025", "19980", "_", " ", " ", ", ", ".", "+", "’", "“",
    "—", "\u00a0", "é", "x", "İ", "2", "\n",
]  # fmt: skip


def whole_words(text: str, phrase: str) -> int:
    """The plain definition: phrase with no word character on either side."""
    return len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))


@FAST
@given(st.lists(st.sampled_from(WORDISH) | st.text(max_size=3), max_size=120).map("".join))
def test_plain_text_guesses_count_as_a_whole_word_search_would(text: str) -> None:
    lowered = text.lower()
    genres = {genre: whole_words(lowered, genre) for genre in GENRES}
    expected_genres = sorted((g for g in GENRES if genres[g] >= 3), key=lambda g: -genres[g])
    assert guess_genres(text) == expected_genres[:3]

    series = sum(
        whole_words(lowered, w) for w in ("series", "season", "episode", "episodes", "show")
    )
    film = sum(whole_words(lowered, w) for w in ("film", "movie", "films"))
    kind = "series" if series > film * 2 and series >= 2 else None
    kind = "film" if film > series * 2 and film >= 2 else kind
    assert guess_kind(text) == kind

    platforms: dict[str, int] = {}
    for platform in PLATFORMS:
        found = whole_words(text, platform)
        if found and not any(
            p != platform and platform in p and platforms.get(p) for p in PLATFORMS
        ):
            platforms[platform] = found
    best = max(platforms.items(), key=lambda item: item[1], default=None)
    assert guess_platform(text) == (best[0] if best and best[1] >= 2 else None)

    years = [int(y) for y in re.findall(r"(?<!\w)(?:19|20)[0-9]{2}(?!\w)", lowered)]
    # Of years named equally often, the first named.
    most = max(dict.fromkeys(years), key=years.count, default=None)
    assert guess_year(text) == (most if most is not None and years.count(most) >= 2 else None)


@FAST
@given(markdownish | st.binary(max_size=500).map(lambda b: b.decode("latin-1")))
@example("![[@click=app.quit]]")  # a wikilink: shown as its text, read directly or imported
@example("Hello <b>bold</b> &amp; more")
def test_a_plain_text_review_is_what_parsing_its_markdown_gives(text: str) -> None:
    # A plain-text file is read without parsing the Markdown made of it: the result must be
    # the same, and `reviewtui import` writes that Markdown.
    assume(not is_empty_text(text))
    path = Path("any.txt")
    review = plain_text_review(text, path, "utf-8", None)
    plain = read_plain_text(text)
    parsed = parse_review(to_markdown_body(plain, plain.title or "any"), path)
    assert review.body == parsed.body
    assert review.title == parsed.title
    assert review.sections == parsed.sections
    assert review.comparables == parsed.comparables


# The plain definition of an ATX heading line: hashes, then the text up to optional closing
# hashes after a blank. The parser gets the same text without this pattern's backtracking.
ATX_REFERENCE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=" \t#ab*_\\", max_size=16))
def test_heading_lines_read_as_the_plain_definition_reads_them(line: str) -> None:
    expected = ATX_REFERENCE.match(line)
    title = heading_text(expected.group(2) or "") if expected else ""
    heading = atx_heading(line, 0)
    got = (heading.level, heading.title) if heading else None
    assert got == ((len(expected.group(1)), title) if expected and title else None)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t#>+-*=1١.)`~•ab", max_size=10))
def test_a_one_line_paragraph_is_escaped_as_a_line_of_a_longer_one(line: str) -> None:
    # One-line paragraphs take a shortcut: it must not change what they become.
    assert escape_paragraph(line) + "\nx" == escape_paragraph(line + "\nx")


# The plain definition of a quoted text; the parser jumps between quotes with str.find.
QUOTED_REFERENCE = re.compile(r"“([^“”\n]{1,120})”|\"([^\"\n]{1,120})\"")


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(['"', "“", "”", "\n", "a", "b c", "x" * 119, "’s"]), max_size=20).map(
        "".join
    )
)
def test_quoted_texts_are_what_the_plain_pattern_finds(text: str) -> None:
    expected = [m.group(1) or m.group(2) for m in QUOTED_REFERENCE.finditer(text)]
    assert list(quoted_texts(text)) == expected
