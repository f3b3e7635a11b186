"""What a store hands back: the value asked for, and what the user should be told about the
file it came from (a skipped entry, a file set aside)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T
    warnings: tuple[str, ...] = ()
    """One line each, naming the file; the caller shows them (nothing is kept to be cleared)."""
