"""End-of-life credits for the metals of the whole vehicle (issue 10 item 4).

The metal content comes from the component bills of materials (content = input × (1 − new-scrap
rate)); it must agree with the content each bill states in its mass-balance tag
(tests/test_mass_balance.py), so the derivation cannot drift from the data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.inventory.end_of_life import METALS, metal_content, vehicle_metals
from carbonev.inventory.resolve import resolve
from carbonev.inventory.vehicle import build
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import apply
from test_mass_balance import parse_tag

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BEV = EXAMPLES / "bev-midsize-nmc811.yaml"
ICEV = EXAMPLES / "icev-gasoline-midsize.yaml"
CAT = shipped_catalog()
TAGGED = ("glider-steel", "glider-aluminium-intensive", "electric-drive", "combustion-powertrain", "motor-pmsm",
          "motor-induction", "power-electronics-ev")
TAG_METALS = {"steel-automotive-cn": "ferrous", "iron-cast-cn": "ferrous", "aluminium-automotive-cn": "aluminium",
              "copper-cn": "copper"}


@pytest.mark.parametrize("code", TAGGED)
def test_metal_content_matches_the_stated_content_of_the_bill(code):
    _, content = parse_tag(CAT.activities[code].comment)
    stated = dict.fromkeys(METALS, 0.0)
    for supplier, parts in content.items():
        if supplier in TAG_METALS:
            stated[TAG_METALS[supplier]] += sum(c for c, _ in parts)
    derived = metal_content(CAT, code)
    for metal in METALS:
        assert derived[metal] == pytest.approx(stated[metal], rel=0.01, abs=1e-4), metal


def test_mixes_take_the_weighted_content_of_their_components():
    steel, alu = metal_content(CAT, "glider-steel"), metal_content(CAT, "glider-aluminium-intensive")
    mixed = metal_content(CAT, "glider-mixed")
    for metal in METALS:
        assert mixed[metal] == pytest.approx(0.5 * steel[metal] + 0.5 * alu[metal], rel=1e-12)
    assert metal_content(CAT, "inverter-si") == metal_content(CAT, "power-electronics-ev")
    assert metal_content(CAT, "no-such-part") == dict.fromkeys(METALS, 0.0)


def test_glider_steel_by_hand():
    """GREET 2017 body + chassis: steel 0.7369 + cast iron 0.02354 = 0.76044 kg/kg; aluminium wrought
    0.00461 + cast 0.00341; copper 0.01661 (components.yaml)."""
    c = metal_content(CAT, "glider-steel")
    assert c["ferrous"] == pytest.approx(1.0095 * 0.73 + 0.02427 * 0.97, rel=1e-9)
    assert c["aluminium"] == pytest.approx(0.00341 + (0.00943 - 0.00341 / 0.97) * 0.78, rel=1e-9)
    assert c["copper"] == pytest.approx(0.01661, rel=1e-12)


def _credit_links(spec):
    return [link for link in build(spec, CAT).stages["end_of_life_credit"].links
            if link.origin.key.startswith("body-")]


def test_cut_off_has_no_metal_credit():
    assert _credit_links(load_vehicle(ICEV)) == []


def test_avoided_burden_credits_the_combustion_car_too():
    """Two lines per metal: − R × M of primary metal, + R × M of the secondary route."""
    spec = apply(load_vehicle(ICEV), {"end_of_life.modelling": "avoided-burden"})
    links = {link.origin.key: link for link in _credit_links(spec)}
    metals = vehicle_metals(resolve(spec, CAT), CAT)
    assert len(links) == 2 * len(METALS)
    for key, metal in METALS.items():
        recovered = CAT.value(metal.recovery, "dimensionless") * metals[key]
        assert links[f"body-{key}-displaced"].code == metal.primary
        assert links[f"body-{key}-displaced"].amount == pytest.approx(-recovered, rel=1e-12)
        assert links[f"body-{key}-recycling"].code == metal.secondary
        assert links[f"body-{key}-recycling"].amount == pytest.approx(recovered, rel=1e-12)
        assert "recovered" in links[f"body-{key}-displaced"].basis
    # gasoline car: glider (curb − powertrain) + powertrain by their bills of materials
    m = spec.mass
    expected = (m.curb - m.combustion_powertrain) * metal_content(CAT, "glider-steel")["ferrous"] + \
        m.combustion_powertrain * metal_content(CAT, "combustion-powertrain")["ferrous"]
    assert metals["ferrous"] == pytest.approx(expected, rel=1e-9)


def test_cff_scales_primary_by_one_minus_a_times_quality_and_recycling_by_one_minus_a():
    base = apply(load_vehicle(BEV), {"end_of_life.modelling": "avoided-burden"})
    cff = apply(base, {"end_of_life.modelling": "cff", "end_of_life.cff_a": 0.2,
                       "end_of_life.cff_quality_ratio": 0.9})
    ab = {link.origin.key: link.amount for link in _credit_links(base)}
    cf = {link.origin.key: link.amount for link in _credit_links(cff)}
    for key in METALS:
        assert cf[f"body-{key}-displaced"] == pytest.approx(0.8 * 0.9 * ab[f"body-{key}-displaced"], rel=1e-12)
        assert cf[f"body-{key}-recycling"] == pytest.approx(0.8 * ab[f"body-{key}-recycling"], rel=1e-12)


def test_the_battery_is_not_counted_as_body_metal():
    """The traction pack has its own credit: the body metals come from glider and drive only."""
    spec = apply(load_vehicle(BEV), {"end_of_life.modelling": "avoided-burden"})
    r = resolve(spec, CAT)
    metals = vehicle_metals(r, CAT)
    body = r.glider_mass + spec.mass.electric_drive
    assert sum(metals.values()) < body < spec.mass.curb - r.battery_mass + 1e-9
