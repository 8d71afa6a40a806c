"""Sweeps: many variants of one vehicle spec → one tidy table.

The background is solved once (:class:`~carbonev.engine.evaluator.Engine`); each variant costs a spec copy,
a foreground build (pure Python, ~0.1 ms) and a row of a sparse product.
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
from carbonev.inventory.vehicle import build
from carbonev.specs.overrides import VariantFactory
from carbonev.specs.vehicle import VehicleSpec

CHUNK = 2500  # variants per Dask task


FILE_FIELDS = ("plant_file", "plant_product", "supplied")  # overriding these needs the files re-read


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


def sweep_chunk(base_json: str, variants: list[dict[str, Any]], offset: int, store: str, method: str | None,
                origin: str, data_sha256: str, inputs: ExternalInputs = NONE
                ) -> tuple[np.ndarray, list[float], list[str]]:
    """Stage impacts, lifetimes and notes of one slice of a sweep (runs on a Dask worker)."""
    ev = _worker_engine(store, method, data_sha256)
    factory = VariantFactory(VehicleSpec.model_validate_json(base_json), origin=origin)
    make = _builder(ev.cat, origin, inputs, method, store)
    fgs = [make(factory.make(o), o, offset + i) for i, o in enumerate(variants)]
    return ev.stages(fgs), [fg.lifetime_km for fg in fgs], [_notes(fg) for fg in fgs]


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
        make = _builder(cat, origin, inputs, method, store)
        fgs = [make(factory.make(o), o, i) for i, o in enumerate(variants)]
        impacts, lifetimes, notes = ev.stages(fgs), [fg.lifetime_km for fg in fgs], [_notes(fg) for fg in fgs]
    table = pd.DataFrame(list(variants))
    table.insert(0, "variant", range(len(variants)))
    for k, stage in enumerate(STAGES):
        table[stage] = impacts[:, k]
    table["total"] = impacts.sum(axis=1)
    table["lifetime_km"] = lifetimes
    table["per_km"] = table["total"] * 1000.0 / table["lifetime_km"]
    table["notes"] = notes
    return table
