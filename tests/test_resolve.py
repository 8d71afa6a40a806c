"""Defaults filled from data (with their source) and the checks that need data."""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.errors import SpecError
from carbonev.inventory.resolve import resolve
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import apply

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_city_bus_takes_the_bus_lifetime_from_the_scrappage_rules():
    """商务部令2012年第12号 (via inventories/vehicle-classes-cn.yaml): city bus 400,000 km."""
    cat = shipped_catalog()
    r = resolve(load_vehicle(EXAMPLES / "bus-city-bev.yaml"), cat)
    assert r.lifetime_km == pytest.approx(cat.value("lifetime_distance_city_bus", "km"))
    assert r.lifetime_km == pytest.approx(400_000)
    assert "lifetime_distance_city_bus" in r.assumptions["use.lifetime"]


def test_phev_utility_factor_defaults_to_the_chinese_figure():
    cat = shipped_catalog()
    spec = load_vehicle(EXAMPLES / "phev-midsize.yaml")
    if spec.energy.utility_factor is not None:
        spec = spec.model_copy(update={"energy": spec.energy.model_copy(update={"utility_factor": None})})
    r = resolve(spec, cat)
    uf = cat.value("phev_utility_factor_cn", "dimensionless")
    rwf = r.electricity_per_km / (spec.energy.electricity * uf)
    assert "energy.utility_factor" in r.assumptions
    assert 1.0 <= rwf < 2.0  # the rest is the real-world factor


def test_fcev_on_a_test_cycle_needs_an_explicit_real_world_factor():
    spec = apply(load_vehicle(EXAMPLES / "fcev-car.yaml"), {"energy.cycle": "CLTC"})
    with pytest.raises(SpecError, match="energy.real_world_factor: no shipped real-world factor for an FCEV"):
        resolve(spec, shipped_catalog())


def test_parts_heavier_than_curb_mass_name_the_field():
    spec = apply(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"), {"mass.glider": "1500 kg"})
    with pytest.raises(SpecError, match=r"mass: parts add up to .* but curb is 1823 kg \(tolerance 2%\)"):
        resolve(spec, shipped_catalog())


@pytest.mark.parametrize(("model_year", "expected"), [(2029, "R134a"), (2030, "R1234yf")])
def test_refrigerant_defaults_by_model_year(model_year, expected):
    """China's Montreal Protocol plan (draft 2024-2030, via IGSD): GWP <= 150 for new M1 type
    approvals from 2030 (parameter mac_low_gwp_required_from)."""
    cat = shipped_catalog()
    spec = apply(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"), {"manufacturing.year": model_year})
    r = resolve(spec, cat)
    assert r.refrigerant == expected
    assert f"model year {model_year}" in r.assumptions["refrigerant"]


def test_given_refrigerant_wins_over_the_default():
    spec = apply(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"), {"refrigerant": "R744"})
    r = resolve(spec, shipped_catalog())
    assert r.refrigerant == "R744" and "refrigerant" not in r.assumptions


def test_grid_choices_are_stated_in_the_assumptions():
    cat = shipped_catalog()
    r = resolve(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"), cat)  # used in Zhejiang
    assert r.assumptions["use.grid_outlook"].startswith("trajectory")
    assert "Zhejiang/China CO2 emission factor ratio" in r.assumptions["use.regional_factor"]
    official = apply(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"),
                     {"use.grid_outlook": "official", "use.regional_factor": "official"})
    a = resolve(official, cat).assumptions
    assert a["use.grid_outlook"].startswith("official") and a["use.regional_factor"].startswith("official")


def test_passenger_car_lifetime_defaults_to_200000_km_with_its_source():
    """Data 2026.12.1: 200,000 km (peer LCAs of Zhejiang-built cars; bounded by Chinese data)."""
    cat = shipped_catalog()
    spec = load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml")
    spec = spec.model_copy(update={"use": spec.use.model_copy(update={"lifetime": None})})
    r = resolve(spec, cat)
    assert r.lifetime_km == pytest.approx(200_000)
    assert "Polestar" in r.assumptions["use.lifetime"]


@pytest.mark.parametrize(("body", "code"), [(None, "glider-steel"), ("steel", "glider-steel"),
                                           ("aluminium-intensive", "glider-aluminium-intensive"),
                                           ("mixed", "glider-mixed")])
def test_body_material_picks_the_glider_and_says_so(body, code):
    spec = load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml")
    if body:
        spec = apply(spec, {"components.body": body})
    r = resolve(spec, shipped_catalog())
    assert r.glider_code == code
    assert r.assumptions["components.glider"].startswith(code)
    if body is None:
        assert "default" in r.assumptions["components.glider"]


def test_body_that_contradicts_the_glider_names_the_field():
    spec = apply(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"),
                 {"components.glider": "glider-aluminium-intensive", "components.body": "steel"})
    with pytest.raises(SpecError) as err:
        resolve(spec, shipped_catalog(), "car.yaml")
    assert str(err.value).startswith("car.yaml: components.body: ")


def test_mixed_glider_is_the_midpoint_of_steel_and_aluminium_intensive(engine):
    s, a, m = (engine.unit_impact(c) for c in ("glider-steel", "glider-aluminium-intensive", "glider-mixed"))
    assert m == pytest.approx((s + a) / 2)
    assert s < m < a
