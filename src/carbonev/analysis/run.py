"""High-level analyses behind the CLI and the Python API: uncertainty, sensitivity,
sweeps and comparisons, each returning tables plus the provenance to reproduce them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonev.analysis import montecarlo, sensitivity, stats
from carbonev.analysis.breakeven import BreakEven, break_even, curve
from carbonev.analysis.sweep import sweep
from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.engine.evaluator import Engine
from carbonev.inputs import anchored, resolve_inputs
from carbonev.inventory.external import ExternalInputs
from carbonev.inventory.foreground import STAGES
from carbonev.inventory.resolve import resolve
from carbonev.inventory.vehicle import build
from carbonev.io.files import sha256_file
from carbonev.provenance.software import software_versions
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import Overrides, apply, load_grid, with_field
from carbonev.specs.vehicle import VehicleSpec


@dataclass
class Loaded:
    path: str
    spec: VehicleSpec
    sha256: str
    inputs: ExternalInputs

    def build(self, cat: Catalog, spec: VehicleSpec | None = None, keyed: bool = False):
        """The foreground of this spec (or of ``spec``, a variant of it) with its resolved files."""
        return build(spec or self.spec, cat, self.path, keyed=keyed, inputs=self.inputs)


def load_specs(paths: Sequence[str | Path], overrides: Overrides | None = None, cat: Catalog | None = None,
               method: str | None = None, store: Path | None = None) -> list[Loaded]:
    """Load and validate specs, applying ``--set`` overrides to each, and resolve the files they
    name once; those are made absolute (see :func:`anchored`), since variants are built without the
    spec's path."""
    cat = cat or shipped_catalog()
    out = []
    for p in paths:
        spec = anchored(apply(load_vehicle(p), overrides or {}, origin=f"{p} --set"), str(p))
        inputs = resolve_inputs(spec, str(p), cat, method, store)
        out.append(Loaded(str(p), spec, sha256_file(Path(p)), inputs))
    return out


def _provenance(cat: Catalog, method: str | None, loaded: list[Loaded], **options: Any) -> dict:
    meth = cat.method(method)
    return {
        "inputs": [{"file": x.path, "sha256": x.sha256} for x in loaded],
        "method": {"name": meth.name, "version": meth.version},
        "data": {"sha256": cat.sha256},
        "options": options,
        "software": software_versions(),
    }


@dataclass
class UncertaintyResult:
    samples: montecarlo.Samples
    summary: pd.DataFrame
    probability_lower: pd.DataFrame
    lifetime_km: list[float]
    provenance: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "unit": "kg CO2e per vehicle; *_per_km in g CO2e/km",
            "summary": self.summary.to_dict(orient="records"),
            "probability_lower": {a: {b: (None if np.isnan(v) else float(v)) for b, v in row.items()}
                                  for a, row in self.probability_lower.to_dict(orient="index").items()},
            "provenance": self.provenance,
        }


def uncertainty(paths: Sequence[str | Path], iterations: int = 1000, seed: int = 0, *,
                overrides: Overrides | None = None, method: str | None = None, store: Path | None = None,
                background: bool = True, foreground: bool = True, scheduler: str | None = None,
                chunk_size: int = 1000, progress: Callable[[int], None] | None = None,
                catalog: Catalog | None = None, keep_inputs: bool = True) -> UncertaintyResult:
    """Monte Carlo of one or more vehicles on shared background draws (``keep_inputs``: keep every
    drawn input, which sensitivity analysis needs; without, memory holds only the results)."""
    cat = catalog or shipped_catalog()
    loaded = load_specs(paths, overrides, cat, method, store)
    for x in loaded:  # validate everything before starting
        x.build(cat)
        montecarlo.check_spec_uncertainty(x.spec, x.path)
    store_path = Engine.open(cat, store, method).store.path
    job = montecarlo.MCJob(specs=tuple(x.spec.model_dump_json() for x in loaded),
                           inputs=tuple(x.inputs for x in loaded), store=str(store_path),
                           method=method, seed=seed, iterations=iterations, chunk_size=chunk_size,
                           keep_inputs=keep_inputs,
                           background=background, foreground=foreground)
    samples = montecarlo.run(job, scheduler=scheduler, progress=progress)
    lifetimes = [resolve(x.spec, cat).lifetime_km for x in loaded]
    prov = _provenance(cat, method, loaded, iterations=iterations, seed=seed, chunk_size=chunk_size,
                       background=background, foreground=foreground, overrides=overrides or {})
    return UncertaintyResult(samples, stats.summary(samples), stats.probability_lower(samples), lifetimes, prov)


@dataclass
class SensitivityResult:
    indices: pd.DataFrame
    tornado: pd.DataFrame
    provenance: dict = field(default_factory=dict)


def _one_at_a_time(x: Loaded, cat: Catalog, ev: Engine):
    """evaluate(name, value) → total [kg CO2e] with one Monte Carlo input changed
    (``parameter:NAME``, ``background:CODE`` or ``VEHICLE:key.path``)."""

    def evaluate(name: str | None, value: float | None) -> float:
        view, overrides, varied = cat, None, x.spec
        if name is None:
            pass
        elif name.startswith("parameter:"):
            view = cat.with_values({name.split(":", 1)[1]: value})
        elif name.startswith("background:"):
            overrides = {name.split(":", 1)[1]: value}
        else:
            varied = with_field(x.spec, name.rsplit(":", 1)[1], value)
        return float(ev.stages([x.build(view, varied)], overrides).sum())

    return evaluate


def sensitivity_analysis(path: str | Path, iterations: int = 2000, seed: int = 0, top: int = 10, *,
                         overrides: Overrides | None = None, method: str | None = None,
                         store: Path | None = None, scheduler: str | None = None,
                         progress: Callable[[int], None] | None = None) -> SensitivityResult:
    """Delta indices of the total footprint and a tornado of the ``top`` inputs."""
    result = uncertainty([path], iterations, seed, overrides=overrides, method=method, store=store,
                         scheduler=scheduler, progress=progress)
    total = result.samples.values[:, 0, :].sum(axis=1)
    cat = shipped_catalog()
    [loaded] = load_specs([path], overrides, cat, method, store)
    # every shipped parameter with a spread is sampled; only those this vehicle reads can drive it
    used = montecarlo.used_parameters(loaded.spec, cat, loaded.inputs)
    inputs = {k: v for k, v in result.samples.inputs.items()
              if not k.startswith("parameter:") or k.split(":", 1)[1] in used}
    indices = sensitivity.delta_indices(inputs, total, top=max(top, 10), seed=seed)
    ev = Engine.open(cat, store, method)
    tornado = sensitivity.tornado(inputs, list(indices["input"][:top]), _one_at_a_time(loaded, cat, ev))
    return SensitivityResult(indices, tornado, result.provenance)


def run_sweep(path: str | Path, grid_file: str | Path, *, overrides: Overrides | None = None,
              method: str | None = None, store: Path | None = None, scheduler: str | None = None) -> pd.DataFrame:
    """The sweep table of ``grid_file``'s variants of the spec at ``path``."""
    cat = shipped_catalog()
    [loaded] = load_specs([path], overrides, cat, method, store)
    variants = load_grid(grid_file)
    return sweep(loaded.spec, variants, cat, store, method, origin=str(grid_file), scheduler=scheduler,
                 inputs=loaded.inputs)


@dataclass
class Comparison:
    stages: pd.DataFrame  # stage × vehicle [kg CO2e]
    per_km: dict[str, float]
    break_even: BreakEven | None
    names: tuple[str, str]


def compare(a: str | Path, b: str | Path, *, overrides: Overrides | None = None, method: str | None = None,
            store: Path | None = None) -> Comparison:
    """Two vehicles side by side, with the break-even of the electric one if one is electric."""
    cat = shipped_catalog()
    la, lb = load_specs([a, b], overrides, cat, method, store)
    ev = Engine.open(cat, store, method)
    fa, fb = la.build(cat), lb.build(cat)
    impacts = ev.stages([fa, fb])
    names = (la.spec.name, lb.spec.name)
    table = pd.DataFrame(impacts.T, index=list(STAGES), columns=list(names))
    per_km = {n: float(impacts[i].sum() * 1000.0 / fg.lifetime_km) for i, (n, fg) in enumerate(zip(names, (fa, fb),
                                                                                                      strict=True))}
    be = None
    ra, rb = resolve(la.spec, cat), resolve(lb.spec, cat)
    electric = [i for i, s in enumerate((la.spec, lb.spec)) if s.powertrain.electric]
    if len(electric) == 1:
        e, c = (0, 1) if electric[0] == 0 else (1, 0)
        specs, fgs, res = (la.spec, lb.spec), (fa, fb), (ra, rb)
        be = break_even(curve(fgs[e], ev, specs[e].use.first_year, res[e].years),
                        curve(fgs[c], ev, specs[c].use.first_year, res[c].years))
    return Comparison(table, per_km, be, names)
