"""Vehicle footprints: spec files in, :class:`~carbonev.results.FootprintResult` out.

The computation behind :func:`carbonev.api.footprint` (the documented entry point) and everything
in the library that needs a vehicle's footprint (reports, ratings, supplier scoring, ``verify``).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.engine.evaluator import Engine
from carbonev.errors import CalculationError
from carbonev.inputs import input_files, resolve_inputs
from carbonev.inventory.foreground import STAGES, Foreground
from carbonev.inventory.vehicle import build
from carbonev.io.inputs import sha256_file
from carbonev.provenance.software import software_versions
from carbonev.results import FootprintResult, Footprints, make_result
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import apply
from carbonev.specs.vehicle import VehicleSpec

SpecLike = str | Path | VehicleSpec


def _load(spec: SpecLike) -> tuple[VehicleSpec, dict[str, str], str | None]:
    if isinstance(spec, VehicleSpec):
        digest = hashlib.sha256(spec.model_dump_json().encode()).hexdigest()
        return spec, {"file": None, "sha256": digest, "hashed": "normalised spec JSON"}, None
    path = Path(spec)
    model = load_vehicle(path)
    return model, {"file": str(path), "sha256": sha256_file(path), "hashed": "file bytes"}, str(path)


def footprint(
    specs: Sequence[SpecLike] | SpecLike,
    method: str | None = None,
    store: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    catalog: Catalog | None = None,
    overrides: Mapping[str, Any] | None = None,
    scenarios: Mapping[str, Mapping[str, Any]] | None = None,
) -> Footprints:
    """Cradle-to-grave footprints of one or more vehicle specs (see :func:`carbonev.api.footprint`).

    ``method`` names a file in ``methods/`` (default: IPCC AR6 GWP100);
    ``store`` is the Brightway store folder (default: per-user data folder).
    ``overrides`` (``{"battery.capacity": "75 kWh"}``) apply to every spec;
    ``scenarios`` (name → overrides) give one result per spec and scenario.
    All specs are validated and built before anything is written.
    """
    cat = catalog or shipped_catalog()
    meth = cat.method(method)
    loaded, foregrounds = _prepare(specs, cat, meth.name, store, progress, overrides, scenarios)
    engine = Engine.open(cat, store, meth.name, progress)
    flows = engine.stage_flows(foregrounds)  # [vehicle, stage, flow] kg
    if not np.all(np.isfinite(flows)):
        raise CalculationError("the footprint is not a finite number; check the spec's quantities")
    method_file = cat.files_by_name[("methods", meth.name)]
    results = Footprints()
    for (spec, input_info, _), fg, inventory in zip(loaded, foregrounds, flows, strict=True):
        provenance = {
            "input": input_info,
            "spec_key": fg.key,
            "method": {"name": meth.name, "title": meth.title, "version": meth.version, "sha256": method_file.sha256},
            "data": {"sha256": cat.sha256, "files": cat.versions()},
            "software": software_versions(),
        }
        table = _flow_table(inventory, engine)
        results.append(make_result(spec.name, fg.lifetime_km, table, provenance, fg.assumptions, fg.notes))
    return results


def _prepare(specs: Sequence[SpecLike] | SpecLike, cat: Catalog, method: str, store: str | Path | None,
             progress: Callable[[str], None] | None, overrides: Mapping[str, Any] | None,
             scenarios: Mapping[str, Mapping[str, Any]] | None) -> tuple[list, list[Foreground]]:
    """Load, override and build every spec, and resolve the files they name: every check before a
    number is computed [raises SpecError]. Returns ((spec, input info, file) per vehicle, foregrounds)."""
    if isinstance(specs, (str, Path, VehicleSpec)):
        specs = [specs]
    loaded = []
    for s in specs:
        spec, info, file = _load(s)
        spec = apply(spec, overrides or {}, origin=f"{file or spec.name} --set")
        info = {**info, "overrides": dict(overrides or {})}
        if not scenarios:
            loaded.append((spec, info, file))
        for name, extra in (scenarios or {}).items():
            varied = apply(spec, extra, origin=f"scenario {name}")
            varied = varied.model_copy(update={"name": f"{varied.name} [{name}]"})
            loaded.append((varied, {**info, "scenario": {name: dict(extra)}}, file))
    if any(_names_plant(spec) for spec, _, _ in loaded):  # plant shares are priced by the engine
        Engine.open(cat, store, method, progress)
    foregrounds = [build(spec, cat, file, inputs=resolve_inputs(spec, file, cat, method, store))
                   for spec, _, file in loaded]  # every spec checked before the store is touched
    for (spec, _, file), fg in zip(loaded, foregrounds, strict=True):
        check_foreground(fg, file or spec.name)
    return loaded, foregrounds


def check_foreground(fg: Foreground, where: str) -> None:
    """Every amount of a built foreground finite, and its lifetime positive [raises CalculationError]."""
    if not (math.isfinite(fg.lifetime_km) and fg.lifetime_km > 0):
        raise CalculationError(f"{where}: the lifetime distance is not a positive finite number")
    for stage in fg.stages.values():
        for link in stage.links:
            if not math.isfinite(link.amount):
                raise CalculationError(f"{where}: {stage.name}: an inventory amount is not finite; check the "
                                       "spec's quantities")


def check_specs(specs: Sequence[SpecLike] | SpecLike, method: str | None = None, store: str | Path | None = None,
                overrides: Mapping[str, Any] | None = None, catalog: Catalog | None = None,
                progress: Callable[[str], None] | None = None) -> list[tuple[str, VehicleSpec]]:
    """Every check :func:`footprint` makes, and the ``uncertainty:`` section's, without computing the
    footprint: (file or name, spec) per spec when all pass [raises SpecError]. ``carbonev validate``."""
    from carbonev.analysis.montecarlo import check_spec_uncertainty

    cat = catalog or shipped_catalog()
    loaded, _ = _prepare(specs, cat, cat.method(method).name, store, progress, overrides, None)
    for spec, _, file in loaded:
        check_spec_uncertainty(spec, file)
    return [(file or spec.name, spec) for spec, _, file in loaded]


def _names_plant(spec: VehicleSpec) -> bool:
    battery = spec.battery.plant_file if spec.battery is not None else None
    return spec.manufacturing.plant_file is not None or battery is not None


def _flow_table(inventory, engine: Engine) -> list[tuple[str, str, float, float]]:
    """Per stage and flow: (stage, flow, inventory [kg], impact [kg CO2e]), non-zero rows only."""
    return [(stage, flow, float(inventory[s, f]), float(inventory[s, f] * engine.cfs[f]))
            for s, stage in enumerate(STAGES) for f, flow in enumerate(engine.intensities.flows)
            if inventory[s, f] != 0]


def payload(results: Sequence[FootprintResult]) -> list[dict[str, Any]]:
    """The numbers a manifest hashes: per vehicle, stage amounts [kg CO2e], total, per km."""
    return [{"name": r.name, "stages": {s.stage: s.amount for s in r.stage_rows},
             "total": r.total, "per_km": r.per_km, "lifetime_km": r.lifetime_km} for r in results]


def manifest_inputs(spec_paths: Sequence[str | Path], scenario: str | Path | None = None) -> dict[str, Path]:
    """Every file a footprint reads: specs, plant files and suppliers' PACT files they name,
    and the scenario file (roles: spec1, spec1.plant, spec1.supplied1, ..., scenario)."""
    out: dict[str, Path] = {}
    for i, p in enumerate(spec_paths, start=1):
        out[f"spec{i}"] = Path(p)
        out.update(input_files(load_vehicle(p), str(p), f"spec{i}"))
    if scenario is not None:
        out["scenario"] = Path(scenario)
    return out


def rerun(inputs: dict[str, Path], options: dict[str, Any], store: str | Path | None) -> list[dict[str, Any]]:
    """Re-run a recorded ``footprint`` (for ``carbonev verify``)."""
    from carbonev.specs.overrides import load_scenarios

    specs = [inputs[k] for k in sorted((k for k in inputs if k.startswith("spec") and "." not in k),
                                       key=lambda k: int(k[4:]))]
    scenarios = load_scenarios(inputs["scenario"]) if "scenario" in inputs else None
    return payload(footprint(specs, method=options.get("method"), store=store,
                             overrides=options.get("overrides") or {}, scenarios=scenarios))
