"""Sweeps: many variants of one vehicle spec → one tidy table.

The background is solved once (:class:`Evaluator`); each variant costs a spec copy,
a foreground build (pure Python, ~0.1 ms) and a row of a sparse product.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from carbonev.analysis.evaluator import Evaluator
from carbonev.data.catalog import Catalog
from carbonev.inventory.foreground import STAGES
from carbonev.inventory.vehicle import build
from carbonev.scenarios import VariantFactory
from carbonev.specs.vehicle import VehicleSpec


def sweep(base: VehicleSpec, variants: Sequence[dict[str, Any]], cat: Catalog, store: Path,
          method: str | None = None, origin: str = "sweep", evaluator: Evaluator | None = None) -> pd.DataFrame:
    """One row per variant: its overrides, stage impacts [kg CO2e], total, lifetime, per km [g/km]."""
    factory = VariantFactory(base, origin=origin)
    foregrounds = [build(factory.make(o), cat, f"{origin}: variant {i}", keyed=False) for i, o in enumerate(variants)]
    ev = evaluator or Evaluator(cat, store, method)
    impacts = ev.stages(foregrounds)
    table = pd.DataFrame(list(variants))
    table.insert(0, "variant", range(len(variants)))
    for k, stage in enumerate(STAGES):
        table[stage] = impacts[:, k]
    table["total"] = impacts.sum(axis=1)
    table["lifetime_km"] = [fg.lifetime_km for fg in foregrounds]
    table["per_km"] = table["total"] * 1000.0 / table["lifetime_km"]
    return table
