"""``carbonev factory footprint|audit`` and ``carbonev criteria`` through CliRunner."""

from __future__ import annotations

import json
import os

import pytest
import yaml
from typer.testing import CliRunner

from carbonev.cli.main import app

from .plants import DEMO, DEMO_BATTERY, FAIL, PASS, plant, write

runner = CliRunner()


def invoke(tmp_path, *args: str):
    """The command on the session's store (factory commands price the plant with the engine of --store)."""
    return runner.invoke(app, ["--store", os.environ["CARBONEV_STORE"], "--quiet", *args])


def one_error_line(res) -> str:
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.output
    return lines[0]


def test_footprint_table_json_csv(tmp_path):
    res = invoke(tmp_path, "factory", "footprint", str(PASS))
    assert res.exit_code == 0, res.output
    assert "Scope 2, market-based" in res.stdout and "zj-suv-ev" in res.stdout
    data = json.loads(invoke(tmp_path, "factory", "footprint", str(PASS), "-f", "json").stdout)
    assert data["totals"]["scope2_location"] == pytest.approx(56.1e6 * 0.4974)
    assert len(data["provenance"]["input"]["sha256"]) == 64
    out = tmp_path / "f.csv"
    res = invoke(tmp_path, "factory", "footprint", str(PASS), "-f", "csv", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_text().splitlines()[0] == "product,item,amount,unit"


def test_audit_of_the_passing_plant(tmp_path):
    res = invoke(tmp_path, "factory", "audit", str(PASS), "--criteria", "gbt36132-2025", "--values", str(DEMO))
    assert res.exit_code == 0, res.output
    assert "Verdict: Green factory" in res.stdout
    assert "DEMO values, not official" in res.stdout
    res = invoke(tmp_path, "factory", "audit", str(PASS), "-c", "zj-zero-carbon-2023", "--values", str(DEMO))
    assert "Verdict: Near-zero-carbon factory" in res.stdout
    assert "more retired credits" in res.stdout  # the change that reaches 零碳


def test_audit_of_the_failing_plant_names_prerequisites_and_missing_evidence(tmp_path):
    res = invoke(tmp_path, "factory", "audit", str(FAIL), "-c", "zj-zero-carbon-2023", "--values", str(DEMO_BATTERY),
                 "-f", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["vetoed"] and data["grade"] is None
    failed = {p["id"] for p in data["prerequisites"] if not p["passed"]}
    assert failed == {"clean-record-3y", "energy-advanced-value", "green-factory-status", "top-management"}
    assert "prerequisite energy-advanced-value: energy-audit" in data["missing_evidence"]
    assert any("GEC-2024-WIND-7730" in m for m in data["missing_evidence"])


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_audit_markdown_and_self_contained_html(tmp_path, fmt):
    out = tmp_path / f"audit.{fmt}"
    res = invoke(tmp_path, "factory", "audit", str(PASS), "-c", "tceca-g0171-2022", "--values", str(DEMO),
                 "-f", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert "4 stars" in text
    if fmt == "md":
        assert "| Indicator | name |" in text
    else:
        assert text.startswith("<!DOCTYPE html>") and "<style>" in text
        assert "http" not in text.lower().replace("http-equiv", "")  # no network resources


def test_criteria_lists_rule_sets_and_required_inputs(tmp_path):
    res = invoke(tmp_path, "criteria")
    assert res.exit_code == 0, res.output
    for name in ("gbt36132-2018", "gbt36132-2025", "zj-zero-carbon-2023", "tceca-g0171-2022", "iso14068-1"):
        assert name in res.stdout
    data = json.loads(invoke(tmp_path, "criteria", "gbt36132-2025", "--json").stdout)
    keys = [r["key"] for r in data["required_inputs"]]
    assert "grading.green-factory.min_score" in keys and "groups.energy.weight" in keys
    assert "indicators.energy-carbon-platform.leading" not in keys  # published: 8 functions


def test_missing_auditor_values_exit_2_naming_rule_set_and_key(tmp_path):
    line = one_error_line(invoke(tmp_path, "factory", "audit", str(PASS), "-c", "gbt36132-2025"))
    assert line.startswith("error: ") and "criteria-gbt36132-2025.yaml: groups.energy.weight: required input" in line
    partial = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    del partial["rule_sets"]["gbt36132-2025"]["grading.green-factory.min_score"]
    values = write(tmp_path, partial, "values.yaml")
    line = one_error_line(invoke(tmp_path, "factory", "audit", str(PASS), "-c", "gbt36132-2025", "--values",
                                 str(values)))
    assert "grading.green-factory.min_score: required input not supplied" in line


@pytest.mark.parametrize(("data", "fragment"), [
    (plant(energy__electricity={"grid": "1 MWh", "evidence": ["missing-doc"]}),
     "energy.electricity.evidence[0]: evidence 'missing-doc' is not defined"),
    (plant(energy__electricity={"grid": "100 MWh", "instruments": [
        {"id": "g", "kind": "certificate", "amount": "200 MWh"}]}),
     "energy.electricity.instruments: certificates and green-power contracts (200,000 kWh) exceed"),
    (plant(energy__electricity={"grid": "-5 MWh"}), "energy.electricity.grid: must be at least 0"),
    (plant(waste={"generated": "1 t", "utilised": "2 t"}), "waste.utilised: 2000 kg exceeds generated"),
    (plant(energy__fuels=[{"carrier": "natural_gas", "amount": "3 t"}]), "energy.fuels[0].amount: '3 t': natural_gas"),
])
def test_bad_plant_files_exit_2_with_one_line_naming_file_and_field(tmp_path, data, fragment):
    path = write(tmp_path, data)
    out = tmp_path / "out.json"
    line = one_error_line(invoke(tmp_path, "factory", "footprint", str(path), "-f", "json", "-o", str(out)))
    assert line.startswith(f"error: {path}: ")
    assert fragment in line
    assert not out.exists()


def test_unknown_rule_set_and_bad_values_key_exit_2(tmp_path):
    line = one_error_line(invoke(tmp_path, "factory", "audit", str(PASS), "-c", "gbt99999"))
    assert "unknown rule set 'gbt99999'; valid: gbt36132-2018" in line
    values = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    values["rule_sets"]["gbt36132-2025"]["indicators.energy-carbon-platform.leading"] = 10
    path = write(tmp_path, values, "values.yaml")
    line = one_error_line(invoke(tmp_path, "factory", "audit", str(PASS), "-c", "gbt36132-2025", "--values",
                                 str(path)))
    assert f"{path}: rule_sets.gbt36132-2025.indicators.energy-carbon-platform.leading: not a required input" in line
