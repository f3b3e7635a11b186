"""`reviewtui bookmarks`: list, add or remove bookmarks."""

from __future__ import annotations

import argparse

from reviewtui.cli.errors import EXIT_OK, EXIT_USAGE, CommandError
from reviewtui.cli.library import find_review
from reviewtui.cli.output import print_json, say, say_fields, warn
from reviewtui.core.folding import unmarked
from reviewtui.store.bookmarks import Bookmark, BookmarkStore


def cmd_bookmarks(args: argparse.Namespace) -> int:
    store = BookmarkStore()
    warnings: tuple[str, ...] = ()
    try:
        if args.action == "add":
            review = find_review(args, args.title)
            added = store.add(review.title, review.path)
            warnings = added.warnings
            if added.value:
                say(f"bookmarked {review.title}")
            else:
                say(f"{review.title} was already bookmarked")
        elif args.action == "remove":
            read = store.entries()
            warnings = read.warnings
            wanted = args.title.casefold()
            found = [b for b in read.value if b.title.casefold() == wanted]
            if not found:  # accents aside, as titles are looked up
                bare = unmarked(args.title)
                found = [b for b in read.value if unmarked(b.title) == bare]
            if not found:
                raise CommandError(f"no bookmark titled '{args.title}'", EXIT_USAGE)
            if len(found) > 1:
                titles = [b.title for b in found]
                raise CommandError(
                    f"'{args.title}' matches {len(found)} bookmarks", EXIT_USAGE, titles
                )
            warnings = store.remove(found[0].title).warnings
            say(f"removed the bookmark on {found[0].title}")
        else:
            read = store.entries()
            warnings = read.warnings
            list_bookmarks(read.value, args.json)
    except OSError as error:
        # A StateFileError says which file and why, in one line.
        raise CommandError(f"bookmarks not saved: {error}") from error
    finally:
        for warning in warnings:
            warn(warning)
    return EXIT_OK


def list_bookmarks(marks: list[Bookmark], as_json: bool) -> None:
    if as_json:
        print_json(
            [
                {
                    "title": b.title,
                    "path": b.path,
                    "added": b.added.isoformat(),
                    "watch": b.to_watch,
                    "from": b.source or None,
                }
                for b in marks
            ]
        )
    elif not marks:
        warn("no bookmarks yet")
    else:
        for b in marks:
            added = b.added.astimezone().strftime("%Y-%m-%d %H:%M")
            where = str(b.path) if not b.to_watch else f"to watch (from {b.source or '?'})"
            say_fields([b.title, added, where])
