"""A two-vehicle fleet checked by hand (stub unit factors, so the arithmetic is the test)."""

from __future__ import annotations

import pandas as pd
import pytest

from carbonev.fleet.pipeline import Options, run

STEP = """format: carbonev-fleet-survival/1
name: step-2
version: 2026.12.0
title: test curve
description: every vehicle leaves at age 2
sources: {test: {citation: "test fixture, no source", tag: verified}}
curves:
  two-years:
    name: {en: two years}
    form: step
    age: {amount: 2, unit: year, year: 2024, geography: CN, source: test, locator: test,
          uncertainty: {distribution: exact, basis: test fixture}}
segment_classes: {B: two-years}
"""


@pytest.fixture
def two_vehicles(tmp_path):
    (tmp_path / "step.yaml").write_text(STEP)
    table = pd.DataFrame({"city": ["Hangzhou", "Ningbo"], "year": [2022, 2023], "powertrain": ["BEV", "BEV"],
                          "segment": ["B", "B"], "count": [1, 1]})
    return table, tmp_path / "step.yaml"


def test_two_vehicle_fleet_by_hand(two_vehicles, stub_engine):
    table, curve = two_vehicles
    result = run(table, Options(survival=curve, end=2025, first_year_share=0.5), engine=stub_engine)
    t = result.table.set_index(["year", "city"])
    km = 150000 / 15  # engine default: lifetime / years = 10,000 km a year
    # Hangzhou, registered 2022: half a year on the road, then a full year, gone at the end of 2024 (age 2)
    assert t.loc[(2022, "Hangzhou"), "vehicle_km"] == pytest.approx(0.5 * km)
    assert t.loc[(2022, "Hangzhou"), "operation"] == pytest.approx((0.5 * km * 0.1 + 0.5 * 50) / 1000)  # 0.525 t
    assert t.loc[(2022, "Hangzhou"), "production"] == pytest.approx(10.0)
    assert t.loc[(2023, "Hangzhou"), "operation"] == pytest.approx((km * 0.1 + 50) / 1000)  # 1.05 t
    assert t.loc[(2023, "Hangzhou"), "stock_end"] == 1.0
    # 2024: the step curve drops to 0 at age 2: on the road half the year on average, leaves
    assert t.loc[(2024, "Hangzhou"), "stock_end"] == 0.0
    assert t.loc[(2024, "Hangzhou"), "exits"] == 1.0
    assert t.loc[(2024, "Hangzhou"), "end_of_life"] == pytest.approx(1.0)
    assert t.loc[(2024, "Hangzhou"), "vehicle_years"] == pytest.approx(0.5)
    # maintenance: per km, life average 0.01 kg/km
    assert t.loc[(2023, "Hangzhou"), "maintenance"] == pytest.approx(km * 0.01 / 1000)
    # baseline: the B-segment gasoline car over the same km: 0.04 + 0.16 kg/km, 50 kg a vehicle-year
    assert t.loc[(2023, "Hangzhou"), "baseline_operation"] == pytest.approx((km * 0.2 + 50) / 1000)  # 2.05 t
    assert t.loc[(2023, "Hangzhou"), "reduction_operation"] == pytest.approx(1.0)
    assert t.loc[(2022, "Hangzhou"), "reduction_life_cycle"] == pytest.approx(
        (0.5 * km * 0.2 + 25 + 8000 + 0.5 * km * 0.01) / 1000 - (0.5 * km * 0.1 + 25 + 10000 + 0.5 * km * 0.01) / 1000)
    # Ningbo's vehicle appears in 2023 only
    assert (2022, "Ningbo") not in t.index
    assert t.loc[(2023, "Ningbo"), "new_registrations"] == 1.0
    years = result.by_year().set_index("year")
    assert years.loc[2023, "stock_end"] == 2.0
    assert years.loc[2025, "stock_end"] == 0.0
    assert years["exits"].sum() == 2.0
    assert years["new_registrations"].sum() == 2.0


def test_leakage_is_taken_off_the_reduction(two_vehicles, stub_engine, tmp_path):
    table, curve = two_vehicles
    bl = tmp_path / "bl.yaml"
    bl.write_text("format: carbonev-fleet-baseline/1\nname: t\nmethod: T/CSAE 235-2021 test\n"
                  "vehicles: {B: ICEV-gasoline/B}\nleakage: {share_of_baseline_operation: 0.1, basis: test}\n")
    result = run(table, Options(survival=curve, baseline=bl, end=2023), engine=stub_engine)
    row = result.table.set_index(["year", "city"]).loc[(2023, "Hangzhou")]
    assert row["leakage"] == pytest.approx(0.1 * 2.05)
    assert row["reduction_operation"] == pytest.approx(2.05 - 1.05 - 0.205)


def test_activity_file_overrides_by_age(two_vehicles, stub_engine, tmp_path):
    table, curve = two_vehicles
    act = tmp_path / "km.csv"
    act.write_text("class,age,km\ntwo-years,,8000\ntwo-years,1,6000\n")
    result = run(table, Options(survival=curve, activity=act, end=2023, first_year_share=1.0), engine=stub_engine)
    t = result.table.set_index(["year", "city"])
    assert t.loc[(2022, "Hangzhou"), "vehicle_km"] == pytest.approx(8000)  # age 0: class row
    assert t.loc[(2023, "Hangzhou"), "vehicle_km"] == pytest.approx(6000)  # age 1: class + age row
