"""``carbonev report`` and ``carbonev rate`` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import invoke

ROOT = Path(__file__).resolve().parents[2]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
ICEV = ROOT / "examples" / "icev-gasoline-midsize.yaml"
DEMO = ROOT / "examples" / "rating" / "demo-thresholds.yaml"



def test_report_json_to_file(session_store, tmp_path):
    out = tmp_path / "r.json"
    res = invoke(session_store, "report", str(BEV), "-f", "json", "--lang", "zh", "-o", str(out))
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["lang"] == "zh" and data["title"] == "产品碳足迹报告"
    assert data["uncertainty"]["computed"] is False
    assert data["provenance"]["input"]["file"] == str(BEV)


def test_report_with_monte_carlo_shows_percentiles(session_store):
    res = invoke(session_store, "report", str(BEV), "-f", "json", "--iterations", "20", "--seed", "3")
    assert res.exit_code == 0, res.output
    unc = json.loads(res.stdout)["uncertainty"]
    assert unc["computed"] and unc["iterations"] == 20 and unc["seed"] == 3
    total = next(r for r in unc["rows"] if r["stage"] == "total")
    assert total["p5"] <= total["median"] <= total["p95"]
    assert total["p5"] < total["p95"]


def test_report_markdown_and_html(session_store, tmp_path):
    md = invoke(session_store, "report", str(ICEV), "-f", "md")
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Product carbon footprint report")
    assert "Use: direct emissions" in md.stdout
    out = tmp_path / "r.html"
    res = invoke(session_store, "report", str(ICEV), "-o", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_bad_input_exit_2_and_nothing_written(session_store, tmp_path):
    out = tmp_path / "r.html"
    res = invoke(session_store, "report", str(tmp_path / "missing.yaml"), "-o", str(out))
    assert res.exit_code == 2
    assert "missing.yaml: file not found" in res.output
    assert not out.exists()


def test_rate_prints_metric_grade_thresholds_and_gap(session_store):
    res = invoke(session_store, "rate", str(BEV), "--rules", "vehicle-template", "--values", str(DEMO))
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "Metric: per_km = " in out and "g CO2e/km" in out
    assert "Grade: " in out and "Thresholds" in out and "Next grade" in out
    assert "DEMO values, not official" in out


def test_rate_json_is_consistent_with_thresholds(session_store):
    res = invoke(session_store, "rate", str(BEV), "--rules", "battery-template", "--values", str(DEMO), "-f", "json")
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout)
    assert r["class"] == "NMC811" and r["unit"] == "kg CO2e/kWh"
    bounds = [t["max"] for t in r["thresholds"]]
    index = next((i for i, b in enumerate(bounds) if r["value"] <= b), len(bounds))
    assert r["grade"] == r["grades"][index]
    if index:
        assert r["gap"] == r["value"] - bounds[index - 1]


def test_rate_without_values_exits_2_naming_the_key(session_store):
    res = invoke(session_store, "rate", str(BEV), "--rules", "vehicle-template")
    assert res.exit_code == 2
    assert "rating-vehicle-template.yaml: classes.B.thresholds.A: required input not supplied" in res.output


def test_rate_unknown_rule_set_lists_the_shipped_ones(session_store):
    res = invoke(session_store, "rate", str(BEV), "--rules", "nope")
    assert res.exit_code == 2
    assert "battery-template" in res.output and "vehicle-template" in res.output


def test_report_of_a_plant_linked_vehicle_lists_the_plant_data(session_store):
    spec = ROOT / "examples" / "plant-linked" / "suv-zj-plant.yaml"
    res = invoke(session_store, "report", str(spec), "-f", "json")
    assert res.exit_code == 0, res.output
    ds = json.loads(res.stdout)["data_sources"]
    inputs = {x["key"]: x["value"] for x in ds["spec_inputs"]}
    assert inputs["manufacturing.plant_file"].endswith(".yaml")
    plant = [f for f in ds["foreground_flows"] if f["stage"] == "vehicle_assembly"]
    assert plant and all("examples/factories" in f["basis"] for f in plant)
