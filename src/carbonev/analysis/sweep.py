"""Sweeps: many variants of one vehicle spec → one tidy table.

The background is solved once (:class:`~carbonev.engine.evaluator.Engine`). Variants that differ only
in numbers (capacities, energy use, masses, lifetimes) are built together: their overrides become
:class:`~carbonev.inventory.varying.Varying` arrays and ONE foreground holds every variant's link
amounts; variants that differ in a string, an integer or an enumeration (region, first year,
chemistry) form separate groups. A group that cannot be built this way (e.g. one variant is invalid)
is built variant by variant, which also names the offending variant. Numbers are the same either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.engine.evaluator import Engine
from carbonev.errors import CalculationError
from carbonev.inventory.external import NONE, ExternalInputs
from carbonev.inventory.foreground import STAGES
from carbonev.inventory.varying import Varying
from carbonev.inventory.vehicle import build
from carbonev.specs.overrides import VariantFactory, get_path, with_field
from carbonev.specs.vehicle import VehicleSpec

CHUNK = 2500  # variants per Dask task


FILE_FIELDS = ("plant_file", "plant_product", "supplied")  # overriding these needs the files re-read
# numbers that decide a structure (how many years of use, hence links and notes): grouped like strings
STRUCTURAL = frozenset({"use.years"})


@lru_cache(maxsize=4)
def _worker_engine(store: str, method: str | None, data_sha256: str) -> Engine:
    cat = shipped_catalog()
    if cat.sha256 != data_sha256:
        raise CalculationError(f"this worker's data (sha256 {cat.sha256[:12]}) differ from the sweep's "
                               f"({data_sha256[:12]}); install the same carbonev and data on every worker")
    return Engine.open(cat, store, method)


def _builder(cat: Catalog, origin: str, inputs: ExternalInputs, method: str | None, store):
    """build(spec, i): a variant's foreground, re-reading the files it names only if a variant changes them."""
    from carbonev.inputs import resolve_inputs

    cache: dict[str, ExternalInputs] = {}

    def make(spec: VehicleSpec, overrides: dict[str, Any], i: int):
        where = f"{origin}: variant {i}"
        own = inputs
        if any(k.rsplit(".", 1)[-1] in FILE_FIELDS or k == "supplied" for k in overrides):
            key = repr((spec.manufacturing.plant_file, spec.manufacturing.plant_product,
                        spec.battery and (spec.battery.plant_file, spec.battery.plant_product), spec.supplied))
            if key not in cache:
                cache[key] = resolve_inputs(spec, None, cat, method, store)
            own = cache[key]
        return build(spec, cat, where, keyed=False, inputs=own)

    return make


def _key(value: Any) -> Any:
    """A dict key for an override value as written (hashable scalars as they are, else their repr)."""
    try:
        hash(value)
    except TypeError:
        return ("repr", repr(value))
    return (type(value).__name__, value)


def _groups(factory: VariantFactory, variants: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Indices of variants that differ only in numbers (see module doc), in first-seen order."""
    distinct: dict[str, dict[Any, Any]] = {}
    for o in variants:
        for path, value in o.items():
            distinct.setdefault(path, {}).setdefault(_key(value), value)
    numeric = {path: path not in STRUCTURAL and all(type(factory.validated(path, v)) is float for v in values.values())
               for path, values in distinct.items()}
    fixed = [p for p in sorted(distinct) if not numeric[p]]
    groups: dict[tuple, list[int]] = {}
    for i, o in enumerate(variants):
        key = tuple(_key(o.get(p)) for p in fixed)
        groups.setdefault(key, []).append(i)
    return list(groups.values())


def _group(factory: VariantFactory, variants: Sequence[dict[str, Any]], members: list[int], make):
    """(impacts [n, stage], lifetimes, notes) of one group: one varying build, else one build each."""
    chosen = [variants[i] for i in members]
    if len(members) > 1:
        try:
            spec = factory.make({p: v for p, v in chosen[0].items()})
            for path in sorted({p for o in chosen for p in o}):
                if path in STRUCTURAL:
                    continue
                seen = {key: factory.validated(path, raw) for key, raw in
                        {_key(o[path]): o[path] for o in chosen if path in o}.items()}
                values = [seen[_key(o[path])] if path in o else get_path(factory.base, path) for o in chosen]
                if type(values[0]) is float and len(set(values)) > 1:
                    spec = with_field(spec, path, Varying(values))
            spec.check_consistent()
            fg = make(spec, chosen[0], members[0])
            lifetimes = np.broadcast_to(np.asarray(fg.lifetime_km, dtype=float), len(members))
            return ("varying", fg, len(members)), list(lifetimes), [_notes(fg)] * len(members)
        except (ValueError, TypeError, ArithmeticError):
            pass  # built one by one below: same numbers, and an error names its variant
    fgs = [make(factory.make(o), o, i) for i, o in zip(members, chosen, strict=True)]
    return ("each", fgs, len(members)), [fg.lifetime_km for fg in fgs], [_notes(fg) for fg in fgs]


def _evaluate(ev: Engine, factory: VariantFactory, variants: Sequence[dict[str, Any]], make, offset: int = 0
              ) -> tuple[np.ndarray, list[float], list[str]]:
    impacts = np.zeros((len(variants), len(STAGES)))
    lifetimes: list[float] = [0.0] * len(variants)
    notes: list[str] = [""] * len(variants)
    shifted = lambda spec, o, i: make(spec, o, offset + i)  # noqa: E731
    for members in _groups(factory, variants):
        (kind, built, n), lt, nt = _group(factory, variants, members, shifted)
        impacts[members] = ev.stage_matrix(built, n) if kind == "varying" else ev.stages(built)
        for k, i in enumerate(members):
            lifetimes[i], notes[i] = float(lt[k]), nt[k]
    return impacts, lifetimes, notes


def evaluate_variants(ev: Engine, base: VehicleSpec, variants: Sequence[dict[str, Any]], origin: str = "sweep",
                      inputs: ExternalInputs = NONE) -> tuple[np.ndarray, list[float], list[str]]:
    """[variant, stage] impacts [kg CO2e], lifetimes [km] and notes of ``variants`` of ``base`` (in process)."""
    store = ev.store.path if ev.store else None
    make = _builder(ev.cat, origin, inputs, ev.method, store)
    return _evaluate(ev, VariantFactory(base, origin=origin), variants, make)


def sweep_chunk(base_json: str, variants: list[dict[str, Any]], offset: int, store: str, method: str | None,
                origin: str, data_sha256: str, inputs: ExternalInputs = NONE
                ) -> tuple[np.ndarray, list[float], list[str]]:
    """Stage impacts, lifetimes and notes of one slice of a sweep (runs on a Dask worker)."""
    ev = _worker_engine(store, method, data_sha256)
    factory = VariantFactory(VehicleSpec.model_validate_json(base_json), origin=origin)
    return _evaluate(ev, factory, variants, _builder(ev.cat, origin, inputs, method, store), offset)


def _notes(fg) -> str:
    """A variant's substitution and derivation notes, in one cell."""
    return "; ".join(fg.notes)


def _on_dask(base: VehicleSpec, variants: Sequence[dict[str, Any]], cat: Catalog, store: Path,
             method: str | None, origin: str, scheduler: str, inputs: ExternalInputs
             ) -> tuple[np.ndarray, list[float], list[str]]:
    from carbonev.analysis.parallel import client_for

    starts = list(range(0, len(variants), CHUNK))
    with client_for(scheduler) as client:
        futures = [client.submit(sweep_chunk, base.model_dump_json(), list(variants[s:s + CHUNK]), s, str(store),
                                 method, origin, cat.sha256, inputs, pure=False) for s in starts]
        parts = client.gather(futures)
    return np.concatenate([p[0] for p in parts]), [x for p in parts for x in p[1]], [x for p in parts for x in p[2]]


def sweep(base: VehicleSpec, variants: Sequence[dict[str, Any]], cat: Catalog, store: Path | str | None = None,
          method: str | None = None, origin: str = "sweep", evaluator: Engine | None = None,
          scheduler: str | None = None, inputs: ExternalInputs = NONE) -> pd.DataFrame:
    """One row per variant: its overrides, stage impacts [kg CO2e], total, lifetime, per km [g/km], and
    the notes saying which data were substituted or derived for it.

    With ``scheduler`` ('local' or a Dask address) slices of variants run on Dask workers;
    the numbers are the same as in one process.
    """
    factory = VariantFactory(base, origin=origin)
    ev = evaluator or Engine.open(cat, store, method)
    if scheduler:
        for o in variants:  # every variant validated here, before any work is sent
            factory.make(o)
        impacts, lifetimes, notes = _on_dask(base, variants, cat, ev.store.path, method, origin, scheduler, inputs)
    else:
        impacts, lifetimes, notes = _evaluate(ev, factory, variants, _builder(cat, origin, inputs, method, store))
    table = pd.DataFrame(list(variants))
    table.insert(0, "variant", range(len(variants)))
    for k, stage in enumerate(STAGES):
        table[stage] = impacts[:, k]
    table["total"] = impacts.sum(axis=1)
    table["lifetime_km"] = lifetimes
    table["per_km"] = table["total"] * 1000.0 / table["lifetime_km"]
    table["notes"] = notes
    return table
