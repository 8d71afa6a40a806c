"""The one place supplier scoring asks the engine for numbers (``carbonev.api.footprint``).

For a vehicle spec with ``supplied`` parts, one call computes scenarios of the same spec:
no part supplied (the generic inventory), each part supplied alone, and all supplied (the
spec as written). For part *i*:

    supplier_i = A(only i) − A(none)           A: impact of pre-aggregated CO2e figures [kg CO2e/vehicle]
    delta_i    = T(only i) − T(none)           T: life-cycle total [kg CO2e/vehicle]
    generic_i  = supplier_i − delta_i          the generic inventory of the part it replaces

so both numbers come from the engine's own accounting of the supplied footprint (units,
replacement packs), written once in carbonev.inventory.supplied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from carbonev.api import footprint
from carbonev.errors import SpecError
from carbonev.io.files import read_mapping


@dataclass(frozen=True)
class PartNumbers:
    replaces: str
    footprint_file: str  # as written in the spec
    supplier_kg: float  # [kg CO2e per vehicle]
    generic_kg: float  # [kg CO2e per vehicle]


@dataclass(frozen=True)
class SpecNumbers:
    spec: str
    name: str
    total_supplied: float  # [kg CO2e per vehicle] the spec as written
    total_generic: float  # [kg CO2e per vehicle] no part supplied
    parts: list[PartNumbers]


def _aggregated(result) -> float:
    flows = result.flows
    return float(flows.loc[flows["flow"] == "co2e_aggregated", "impact"].sum())


def spec_numbers(spec: str | Path, store: str | Path | None = None, method: str | None = None) -> SpecNumbers:
    """Generic and supplier numbers of every supplied part of ``spec`` [raises SpecError]."""
    raw = read_mapping(spec).get("supplied") or []
    if not raw:
        raise SpecError("the spec cites no supplier footprint (supplied: [...]): nothing to score",
                        file=str(spec), field="supplied")
    scenarios = {"generic": {"supplied": []}, **{f"part-{i}": {"supplied": [item]} for i, item in enumerate(raw)},
                 "as-written": {"supplied": raw}}
    results = footprint([spec], method=method, store=store, scenarios=scenarios)
    by = dict(zip(scenarios, results, strict=True))
    none = by["generic"]
    parts = []
    for i, item in enumerate(raw):
        only = by[f"part-{i}"]
        supplier = _aggregated(only) - _aggregated(none)
        delta = only.total - none.total
        parts.append(PartNumbers(str(item.get("replaces")), str(item.get("footprint")), supplier, supplier - delta))
    name = by["as-written"].name.removesuffix(" [as-written]")
    return SpecNumbers(str(spec), name, by["as-written"].total, none.total, parts)
