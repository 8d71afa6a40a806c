"""EV-trip benefits (T/CSAE 235-2021 structure): reduction = baseline − project − leakage."""

from __future__ import annotations

import pandas as pd
import pytest

from carbonev.benefit.methods import load_method
from carbonev.benefit.trips import fleet, vehicle
from carbonev.fleet.pipeline import Options


def test_vehicle_reduction_is_baseline_minus_project(engine, examples):
    m, _ = load_method("tcsae-235-2021")
    t = vehicle(examples / "bev-midsize-nmc811.yaml", m, engine, first_year=2024, years=3, km_per_year=12000)
    assert list(t["year"]) == [2024, 2025, 2026] and (t["km"] == 12000).all()
    assert ((t["baseline_operation"] - t["project_operation"] - t["leakage"]) - t["reduction_operation"]).abs().max() \
        < 1e-12
    assert (t["reduction_operation"] > 0).all()  # a BEV on Zhejiang's grid beats the gasoline car in use
    # life cycle: year 1 carries both vehicles' production, so it is below the operation-only saving
    assert t["reduction_life_cycle"].iloc[0] < t["reduction_operation"].iloc[0]
    assert t.attrs["claim"] == "avoided emissions, voluntary claim"
    assert t.attrs["baseline"].startswith("ICEV-gasoline/B")


def test_fixed_baseline_factor_of_a_methodology(engine, examples, tmp_path):
    vals = tmp_path / "v.yaml"
    vals.write_text("format: carbonev-benefit-values/1\nsupplied_by: test\nstatus: test values, not official\n"
                    "methods:\n  huzhou-db3305-t272-2023:\n"
                    "    {parameters.baseline_per_km: 0.2, parameters.leakage_share: 0.1}\n")
    m, _ = load_method("huzhou-db3305-t272-2023", vals)
    t = vehicle(examples / "bev-midsize-nmc811.yaml", m, engine, first_year=2024, years=1, km_per_year=10000)
    row = t.iloc[0]
    assert row["baseline_operation"] == pytest.approx(10000 * 0.2 / 1000)  # 2 t
    assert row["leakage"] == pytest.approx(0.2)
    assert row["reduction_operation"] == pytest.approx(2.0 - row["project_operation"] - 0.2)


def test_fleet_benefit_takes_the_methodology_leakage(stub_engine, tmp_path):
    vals = tmp_path / "v.yaml"
    vals.write_text("format: carbonev-benefit-values/1\nsupplied_by: test\nstatus: test values, not official\n"
                    "methods:\n  huzhou-db3305-t272-2023:\n"
                    "    {parameters.baseline_per_km: 0.3, parameters.leakage_share: 0.5}\n")
    m, _ = load_method("huzhou-db3305-t272-2023", vals)
    table = pd.DataFrame({"city": ["Huzhou"], "year": [2024], "powertrain": ["BEV"], "segment": ["B"], "count": [10]})
    r = fleet(table, m, Options(first_year_share=1.0), stub_engine)
    row = r.by_year().iloc[0]
    km = 10 * 150000 / 15
    assert row["baseline_operation"] == pytest.approx(km * 0.3 / 1000)
    assert row["leakage"] == pytest.approx(0.5 * km * 0.3 / 1000)
    assert row["reduction_operation"] == pytest.approx(km * 0.3 / 1000 * 0.5 - (km * 0.1 + 10 * 50) / 1000)
    assert any("benefit methodology" in a for a in r.assumptions)
