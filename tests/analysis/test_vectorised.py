"""Building many variants at once (Varying values) gives the numbers of building them one by one."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from carbonev.analysis import montecarlo, sweep
from carbonev.data.catalog import shipped_catalog
from carbonev.errors import SpecError
from carbonev.inventory.use_phase import years_of_use
from carbonev.inventory.varying import Varying
from carbonev.specs.load import load_vehicle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BEV = load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml")


def _variants() -> list[dict]:
    grid = itertools.product(["50 kWh", "78.4 kWh", "100 kWh"], ["14 kWh/100km", "17 kWh/100km"],
                             ["Zhejiang", "Yunnan"], [2025, 2030], ["150000 km", "210000 km"], ["10 year", "12.5 year"])
    return [{"battery.capacity": c, "energy.electricity": e, "use.region": r, "use.first_year": y,
             "use.lifetime": km, "use.years": a} for c, e, r, y, km, a in grid]


def test_a_grouped_sweep_equals_one_build_per_variant(engine, monkeypatch):
    variants = _variants()
    cat = shipped_catalog()
    grouped = sweep.sweep(BEV, variants, cat, evaluator=engine)
    assert len(sweep._groups(sweep.VariantFactory(BEV), variants)) == 8  # region × first year × years of use
    monkeypatch.setattr(sweep, "_groups", lambda factory, v: [[i] for i in range(len(v))])
    single = sweep.sweep(BEV, variants, cat, evaluator=engine)
    numbers = [c for c in grouped.columns if grouped[c].dtype.kind == "f"]
    assert grouped[numbers].to_numpy() == pytest.approx(single[numbers].to_numpy(), rel=1e-12, abs=1e-9)
    assert list(grouped["notes"]) == list(single["notes"])


def test_an_invalid_variant_in_a_group_is_named(engine):
    variants = [{"mass.curb": "1900 kg"}, {"mass.curb": "500 kg"}]  # 500 kg: less than the battery
    with pytest.raises(SpecError, match="variant 1"):
        sweep.sweep(BEV, variants, shipped_catalog(), evaluator=engine)


def test_monte_carlo_one_build_per_chunk_equals_one_build_per_iteration(session_store, monkeypatch):
    specs = tuple(load_vehicle(EXAMPLES / n).model_dump_json()
                  for n in ("bev-midsize-nmc811.yaml", "icev-gasoline-midsize.yaml"))
    job = montecarlo.MCJob(specs=specs, store=str(session_store), seed=4, iterations=90, chunk_size=30)
    together = montecarlo.run(job)
    one_by_one = montecarlo._vehicle

    def never_together(job, cat, k, spec, drawn, fields, iteration):
        if iteration is None:
            raise TypeError("build each iteration")
        return one_by_one(job, cat, k, spec, drawn, fields, iteration)

    monkeypatch.setattr(montecarlo, "_vehicle", never_together)
    each = montecarlo.run(job)
    assert np.array_equal(together.values, each.values)
    assert np.array_equal(together.lifetimes, each.lifetimes)
    assert np.ptp(together.lifetimes[:, 0]) > 0  # the lifetime really was sampled


def test_years_of_use_per_variant():
    spans = years_of_use(2025, Varying([2.5, 1.0]))
    assert [y for y, _ in spans] == [2025, 2026, 2027]
    assert np.allclose([s for _, s in spans], [[0.4, 1.0], [0.4, 0.0], [0.2, 0.0]])
    assert years_of_use(2025, 2.5) == [(2025, 0.4), (2026, 0.4), (2027, 0.2)]
    assert f"{Varying([1.25, 3.5]):.1f}" == "1.2…3.5" and f"{Varying([2.0, 2.0]):g}" == "2"
