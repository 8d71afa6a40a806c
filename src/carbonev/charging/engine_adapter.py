"""The ONE place carbonev.charging calls the engine: prices of links from the Evaluator's intensities.

Re-point these two functions when the engine API changes.
"""

from __future__ import annotations

from pathlib import Path


def pricer(cat, store: str | Path, method: str | None = None):
    """``price(code=None, flow=None) -> kg CO2e per unit`` from the engine's background intensities."""
    from carbonev.inventory.foreground import Link

    ev = _evaluator_for(cat, str(store), method)

    def price(code: str | None = None, flow: str | None = None) -> float:
        return ev.link_impact(Link(1.0, "price", code, flow))

    return price


_CACHE: dict = {}


def _evaluator_for(cat, store: str, method: str | None):
    from carbonev.engine.evaluator import Evaluator

    key = (cat.sha256, tuple(sorted(cat.overrides.items())), store, method)
    if key not in _CACHE:
        _CACHE.clear()  # one evaluator at a time: they hold the background system
        _CACHE[key] = Evaluator(cat, Path(store), method)
    return _CACHE[key]
