"""Monte Carlo: reproducible, scheduler-independent, and unbiased where it should be."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from carbonev.analysis.montecarlo import MCJob, run
from carbonev.data.catalog import load_catalog
from carbonev.engine.evaluator import Engine
from carbonev.inventory.foreground import STAGES, Foreground, Stage
from carbonev.specs.load import load_vehicle

HERE = Path(__file__).resolve().parent
TOY = HERE.parent / "data" / "toy"
EXAMPLES = HERE.parents[1] / "examples"


def _toy_foreground() -> Foreground:
    stages = {s: Stage(s) for s in STAGES}
    stages["materials_and_parts"].add(10.0, "steel", code="steel-toy")
    return Foreground(key="toy", name="toy", lifetime_km=100.0, stages=stages)


@pytest.fixture(scope="module")
def symmetric_toy(tmp_path_factory):
    """The toy system with every distribution symmetric (the lognormal made normal)."""
    root = tmp_path_factory.mktemp("symmetric")
    (root / "methods").mkdir()
    (root / "inventories").mkdir()
    for f in (TOY / "methods").iterdir():
        (root / "methods" / f.name).write_text(f.read_text())
    text = (TOY / "inventories" / "toy.yaml").read_text()
    text = text.replace("{distribution: lognormal, gsd: 1.1, basis: test}",
                        "{distribution: normal, sd: 50, basis: test}")
    # centre the uniform range on the amount (7.2 MJ): 6.4-8.0 instead of 6-8
    text = text.replace("{distribution: uniform, min: 6, max: 8, basis: test}",
                        "{distribution: uniform, min: 6.4, max: 8.0, basis: test}")
    assert "lognormal" not in text and "min: 6," not in text
    (root / "inventories" / "toy.yaml").write_text(text)
    store = root / "store"
    Engine.open(load_catalog(root / "methods", root / "inventories"), store)
    return root, store


def _toy_job(root: Path, store: Path, **kw) -> MCJob:
    return MCJob(foregrounds=(_toy_foreground(),), store=str(store),
                 data_dirs=(str(root / "methods"), str(root / "inventories")), **kw)


def test_mean_converges_to_deterministic_for_symmetric_distributions(symmetric_toy):
    """10 kg toy steel = 28 kg CO2e (tests/data/toy); every input symmetric and the
    result linear in each, so the Monte Carlo mean must approach 28."""
    root, store = symmetric_toy
    samples = run(_toy_job(root, store, seed=7, iterations=4000, chunk_size=1000))
    total = samples.values[:, 0, :].sum(axis=1)
    standard_error = total.std(ddof=1) / np.sqrt(len(total))
    assert total.std() > 0.1  # it really varied
    assert abs(total.mean() - 28.0) < 4 * standard_error


def test_same_seed_is_bit_identical_and_another_seed_differs(symmetric_toy):
    root, store = symmetric_toy
    a = run(_toy_job(root, store, seed=1, iterations=300, chunk_size=100)).values
    b = run(_toy_job(root, store, seed=1, iterations=300, chunk_size=100)).values
    c = run(_toy_job(root, store, seed=2, iterations=300, chunk_size=100)).values
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.fixture(scope="module")
def vehicle_job(session_store):
    specs = [load_vehicle(EXAMPLES / n) for n in ("bev-midsize-nmc811.yaml", "icev-gasoline-midsize.yaml")]
    return MCJob(specs=tuple(s.model_dump_json() for s in specs), store=str(session_store), seed=11,
                 iterations=60, chunk_size=20)


def test_vehicle_runs_are_reproducible_and_share_background_draws(vehicle_job):
    a, b = run(vehicle_job), run(vehicle_job)
    assert np.array_equal(a.values, b.values)
    assert a.values.shape == (60, 2, len(STAGES))
    # foreground parameters and background intensities were both sampled
    assert any(k.startswith("parameter:") for k in a.inputs)
    assert any(k.startswith("background:electricity-") for k in a.inputs)


@pytest.mark.dask
def test_dask_local_cluster_equals_single_process(vehicle_job):
    pytest.importorskip("dask.distributed")
    single = run(vehicle_job)
    parallel = run(vehicle_job, scheduler="local")
    assert np.array_equal(single.values, parallel.values)
