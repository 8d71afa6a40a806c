"""Fleet fixtures: a stub engine with round unit factors (for hand checks) and the real one."""

from __future__ import annotations

import pandas as pd
import pytest

from carbonev.fleet.factors import UnitFactors

# Round numbers so every result can be checked by hand [kg CO2e, km, year]
STUB = {"production": 10000.0, "end_of_life": 1000.0, "maintenance_per_km": 0.01, "lifetime_km": 150000.0,
        "years": 15.0, "upstream_per_km": 0.1, "direct_per_km": 0.0, "direct_per_vehicle_year": 50.0}
STUB_ICEV = {"production": 8000.0, "end_of_life": 800.0, "maintenance_per_km": 0.01, "lifetime_km": 150000.0,
             "years": 15.0, "upstream_per_km": 0.04, "direct_per_km": 0.16, "direct_per_vehicle_year": 50.0}


class StubEngine:
    """Stands in for :class:`carbonev.fleet.factors.Engine`: fixed factors per model."""

    method = "stub"

    def unit_factors(self, specs, vehicle_keys, use_keys) -> UnitFactors:
        def f(model):
            return STUB_ICEV if model.startswith("ICEV") else STUB

        v = pd.DataFrame([{"model": m, "region": r, "reg_year": y, **{k: f(m)[k] for k in (
            "production", "end_of_life", "maintenance_per_km", "lifetime_km", "years")}} for m, r, y in vehicle_keys])
        u = pd.DataFrame([{"model": m, "region": r, "year": y, **{k: f(m)[k] for k in (
            "upstream_per_km", "direct_per_km", "direct_per_vehicle_year")}} for m, r, y in use_keys])
        return UnitFactors(v.set_index(["model", "region", "reg_year"]), u.set_index(["model", "region", "year"]))


@pytest.fixture
def stub_engine():
    return StubEngine()


@pytest.fixture(scope="session")
def engine(session_store):
    from carbonev.fleet.factors import Engine

    return Engine(session_store)
