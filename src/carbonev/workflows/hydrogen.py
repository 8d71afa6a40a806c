"""Hydrogen routes: footprint at the production gate and delivered, and the T/CAB 0078-2020 class."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class HydrogenClasses:
    """One row per shipped hydrogen route: ``kg_co2e_per_kg`` (production gate) and
    ``kg_co2e_per_kg_delivered`` [kg CO2e/kg H2], ``production_only``, ``class``, ``name``; the class
    thresholds [kg CO2e/kg H2]."""

    rows: list[dict[str, Any]]
    clean_threshold: float
    low_carbon_threshold: float

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.rows)


def hydrogen_classes(method: str | None = None, store: str | Path | None = None,
                     progress: Any = None) -> HydrogenClasses:
    from carbonev.data.catalog import shipped_catalog
    from carbonev.engine.evaluator import Engine
    from carbonev.rules.hydrogen import classify, production_footprint, routes

    cat = shipped_catalog()
    ev = Engine.open(cat, store, method, progress)
    rows = []
    for code in routes(cat):
        p = production_footprint(code, cat, ev.unit_impact)
        cls = classify(p.production, code, cat)
        rows.append({"route": code, "kg_co2e_per_kg": p.production, "kg_co2e_per_kg_delivered": p.delivered,
                     "production_only": p.separable,
                     "class": cls if p.separable else f"{cls} (upper bound: delivered value)",
                     "name": cat.activities[code].name})
    return HydrogenClasses(rows, cat.value("hydrogen_class_clean_threshold", "kg_CO2e/kg"),
                           cat.value("hydrogen_class_low_carbon_threshold", "kg_CO2e/kg"))
