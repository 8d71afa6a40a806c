"""The Brightway path on a two-activity system whose answer is checkable by hand.

tests/data/toy: electricity 0.5 kg CO2/kWh (written as 500 g/kWh);
steel per kg: 2 kWh electricity (written as 7.2 MJ), 1.5 kg CO2 (as 1.5 t/t),
0.01 kg CH4 (as 10 g/kg); toy GWP: CH4 = 30.

Tolerance is rel=1e-6: Brightway (bw2data 4.8 / bw_processing) stores matrix
values as float32, so 0.01 comes back as 0.0099999998 (measured here).
"""

from __future__ import annotations

import json

import pytest

from carbonev.engine.calculate import calculate
from carbonev.engine.project import STATE_FILE, ensure_project, write_foreground
from carbonev.inventory.foreground import STAGES, Foreground, Stage


def _fg(key: str, steel_kg: float, direct_co2: float) -> Foreground:
    stages = {s: Stage(s) for s in STAGES}
    stages["materials_and_parts"].add(steel_kg, "steel", code="steel-toy")
    stages["use_direct"].add(direct_co2, "tailpipe", flow="co2_fossil")
    return Foreground(key=key, name=key, lifetime_km=100.0, stages=stages)


@pytest.fixture
def toy_store(tmp_path, toy_catalog):
    ensure_project(toy_catalog, tmp_path)
    return tmp_path


def test_ten_kg_of_steel_by_hand(toy_store, toy_catalog):
    # 10 kg steel: CO2 = 10*1.5 + 10*2*0.5 = 25 kg; CH4 = 0.1 kg * 30 = 3 kg CO2e
    fg = _fg("a", 10.0, 1.0)
    write_foreground([fg], toy_store, toy_catalog)
    [res] = calculate([fg], toy_catalog, toy_store)
    t = res.table.set_index(["stage", "flow"])
    assert t.loc[("materials_and_parts", "co2_fossil"), "inventory"] == pytest.approx(25.0, rel=1e-6)
    assert t.loc[("materials_and_parts", "ch4_fossil"), "inventory"] == pytest.approx(0.1, rel=1e-6)
    assert t.loc[("materials_and_parts", "ch4_fossil"), "impact"] == pytest.approx(3.0, rel=1e-6)
    assert t.loc[("use_direct", "co2_fossil"), "impact"] == pytest.approx(1.0, rel=1e-6)
    assert res.table["impact"].sum() == pytest.approx(29.0, rel=1e-6)


def test_several_vehicles_share_one_solve_and_stay_separate(toy_store, toy_catalog):
    fgs = [_fg("a", 10.0, 0.0), _fg("b", 20.0, 0.0)]
    write_foreground(fgs, toy_store, toy_catalog)
    a, b = calculate(fgs, toy_catalog, toy_store)
    assert a.table["impact"].sum() == pytest.approx(28.0, rel=1e-6)
    assert b.table["impact"].sum() == pytest.approx(56.0, rel=1e-6)


def test_project_is_reused_when_data_unchanged(tmp_path, toy_catalog):
    assert ensure_project(toy_catalog, tmp_path).rebuilt is True
    assert ensure_project(toy_catalog, tmp_path).rebuilt is False


def test_project_is_rebuilt_when_data_hash_changes(tmp_path, toy_catalog):
    info = ensure_project(toy_catalog, tmp_path)
    state_file = tmp_path / "carbonev-state.json"
    # find the project's state file and pretend it was built from other data
    [path] = list(tmp_path.rglob(STATE_FILE))
    state = json.loads(path.read_text())
    state["data_sha256"] = "0" * 64
    path.write_text(json.dumps(state))
    assert ensure_project(toy_catalog, tmp_path).rebuilt is True
    assert info.data_sha256 == toy_catalog.sha256
    assert not state_file.exists()  # the state lives inside the project folder
