"""Charging in the vehicle footprint: flat = today's result exactly, V2G never netted, station and own series."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from carbonev.charging.engine_adapter import pricer
from carbonev.charging.results import charging_summary
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import Evaluator
from carbonev.errors import SpecError
from carbonev.inventory.charging.weighting import named_weight
from carbonev.inventory.foreground import STAGES
from carbonev.inventory.vehicle import build
from carbonev.specs.charging import Charging
from carbonev.specs.charging_files import matrix_of, read_hourly_series, resolve
from carbonev.specs.load import load_vehicle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
USE = STAGES.index("use_energy_upstream")
V2G = {"discharged": "1000 kWh/year", "profile": "home-evening", "capacity_fade_per_cycle": 0.0001,
       "end_of_life_capacity": 0.8, "wear_source": "test figures"}


@pytest.fixture(scope="module")
def cat():
    return shipped_catalog()


@pytest.fixture(scope="module")
def ev(cat, session_store):
    return Evaluator(cat, session_store)


@pytest.fixture(scope="module")
def car():
    return load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml")


def with_charging(spec, **charging):
    use = spec.use.model_copy(update={"charging": Charging.model_validate(charging)})
    return spec.model_copy(update={"use": use})


def test_flat_profile_equals_the_annual_factor_result_exactly(cat, ev, car):
    today, flat = ev.stages([build(car, cat), build(with_charging(car, profile="flat"), cat)])
    assert flat.tolist() == today.tolist()  # bit for bit, every stage
    assert build(with_charging(car, profile="flat"), cat).key == build(car, cat).key


def test_own_matrix_of_ones_equals_flat_and_home_night_is_weighted(cat, ev, car):
    ones = [[1.0] * 12 for _ in range(24)]
    base, own, night = ev.stages([build(car, cat), build(with_charging(car, matrix=ones), cat),
                                  build(with_charging(car, profile="home-night"), cat)])
    assert own[USE] == pytest.approx(base[USE], rel=1e-12)
    w = named_weight(cat.profiles, "cn-zj", 2025, "home-night")[0]
    assert night[USE] == pytest.approx(base[USE] * w, rel=1e-12)
    assert w != 1.0


def test_v2g_losses_and_wear_are_in_the_footprint_and_avoided_emissions_are_not(cat, ev, car, session_store):
    plain = with_charging(car, profile="home-night")
    v2g = with_charging(car, profile="home-night", v2g=V2G)
    fg = build(v2g, cat)
    without, with_ = ev.stages([build(plain, cat), fg])
    extra = sum(ev.link_impact(link) for link in fg.stages["use_energy_upstream"].links if "V2G" in link.basis)
    assert extra > 0
    assert with_.sum() == pytest.approx(without.sum() + extra, rel=1e-12)  # only losses and wear added
    summary = charging_summary(v2g, cat, pricer(cat, session_store))
    views = {v["view"]: v for v in summary["v2g"]["views"]}
    assert set(views) == {"average", "marginal"}
    assert views["average"]["displaced_kg"] > extra  # would have made the total smaller had it been netted
    assert with_.sum() > without.sum()  # ... and it was not
    # marginal proxy (coal margin, same factor both ways): V2G raises grid emissions by the losses
    m = views["marginal"]
    assert m["net_system_kg"] == pytest.approx(m["displaced_kg"] * (1 - 1 / summary["v2g"]["round_trip_efficiency"]))
    assert any("never netted" in n for n in fg.notes)


def test_v2g_wear_chain_by_hand(cat, car):
    from carbonev.inventory.charging.v2g import plan
    from carbonev.specs.charging import V2G as V2GModel

    p = plan(V2GModel.model_validate({**V2G, "round_trip_efficiency": 0.81}), years=10, capacity_kwh=50,
             charging_efficiency=0.88)
    assert p.loss_kwh == pytest.approx(10_000 * (1 / 0.81 - 1))
    assert p.cycles == pytest.approx(10_000 / 0.9 / 50)
    assert p.pack_share == pytest.approx(p.cycles * 1e-4 / 0.2)


def test_station_file_is_resolved_on_load_and_priced_per_kwh(cat, ev, examples):
    site = load_vehicle(examples / "charging" / "zj-site-car.yaml")
    assert site.use.charging.station is not None
    fg = build(site, cat)
    assert any(link.code == "electricity-lc-pv-cn-2023" for link in fg.stages["use_energy_upstream"].links)
    unresolved = with_charging(site, station_file="zj-pv-storage-site.yaml")
    with pytest.raises(SpecError, match="station_file"):
        build(unresolved, cat)


def test_own_hourly_series_roundtrip_and_errors(tmp_path, cat, car):
    series = np.full(8760, 0.4)
    good = tmp_path / "grid.csv"
    good.write_text("hour,kg_co2e_per_kwh\n" + "".join(f"{i},{v}\n" for i, v in enumerate(series)))
    m = matrix_of(read_hourly_series(good))
    assert np.allclose(np.array(m), 0.4)
    spec = resolve(with_charging(car, grid_file=str(good)), None)
    links = build(spec, cat).stages["use_energy_upstream"].links
    official = car.model_copy(update={"use": car.use.model_copy(update={"regional_factor": "official"})})
    kwh_total = build(official, cat).stages["use_energy_upstream"].links  # kWh as charged, unscaled
    assert sum(link.amount for link in links) == pytest.approx(0.4 * sum(link.amount for link in kwh_total))
    short = tmp_path / "short.csv"
    short.write_text("hour,x\n0,1\n")
    with pytest.raises(SpecError, match="8760"):
        read_hourly_series(short)
    bad = tmp_path / "bad.csv"
    bad.write_text("hour,x\n0,abc\n")
    with pytest.raises(SpecError, match="row 2"):
        read_hourly_series(bad)


def test_bad_charging_sections_are_clear_errors():
    with pytest.raises(ValueError, match="24 rows"):
        Charging.model_validate({"matrix": [[1.0] * 12] * 23})
    with pytest.raises(ValueError, match="station"):
        Charging.model_validate({"station_file": "x.yaml", "profile": "home-night"})
    with pytest.raises(ValueError, match="wear_source|Field required"):
        Charging.model_validate({"v2g": {k: v for k, v in V2G.items() if k != "wear_source"}})
