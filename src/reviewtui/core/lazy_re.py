"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern takes 0.05–0.3 ms, and most patterns of the modules the first screen
imports are not needed to draw it. Such a module keeps each pattern as `lazy(...)` and calls it
where it matches: `_YEAR().search(text)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import AnyStr


def lazy(source: AnyStr, flags: int = 0) -> Callable[[], re.Pattern[AnyStr]]:
    """`re.compile(source, flags)`, compiled at the first call and kept."""
    return cache(lambda: re.compile(source, flags))
