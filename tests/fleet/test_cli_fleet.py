"""``carbonev fleet run|synth|survival`` through the CLI."""

from __future__ import annotations

import pandas as pd
from tests.cli_runner import invoke


def test_fleet_run_writes_tables_charts_and_summaries(session_store, tmp_path):
    reg = tmp_path / "reg.parquet"
    r = invoke(session_store, "fleet", "synth", "3000", "--output", str(reg), "--seed", "2")
    assert r.exit_code == 0, r.output
    out = tmp_path / "out"
    r = invoke(session_store, "fleet", "run", str(reg), "--out", str(out), "--format", "csv,parquet,xlsx",
               "--to", "2027", "--summary", "html")
    assert r.exit_code == 0, r.output
    assert "avoided emissions, voluntary claim" in r.stdout
    for name in ("fleet-emissions.csv", "fleet-emissions.parquet", "fleet-emissions.xlsx", "fleet-by-year.csv",
                 "emissions-by-city.png", "cumulative-savings.png", "summary.en.html", "summary.zh.html"):
        assert (out / name).stat().st_size > 0, name
    csv = pd.read_csv(out / "fleet-emissions.csv")
    pq = pd.read_parquet(out / "fleet-emissions.parquet")
    assert csv["life_cycle"].sum() == pd.Series(pq["life_cycle"]).sum() or abs(
        csv["life_cycle"].sum() - pq["life_cycle"].sum()) < 1e-6 * pq["life_cycle"].sum()
    assert pd.read_excel(out / "fleet-emissions.xlsx", sheet_name="units").set_index("column").loc[
        "operation", "unit"] == "t CO2e"
    zh = (out / "summary.zh.html").read_text(encoding="utf-8")
    assert "不是 CCER" in zh and 'lang="zh"' in zh
    assert csv["new_registrations"].sum() == 3000


def test_fleet_run_bad_input_is_one_line_and_writes_nothing(session_store, tmp_path):
    reg = tmp_path / "reg.csv"
    reg.write_text("city,year,powertrain,segment,count\nA,2023,BEV,B,x\n")
    out = tmp_path / "out"
    r = invoke(session_store, "fleet", "run", str(reg), "--out", str(out))
    assert r.exit_code == 2
    assert r.stderr.startswith("error: ") and str(reg) in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()
    r = invoke(session_store, "fleet", "run", str(reg), "--out", str(out), "--format", "pdf")
    assert r.exit_code == 2 and "--format" in r.stderr


def test_fleet_survival_lists_curves(session_store):
    r = invoke(session_store, "fleet", "survival", "--ages", "15")
    assert r.exit_code == 0
    assert "private-passenger: Weibull k=4.79, λ=14.46" in r.stdout
    assert "taxi: step at 5 year" in r.stdout
