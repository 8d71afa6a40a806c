"""Prospective background of the production stages (issue 10 item 5): ``manufacturing.background``.

Hand checks from the shipped data (kWh of electricity-lc-cn-2024 per kg): a component's stamping
(components.yaml) plus, for each part-forming input, kg formed × the forming activity's electricity
(part-manufacturing.yaml: iron 0.4200, aluminium casting 0.1793, copper wire 0.5303, plastics
moulding 0.9106, rubber moulding 0.6591 kWh/kg); glider-mixed is half steel, half aluminium-intensive.
"""

from __future__ import annotations

import pytest
import yaml

from carbonev.data.catalog import shipped_catalog
from carbonev.inventory.foreground import STAGES, Stage
from carbonev.inventory.prospective import KEY, embedded_grid, relink
from carbonev.inventory.vehicle import build
from carbonev.specs.vehicle import VehicleSpec

FORMING = {"iron": 0.4200, "al_cast": 0.1793, "wire": 0.5303, "plastics": 0.9106, "rubber": 0.6591}  # [kWh/kg]


def by_hand(stamping, iron, al_cast, wire, plastics, rubber):
    """kWh per kg of component: stamping + the forming inputs' electricity."""
    kg = {"iron": iron, "al_cast": al_cast, "wire": wire, "plastics": plastics, "rubber": rubber}
    return stamping + sum(kg[k] * FORMING[k] for k in kg)


GLIDER_STEEL = by_hand(0.206, 0.02354, 0.00341, 0.01661, 0.1254, 0.01831)  # 0.35156
GLIDER_AL = by_hand(0.1598, 0.02825, 0.1185, 0.01994, 0.1506, 0.02197)
ELECTRIC_DRIVE = by_hand(0.0668, 0.0, 0.4028, 0.2021, 0.0922, 0.01433)  # 0.33960

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
    assert embedded_grid(cat, "glider-steel") == {"electricity-lc-cn-2024": pytest.approx(GLIDER_STEEL)}
    mixed = 0.5 * (GLIDER_STEEL + GLIDER_AL)
    assert embedded_grid(cat, "glider-mixed")["electricity-lc-cn-2024"] == pytest.approx(mixed)
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
    expected = glider_kg * GLIDER_STEEL + 120 * ELECTRIC_DRIVE  # glider + electric drive [kWh]
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
