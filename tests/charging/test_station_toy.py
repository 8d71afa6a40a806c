"""A station hand-checked on a two-hour toy: dispatch and per-kWh pricing."""

from __future__ import annotations

import numpy as np
import pytest

from carbonev.charging.results import station_result
from carbonev.inventory.charging.dispatch import dispatch
from carbonev.inventory.charging.station_links import StationLink, StationModel
from carbonev.specs.station import StationSpec

TOY = {
    "name": "toy", "region": "Zhejiang", "year": 2024,
    "load": {"annual_energy": "100 kWh", "profile": "flat"},
    "pv": {"capacity": "1 kW", "full_load_hours": "1 h", "full_load_hours_source": "toy", "factor": "pv"},
    "storage": {"capacity": "10 kWh", "power": "10 kW", "round_trip_efficiency": 0.81,
                "round_trip_efficiency_source": "toy", "lifetime": "1 year", "lifetime_source": "toy"},
    "chargers": [{"count": 1, "power": "10 kW", "efficiency": 0.9, "efficiency_source": "toy", "standby": "0 W",
                  "standby_source": "toy", "embodied": "0 kg", "embodied_source": "toy", "lifetime": "1 year",
                  "lifetime_source": "toy"}],
}


def test_two_hour_dispatch_by_hand():
    # hour 1: sun 12 kWh, vehicles take 9 kWh (10 kWh at the charger input); hour 2: no sun, 4.5 kWh delivered.
    d = dispatch(np.array([9.0, 4.5]), np.array([12.0, 0.0]), charger_efficiency=0.9, standby_kwh=0.0,
                 capacity=10.0, power=10.0, round_trip_efficiency=0.81)
    # hour 1: 10 kWh direct, 2 kWh surplus into storage: 2 × 0.9 = 1.8 kWh stored
    assert d.pv_direct.tolist() == pytest.approx([10.0, 0.0])
    assert d.pv_to_storage.tolist() == pytest.approx([2.0, 0.0])
    assert d.stored_end[0] == pytest.approx(1.8)
    # hour 2: demand 5 kWh; storage gives 1.8 × 0.9 = 1.62 kWh, grid the other 3.38 kWh
    assert d.from_storage.tolist() == pytest.approx([0.0, 1.62])
    assert d.grid.tolist() == pytest.approx([0.0, 3.38])
    assert d.from_pool[1] == pytest.approx(1.0)
    assert d.export.sum() == pytest.approx(0.0)
    assert d.balance_error() < 1e-12


def test_two_hour_station_footprint_by_hand():
    """Grid 0.5, PV 0.05 kg CO2e/kWh; stored PV carries its burden to hour 2; embodied 0.01/kWh delivered."""
    d = dispatch(np.array([9.0, 4.5]), np.array([12.0, 0.0]), 0.9, 0.0, 10.0, 10.0, 0.81)
    spec = StationSpec.model_validate(TOY)
    links = [StationLink((3.38 * 1.0) / 13.5, "grid", code="grid", kind="grid"),
             StationLink(12.0 / 13.5, "pv", code="pv", kind="pv"),
             StationLink(0.01, "chargers", flow="co2e_aggregated", kind="chargers")]
    model = StationModel(spec, d, np.ones(2), "flat", "grid", None, links)
    prices = {"grid": 0.5, "pv": 0.05, "co2e_aggregated": 1.0}
    res = station_result(model, lambda code=None, flow=None: prices[code or flow])
    # hour 1: 10 kWh PV direct × 0.05 = 0.5 kg for 9 kWh → 0.5/9 + 0.01
    # hour 2: 3.38 × 0.5 + 2 kWh stored PV × 0.05 = 1.69 + 0.1 = 1.79 kg for 4.5 kWh → 1.79/4.5 + 0.01
    assert res.hourly.kg_co2e_per_kwh.tolist() == pytest.approx([0.5 / 9 + 0.01, 1.79 / 4.5 + 0.01])
    # year: (0.5 + 1.79) / 13.5 + 0.01, from the link set, equal to the hourly sum
    assert res.annual == pytest.approx(2.29 / 13.5 + 0.01)
    hourly_sum = (res.hourly.kg_co2e_per_kwh * res.hourly.delivered_kwh).sum() / 13.5
    assert hourly_sum == pytest.approx(res.annual)
