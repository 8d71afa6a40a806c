"""Footprint results: tidy DataFrames plus the provenance needed to reproduce them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from carbonev.inventory.foreground import STAGE_LABELS, STAGES

UNIT = "kg CO2e"
PER_KM_UNIT = "g CO2e/km"


@dataclass
class FootprintResult:
    """A cradle-to-grave footprint of one vehicle model.

    ``stages`` is tidy: one row per life-cycle stage with ``amount`` [kg CO2e
    per vehicle life] and ``per_km`` [g CO2e/km]; ``flows`` splits each stage by
    elementary flow (``inventory`` [kg], ``impact`` [kg CO2e]).
    """

    name: str
    lifetime_km: float
    stages: pd.DataFrame
    flows: pd.DataFrame
    provenance: dict[str, Any]
    assumptions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        """Life-cycle footprint [kg CO2e per vehicle]."""
        return float(self.stages["amount"].sum())

    @property
    def per_km(self) -> float:
        """Life-cycle footprint [g CO2e per km]."""
        return self.total * 1000.0 / self.lifetime_km

    @property
    def aggregated_share(self) -> float:
        """Share of the total that comes from pre-aggregated CO2e figures [-]."""
        agg = self.flows.loc[self.flows["flow"] == "co2e_aggregated", "impact"].sum()
        return float(agg / self.total) if self.total else 0.0

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: stage, amount, unit (per vehicle), plus the total row."""
        df = self.stages[["stage", "amount"]].copy()
        df["unit"] = UNIT
        total = pd.DataFrame([{"stage": "total", "amount": self.total, "unit": UNIT}])
        return pd.concat([df, total], ignore_index=True)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": UNIT,
            "total": self.total,
            "per_km": self.per_km,
            "per_km_unit": PER_KM_UNIT,
            "lifetime_km": self.lifetime_km,
            "stages": [
                {"stage": r.stage, "label": r.label, "amount": r.amount, "per_km": r.per_km, "share": r.share}
                for r in self.stages.itertuples()
            ],
            "flows": self.flows.to_dict(orient="records"),
            "aggregated_co2e_share": self.aggregated_share,
            "assumptions": self.assumptions,
            "notes": self.notes,
            "provenance": self.provenance,
        }

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, sort_keys=False)


def make_result(name: str, lifetime_km: float, flows: pd.DataFrame, provenance: dict[str, Any],
                assumptions: dict[str, str], notes: list[str]) -> FootprintResult:
    """Assemble a result from per-stage, per-flow impacts."""
    by_stage = flows.groupby("stage")["impact"].sum()
    amounts = [float(by_stage.get(s, 0.0)) for s in STAGES]
    total = sum(amounts)
    stages = pd.DataFrame({
        "stage": list(STAGES),
        "label": [STAGE_LABELS[s] for s in STAGES],
        "amount": amounts,
        "per_km": [a * 1000.0 / lifetime_km for a in amounts],
        "share": [a / total if total else 0.0 for a in amounts],
    })
    return FootprintResult(name=name, lifetime_km=lifetime_km, stages=stages, flows=flows.reset_index(drop=True),
                           provenance=provenance, assumptions=assumptions, notes=notes)
