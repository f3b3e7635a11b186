"""Write a synthetic review library: N reviews in the sectioned style, plus an optional 5 MB one.

    python benchmarks/generate_library.py DIR --count 10000 [--huge] [--plain | --yaml] [--seed 1]

--plain writes the reviews as plain text (`.txt`, no front matter, headings as lines of their
own), the shape of a review kept in a text editor. --yaml writes YAML front matter between
`---` lines, as Jekyll, Hugo and Astro sites do, with a date, tags and a description too.

The words follow a long-tailed distribution (a common vocabulary plus invented names and rare
terms), so search and "more like this" face realistic term frequencies.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tomllib
from pathlib import Path


def words(text: str) -> list[str]:
    return text.split()


COMMON = words("""the a of and to in is it that with as for on by this an at from its but are be his her
their not one which was has have more than into about who only when what so its all they out film
series story scene scenes character characters performance performances camera shot shots cut
episode episodes season seasons case detective murder killer victim police investigation crime
night city town house family mother father daughter son brother sister wife husband friend
director writer screenplay script dialogue score music sound silence light dark shadow colour
tension pace slow quiet loud violence grief guilt memory truth lie secret past present future
moment moments ending opening sequence image images frame frames tone mood world place time
year years life death love fear hope anger doubt trust work job office room street road car rain
""")
CRAFT = words("""cinematography editing montage framing blocking lighting production design costume
ensemble lead supporting cameo arc motif theme themes structure flashback voiceover narrator
tracking handheld closeup widescreen palette texture rhythm momentum restraint ambiguity irony
melodrama procedural noir thriller mystery drama western horror satire comedy tragedy realism
naturalism expressionism minimalism bleak tender brutal elegant precise patient meticulous
restless haunting understated confident ambitious uneven sprawling taut lean lush austere""")
GENRES = words("""crime drama mystery thriller noir horror comedy western science-fiction war romance
documentary biography history fantasy satire""")
PLATFORMS = ["Netflix", "HBO", "Prime Video", "Apple TV+", "BBC", "Hulu", "Cinema", "Channel 4"]
SYLLABLES = words("""ka ro mi la ven tor sa el dri mon bra fi go hal ni que ster wen lo par is an ul
ber cas dun ev fal gri hol jor kel mar nor ost pel rin sol tam vol wyn yar zel""")
SECTIONS = [
    "Introduction and Context",
    "Story and Themes",
    "Characters and Performances",
    "Writing and Structure",
    "Direction and Visual Language",
    "Sound and Music",
    "Pacing and Tone",
    "Key Moments (Spoilers)",
    "Comparables",
    "Verdict",
]
TITLE_WORDS = words("""Silent Harbor Black Winter Glass River Hollow Crown Last Witness Northern Line Cold
Summer Burning Field Quiet Shore Broken Compass Iron Orchard Paper Saints Salt Road Velvet Hour
Lost Signal Grey Meridian Red Lantern Deep Water Pale Horse Long Night Empty Chair Wild Coast""")

# Short lines a benchmark waits for on screen: the first words of a review and its last line.
FIRST_LINE = "Here the review begins."
LAST_LINE = "Here the review ends."
HUGE_TITLE = "The Complete Chronicle"
PARAGRAPH_TITLE = "The Single Paragraph"


def invented_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        # A long tail of rare terms: most appear in only a handful of reviews.
        self.rare = [invented_word(self.rng) for _ in range(20000)]
        self.titles: list[str] = []
        self.seen: set[str] = set()

    def title(self) -> str:
        rng = self.rng
        while True:
            words = rng.sample(TITLE_WORDS, rng.randint(1, 3))
            base = " ".join(words)
            if rng.random() < 0.5:
                base = f"The {base}"
            if rng.random() < 0.3:
                base = f"{base} of {invented_word(rng).capitalize()}"
            if base not in self.seen:
                break
            base = f"{base} {rng.randint(2, 9999)}"
            if base not in self.seen:
                break
        self.seen.add(base)
        return base

    def sentence(self, names: list[str], topic: list[str]) -> str:
        rng = self.rng
        words = rng.choices(COMMON, k=rng.randint(8, 22))
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words)), rng.choice(CRAFT))
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words)), rng.choice(names))
        if rng.random() < 0.6:
            words.insert(rng.randrange(len(words)), rng.choice(topic))
        if rng.random() < 0.1:
            words.insert(rng.randrange(len(words)), rng.choice(self.rare))
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice(".....?!")

    def paragraph(self, names: list[str], topic: list[str]) -> str:
        return " ".join(self.sentence(names, topic) for _ in range(self.rng.randint(3, 7)))

    def section_text(self, names: list[str], topic: list[str], paragraphs: int) -> str:
        return "\n\n".join(self.paragraph(names, topic) for _ in range(paragraphs))

    def review(self, title: str, comparables: list[str], sections: int = 0, size: int = 0) -> str:
        rng = self.rng
        names = [invented_word(rng).capitalize() for _ in range(4)]
        topic = [rng.choice(self.rare) for _ in range(6)]
        genres = rng.sample(GENRES, rng.randint(1, 4))
        quoted = ", ".join(f'"{c}"' for c in comparables)
        lines = [
            "+++",
            f'title = "{title}"',
            f"year = {rng.randint(1960, 2026)}",
            f'kind = "{rng.choice(["film", "series"])}"',
            f'platform = "{rng.choice(PLATFORMS)}"',
            "genres = [" + ", ".join(f'"{g}"' for g in genres) + "]",
            f"rating = {rng.randint(2, 10) / 2:g}",
            f"comparables = [{quoted}]",
            'spoilers = ["Key Moments (Spoilers)"]',
            "+++",
            f"# {title}",
            "",
        ]
        out = "\n".join(lines)
        if sections:
            # The huge review: many sections, each a few paragraphs, up to `size` characters.
            parts = [out]
            per_section = max(1, size // sections)
            for number in range(sections):
                heading = f"## Part {number + 1}: {rng.choice(SECTIONS)}"
                body = self.section_text(names, topic, 1)
                if number == 0:
                    body = f"{FIRST_LINE}\n\n{body}"
                while len(body) < per_section - len(heading):
                    body += "\n\n" + self.paragraph(names, topic)
                parts.append(f"{heading}\n\n{body}\n")
            parts.append(f"{LAST_LINE}\n")
            return "\n".join(parts)
        chunks = [out]
        for name in SECTIONS:
            if name == "Comparables":
                body = f"It sits beside {quoted or 'nothing quite like it'}."
            else:
                body = self.section_text(names, topic, rng.randint(1, 3))
            if name == SECTIONS[0]:
                body = f"{FIRST_LINE}\n\n{body}"
            chunks.append(f"## {name}\n\n{body}\n")
        chunks.append(f"{LAST_LINE}\n")
        return "\n".join(chunks)


def as_plain_text(review: str) -> str:
    """The review without front matter, its Markdown headings as plain lines."""
    _, _, rest = review.partition("+++\n")
    _, _, body = rest.partition("+++\n")
    return "\n".join(line.lstrip("#").lstrip() for line in body.split("\n"))


def as_yaml(review: str, number: int) -> str:
    """The review with its TOML front matter written as a static site's YAML (a rating out of
    10, a date, tags and a description besides)."""
    _, _, rest = review.partition("+++\n")
    toml, _, body = rest.partition("+++\n")
    fields = tomllib.loads(toml)
    fields["rating"] = fields["rating"] * 2
    fields["date"] = f"20{number % 25:02d}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
    fields["draft"] = False
    fields["tags"] = fields["genres"][:2]
    fields["description"] = f"A review of {fields['title']}."
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {json.dumps(item, ensure_ascii=False)}" for item in value)
        elif isinstance(value, str) and key != "date":
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        else:
            lines.append(f"{key}: {json.dumps(value) if isinstance(value, bool) else value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def generate(
    folder: Path,
    count: int,
    huge: bool = False,
    seed: int = 1,
    plain: bool = False,
    yaml: bool = False,
) -> list[Path]:
    """Write `count` reviews (and the huge one) into folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    titles = [writer.title() for _ in range(count)]
    written: list[Path] = []
    for number, title in enumerate(titles):
        others = writer.rng.sample(titles, min(3, len(titles)))
        comparables = [t for t in others if t != title][:3]
        # Spread files over subfolders, as a years-old library would be.
        sub = folder / f"{number % 100:02d}"
        sub.mkdir(exist_ok=True)
        text = writer.review(title, comparables)
        path = sub / f"review-{number:05d}.{'txt' if plain else 'md'}"
        if plain:
            text = as_plain_text(text)
        elif yaml:
            text = as_yaml(text, number)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if huge:
        path = folder / "huge-review.md"
        text = writer.review(HUGE_TITLE, titles[:2], sections=2000, size=5_000_000)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def write_paragraph_review(folder: Path, size: int = 20_000_000, seed: int = 2) -> Path:
    """A review that is one paragraph on one line of `size` characters, with no headings."""
    writer = Writer(seed)
    names = [invented_word(writer.rng).capitalize() for _ in range(4)]
    topic = [writer.rng.choice(writer.rare) for _ in range(6)]
    sentences = [FIRST_LINE]
    length = len(FIRST_LINE)
    while length < size:
        sentences.append(writer.sentence(names, topic))
        length += len(sentences[-1]) + 1
    sentences.append(LAST_LINE)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "single-paragraph.md"
    body = " ".join(sentences)
    path.write_text(f'+++\ntitle = "{PARAGRAPH_TITLE}"\n+++\n{body}\n', encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--huge", action="store_true", help="add a 5 MB, 2,000-section review")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--plain", action="store_true", help="plain-text reviews (.txt)")
    kind.add_argument("--yaml", action="store_true", help="YAML front matter (Jekyll, Hugo)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = generate(args.folder, args.count, args.huge, args.seed, args.plain, args.yaml)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths)} reviews ({size / 1e6:.1f} MB) to {args.folder} "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
