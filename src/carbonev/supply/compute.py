"""The one place supplier scoring asks the engine for numbers (``carbonev.analysis.footprint``).

For a vehicle spec with ``supplied`` parts, one call computes scenarios of the same spec:
no part supplied (the generic inventory), each part supplied alone, and all supplied (the
spec as written). For part *i*:

    supplier_i = F(only i) − F(none)    F: the foreground's direct pre-aggregated CO2e [kg CO2e/vehicle]
    delta_i    = T(only i) − T(none)    T: life-cycle total [kg CO2e/vehicle]
    generic_i  = supplier_i − delta_i   the generic inventory of the part it replaces

so both numbers come from the inventory's own accounting of the supplied footprint (declared
units, replacement packs), written once in carbonev.inventory.supplied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from carbonev.analysis.footprint import footprint
from carbonev.data.catalog import shipped_catalog
from carbonev.errors import SpecError
from carbonev.inputs import resolve_inputs
from carbonev.inventory.vehicle import build
from carbonev.io.files import read_mapping
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import apply


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


def _direct_aggregated(spec, supplied: list, file: str) -> float:
    """[kg CO2e/vehicle] the suppliers' footprints the foreground takes in (links of origin ``supplier``)."""
    varied = apply(spec, {"supplied": supplied}, origin=f"{file} supplied")
    cat = shipped_catalog()
    fg = build(varied, cat, file, keyed=False, inputs=resolve_inputs(varied, file, cat))
    return sum(link.amount for stage in fg.stages.values() for link in stage.links
               if link.origin is not None and link.origin.kind == "supplier")


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
    model = load_vehicle(spec)
    base = _direct_aggregated(model, [], str(spec))
    parts = []
    for i, item in enumerate(raw):
        only = by[f"part-{i}"]
        supplier = _direct_aggregated(model, [item], str(spec)) - base
        delta = only.total - none.total
        parts.append(PartNumbers(str(item.get("replaces")), str(item.get("footprint")), supplier, supplier - delta))
    name = by["as-written"].name.removesuffix(" [as-written]")
    return SpecNumbers(str(spec), name, by["as-written"].total, none.total, parts)
