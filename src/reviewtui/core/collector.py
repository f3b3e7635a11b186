"""Python's cycle collector, held off while the program starts.

A start makes a few hundred thousand objects (modules, classes, styles, widgets), and none of
them is garbage; yet every collection their allocation sets off walks them all again. Held off
until the first screen is painted, or until a command's own work begins, the library's first
paint comes about a tenth sooner. The objects made by then are frozen out of later collections.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """Hold off cycle collection (objects are still freed as soon as they are unused)."""
    gc.disable()


def release() -> None:
    """Collect cycles again, leaving what exists now out of every later collection. Calling it
    again, or without `hold`, does nothing."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
