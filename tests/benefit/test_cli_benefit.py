"""``carbonev benefit ...`` and the 碳效码 audit through the CLI."""

from __future__ import annotations

import json

from tests.cli_runner import invoke


def test_benefit_methods_and_prices(session_store):
    r = invoke(session_store, "benefit", "methods")
    assert r.exit_code == 0
    assert "tcsae-235-2021" in r.stdout and "avoided emissions, voluntary claim" in r.stdout
    assert "required input: parameters.baseline_per_km" in r.stdout
    r = invoke(session_store, "benefit", "prices", "--market", "cea")
    assert r.exit_code == 0 and "2021-07-16 first-trade" in r.stdout and "eu-ets" not in r.stdout


def test_benefit_vehicle_valued_at_a_dated_price(session_store, examples):
    r = invoke(session_store, "benefit", "vehicle", str(examples / "bev-midsize-nmc811.yaml"), "--price", "cea",
               "--price-date", "2022-12-31", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    v = d["valuation"][0]
    assert (v["market"], v["price"], v["price_date"], v["price_kind"]) == ("cea", 55.0, "2022-12-30", "close")
    total = sum(row["reduction_operation"] for row in d["rows"])
    assert v["value"] == __import__("pytest").approx(total * 55.0)
    assert d["claim"] == "avoided emissions, voluntary claim"


def test_benefit_project_and_disclose(session_store, examples):
    r = invoke(session_store, "benefit", "project", str(examples / "benefit" / "pv-roof-jinhua.yaml"), "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["reduction"] > 0
    r = invoke(session_store, "benefit", "disclose", str(examples / "benefit" / "loans.yaml"), "--quarter", "2025Q3")
    assert r.exit_code == 0, r.output
    assert "2025年第3季度" in r.stdout and "贷款加权平均利率" in r.stdout and "attribution rule: loan-share" in r.stdout
    r = invoke(session_store, "benefit", "disclose", str(examples / "benefit" / "loans.yaml"), "--quarter", "2025-3")
    assert r.exit_code == 2 and "--quarter" in r.stderr


def test_benefit_fleet(session_store, tmp_path):
    reg = tmp_path / "r.csv"
    reg.write_text("city,year,powertrain,segment,count\nHangzhou,2023,BEV,B,100\nNingbo,2024,BEV,SUV,50\n")
    r = invoke(session_store, "benefit", "fleet", str(reg), "--to", "2025", "--price", "eu-ets", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0].startswith("year,stock_end,vehicle_km,baseline_operation")


def test_factory_audit_carbon_efficiency_code(session_store, examples):
    r = invoke(session_store, "factory", "audit", str(examples / "carbon-efficiency" / "zj-plant.yaml"),
               "--criteria", "zj-carbon-efficiency-code", "--values",
               str(examples / "carbon-efficiency" / "values-secondary.yaml"))
    assert r.exit_code == 0, r.output
    assert "Verdict: grade 3" in r.stdout
    r = invoke(session_store, "criteria", "zj-carbon-efficiency-code")
    assert r.exit_code == 0 and "references.industry-average.value" in r.stdout
