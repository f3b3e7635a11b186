"""What a store hands back: the value asked for, and what the user should be told about the
file it came from (a skipped entry, a file set aside)."""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Outcome(NamedTuple, Generic[T]):
    value: T
    warnings: tuple[str, ...] = ()
    """One line each, naming the file; the caller shows them (nothing is kept to be cleared)."""
