"""What a short line of text pasted from a web page is: a label/value pair, page furniture
(a date, a score, a price, a site name, a share button), or possibly a heading.

Blog posts put a film's facts in label/value lines ("Year" / "2003", "Rating 3/5",
"Directed by …", "Title: The Final (2010)"); those lines fill in the review's fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewtui.core.text import clean_line

MAX_VALUE_CHARS = 80
MAX_VALUE_WORDS = 12

# Label (lowercase, without a final colon) -> the field it fills. Fields other than those of
# `Labelled` are kept as extra front matter fields.
LABELS = {
    "title": "title", "film": "title", "movie": "title", "series": "title", "show": "title",
    "year": "year", "release year": "year", "released": "year", "release date": "year",
    "release": "year", "premiere": "year", "premiered": "year", "first aired": "year",
    "rating": "rating", "my rating": "rating", "our rating": "rating", "score": "rating",
    "my score": "rating", "our score": "rating", "verdict score": "rating", "stars": "rating",
    "grade": "rating", "final score": "rating", "final rating": "rating", "overall": "rating",
    "overall score": "rating", "overall rating": "rating", "verdict": "rating",
    "episode rating": "rating", "season rating": "rating",
    "genre": "genres", "genres": "genres",
    "director": "directors", "directors": "directors", "directed by": "directors",
    "network": "platform", "platform": "platform", "streaming on": "platform",
    "where to watch": "platform", "available on": "platform", "watch on": "platform",
    "streaming": "platform", "service": "platform",
    "type": "kind", "format": "kind",
    "rated": "rated", "mpaa rating": "rated", "certificate": "rated", "age rating": "rated",
    "certification": "rated", "content rating": "rated",
    "imdb": "imdb_rating", "imdb rating": "imdb_rating",
    "rotten tomatoes": "rotten_tomatoes", "tomatometer": "rotten_tomatoes",
    "metacritic": "metacritic", "metascore": "metacritic",
    "runtime": "runtime", "running time": "runtime", "length": "runtime", "duration": "runtime",
    "writer": "writers", "writers": "writers", "screenplay": "writers",
    "cast": "cast", "starring": "cast",
    "country": "country", "language": "language", "studio": "studio",
    "distributor": "studio", "created by": "creators", "creator": "creators",
    "seasons": "seasons", "episodes": "episodes", "tags": "tags", "labels": "tags",
}  # fmt: skip
_SCORE_FIELDS = ("rating", "imdb_rating", "rotten_tomatoes", "metacritic")
_LIST_FIELDS = ("genres", "directors", "writers", "cast", "creators", "tags")
_NAME_FIELDS = ("directors", "writers", "cast", "creators")
_NAME_PARTICLES = frozenset(
    ("de", "da", "di", "del", "della", "der", "van", "von", "le", "la", "bin")
)
_KINDS = {
    "movie": "film", "film": "film", "feature film": "film", "feature": "film",
    "tv": "series", "tv series": "series", "series": "series", "show": "series",
    "tv show": "series", "season": "series", "miniseries": "series", "limited series": "series",
    "documentary": "film", "documentary series": "series", "docuseries": "series",
}  # fmt: skip
_TWO_WORD_GENRES = ("science fiction", "sci fi", "film noir", "black comedy", "dark comedy")

_LABEL_SPLIT = re.compile(r"^([A-Za-z][A-Za-z ]{0,23}?)\s*[:：|–—-]\s+(.+)$")
_BY = re.compile(r"^((?:directed|created) by)\s+(.+)$", re.IGNORECASE)
# "Written by X" is left out: on a blog it names the post's author more often than the film's.
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_TITLE_YEAR = re.compile(r"^(.*?)\s*\((\d{4})\)\s*$")
_SCORE = re.compile(
    r"^(\d{1,3}(?:[.,]\d+)?)\s*(?:/\s*(\d{1,3})|out of\s+(\d{1,3})(?:\s+stars?)?|%|\s*stars?)?$",
    re.IGNORECASE,
)
_STARS = re.compile(r"^[★☆✩✭✮⭐½\s]+(?:\(?\d(?:\.\d)?\s*/\s*5\)?)?$")
_CERTIFICATE = re.compile(
    r"^(?:G|PG|PG-13|R|NC-17|NR|X|U|UA|A|12A?|15|18|R18|MA15\+|M|"
    r"TV-(?:Y7?|G|PG|14|MA)|not rated|unrated|approved)$",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}}"
    r"|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?",
    re.IGNORECASE,
)
_DATE_FILLER = frozenset(
    (
        "posted", "published", "updated", "last", "modified", "written", "reviewed", "on", "at",
        "by", "in", "am", "pm", "edt", "est", "pst", "utc", "gmt", "ist", "cet", "bst",
    )
)  # fmt: skip
_BYLINE = re.compile(
    r"^(?:(?:by|written by|posted by|words by|review by|reviewed by)\s+\S+(?:\s+\S+){0,3}"
    r"|(?:posted|published|filed)\s+(?:in|under)\s+.{1,60}"
    r"|\d+\s*(?:min|minute)s?\s+read)$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_MAX_FURNITURE_CHARS = 100
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$", re.I)
_BREADCRUMB = re.compile(r"\s[»›>/|]\s")
_UNIT_WORDS = frozenset(
    (
        "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "h", "m", "s", "out",
        "of", "stars", "star", "month", "mo", "year", "yr", "usd", "eur", "gbp", "per", "week",
        "day", "votes", "vote", "reviews", "ratings", "score", "scores", "tomatometer", "audience",
        "critics", "critic", "metascore", "user", "users", "rating", "percent", "pts", "points",
    )
)  # fmt: skip
PAGE_FURNITURE = frozenset(
    (
        "share", "share this", "share this:", "share on", "like this:", "like", "tweet", "pin it",
        "email", "print", "facebook", "twitter", "x", "instagram", "pinterest", "reddit", "tumblr",
        "linkedin", "whatsapp", "telegram", "youtube", "tiktok", "threads", "mastodon", "bluesky",
        "imdb", "rotten tomatoes", "letterboxd", "metacritic", "trakt", "justwatch", "goodreads",
        "medium", "substack", "wordpress", "blogger", "amazon", "related", "related posts",
        "related articles", "you may also like", "you might also like", "more from this author",
        "leave a reply", "leave a comment", "comments", "comment", "reply", "subscribe", "sign up",
        "log in", "login", "advertisement", "sponsored", "read more", "continue reading",
        "loading...", "loading…", "buy on amazon", "buy now", "watch now", "watch trailer",
        "trailer", "menu", "search", "home", "skip to content", "previous post", "next post",
        "previous", "next", "audience score", "critics consensus", "tomatometer", "popcornmeter",
        "user score", "metascore", "rate this", "your rating", "cookie settings", "accept",
        "follow", "listen", "clap", "responses", "member-only story", "open in app", "get started",
        "sign in", "top stories", "more from", "recommended", "newsletter", "latest", "trending",
        "0 comments", "no comments",
    )
)  # fmt: skip
_HEADING_WORDS = frozenset(
    (
        "verdict", "conclusion", "conclusions", "introduction", "intro", "summary", "overview",
        "review", "pros", "cons", "plot", "story", "synopsis", "premise", "thoughts", "takeaway",
        "bottom", "line",
    )
)  # fmt: skip
_SMALL_WORDS = frozenset(
    (
        "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the",
        "to", "vs", "with",
    )
)  # fmt: skip


@dataclass
class Labelled:
    """The fields label/value lines gave, in the first-seen-wins order of the page."""

    title: str | None = None
    year: int | None = None
    rating: float | None = None
    kind: str | None = None
    platform: str | None = None
    genres: list[str] = field(default_factory=list)
    directors: list[str] = field(default_factory=list)
    extra: dict[str, str | list[str]] = field(default_factory=dict)

    def add(self, name: str, value: str) -> bool:
        """Fill in one field from a label's value; False when the value does not fit it."""
        value = clean_line(value).strip(" :")
        if not value:
            return False
        if name == "title":
            found = _TITLE_YEAR.match(value)
            if found and found.group(1):
                value, year = found.group(1), int(found.group(2))
                self.year = self.year or year
            self.title = self.title or value
        elif name == "year":
            years = _YEAR.findall(value)
            if not years:
                return False
            self.year = self.year or int(years[0])
        elif name == "rating":
            rating = parse_rating(value)
            if rating is None:
                return False
            self.rating = self.rating if self.rating is not None else rating
        elif name in ("imdb_rating", "rotten_tomatoes", "metacritic"):
            if not (_SCORE.match(value) or _STARS.match(value)):
                return False
            self.extra.setdefault(name, value)
        elif name == "rated":
            if not _CERTIFICATE.match(value):
                return False
            self.extra.setdefault(name, value.upper() if len(value) <= 6 else value)
        elif name == "kind":
            kind = _KINDS.get(value.casefold())
            if kind is None:
                return False
            self.kind = self.kind or kind
        elif name == "platform":
            self.platform = self.platform or value
        elif name == "genres":
            self.genres = self.genres or split_genres(value)
        elif name in _NAME_FIELDS:
            names = split_names(value)
            if not all(looks_like_a_name(n) for n in names):
                return False  # "Director: The Man Behind the Camera" is a heading
            if name == "directors":
                self.directors = self.directors or names
            else:
                self.extra.setdefault(name, names)
        elif name in _LIST_FIELDS:
            self.extra.setdefault(name, split_names(value))
        elif name == "runtime":
            if not re.search(r"\d", value):
                return False
            self.extra.setdefault(name, value)
        else:
            self.extra.setdefault(name, value)
        return True


def parse_rating(value: str) -> float | None:
    """A rating out of 5 from "4/5", "7.5/10", "4.5 out of 5", "3 stars", "★★★½" or a bare
    number (above 5, out of 10)."""
    value = value.strip()
    if _STARS.match(value) and ("★" in value or "⭐" in value or "½" in value):
        stars = value.count("★") + value.count("⭐") + (0.5 if "½" in value else 0)
        return min(float(stars), 5.0)
    found = _SCORE.match(value)
    if not found or value.endswith("%"):
        return None
    number = float(found.group(1).replace(",", "."))
    scale = found.group(2) or found.group(3)
    out_of = float(scale) if scale else (5.0 if number <= 5 else 10.0)
    if out_of <= 0 or number > out_of:
        return None
    return round(number * 5 / out_of, 2)


def split_genres(value: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s*[,/|·•;]\s*|\s+and\s+|\s*&\s*", value) if p.strip()]
    if len(parts) == 1 and " " in parts[0]:
        words, parts, lowered = parts[0].split(), [], parts[0].casefold()
        for two in _TWO_WORD_GENRES:
            if two in lowered:
                parts.append(two)
                lowered = lowered.replace(two, " ")
        parts += lowered.split()
        words = parts
        return [w.casefold() for w in words]
    return [p.casefold() for p in parts]


def looks_like_a_name(text: str) -> bool:
    """ "Sam Raimi", "Jean-Pierre Jeunet", "Guillermo del Toro": a few capitalised words."""
    words = text.split()
    return 0 < len(words) <= 4 and all(
        w[:1].isupper() or w in _NAME_PARTICLES or not w[:1].isalpha() for w in words
    )


def split_names(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*[,;|·•]\s*|\s+and\s+|\s*&\s*", value) if p.strip()]


def label_of(line: str) -> str | None:
    """The field a line that is only a label ("Year", "Directed by", "Genre:") names."""
    text = line.strip().rstrip(":：").strip().casefold()
    return LABELS.get(text) if len(text) <= 24 else None


def one_line_pair(line: str) -> tuple[str, str] | None:
    """(field, value) of "Label: value", "Directed by X", "Rating 3/5", "Rated PG"."""
    text = line.strip()
    if len(text) > MAX_VALUE_CHARS + 25:
        return None
    by = _BY.match(text)
    if by:
        return LABELS[by.group(1).casefold()], by.group(2)
    split = _LABEL_SPLIT.match(text)
    if split and (name := LABELS.get(split.group(1).strip().casefold())):
        return name, split.group(2)
    # "Rating 3/5", "IMDb 7.0/10", "Rated PG", "Year 2003", "Runtime 84 min".
    words = text.split()
    for size in (2, 1):
        if len(words) > size:
            name = LABELS.get(" ".join(words[:size]).casefold())
            value = " ".join(words[size:])
            if name and _typed_value(name, value):
                return name, value
    return None


def _typed_value(name: str, value: str) -> bool:
    if name in _SCORE_FIELDS:
        return bool(_SCORE.match(value) or _STARS.match(value))
    if name == "year":
        return bool(re.fullmatch(r"\(?(1[89]\d\d|20\d\d)\)?", value))
    if name == "rated":
        return bool(_CERTIFICATE.match(value))
    if name == "platform":
        return len(value.split()) <= 4 and value[:1].isupper()
    if name == "runtime":
        return bool(re.fullmatch(r"\d+\s*(?:h|hrs?|hours?)?\s*\d*\s*(?:m|mins?|minutes?)?", value))
    return False


def is_value(line: str) -> bool:
    """Whether a line is short enough, and unlike a sentence enough, to be a label's value."""
    text = line.strip()
    return (
        0 < len(text) <= MAX_VALUE_CHARS
        and len(text.split()) <= MAX_VALUE_WORDS
        and not text.endswith((".", "!", "?", ":"))
        and label_of(text) is None
    )


def is_page_furniture(line: str) -> bool:
    """A date, percentage, price, score, certificate, byline, breadcrumb or site name alone."""
    text = line.strip()
    if len(text) > _MAX_FURNITURE_CHARS:
        return False
    if not _LETTER_OR_DIGIT.search(text):
        return True  # "·", "|", "—" between a byline's parts
    lowered = text.casefold()
    if lowered in PAGE_FURNITURE or lowered.rstrip(":") in PAGE_FURNITURE:
        return True
    if _CERTIFICATE.match(text) or _STARS.match(text) or _DOMAIN.match(text):
        return True
    if _BYLINE.match(text) or (_BREADCRUMB.search(text) and len(text) <= 80 and "»" in text):
        return True
    if _DIGIT.search(text):
        words = [w.casefold() for w in re.findall(r"[^\W\d_]{2,}", text)]
        if all(w in _UNIT_WORDS for w in words):
            return True  # "79%", "7.0/10", "$12.99", "4.5 out of 5 stars", "84 min"
        dates = _DATE.sub(" ", text)
        if dates != text:
            rest = [w for w in re.findall(r"[^\W\d_]+", dates) if w.casefold() not in _DATE_FILLER]
            return len(rest) <= 3 and not text.endswith(("?", "!"))
    return False


def is_colon_heading(line: str) -> bool:
    """ "My Verdict:", "The Plot:", "Conclusion:" — a title-case line of a few words ending in ":"."""
    text = line.strip()
    if not text.endswith(":") or text.endswith("::"):
        return False
    words = text[:-1].split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
        return False
    if len(words) <= 2 and any(w.casefold().strip("'’") in _HEADING_WORDS for w in words):
        return True
    return all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in _SMALL_WORDS for w in words)
