"""Prospective background of the production stages (issue 10 item 5): ``manufacturing.background``.

Hand checks from the shipped data: glider-steel takes 0.206 kWh/kg and glider-aluminium-intensive
0.1598 kWh/kg of electricity-lc-cn-2024 (components.yaml, stamping); glider-mixed is half of each,
so it carries 0.5 × (0.206 + 0.1598) = 0.1829 kWh/kg.
"""

from __future__ import annotations

import pytest
import yaml

from carbonev.data.catalog import shipped_catalog
from carbonev.inventory.foreground import STAGES, Stage
from carbonev.inventory.prospective import KEY, embedded_grid, relink
from carbonev.inventory.vehicle import build
from carbonev.specs.vehicle import VehicleSpec

SPEC = """
name: prospective test BEV
powertrain: BEV
mass: {{curb: 1800 kg, electric_drive: 120 kg}}
battery: {{chemistry: LFP, capacity: 60 kWh}}
energy: {{electricity: 15 kWh/100km}}
use: {{first_year: {first}, grid_outlook: {outlook}}}
manufacturing: {{year: {year}{background}}}
"""


def spec(year=2030, background=None, outlook="trajectory"):
    text = SPEC.format(year=year, first=year + 1, outlook=outlook,
                       background=f", background: {background}" if background else "")
    return VehicleSpec.model_validate(yaml.safe_load(text))


def relinked(fg, stage):
    return [x for x in fg.stages[stage].links if x.origin is not None and x.origin.key == KEY]


def test_embedded_grid_walks_the_catalog_by_hand():
    cat = shipped_catalog()
    assert embedded_grid(cat, "glider-steel") == {"electricity-lc-cn-2024": pytest.approx(0.206)}
    assert embedded_grid(cat, "glider-mixed")["electricity-lc-cn-2024"] == pytest.approx(0.1829)
    assert embedded_grid(cat, "steel-bof-cn") == {}  # a sourced total: nothing to re-link


def test_default_is_current_and_relinks_nothing():
    cat = shipped_catalog()
    fg = build(spec(), cat)
    assert not any(relinked(fg, s) for s in fg.stages)
    assert fg.assumptions["manufacturing.background"].startswith("current")


def test_prospective_moves_the_parts_grid_electricity_to_the_production_year():
    cat = shipped_catalog()
    fg = build(spec(background="prospective"), cat)
    out, into = relinked(fg, "materials_and_parts")
    glider_kg = next(x.amount for x in fg.stages["materials_and_parts"].links if x.code == "glider-steel")
    expected = glider_kg * 0.206 + 120 * 0.0668  # glider stamping + electric-drive stamping [kWh]
    assert (out.code, into.code) == ("electricity-lc-cn-2024", "electricity-lc-cn-2030-trajectory")
    assert out.amount == pytest.approx(-expected) and into.amount == pytest.approx(expected)
    assert fg.assumptions["manufacturing.background"].startswith("prospective")
    assert any("2030-trajectory" in n and "not an official factor" in n for n in fg.notes)


def test_no_relink_where_the_production_year_has_an_official_factor():
    fg = build(spec(year=2024, background="prospective"), shipped_catalog())
    assert not any(relinked(fg, s) for s in fg.stages)


def test_after_the_trajectory_its_last_year_is_held_and_said():
    fg = build(spec(year=2045, background="prospective"), shipped_catalog())
    assert relinked(fg, "materials_and_parts")[1].code == "electricity-lc-cn-2035-trajectory"
    assert any("its last value is held" in n for n in fg.notes)


def test_prospective_puts_the_plants_on_the_trajectory_even_with_official_use():
    cat = shipped_catalog()
    current = build(spec(background=None, outlook="official"), cat)
    prospective = build(spec(background="prospective", outlook="official"), cat)

    def grid_codes(fg, stage):
        return {x.code for x in fg.stages[stage].links if x.code and x.code.startswith("electricity")}
    assert grid_codes(current, "vehicle_assembly") == {"electricity-lc-cn-2024"}
    assert grid_codes(prospective, "vehicle_assembly") == {"electricity-lc-cn-2030-trajectory"}
    assert grid_codes(prospective, "battery") == {"electricity-lc-cn-2030-trajectory"}


def test_plant_and_supplier_links_are_never_relinked():
    cat = shipped_catalog()
    s = Stage("materials_and_parts")
    s.add(100.0, "a supplier's glider", code="glider-steel", kind="supplier", key="supplied1")
    s.add(100.0, "a plant's glider", code="glider-steel", kind="plant", key="plant")
    assert relink(cat, s, 2030, []) == 0.0 and len(s.links) == 2


def test_prospective_lowers_the_stage_by_the_factor_difference(engine):
    """Engine check: the stage falls by kWh × (f2024 − f2030 trajectory), nothing else moves."""
    cat = shipped_catalog()
    cur, pro = build(spec(), cat), build(spec(background="prospective"), cat)
    kwh = relinked(pro, "materials_and_parts")[1].amount
    f24, f30 = (engine.unit_impact(f"electricity-lc-cn-{y}") for y in ("2024", "2030-trajectory"))
    drop = kwh * (f24 - f30)
    a, b = engine.stages([cur, pro])
    m, u = STAGES.index("materials_and_parts"), STAGES.index("use_energy_upstream")
    assert drop > 0
    assert a[m] - b[m] == pytest.approx(drop, rel=1e-6)
    assert a[u] == pytest.approx(b[u])
