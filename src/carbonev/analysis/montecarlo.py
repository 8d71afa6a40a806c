"""Monte Carlo over foreground (spec, parameters) and background (inventory) values.

Iterations run in fixed-size chunks. Chunk ``c`` draws its foreground values from
``chunk_rng(seed, c)`` and the engine draws its background from ``chunk_seed(seed, c)``
(every Brightway matrix value from its own distribution, :mod:`carbonev.engine.sampling`),
so a chunk's numbers do not depend on where it runs: one process, or Dask workers.
Every vehicle of a run sees the same background draw in each iteration, which keeps
the correlation between alternatives ("probability that A beats B"). Each iteration keeps
the lifetime distance it was built with, so per-km figures divide by their own lifetime.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from carbonev.analysis.sampling import chunk_rng, chunk_seed, draw
from carbonev.data.catalog import Catalog, load_catalog, shipped_catalog
from carbonev.data.recorder import Recorder
from carbonev.data.records import Exact
from carbonev.errors import CalculationError, SpecError
from carbonev.inventory.external import NONE, ExternalInputs
from carbonev.inventory.foreground import Foreground
from carbonev.inventory.varying import Varying
from carbonev.inventory.vehicle import build
from carbonev.specs.overrides import VariantFactory, get_path, with_field
from carbonev.specs.vehicle import VehicleSpec


@dataclass(frozen=True)
class MCJob:
    """Everything a worker needs to run chunks (picklable, no open handles)."""

    specs: tuple[str, ...] = ()  # vehicle specs as JSON (model_dump_json)
    inputs: tuple[ExternalInputs, ...] = ()  # the files each spec names, resolved (default: none)
    foregrounds: tuple[Foreground, ...] = ()  # or fixed foregrounds (tests, custom models)
    store: str | None = None
    method: str | None = None
    seed: int = 0
    iterations: int = 1000
    chunk_size: int = 1000
    background: bool = True
    foreground: bool = True
    method_uncertainty: bool = False
    keep_inputs: bool = True  # the drawn inputs (for sensitivity); off, a run keeps only the results
    data_dirs: tuple[str, str] | None = None  # (methods, inventories); None = shipped
    data_sha256: str | None = None  # workers refuse to run on other data

    @property
    def chunks(self) -> int:
        return -(-self.iterations // self.chunk_size)

    def chunk_range(self, chunk: int) -> range:
        start = chunk * self.chunk_size
        return range(start, min(start + self.chunk_size, self.iterations))


    def spec_inputs(self, i: int) -> ExternalInputs:
        return self.inputs[i] if self.inputs else NONE


@dataclass
class Samples:
    """Sampled stage impacts [kg CO2e per vehicle]: ``values[iteration, vehicle, stage]``, and the
    lifetime distance each iteration used, ``lifetimes[iteration, vehicle]`` [km]."""

    names: list[str]
    values: np.ndarray
    inputs: dict[str, np.ndarray] = field(default_factory=dict)  # input name → [iteration]
    lifetimes: np.ndarray | None = None

    def per_km(self) -> np.ndarray:
        """Totals per km of each iteration's own lifetime [g CO2e/km]: ``[iteration, vehicle]``."""
        return self.values.sum(axis=2) * 1000.0 / self.lifetimes


def _catalog(job: MCJob) -> Catalog:
    if job.data_dirs is None:
        return shipped_catalog()
    return _dir_catalog(*job.data_dirs)


@lru_cache(maxsize=4)
def _dir_catalog(methods: str, inventories: str) -> Catalog:
    return load_catalog(Path(methods), Path(inventories))


def _engine(job: MCJob):
    from carbonev.engine.evaluator import Engine

    return Engine.open(_catalog(job), job.store, job.method)


def used_parameters(spec: VehicleSpec, cat: Catalog, inputs: ExternalInputs = NONE) -> set[str]:
    """The shipped parameters a build of ``spec`` reads: the only ones that can move its footprint."""
    view = Recorder(cat)
    build(spec, view, keyed=False, inputs=inputs)  # type: ignore[arg-type]  # a Catalog view
    return set(view.used)


def uncertain_parameters(cat: Catalog) -> list[str]:
    """Parameters whose value carries a spread (sampled in the foreground)."""
    return sorted(n for n, p in cat.parameters.items() if not isinstance(p.uncertainty, Exact))


def spread(spec: VehicleSpec, path: str, factory: VariantFactory,
           file: str | None = None) -> tuple[float, dict[str, float]]:
    """(the field's value, the parameters of its distribution) in the field's canonical unit,
    checked so that they can be sampled [raises SpecError naming ``uncertainty.<path>``]."""
    u, where = spec.uncertainty[path], f"uncertainty.{path}"
    try:
        centre = get_path(spec, path)
    except AttributeError:
        raise SpecError("no such field in the spec", file=file, field=where) from None
    if isinstance(centre, bool) or not isinstance(centre, (int, float)):
        raise SpecError(f"not a number in this spec (got {centre!r})", file=file, field=where)
    centre = float(centre)

    def q(key: str) -> float:
        text = getattr(u, key)
        try:
            if text.strip().endswith("%"):
                return centre * float(text.strip()[:-1]) / 100.0
            return float(factory.validated(path, text))
        except (SpecError, ValueError) as exc:
            why = exc.message if isinstance(exc, SpecError) else "not a number or a quantity"
            raise SpecError(why, file=file, field=f"{where}.{key}") from None

    if u.distribution == "normal":
        out = {"sd": q("sd")}
        if not out["sd"] > 0:
            raise SpecError("must be positive", file=file, field=f"{where}.sd")
    elif u.distribution in ("uniform", "triangular"):
        out = {"min": q("min"), "max": q("max")}
        if u.distribution == "triangular" and out["min"] > centre:
            raise SpecError("must not exceed the field's value (the mode of a triangular distribution)",
                            file=file, field=f"{where}.min")
        if u.distribution == "triangular" and out["max"] < centre:
            raise SpecError("must not be below the field's value (the mode of a triangular distribution)",
                            file=file, field=f"{where}.max")
        if out["max"] < out["min"] or (u.distribution == "triangular" and out["max"] == out["min"]):
            raise SpecError("must not be below min" if out["max"] < out["min"] else "must be above min",
                            file=file, field=f"{where}.max")
    else:
        out = {"gsd": float(u.gsd)}
    return centre, out


def check_spec_uncertainty(spec: VehicleSpec, file: str | None = None) -> None:
    """Check every entry of the spec's ``uncertainty:`` section [raises SpecError]."""
    factory = VariantFactory(spec, origin=f"uncertainty of {spec.name}")
    for path in sorted(spec.uncertainty):
        spread(spec, path, factory, file)


def _spec_samples(spec: VehicleSpec, factory: VariantFactory, size: int,
                  rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Samples of the spec's uncertain fields, in each field's canonical unit."""
    out = {}
    for path, u in sorted(spec.uncertainty.items()):
        centre, p = spread(spec, path, factory)
        if u.distribution == "normal":
            x = rng.normal(centre, p["sd"], size)
        elif u.distribution == "uniform":
            x = rng.uniform(p["min"], p["max"], size)
        elif u.distribution == "triangular":
            x = rng.triangular(p["min"], centre, p["max"], size)
        else:
            x = centre * np.exp(rng.normal(0.0, np.log(p["gsd"]), size))
        lo, hi = field_limits(path)  # physical quantities stay positive and within the schema's bounds: a
        out[path] = np.clip(x, max(lo, 1e-9 * abs(centre)), hi)  # normal tail never makes a 1 km lifetime
    return out


def field_limits(path: str) -> tuple[float, float]:
    """(lowest, highest) value the spec schema allows for the numeric field at ``path`` (±inf if unbounded)."""
    import typing

    from pydantic import BaseModel

    model: Any = VehicleSpec
    *parents, last = path.split(".")
    for name in parents:
        info = model.model_fields.get(name) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if info is None:
            return -np.inf, np.inf
        model = next((a for a in (info.annotation, *typing.get_args(info.annotation))
                      if isinstance(a, type) and issubclass(a, BaseModel)), None)
    info = model.model_fields.get(last) if isinstance(model, type) and issubclass(model, BaseModel) else None
    lo, hi = -np.inf, np.inf
    for m in info.metadata if info is not None else ():
        lo = max(lo, float(getattr(m, "ge", getattr(m, "gt", -np.inf))))
        hi = min(hi, float(getattr(m, "le", getattr(m, "lt", np.inf))))
    return lo, hi


def _draws(job: MCJob, cat: Catalog, chunk: int, n: int) -> tuple[dict[str, np.ndarray], list[dict]]:
    """The chunk's foreground draws: parameters (``parameter:NAME``) and each spec's uncertain fields."""
    specs = [VehicleSpec.model_validate_json(s) for s in job.specs]
    if not job.foreground:
        return {}, [{} for _ in specs]
    rng = chunk_rng(job.seed, chunk)
    drawn = {f"parameter:{p}": draw(cat.parameter(p), n, rng) for p in uncertain_parameters(cat)}
    per_spec = []
    for spec in specs:
        fields = _spec_samples(spec, VariantFactory(spec, origin=f"uncertainty of {spec.name}"), n, rng)
        per_spec.append(fields)
        drawn.update({f"{spec.name}:{path}": x for path, x in fields.items()})
    return drawn, per_spec


def _vehicle(job: MCJob, cat: Catalog, k: int, spec: VehicleSpec, drawn: dict, fields: dict,
             iteration: int | None) -> Foreground:
    """Vehicle ``k`` with the chunk's draws: every iteration at once (``Varying`` values) when
    ``iteration`` is None, else that iteration alone."""
    def pick(x: np.ndarray):
        return Varying(x) if iteration is None else float(x[iteration])

    params = {key.split(":", 1)[1]: pick(x) for key, x in drawn.items() if key.startswith("parameter:")}
    view = cat.with_values(params) if params else cat
    varied = spec
    for path, x in fields.items():
        varied = with_field(varied, path, pick(x))
    return build(varied, view, keyed=False, inputs=job.spec_inputs(k))


def _vehicle_impacts(job: MCJob, cat: Catalog, engine, k: int, spec: VehicleSpec, drawn: dict, fields: dict,
                     n: int, h: np.ndarray, cfs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[iteration, stage] impacts and [iteration] lifetimes of vehicle ``k``: one build for the whole
    chunk, or, if the draws cannot share one (a draw changes the structure, or is invalid), one build
    per iteration — the same numbers either way."""
    if drawn or fields:
        try:
            fg = _vehicle(job, cat, k, spec, drawn, fields, None)
        except (ValueError, TypeError, ArithmeticError):
            rows = []
            lifetimes = np.empty(n)
            for i in range(n):
                fg = _vehicle(job, cat, k, spec, drawn, fields, i)
                rows.append(engine.stage_matrix(fg, 1, h[i:i + 1], cfs[i:i + 1])[0])
                lifetimes[i] = fg.lifetime_km
            return np.array(rows), lifetimes
    else:
        fg = build(spec, cat, keyed=False, inputs=job.spec_inputs(k))
    return engine.stage_matrix(fg, n, h, cfs), np.broadcast_to(np.asarray(fg.lifetime_km, dtype=float), n).copy()


def run_chunk(job: MCJob, chunk: int) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """Stage impacts [iteration, vehicle, stage] of one chunk, the inputs drawn, and the lifetimes
    [iteration, vehicle].

    No step calls BLAS (element-wise products, sparse sums, the level solve), whose multi-threaded sums
    would depend on the thread count: the result does not depend on where it runs.
    """
    cat = _catalog(job)
    if job.data_sha256 is not None and cat.sha256 != job.data_sha256:
        raise CalculationError(
            f"this worker's data (sha256 {cat.sha256[:12]}) differ from the job's ({job.data_sha256[:12]}); "
            "install the same carbonev version and data on every worker"
        )
    n = len(job.chunk_range(chunk))
    engine = _engine(job)
    if job.background:
        h, cfs = engine.sampler(job.method_uncertainty).draw(n, chunk_seed(job.seed, chunk))
    else:
        h = np.broadcast_to(engine.impact, (n, len(engine.impact)))
        cfs = np.broadcast_to(engine.cfs, (n, len(engine.cfs)))
    if job.foregrounds:
        impacts = np.stack([engine.stage_matrix(fg, n, h, cfs) for fg in job.foregrounds], axis=1)
        lifetimes = np.array([[fg.lifetime_km for fg in job.foregrounds]] * n)
        drawn: dict[str, np.ndarray] = {}
    else:
        drawn, per_spec = _draws(job, cat, chunk, n)
        specs = [VehicleSpec.model_validate_json(s) for s in job.specs]
        parts = [_vehicle_impacts(job, cat, engine, k, spec, drawn, fields, n, h, cfs)
                 for k, (spec, fields) in enumerate(zip(specs, per_spec, strict=True))]
        impacts = np.stack([p[0] for p in parts], axis=1)
        lifetimes = np.stack([p[1] for p in parts], axis=1)
    bg_inputs = ({f"background:{c}": h[:, engine.column[c]] for c in _reference_codes(job, cat)}
                 if job.background else {})
    if not np.all(np.isfinite(impacts)):
        raise CalculationError("a Monte Carlo draw gave a non-finite result")
    return impacts, ({**drawn, **bg_inputs} if job.keep_inputs else {}), lifetimes


def _reference_codes(job: MCJob, cat: Catalog) -> list[str]:
    """Background codes the deterministic foregrounds link to (the ``background:`` inputs)."""
    fgs = list(job.foregrounds) or [build(VehicleSpec.model_validate_json(s), cat, keyed=False,
                                          inputs=job.spec_inputs(i)) for i, s in enumerate(job.specs)]
    return sorted({link.code for fg in fgs for st in fg.stages.values() for link in st.links if link.code})


def run(job: MCJob, scheduler: str | None = None, progress=None) -> Samples:
    """All chunks of ``job``: in this process, or on Dask when ``scheduler`` is given
    ('local' starts a LocalCluster; otherwise a scheduler address)."""
    if job.data_sha256 is None:
        job = replace(job, data_sha256=_catalog(job).sha256)
    if scheduler:
        from carbonev.analysis.parallel import map_chunks

        results = map_chunks(run_chunk, job, scheduler, progress)
    else:
        results = []
        for c in range(job.chunks):
            results.append(run_chunk(job, c))
            if progress:
                progress(len(job.chunk_range(c)))
    values = np.concatenate([r[0] for r in results])
    inputs = {k: np.concatenate([r[1][k] for r in results]) for k in results[0][1]}
    lifetimes = np.concatenate([r[2] for r in results])
    if job.foregrounds:
        names = [fg.name for fg in job.foregrounds]
    else:
        names = [VehicleSpec.model_validate_json(s).name for s in job.specs]
    return Samples(names=names, values=values, inputs=inputs, lifetimes=lifetimes)
