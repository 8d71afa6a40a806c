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

    def to_frame(self) -> pd.DataFrame:
        """Per vehicle and stage (and ``total``): mean, median, 5th and 95th percentiles [kg CO2e], the
        same per km [g CO2e/km]."""
        return self.summary

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
    """``indices``: per input, Borgonovo delta and first-order Sobol S1 with their confidence, and the
    Spearman rank correlation; ``tornado``: per input, the total [kg CO2e] with the input at its 5th
    and 95th percentile (``output_low``, ``output_high``) and the ``swing``."""

    indices: pd.DataFrame
    tornado: pd.DataFrame
    provenance: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The indices, with the tornado's low, high and swing [kg CO2e] where the input is in the tornado."""
        return self.indices.merge(self.tornado[["input", "output_low", "output_high", "swing"]], on="input",
                                  how="left")

    def to_dict(self) -> dict:
        return {"indices": _records(self.indices), "tornado": _records(self.tornado), "provenance": self.provenance}


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows for JSON: a missing number (NaN, e.g. an undetermined SALib interval) is None."""
    return df.astype(object).where(df.notna(), None).to_dict(orient="records")


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
    from carbonev.extras import require

    require("sensitivity", "sensitivity indices")  # before the Monte Carlo run, not after it
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


@dataclass
class SweepResult:
    """One row per variant: the overridden fields, each stage and the total [kg CO2e], per_km [g CO2e/km]."""

    table: pd.DataFrame
    provenance: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        return self.table


def run_sweep(path: str | Path, grid: str | Path | Sequence[dict[str, Any]], *, overrides: Overrides | None = None,
              method: str | None = None, store: Path | None = None, scheduler: str | None = None) -> pd.DataFrame:
    """The sweep table of ``grid``'s variants of the spec at ``path``."""
    return sweep_analysis(path, grid, overrides=overrides, method=method, store=store, scheduler=scheduler).table


def sweep_analysis(path: str | Path, grid: str | Path | Sequence[dict[str, Any]], *,
                   overrides: Overrides | None = None, method: str | None = None, store: Path | None = None,
                   scheduler: str | None = None) -> SweepResult:
    """The sweep of ``grid`` (a grid file, or the variants as override mappings) of the spec at ``path``."""
    cat = shipped_catalog()
    [loaded] = load_specs([path], overrides, cat, method, store)
    if isinstance(grid, (str, Path)):
        variants, origin = load_grid(grid), str(grid)
    else:
        variants, origin = [dict(v) for v in grid], "variants"
    table = sweep(loaded.spec, variants, cat, store, method, origin=origin, scheduler=scheduler, inputs=loaded.inputs)
    return SweepResult(table, _provenance(cat, method, [loaded], variants=len(variants), origin=origin,
                                          overrides=overrides or {}))


@dataclass
class Comparison:
    """Two vehicles side by side: ``stages`` (stage × vehicle [kg CO2e]), ``per_km`` [g CO2e/km], the
    break-even of the electric one (if exactly one is electric) and, with Monte Carlo, the probability
    that the first is lower per km (same background draws)."""

    stages: pd.DataFrame  # stage × vehicle [kg CO2e]
    per_km: dict[str, float]
    break_even: BreakEven | None
    names: tuple[str, str]
    probability_first_lower: float | None = None
    iterations: int = 0

    def to_frame(self) -> pd.DataFrame:
        """Tidy: vehicle, stage, amount [kg CO2e]."""
        return self.stages.reset_index(names="stage").melt(id_vars="stage", var_name="vehicle", value_name="amount")

    def to_dict(self) -> dict:
        be = self.break_even
        return {
            "vehicles": list(self.names),
            "stages": {n: self.stages[n].to_dict() for n in self.names},
            "per_km": self.per_km,
            "break_even": None if be is None else {"km": be.km, "year": be.year,
                                                   "electric_lower_from_start": be.electric_lower_from_start},
            "probability_first_lower": self.probability_first_lower,
        }


def compare(a: str | Path, b: str | Path, *, overrides: Overrides | None = None, method: str | None = None,
            store: Path | None = None, iterations: int = 0, seed: int = 0,
            progress: Callable[[int], None] | None = None) -> Comparison:
    """Two vehicles side by side, with the break-even of the electric one if one is electric, and
    with ``iterations`` > 0 the Monte Carlo probability that ``a`` is lower per km."""
    cmp = _compare(a, b, overrides, method, store)
    if iterations:
        mc = uncertainty([a, b], iterations, seed, overrides=overrides, method=method, store=store,
                         progress=progress)
        cmp.probability_first_lower = float(mc.probability_lower.iloc[0, 1])
        cmp.iterations = iterations
    return cmp


def _compare(a: str | Path, b: str | Path, overrides: Overrides | None, method: str | None,
             store: Path | None) -> Comparison:
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
