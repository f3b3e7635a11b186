"""The library's order: by any of its columns, either way, unknown values always last."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from reviewtui.core.facets import Reading, ReadState
from reviewtui.core.model import Listed

Item = TypeVar("Item", bound=Listed)

SORT_COLUMNS = ("mark", "title", "year", "kind", "platform", "genres", "rating", "read")
"""Every column the library can be sorted by, in the order the table shows them."""

SORT_NAMES = {
    "mark": "bookmarks",
    "title": "title",
    "year": "year",
    "kind": "kind",
    "platform": "platform",
    "genres": "genres",
    "rating": "rating",
    "read": "reading",
}

_READ_ORDER = {ReadState.READING: 0, ReadState.UNREAD: 1, ReadState.FINISHED: 2}

SortKey = tuple[float, str]


def _key(column: str, reading: Callable[[Item], Reading]) -> Callable[[Item], SortKey | None]:
    """The natural order's key of a column (None: unknown, listed last), newest and best first
    for years and ratings, bookmarked and half-read reviews first for the marks."""

    def key(item: Item) -> SortKey | None:
        if column == "year":
            return None if item.year is None else (-item.year, "")
        if column == "rating":
            return None if item.rating is None else (-item.rating, "")
        if column in ("kind", "platform"):
            value = item.kind if column == "kind" else item.platform
            return (0, value.casefold()) if value else None
        if column == "genres":
            return (0, ", ".join(item.genres).casefold()) if item.genres else None
        if column == "mark":
            return (0, "") if reading(item).bookmarked else None
        if column == "read":
            known = reading(item)
            return (_READ_ORDER[known.state] * 1000 - known.percent, "")
        return (0, item.title.casefold())

    return key


def sort_listed(
    by_title: Sequence[Item],
    column: str,
    reverse: bool = False,
    reading: Callable[[Item], Reading] = lambda _: Reading(),
) -> list[Item]:
    """`by_title` (already in title order, which breaks ties) sorted by `column`; `reverse`
    turns the known values round and keeps the unknown ones at the end."""
    if column == "title":
        return list(reversed(by_title)) if reverse else list(by_title)
    key = _key(column, reading)
    keyed = [(key(item), item) for item in by_title]
    known = [(k, item) for k, item in keyed if k is not None]
    unknown = [item for k, item in keyed if k is None]
    known.sort(key=lambda pair: pair[0], reverse=reverse)
    return [item for _, item in known] + unknown
