"""`reviewtui bookmarks`: list, add or remove bookmarks."""

from __future__ import annotations

import argparse

from reviewtui.cli.errors import EXIT_OK, EXIT_USAGE, CommandError
from reviewtui.cli.library import find_review
from reviewtui.cli.output import print_json, say, say_fields, warn
from reviewtui.store.bookmarks import BookmarkStore


def cmd_bookmarks(args: argparse.Namespace) -> int:
    store = BookmarkStore()
    try:
        if args.action == "add":
            review = find_review(args, args.title)
            if store.add(review.title, review.path):
                say(f"bookmarked {review.title}")
            else:
                say(f"{review.title} was already bookmarked")
        elif args.action == "remove":
            wanted = args.title.casefold()
            found = [b for b in store.entries() if b.title.casefold() == wanted]
            if not found:
                raise CommandError(f"no bookmark titled '{args.title}'", EXIT_USAGE)
            store.remove(found[0].title)
            say(f"removed the bookmark on {found[0].title}")
        else:
            list_bookmarks(store, args.json)
    except OSError as error:
        raise CommandError(f"bookmarks could not be saved: {error}") from error
    for warning in store.warnings:
        warn(warning)
    return EXIT_OK


def list_bookmarks(store: BookmarkStore, as_json: bool) -> None:
    marks = store.entries()
    if as_json:
        print_json(
            [{"title": b.title, "path": b.path, "added": b.added.isoformat()} for b in marks]
        )
    elif not marks:
        warn("no bookmarks yet")
    else:
        for b in marks:
            added = b.added.astimezone().strftime("%Y-%m-%d %H:%M")
            say_fields([b.title, added, str(b.path)])
