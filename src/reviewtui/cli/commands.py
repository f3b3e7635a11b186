"""The commands that read the library: `list`, `show`, `search` and `check`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reviewtui.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CommandError
from reviewtui.cli.library import ask_index, find_review, library_folder, open_catalog, read_review
from reviewtui.cli.output import (
    json_array_chunks,
    print_json,
    print_table,
    say,
    warn,
    write_document,
)
from reviewtui.core.document import shown_text
from reviewtui.core.model import Problem, Review, Section

if TYPE_CHECKING:
    from reviewtui.index import Hit, ReviewIndex


def stream_listing(args: argparse.Namespace) -> None:
    """`list --json`: the index brought up to date, then its listing written as it is read, so
    that a hundred thousand reviews are never all in memory at once."""
    from reviewtui.index import ReviewIndex

    problems, unreadable = ask_index(args, lambda index: index.problems())
    for problem in problems + unreadable:
        warn(f"skipped {problem}")
    with ReviewIndex(library_folder(args)) as index:
        for chunk in json_array_chunks(index.iter_summaries()):
            sys.stdout.write(chunk)


def cmd_list(args: argparse.Namespace) -> int:
    if args.json:
        stream_listing(args)
        return EXIT_OK
    reviews = open_catalog(args).entries
    print_table(
        ("Title", "Year", "Kind", "Platform", "Rating"),
        [
            (
                review.title,
                str(review.year or ""),
                review.kind or "",
                review.platform or "",
                f"{review.rating:g}" if review.rating is not None else "",
            )
            for review in reviews
        ],
    )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise CommandError("give words to search for (the query is empty)", EXIT_USAGE)
    hits = search_library(args)
    if args.json:
        print_json([hit.as_json() for hit in hits])
        return EXIT_OK
    if not hits:
        warn(f"no review mentions {args.query!r}")
        return EXIT_ERROR
    from reviewtui.cli.output import print_hits

    print_hits(hits)
    return EXIT_OK


def search_library(args: argparse.Namespace) -> list[Hit]:
    """The hits of the query; each folder left out is one line on stderr."""
    from reviewtui.index import SearchSyntaxError

    try:
        hits, unreadable = ask_index(args, lambda index: index.search(args.query, args.limit))
    except SearchSyntaxError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    for problem in unreadable:
        warn(f"skipped {problem}")
    return hits


def cmd_show(args: argparse.Namespace) -> int:
    if args.json and args.format:
        raise CommandError("--json and --format cannot be used together", EXIT_USAGE)
    if not args.json:
        review = find_review(args, args.title)
        if args.format:
            from reviewtui.cli.export import export_review

            write_document(export_review(review, args.format, args.spoilers))
        else:
            from reviewtui.cli.render import print_review

            print_review(review, args.spoilers)
        return EXIT_OK

    def review_and_comparables(index: ReviewIndex) -> dict[str, object]:
        from reviewtui.index.catalog import TitleLookup

        titles = TitleLookup(index)
        review = read_review(titles.find(args.title))
        in_library = {title: titles.has_title(title) for title in review.comparables}
        return review_json(review, in_library, args.spoilers)

    print_json(ask_index(args, review_and_comparables)[0])
    return EXIT_OK


def review_json(
    review: Review, in_library: dict[str, bool], show_spoilers: bool
) -> dict[str, object]:
    """The review's fields and its sections with their text; a hidden spoiler section keeps
    its heading and says it is hidden, and the headings inside it are left out too."""
    data = review.summary()
    data["directors"] = list(review.directors)
    data["tags"] = list(review.tags)
    data["url"] = review.url
    data["fields"] = dict(review.other_fields)
    sections: list[dict[str, object]] = []
    hidden_until: int | None = None
    for number, section in enumerate(review.sections):
        if hidden_until is not None and section.start_line < hidden_until:
            continue  # a heading inside a hidden spoiler section gives the spoiler away
        hidden = section.spoiler and not show_spoilers
        hidden_until = section.end_line if hidden else None
        sections.append(
            {
                "title": section.title,
                "level": section.level,
                "spoiler": section.spoiler,
                "hidden": hidden,
                "text": ""
                if hidden
                else shown_text(  # inline spoilers hidden unless asked, as in every export
                    review,
                    own_text(review, section, review.sections[number + 1 :]),
                    show_spoilers,
                ),
            }
        )
    data["sections"] = sections
    data["comparables"] = [
        {"title": title, "in_library": in_library[title]} for title in review.comparables
    ]
    return data


def own_text(review: Review, section: Section, after: list[Section]) -> str:
    """The Markdown of a section below its heading, up to the first heading inside it."""
    lines = review.body.split("\n")
    end = section.end_line
    if after and after[0].start_line < end:
        end = after[0].start_line
    return "\n".join(lines[section.start_line + 1 : end]).strip("\n")


def problem_json(problem: Problem) -> dict[str, object]:
    return {
        "path": str(problem.path),
        "line": problem.line,
        "reason": problem.reason,
        "severity": "error" if problem.fatal else "warning",
    }


def cmd_check(args: argparse.Namespace) -> int:
    catalog = open_catalog(args, report_problems=False)
    problems = sorted(catalog.all_problems(), key=lambda p: (str(p.path), p.line or 0))
    if args.json:
        print_json([problem_json(problem) for problem in problems])
    elif problems:
        for problem in problems:
            where = f"{problem.path}:{problem.line}" if problem.line else str(problem.path)
            severity = "error" if problem.fatal else "warning"
            say(f"{where}: {severity}: {problem.reason}")
        errors = sum(1 for problem in problems if problem.fatal)
        warn(
            f"{errors} file(s) not loaded, {len(problems) - errors} warning(s); "
            f"{len(catalog.entries)} review(s) loaded from {catalog.root}"
        )
    else:
        say(f"No problems: {len(catalog.entries)} review(s) in {catalog.root}")
    return EXIT_ERROR if problems else EXIT_OK
