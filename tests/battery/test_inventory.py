"""The pack inventory: each amount by hand, and the same data as the vehicle model's battery stage."""

from __future__ import annotations

import pytest

from carbonev.battery.inventory import PACK_STAGES
from carbonev.battery.inventory import pack_inventory as build_pack
from carbonev.data.catalog import shipped_catalog
from carbonev.errors import SpecError
from carbonev.factory.link import assembly_footprint
from carbonev.inventory.plants import plant_links
from carbonev.inventory.vehicle import build
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import apply
from carbonev.specs.pack import load_pack

from .helpers import CELL_PLANT, EXAMPLE_PACK, VEHICLE, pack


def _amounts(inv, stage):
    return {link.code or link.flow: link.amount for link in inv.links(stage)}


def test_every_amount_by_hand(tmp_path):
    cat = shipped_catalog()
    inv = build_pack(load_pack(pack(tmp_path)), cat)  # 80 kWh, 400 kg, Zhejiang 2024, 500 km by truck
    assert inv.mass == 400
    assert _amounts(inv, "raw_materials") == {"battery-pack-materials-nmc811": 400}
    production = _amounts(inv, "production")
    assert production["heat-steam-cn"] == pytest.approx(80 * cat.value("battery_manufacturing_steam", "MJ/kWh"))
    grid = [c for c in production if c.startswith("electricity-lc-")]
    assert production[grid[0]] == pytest.approx(80 * cat.value("battery_manufacturing_electricity", "kWh/kWh"))
    assert _amounts(inv, "distribution") == {"transport-truck-cn": pytest.approx(0.4 * 500)}  # t × km
    assert _amounts(inv, "end_of_life") == {"eol-battery-hydrometallurgy": 400}
    assert {i.stage for i in inv.items} == set(PACK_STAGES)
    assert not any(i.primary for i in inv.items)


def test_defaults_come_from_data_and_are_recorded(tmp_path):
    cat = shipped_catalog()
    inv = build_pack(load_pack(pack(tmp_path, mass=None, distribution={"mode": "rail"})), cat)
    assert inv.mass == pytest.approx(80_000 / cat.value("battery_pack_specific_energy_nmc811", "Wh/kg"))
    km = cat.value("materials_transport_distance", "km")
    assert _amounts(inv, "distribution") == {"transport-rail-cn": pytest.approx(inv.mass / 1000 * km)}
    assert "materials_transport_distance" in inv.assumptions["distribution.distance"]
    assert "battery_pack_specific_energy_nmc811" in inv.assumptions["specific_energy"]


def test_the_example_pack_equals_the_example_cars_battery_stage():
    """examples/battery/pack-nmc811-zj.yaml is the battery of examples/bev-midsize-nmc811.yaml:
    its materials and production links are the car's battery-stage links (one pack)."""
    cat = shipped_catalog()
    inv = build_pack(load_pack(EXAMPLE_PACK), cat)
    official = apply(load_vehicle(VEHICLE), {"use.regional_factor": "official"})  # as pack files are priced
    car = build(official, cat, str(VEHICLE), keyed=False)
    ours = sorted((x.code, round(x.amount, 9)) for s in ("raw_materials", "production") for x in inv.links(s))
    theirs = sorted((x.code, round(x.amount, 9)) for x in car.stages["battery"].links)
    assert ours == theirs
    eol = {x.code: x.amount for x in car.stages["end_of_life"].links}
    assert _amounts(inv, "end_of_life")["eol-battery-hydrometallurgy"] == pytest.approx(
        eol["eol-battery-hydrometallurgy"])


def test_plant_data_replace_the_generic_production(tmp_path):
    cat = shipped_catalog()
    share = assembly_footprint(CELL_PLANT, "lfp-cell-280ah", cat)
    spec = load_pack(pack(tmp_path))
    inv = build_pack(spec, cat, share)
    links = inv.links("production")
    assert all(i.primary for i in inv.items if i.stage == "production")
    expected = {code or flow: a * 80 for a, _, code, flow in plant_links(share, cat, "life-cycle")}
    assert {x.code or x.flow: x.amount for x in links} == pytest.approx(expected)
    assert "heat-steam-cn" in expected and all(str(CELL_PLANT) in x.basis for x in links)
    # a scheme that does not recognise contractual instruments prices every kWh at the grid
    strict = build_pack(spec, cat, share, recognise_instruments=False)
    grid = [c for c in _amounts(strict, "production") if c.startswith("electricity-lc-cn")]
    assert len(grid) == 1 and not any("pv" in c for c in _amounts(strict, "production"))
    total_kwh = share.grid_electricity.value + share.renewable_electricity.value  # 38 + 4 kWh per kWh of cells
    assert sum(x.amount for x in strict.links("production") if x.code == grid[0]) == pytest.approx(80 * total_kwh)
    assert strict.notes and "priced at the grid" in strict.notes[0]


def test_pack_file_errors_name_the_field(tmp_path):
    with pytest.raises(SpecError) as err:
        load_pack(pack(tmp_path, usable_capacity="90 kWh"))
    assert err.value.field == "usable_capacity"
    with pytest.raises(SpecError) as err:
        load_pack(pack(tmp_path, plant=None))
    assert err.value.field == "plant"
    with pytest.raises(SpecError) as err:
        load_pack(pack(tmp_path, plant_file="plant.yaml"))
    assert err.value.field == "plant_product"
    with pytest.raises(SpecError) as err:
        load_pack(pack(tmp_path, warranty_years=8))
    assert err.value.field == "warranty_years"
