"""The one engine on a two-activity system whose answer is checkable by hand.

tests/data/toy: electricity 0.5 kg CO2/kWh (written as 500 g/kWh);
steel per kg: 2 kWh electricity (written as 7.2 MJ), 1.5 kg CO2 (as 1.5 t/t),
0.01 kg CH4 (as 10 g/kg); toy GWP: CH4 = 30.

Tolerance is rel=1e-6: Brightway (bw2data 4.8 / bw_processing) stores matrix
values as float32, so 0.01 comes back as 0.0099999998 (measured here).
"""

from __future__ import annotations

import numpy as np
import pytest

from carbonev.engine.evaluator import Engine
from carbonev.engine.store import Store
from carbonev.inventory.foreground import STAGES, Foreground, Stage

MAT, DIRECT = STAGES.index("materials_and_parts"), STAGES.index("use_direct")


def _fg(key: str, steel_kg: float, direct_co2: float) -> Foreground:
    stages = {s: Stage(s) for s in STAGES}
    stages["materials_and_parts"].add(steel_kg, "steel", code="steel-toy")
    stages["use_direct"].add(direct_co2, "tailpipe", flow="co2_fossil")
    return Foreground(key=key, name=key, lifetime_km=100.0, stages=stages)


@pytest.fixture(scope="module")
def toy(tmp_path_factory, toy_catalog):
    return Engine.open(toy_catalog, tmp_path_factory.mktemp("toy-store"))


def test_ten_kg_of_steel_by_hand(toy):
    # 10 kg steel: CO2 = 10*1.5 + 10*2*0.5 = 25 kg; CH4 = 0.1 kg * 30 = 3 kg CO2e
    [inv] = toy.stage_flows([_fg("a", 10.0, 1.0)])
    co2, ch4 = toy.flow_index["co2_fossil"], toy.flow_index["ch4_fossil"]
    assert inv[MAT, co2] == pytest.approx(25.0, rel=1e-6)
    assert inv[MAT, ch4] == pytest.approx(0.1, rel=1e-6)
    assert inv[MAT, ch4] * toy.cfs[ch4] == pytest.approx(3.0, rel=1e-6)
    assert inv[DIRECT, co2] * toy.cfs[co2] == pytest.approx(1.0, rel=1e-6)
    [stages] = toy.stages([_fg("a", 10.0, 1.0)])
    assert stages.sum() == pytest.approx(29.0, rel=1e-6)


def test_unit_impacts_by_hand(toy):
    assert toy.unit_impact("electricity-toy") == pytest.approx(0.5, rel=1e-6)
    assert toy.unit_impact("steel-toy") == pytest.approx(1.5 + 2 * 0.5 + 0.01 * 30, rel=1e-6)
    # steel's own CO2 (not the electricity it uses)
    assert toy.direct_impact("steel-toy", ["co2_fossil"]) == pytest.approx(1.5, rel=1e-6)


def test_several_vehicles_share_one_solve_and_stay_separate(toy):
    a, b = toy.stages([_fg("a", 10.0, 0.0), _fg("b", 20.0, 0.0)])
    assert a.sum() == pytest.approx(28.0, rel=1e-6)
    assert b.sum() == pytest.approx(56.0, rel=1e-6)


def test_the_build_is_reused_when_data_unchanged(tmp_path, toy_catalog):
    store = Store(tmp_path)
    Engine.open(toy_catalog, store)
    [build] = store.builds()
    stamp = (build.path / "complete.json").stat().st_mtime_ns
    Engine.open(toy_catalog, Store(tmp_path))  # a new process would find it complete
    assert [b.path for b in store.builds()] == [build.path]
    assert (build.path / "complete.json").stat().st_mtime_ns == stamp


def test_other_data_get_their_own_build(tmp_path, toy_catalog):
    other = toy_catalog.with_values({})
    other.__dict__["sha256"] = "0" * 64  # pretend the data changed
    store = Store(tmp_path)
    assert store.complete(toy_catalog.sha256) is None
    Engine.open(toy_catalog, store)
    assert store.complete(toy_catalog.sha256) is not None
    assert store.complete("0" * 64) is None


def test_sampled_background_solves_like_the_deterministic_one(toy):
    """The level solver on Brightway's deterministic amounts equals bw2calc's solve."""
    from carbonev.engine import solve

    t, b = toy.background.technosphere, toy.background.biosphere
    n = len(toy.background.codes)
    plan = solve.plan(t.rows, t.cols, n)
    assert plan is not None  # acyclic
    q = np.zeros((n, 1))
    np.add.at(q[:, 0], b.cols, b.values * toy.cfs[b.rows])
    h = solve.solve_levels(plan, t.values[:, None], q)[:, 0]
    assert h == pytest.approx(toy.impact, rel=1e-6)
    assert solve.solve_each(t.rows, t.cols, n, t.values[:, None], q)[:, 0] == pytest.approx(h, rel=1e-12)
