"""End-of-life modelling choices: cut-off, avoided burden and the CFF end-of-life term,
with the recycling credit reported apart from the treatment burden (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import Evaluator
from carbonev.errors import SpecError
from carbonev.inventory.end_of_life import METALS, vehicle_metals
from carbonev.inventory.resolve import resolve
from carbonev.inventory.vehicle import build
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import apply

BEV = Path(__file__).resolve().parent.parent / "examples" / "bev-midsize-nmc811.yaml"


@pytest.fixture(scope="module")
def ev(session_store):
    return Evaluator(shipped_catalog(), session_store)


def _stages(spec, ev):
    cat = shipped_catalog()
    [row] = ev.stages([build(spec, cat)])
    return dict(zip(("materials_and_parts", "battery", "vehicle_assembly", "use_energy_upstream", "use_direct",
                     "maintenance", "end_of_life", "end_of_life_credit"), row, strict=True))


def test_cut_off_has_no_credit(ev):
    s = _stages(load_vehicle(BEV), ev)
    assert s["end_of_life_credit"] == 0.0
    assert s["end_of_life"] > 0


def test_avoided_burden_credit_by_hand(ev):
    """credit = − reduction(hydro, Llamas-Orozco 2023: 0.51) × pack mass × impact per kg of pack
    materials + Σ metals R × M × (secondary − primary impact per kg); the treatment burden is unchanged."""
    cat = shipped_catalog()
    base = load_vehicle(BEV)
    spec = apply(base, {"end_of_life.modelling": "avoided-burden"})
    s, s0 = _stages(spec, ev), _stages(base, ev)
    r = resolve(spec, cat)
    per_kg = ev.intensities.impact[ev.column["battery-pack-materials-nmc811"]]
    reduction = cat.value("recycling_ghg_reduction_hydro", "dimensionless")
    metals = sum(cat.value(m.recovery, "dimensionless") * kg * (ev.unit_impact(m.secondary) - ev.unit_impact(m.primary))
                 for m, kg in ((METALS[k], kg) for k, kg in vehicle_metals(r, cat).items()))
    assert s["end_of_life_credit"] == pytest.approx(-reduction * r.battery_mass * per_kg + metals, rel=1e-9)
    assert metals < 0
    assert s["end_of_life"] == pytest.approx(s0["end_of_life"], rel=1e-12)
    assert s["end_of_life_credit"] < 0


def test_cff_scales_the_credit_by_one_minus_a(ev):
    base = load_vehicle(BEV)
    avoided = _stages(apply(base, {"end_of_life.modelling": "avoided-burden"}), ev)["end_of_life_credit"]
    cff = _stages(apply(base, {"end_of_life.modelling": "cff", "end_of_life.cff_a": 0.2}), ev)["end_of_life_credit"]
    assert cff == pytest.approx(0.8 * avoided, rel=1e-12)


def test_pyro_credit_is_smaller_than_hydro(ev):
    base = load_vehicle(BEV)
    hydro = _stages(apply(base, {"end_of_life.modelling": "avoided-burden"}), ev)["end_of_life_credit"]
    pyro = _stages(apply(base, {"end_of_life.modelling": "avoided-burden",
                                "end_of_life.battery_route": "pyrometallurgy"}), ev)["end_of_life_credit"]
    assert hydro < pyro < 0


def test_cff_without_a_is_an_error_naming_the_field():
    with pytest.raises(SpecError, match="end_of_life.cff_a: required"):
        apply(load_vehicle(BEV), {"end_of_life.modelling": "cff"})


def test_second_life_moves_the_recycling_burden_and_credit_out(ev):
    """40% of packs to a second life: battery recycling burden and credit × 0.6; the vehicle
    treatment burden and the body-metal credit are unchanged."""
    base = apply(load_vehicle(BEV), {"end_of_life.modelling": "avoided-burden"})
    reused = apply(base, {"end_of_life.second_life_share": 0.4})
    cat = shipped_catalog()
    s0, s1 = _stages(base, ev), _stages(reused, ev)
    battery_credit = [ev.link_impact(link) for link in build(base, cat).stages["end_of_life_credit"].links
                      if link.code.startswith("battery-pack-materials")]
    assert len(battery_credit) == 1
    assert s1["end_of_life_credit"] == pytest.approx(s0["end_of_life_credit"] - 0.4 * battery_credit[0], rel=1e-9)
    treatment = resolve(base, cat)
    body = (base.mass.curb - treatment.battery_mass) * ev.intensities.impact[ev.column["eol-vehicle-treatment"]]
    battery_part = s0["end_of_life"] - body
    assert s1["end_of_life"] == pytest.approx(body + 0.6 * battery_part, rel=1e-9)


def test_component_inventories_can_be_chosen(ev):
    """components.glider picks the aluminium-intensive glider inventory instead of the steel one."""
    base = load_vehicle(BEV)
    alu = apply(base, {"components.glider": "glider-aluminium-intensive"})
    cat = shipped_catalog()
    glider = resolve(base, cat).glider_mass
    diff = _stages(alu, ev)["materials_and_parts"] - _stages(base, ev)["materials_and_parts"]
    per_kg = ev.intensities.impact[ev.column["glider-aluminium-intensive"]] - \
        ev.intensities.impact[ev.column["glider-steel"]]
    assert diff == pytest.approx(glider * per_kg, rel=1e-9)
    with pytest.raises(SpecError, match="components.glider: 'glider-wood' is not a per-kg inventory"):
        build(apply(base, {"components.glider": "glider-wood"}), cat)
