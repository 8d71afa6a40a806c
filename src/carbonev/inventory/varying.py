"""Quantities that vary across variants: build ONE foreground for many sweep variants or Monte Carlo
draws at once.

A :class:`Varying` is a NumPy array (one value per variant) that the inventory code can treat as a
number: arithmetic is element-wise, so every link amount becomes an array of per-variant amounts;
a test such as ``if glider <= 0`` is true when it holds for *any* variant (the caller then rebuilds
the variants one by one to name the offending one); an f-string shows the range (``62.5…125``).
Only values that never choose a *structure* (which activity, which year, which branch) may vary:
sweeps and Monte Carlo keep strings, integers and enumerations fixed within a group.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


class Varying(np.ndarray):
    """Per-variant values of one quantity (see module doc)."""

    def __new__(cls, values: Any) -> Varying:
        return np.asarray(values, dtype=float).view(cls)

    def __bool__(self) -> bool:
        return bool(np.any(np.asarray(self)))

    def __format__(self, spec: str) -> str:
        plain = np.asarray(self)
        if plain.size == 0:
            return "(none)"
        lo, hi = float(plain.min()), float(plain.max())
        return format(lo, spec) if lo == hi else f"{format(lo, spec)}…{format(hi, spec)}"

    def __repr__(self) -> str:
        return f"Varying({np.asarray(self)!r})"

    __str__ = __repr__


def varies(x: Any) -> bool:
    """True if ``x`` holds per-variant values."""
    return isinstance(x, np.ndarray)


def at_least(x: Any, floor: float) -> Any:
    """max(x, floor), element-wise for varying ``x`` (a plain number stays a plain number)."""
    return np.maximum(x, floor) if varies(x) else max(x, floor)


def whole(x: Any) -> int:
    """The number of whole units a (possibly varying) non-negative quantity spans: ceil of its maximum."""
    top = float(np.max(x)) if varies(x) else float(x)
    return math.ceil(top - 1e-9)
