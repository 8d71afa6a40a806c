"""Evaluate lists of links with the shared background solve (Brightway-consistent numbers).

One :class:`~carbonev.engine.evaluator.Evaluator` per store, method and data version is
kept for the process, so a declaration, a PACT export and a verify re-run pay the
background solve once.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from carbonev.data.catalog import Catalog
from carbonev.engine.evaluator import Evaluator
from carbonev.engine.store import default_store
from carbonev.inventory.foreground import Link

BIOGENIC_FLOWS = ("co2_biogenic", "ch4_biogenic")


_CACHE: dict[tuple[str, str, str, int], Evaluator] = {}


def evaluator(cat: Catalog, store: str | Path | None = None, method: str | None = None) -> Evaluator:
    """The evaluator of ``cat`` in ``store`` (default store if None) under ``method``."""
    path = Path(store) if store else default_store()
    name = cat.method(method).name
    key = (str(path.expanduser().resolve()), name, cat.sha256, id(cat))
    if key not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = Evaluator(cat, Path(key[0]), name)
    return _CACHE[key]


def flow_impacts(ev: Evaluator, link: Link) -> np.ndarray:
    """Impact of one link split by elementary flow [kg CO2e], in ``ev.intensities.flows`` order."""
    cfs = ev.intensities.cfs
    if link.code is not None:
        return link.amount * ev.intensities.inventory[:, ev.column[link.code]] * cfs
    out = np.zeros(len(cfs))
    out[ev.intensities.flows.index(link.flow)] = link.amount * cfs[ev.intensities.flows.index(link.flow)]
    return out


def biogenic_share(ev: Evaluator, links: list[Link]) -> tuple[float, float]:
    """(total, of which biogenic-flow impacts) of ``links`` [kg CO2e]."""
    total = biogenic = 0.0
    idx = [ev.intensities.flows.index(f) for f in BIOGENIC_FLOWS if f in ev.intensities.flows]
    for link in links:
        v = flow_impacts(ev, link)
        total += float(v.sum())
        biogenic += float(v[idx].sum()) if idx else 0.0
    return total, biogenic
