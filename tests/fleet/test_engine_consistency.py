"""The fleet adds up the engine's single-vehicle footprints, and Dask gives the same numbers."""

from __future__ import annotations

import pandas as pd
import pytest

import carbonev
from carbonev.fleet.data import fleet_dir
from carbonev.fleet.pipeline import Options, run

KM = 12000.0


def test_one_year_equals_sum_of_single_vehicle_footprints(engine, session_store, tmp_path):
    """Flat grid (one calendar year, one grid factor), every vehicle new that year and on the
    road all year: production + operation of the fleet = Σ n × (cradle-to-gate + use stages) of
    the single-vehicle footprint driven KM km in one year."""
    act = tmp_path / "km.csv"
    act.write_text(f"class,km\nprivate-passenger,{KM}\n")
    table = pd.DataFrame({"city": ["Hangzhou", "Hangzhou", "Wenzhou"], "year": [2024] * 3,
                          "powertrain": ["BEV", "PHEV", "BEV"], "segment": ["B", "B", "SUV"], "count": [3, 2, 5]})
    result = run(table, Options(activity=act, first_year_share=1.0), engine=engine)
    fleet = result.by_year().iloc[0]
    vehicles = fleet_dir() / "vehicles"
    specs = {"bev-midsize-nmc811.yaml": 3, "phev-midsize.yaml": 2, "bev-suv.yaml": 5}
    single = carbonev.footprint([vehicles / s for s in specs], store=session_store, overrides={
        "use.years": "1 year", "use.lifetime": f"{KM} km", "use.first_year": 2024, "use.region": "Zhejiang",
        "manufacturing.year": 2024})
    stages = {"production": ("materials_and_parts", "battery", "vehicle_assembly"),
              "operation": ("use_energy_upstream", "use_direct")}
    for part, names in stages.items():
        expected = sum(n * r.stages.set_index("stage").loc[list(names), "amount"].sum()
                       for r, n in zip(single, specs.values(), strict=True)) / 1000
        # the fleet uses the fast evaluator, the API a full Brightway solve: equal to solver precision
        assert fleet[part] == pytest.approx(expected, rel=1e-6), part
    assert fleet["end_of_life"] == 0.0  # nobody leaves in the first year
    assert fleet["vehicle_km"] == pytest.approx(10 * KM)


@pytest.mark.dask
def test_dask_local_cluster_same_numbers(engine, tmp_path):
    from carbonev.fleet.synthetic import write

    path = write(20000, tmp_path / "reg.parquet", seed=3, max_count=3)
    one = run(path, Options(end=2027), engine=engine)
    dask = run(path, Options(end=2027, scheduler="local"), engine=engine)
    pd.testing.assert_frame_equal(one.table, dask.table, check_exact=True)
    assert one.vehicles == dask.vehicles


def test_csv_and_parquet_give_the_same_cohorts(tmp_path):
    from carbonev.fleet import registrations
    from carbonev.fleet.synthetic import generate

    t = generate(5000, seed=1, max_count=2)
    t.to_csv(tmp_path / "r.csv", index=False)
    t.to_parquet(tmp_path / "r.parquet", index=False)
    a, b = registrations.read(tmp_path / "r.csv"), registrations.read(tmp_path / "r.parquet")
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    assert a["count"].sum() == t["count"].sum()
