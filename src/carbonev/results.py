"""Footprint results: the numbers, tidy DataFrames on request, and the provenance to reproduce them.

A result keeps its numbers as plain values (stage amounts, per stage and flow rows); ``stages`` and
``flows`` build pandas DataFrames the first time they are asked for, so a command that only prints a
table never imports pandas.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from carbonev.inventory.foreground import STAGE_LABELS, STAGES

if TYPE_CHECKING:
    import pandas as pd

UNIT = "kg CO2e"
PER_KM_UNIT = "g CO2e/km"
FLOW_COLUMNS = ("stage", "flow", "inventory", "impact")


@dataclass(frozen=True)
class StageRow:
    """One life-cycle stage of a result: ``amount`` [kg CO2e per vehicle], ``per_km`` [g CO2e/km],
    ``share`` of the total [-]."""

    stage: str
    label: str
    amount: float
    per_km: float
    share: float


@dataclass
class FootprintResult:
    """A cradle-to-grave footprint of one vehicle model.

    ``stage_rows`` (and the DataFrame ``stages``): one row per life-cycle stage with ``amount`` [kg CO2e
    per vehicle life], ``per_km`` [g CO2e/km] and ``share``; ``flow_rows`` (and ``flows``) split each stage
    by elementary flow: (stage, flow, inventory [kg], impact [kg CO2e]).
    """

    name: str
    lifetime_km: float
    stage_rows: list[StageRow]
    flow_rows: list[tuple[str, str, float, float]]
    provenance: dict[str, Any]
    assumptions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @cached_property
    def stages(self) -> pd.DataFrame:
        """Tidy per stage: stage, label, amount [kg CO2e], per_km [g CO2e/km], share [-]."""
        import pandas as pd

        return pd.DataFrame([vars(r) for r in self.stage_rows], columns=["stage", "label", "amount", "per_km", "share"])

    @cached_property
    def flows(self) -> pd.DataFrame:
        """Tidy per stage and flow: inventory [kg], impact [kg CO2e]."""
        import pandas as pd

        return pd.DataFrame(self.flow_rows, columns=list(FLOW_COLUMNS))

    def amount(self, stage: str) -> float:
        """[kg CO2e per vehicle] of one stage."""
        return next(r.amount for r in self.stage_rows if r.stage == stage)

    @property
    def total(self) -> float:
        """Life-cycle footprint [kg CO2e per vehicle]."""
        return float(sum(r.amount for r in self.stage_rows))

    @property
    def per_km(self) -> float:
        """Life-cycle footprint [g CO2e per km]."""
        return self.total * 1000.0 / self.lifetime_km

    @property
    def aggregated_share(self) -> float:
        """Share of the total that comes from pre-aggregated CO2e figures [-]."""
        agg = sum(impact for _, flow, _, impact in self.flow_rows if flow == "co2e_aggregated")
        return float(agg / self.total) if self.total else 0.0

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: stage, amount, unit (per vehicle), plus the total row."""
        import pandas as pd

        rows = [{"stage": r.stage, "amount": r.amount, "unit": UNIT} for r in self.stage_rows]
        return pd.DataFrame([*rows, {"stage": "total", "amount": self.total, "unit": UNIT}])

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": UNIT,
            "total": self.total,
            "per_km": self.per_km,
            "per_km_unit": PER_KM_UNIT,
            "lifetime_km": self.lifetime_km,
            "stages": [vars(r) for r in self.stage_rows],
            "flows": [dict(zip(FLOW_COLUMNS, row, strict=True)) for row in self.flow_rows],
            "aggregated_co2e_share": self.aggregated_share,
            "assumptions": self.assumptions,
            "notes": self.notes,
            "provenance": self.provenance,
        }

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, sort_keys=False)


class Footprints(list[FootprintResult]):
    """The footprints of several vehicles (a list of :class:`FootprintResult`, in the order given)."""

    def to_frame(self) -> pd.DataFrame:
        """Tidy per vehicle and stage: vehicle, stage, label, amount [kg CO2e], per_km [g CO2e/km], share [-]."""
        import pandas as pd

        rows = [{"vehicle": r.name, **vars(s)} for r in self for s in r.stage_rows]
        return pd.DataFrame(rows, columns=["vehicle", "stage", "label", "amount", "per_km", "share"])


def make_result(name: str, lifetime_km: float, flow_rows: list[tuple[str, str, float, float]],
                provenance: dict[str, Any], assumptions: dict[str, str], notes: list[str]) -> FootprintResult:
    """Assemble a result from per-stage, per-flow rows (stage, flow, inventory [kg], impact [kg CO2e])."""
    by_stage = dict.fromkeys(STAGES, 0.0)
    for stage, _, _, impact in flow_rows:
        by_stage[stage] += impact
    total = sum(by_stage.values())
    rows = [StageRow(s, STAGE_LABELS[s], by_stage[s], by_stage[s] * 1000.0 / lifetime_km,
                     by_stage[s] / total if total else 0.0) for s in STAGES]
    return FootprintResult(name=name, lifetime_km=lifetime_km, stage_rows=rows, flow_rows=list(flow_rows),
                           provenance=provenance, assumptions=assumptions, notes=notes)
