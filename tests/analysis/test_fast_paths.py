"""The fast evaluation (background solved once, foregrounds as sparse products) must
reproduce Brightway's own per-stage LCA, and sweeps must match single footprints."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from carbonev.analysis.sweep import sweep
from carbonev.api import footprint
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import Evaluator
from carbonev.inventory.foreground import STAGES
from carbonev.inventory.vehicle import build
from carbonev.specs.load import load_vehicle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ["bev-midsize-nmc811.yaml", "bev-compact-lfp.yaml", "icev-gasoline-midsize.yaml"]


@pytest.fixture(scope="module")
def evaluator(session_store):
    return Evaluator(shipped_catalog(), session_store)


def test_fast_path_equals_brightway_stage_by_stage(session_store, evaluator):
    cat = shipped_catalog()
    results = footprint([EXAMPLES / n for n in NAMES], store=session_store)
    fast = evaluator.stages([build(load_vehicle(EXAMPLES / n), cat) for n in NAMES])
    for r, row in zip(results, fast, strict=True):
        slow = r.stages.set_index("stage").loc[list(STAGES), "amount"].to_numpy()
        # Brightway stores matrix values as float32: agreement to ~1e-7 relative
        np.testing.assert_allclose(row, slow, rtol=1e-6, atol=1e-3)


def test_sweep_rows_equal_single_footprints_with_the_same_overrides(session_store, evaluator):
    base = load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml")
    variants = [{"battery.capacity": "60 kWh", "use.region": "Yunnan"},
                {"battery.capacity": "90 kWh", "use.first_year": 2030}]
    table = sweep(base, variants, shipped_catalog(), session_store, evaluator=evaluator)
    assert list(table["variant"]) == [0, 1]
    for i, overrides in enumerate(variants):
        [single] = footprint([EXAMPLES / "bev-midsize-nmc811.yaml"], store=session_store, overrides=overrides)
        assert table.loc[i, "total"] == pytest.approx(single.total, rel=1e-6)
        assert table.loc[i, "per_km"] == pytest.approx(single.per_km, rel=1e-6)


def test_bigger_battery_costs_more_in_a_sweep(session_store, evaluator):
    base = load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml")
    variants = [{"battery.capacity": f"{c} kWh"} for c in (50, 70, 90)]
    table = sweep(base, variants, shipped_catalog(), session_store, evaluator=evaluator)
    assert table["battery"].is_monotonic_increasing
    assert table["battery"].iloc[0] < table["battery"].iloc[2]


@pytest.mark.dask
def test_sweep_on_dask_equals_the_single_process_sweep(session_store):
    pytest.importorskip("dask.distributed")
    import carbonev.analysis.sweep as sweep_module

    base = load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml")
    variants = [{"battery.capacity": f"{c} kWh"} for c in range(50, 80)]
    single = sweep(base, variants, shipped_catalog(), session_store)
    chunk, sweep_module.CHUNK = sweep_module.CHUNK, 7  # several tasks
    try:
        parallel = sweep(base, variants, shipped_catalog(), session_store, scheduler="local")
    finally:
        sweep_module.CHUNK = chunk
    assert parallel.equals(single)
