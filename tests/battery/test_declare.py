"""A declaration a reader can trace back to its inputs: every stage reproduced from the pack,
the plant and the catalog, the split summing to the total, the functional unit by hand."""

from __future__ import annotations

import pytest

from carbonev.api import footprint
from carbonev.battery.batterypass import check
from carbonev.battery.declare import declare
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import engine as evaluator
from carbonev.errors import SpecError
from carbonev.factory.link import assembly_footprint
from carbonev.inventory import grid
from carbonev.inventory.foreground import Link
from carbonev.inventory.plants import plant_links
from carbonev.report.declaration import declaration_dict

from .helpers import CELL_PLANT, DEMO_VALUES, EXAMPLE_PACK, VEHICLE, pack, values


@pytest.fixture(scope="module")
def per_unit(session_store):
    """kg CO2e per unit of a background activity (the catalog's data, solved once)."""
    ev = evaluator(shipped_catalog(), session_store)
    return lambda code: ev.link_impact(Link(1.0, "", code))


@pytest.fixture(scope="module")
def eu(session_store):
    return declare(EXAMPLE_PACK, "eu-2023-1542", store=session_store)


def test_example_declaration_traced_to_the_inputs(eu, per_unit):
    """examples/battery/pack-nmc811-zj.yaml under EU 2023/1542: 78.4 kWh nominal, 75 kWh usable, M1,
    8-year warranty, made in Zhejiang in 2024 with generic plant data."""
    cat = shipped_catalog()
    mass = 78.4 * 1000 / 197.7  # capacity / battery_pack_specific_energy_nmc811 [kg]
    elec = grid.choose(cat.activity_codes, "cn-zj", 2024, "lc").code
    expected = {
        "RawMaterialExtraction": mass * per_unit("battery-pack-materials-nmc811"),
        "MainProduction": 78.4 * 8.333 * per_unit(elec) + 78.4 * 140 * per_unit("heat-steam-cn"),
        "Distribution": mass / 1000 * 183.5 * per_unit("transport-truck-cn"),
        "Recycling": mass * per_unit("eol-battery-hydrometallurgy"),
    }
    assert eu.energy == 75 * 60 * 8 == 36_000
    for stage in eu.stages:
        assert stage.kg == pytest.approx(expected[stage.id], rel=1e-9), stage.id
        assert stage.per_kwh == pytest.approx(expected[stage.id] / 36_000, rel=1e-9)
        # the trace: the links listed for the stage add up to it
        assert sum(x["kg_co2e"] for x in stage.links) == pytest.approx(stage.kg)
    assert eu.total == pytest.approx(sum(expected.values()), rel=1e-9)
    assert eu.per_kwh == pytest.approx(eu.total / 36_000)


def test_per_stage_split_sums_to_the_total(eu):
    assert sum(s.kg for s in eu.stages) == pytest.approx(eu.total)
    assert sum(s.per_kwh for s in eu.stages) == pytest.approx(eu.per_kwh)
    assert sum(s.share for s in eu.stages) == pytest.approx(1.0)
    assert eu.performance_class["class"] is None and "not public" in eu.performance_class["basis"]
    assert any("generic cell and pack making data" in n for n in eu.notes)


def test_materials_and_production_equal_the_cars_battery_stage(eu, session_store):
    """The pack of the mid-size example car: the Brightway footprint of the car's battery stage
    equals the declaration's materials + production stages (both on the official grid factors:
    declarations do not use the derived provincial factor)."""
    [car] = footprint([VEHICLE], store=session_store, overrides={"use.regional_factor": "official"})
    battery = float(car.stages.set_index("stage").loc["battery", "amount"])
    gate = sum(s.kg for s in eu.stages if s.id in ("RawMaterialExtraction", "MainProduction"))
    assert gate == pytest.approx(battery, rel=1e-6)


def test_plant_declaration_uses_the_plants_energy(session_store, per_unit):
    """The same pack made in the example cell plant (42 kWh electricity, 80 MJ steam, 9.7 MJ gas per kWh);
    MIIT scheme with the DEMO inputs: usable capacity × 1500 cycles."""
    cat = shipped_catalog()
    d = declare(EXAMPLE_PACK, "cn-miit-2025", plant=CELL_PLANT, product="lfp-cell-280ah", values=DEMO_VALUES,
                store=session_store)
    assert d.energy == 75 * 1500
    share = assembly_footprint(CELL_PLANT, "lfp-cell-280ah", cat)
    g = {"co2e_aggregated": 1.0}  # the plant's refrigerant leak is already CO2e
    expected = 78.4 * sum(a * (per_unit(code) if code else g[flow]) for a, _, code, flow in plant_links(share, cat))
    production = next(s for s in d.stages if s.id == "MainProduction")
    assert production.kg == pytest.approx(expected, rel=1e-9)
    assert all(x["primary"] for x in production.links)
    assert d.plant["product"] == "lfp-cell-280ah" and d.plant["contractual_instruments"] == "recognised"
    assert d.scheme_inputs["functional_unit.capacity_basis"]["origin"].startswith("required input supplied by carbonev")
    assert d.scheme_inputs["functional_unit.formula"] == {
        "value": "capacity_x_cycles", "unit": None, "origin": "scheme", "source": "miit-551-explanation-2025",
        "locator": d.scheme.functional_unit.formula.locator}
    # EU: contractual instruments not recognised → the renewable kWh are priced at the grid
    strict = declare(EXAMPLE_PACK, "eu-2023-1542", plant=CELL_PLANT, product="lfp-cell-280ah", store=session_store)
    strict_prod = next(s for s in strict.stages if s.id == "MainProduction")
    elec = grid.choose(cat.activity_codes, "cn-zj", 2024, "lc").code
    pv = share.renewable_by_technology["pv"]
    assert strict_prod.kg - production.kg == pytest.approx(78.4 * pv.value * (per_unit(elec) - per_unit(pv.code)))


def test_batterypass_shape(eu, session_store):
    doc = declaration_dict(eu)["batterypass"]
    errors, missing = check(doc)
    assert errors == []
    body = doc["CarbonFootprintForBatteries"]
    assert body["batteryCarbonFootprint"] == pytest.approx(eu.per_kwh)
    assert body["absoluteCarbonFootprint"] == pytest.approx(eu.total)
    stages = body["carbonFootprintPerLifecycleStage"]
    assert [s["lifecycleStage"] for s in stages] == ["RawMaterialExtraction", "MainProduction", "Distribution",
                                                     "Recycling"]
    assert sum(s["carbonFootprint"] for s in stages) == pytest.approx(body["batteryCarbonFootprint"])
    # no class thresholds are public and the example names no study: the passport says what it still needs
    assert missing == ["carbonFootprintPerformanceClass", "carbonFootprintStudy"]
    with_class = declare(EXAMPLE_PACK, "eu-2023-1542", values=DEMO_VALUES, store=session_store)
    passport = declaration_dict(with_class)["batterypass"]["CarbonFootprintForBatteries"]
    assert passport["carbonFootprintPerformanceClass"] == with_class.performance_class["class"]
    assert "not official" in with_class.performance_class["basis"]


def test_inputs_are_checked_before_computing(tmp_path, session_store):
    with pytest.raises(SpecError) as err:
        declare(pack(tmp_path, usable_capacity=None), "eu-2023-1542", store=session_store)
    assert err.value.field == "usable_capacity"
    with pytest.raises(SpecError) as err:
        declare(pack(tmp_path), "cn-miit-2025", store=session_store)
    assert err.value.field == "functional_unit.capacity_basis"
    v = values(tmp_path, "cn-miit-2025", {"functional_unit.capacity_basis": "nominal"})
    d = declare(pack(tmp_path), "cn-miit-2025", values=v, store=session_store)
    assert d.energy == 80 * 1500  # nominal 80 kWh × 1500 cycles of cycle life (pack file): MIIT's fixed formula
    with pytest.raises(SpecError, match="not a required input of cn-miit-2025"):  # the formula is not a choice
        declare(pack(tmp_path), "cn-miit-2025", store=session_store,
                values=values(tmp_path, "cn-miit-2025", {"functional_unit.formula": "capacity_x_cycles"}, "f.yaml"))
    with pytest.raises(SpecError) as err:
        declare(pack(tmp_path), "eu-2023-1542", plant=CELL_PLANT, store=session_store)
    assert err.value.field == "plant_product"
