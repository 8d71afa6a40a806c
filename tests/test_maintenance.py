"""Maintenance stage: tyres, 12 V batteries and engine oil (issue 10 item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.inventory.resolve import resolve
from carbonev.inventory.vehicle import build
from carbonev.specs.load import load_vehicle

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CAT = shipped_catalog()


def _links(spec):
    return {link.origin.key: link for link in build(spec, CAT).stages["maintenance"].links}


def test_engine_oil_by_hand_for_the_gasoline_car():
    """200,000 km / 7,500 km = 26.7 fills × 4.1 L = 109.3 L of engine oil (ok-fluids, Haynes)."""
    spec = load_vehicle(EXAMPLES / "icev-gasoline-midsize.yaml")
    oil = _links(spec)["engine-oil"]
    km = resolve(spec, CAT).lifetime_km
    assert oil.code == "engine-oil-cn"
    assert oil.amount == pytest.approx(km / 7500 * 4.1, rel=1e-12)
    assert "fills" in oil.basis


@pytest.mark.parametrize("example", ["hev-compact.yaml", "phev-midsize.yaml"])
def test_hybrids_change_oil_too(example):
    assert "engine-oil" in _links(load_vehicle(EXAMPLES / example))


def test_heavy_vehicles_are_not_given_a_car_sump():
    assert "engine-oil" not in _links(load_vehicle(EXAMPLES / "truck-heavy-diesel.yaml"))


def test_a_battery_car_has_no_engine_oil():
    links = _links(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"))
    assert "engine-oil" not in links
    assert {"tyre", "battery-12v-lead-acid"} <= set(links)


def test_oil_scales_with_the_shipped_interval():
    spec = load_vehicle(EXAMPLES / "icev-gasoline-midsize.yaml")
    base = _links(spec)["engine-oil"].amount
    longer = {link.origin.key: link for link in build(spec, CAT.with_values({"engine_oil_change_interval": 10000}))
              .stages["maintenance"].links}["engine-oil"].amount
    assert longer == pytest.approx(base * 7500 / 10000, rel=1e-12)
