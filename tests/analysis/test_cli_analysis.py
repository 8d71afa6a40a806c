"""The analysis commands through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import invoke

ROOT = Path(__file__).resolve().parents[2]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
ICEV = ROOT / "examples" / "icev-gasoline-midsize.yaml"
GRID = ROOT / "examples" / "sweeps" / "bev-battery-grid.yaml"
SCENARIOS = ROOT / "examples" / "sweeps" / "scenarios.yaml"



def test_uncertainty_json_has_stage_distributions_and_probabilities(session_store, tmp_path):
    plot = tmp_path / "dist.png"
    res = invoke(session_store, "uncertainty", str(BEV), str(ICEV), "-n", "40", "--seed", "5", "-f", "json",
                 "--plot", str(plot))
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    rows = data["summary"]
    assert {r["stage"] for r in rows} >= {"battery", "use_energy_upstream", "total"}
    total = [r for r in rows if r["stage"] == "total"]
    assert all(r["p5"] <= r["median"] <= r["p95"] for r in total)
    probs = data["probability_lower"]
    names = list(probs)
    assert abs(probs[names[0]][names[1]] + probs[names[1]][names[0]] - 1.0) < 1e-9
    assert data["provenance"]["options"]["seed"] == 5
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_uncertainty_same_seed_same_output(session_store):
    args = ("uncertainty", str(BEV), "-n", "30", "--seed", "9", "-f", "csv")
    assert invoke(session_store, *args).stdout == invoke(session_store, *args).stdout


def test_sensitivity_table_and_tornado_plot(session_store, tmp_path):
    plot = tmp_path / "tornado.svg"
    res = invoke(session_store, "sensitivity", str(BEV), "-n", "300", "--top", "4", "--plot", str(plot))
    assert res.exit_code == 0, res.output
    assert "Delta moment-independent indices" in res.stdout and "Tornado" in res.stdout
    assert plot.read_text().lstrip().startswith("<?xml")


def test_sweep_csv_has_one_row_per_variant(session_store, tmp_path):
    out = tmp_path / "sweep.csv"
    res = invoke(session_store, "sweep", str(BEV), "--grid", str(GRID), "-o", str(out))
    assert res.exit_code == 0, res.output
    lines = out.read_text().splitlines()
    assert len(lines) == 1 + 8 * 5 * 4
    assert lines[0].startswith("variant,battery.capacity,energy.electricity,use.region,materials_and_parts")


def test_compare_reports_break_even(session_store):
    res = invoke(session_store, "compare", str(BEV), str(ICEV), "-f", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    be = data["break_even"]
    assert be is not None and be["km"] > 0 and 2025 < be["year"] < 2045
    assert data["per_km"][data["vehicles"][0]] < data["per_km"][data["vehicles"][1]]


def test_footprint_scenarios_give_one_column_each(session_store):
    res = invoke(session_store, "footprint", str(BEV), "--scenario", str(SCENARIOS), "-f", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    by = {d["name"].rsplit("[", 1)[1].rstrip("]"): d for d in data}
    assert list(by) == ["bought-2025", "bought-2030", "grid-official", "yunnan-hydro-grid", "smaller-pack"]
    # Yunnan's hydro-heavy grid (derived life-cycle factor) is far below Zhejiang's, and says how it was derived
    assert by["yunnan-hydro-grid"]["stages"][3]["amount"] < 0.5 * by["bought-2025"]["stages"][3]["amount"]
    assert any("derived life-cycle factor for Yunnan" in n for n in by["yunnan-hydro-grid"]["notes"])
    # the default (prospective trajectory) decarbonises the grid against the held official factor, and says so
    assert by["bought-2025"]["stages"][3]["amount"] < by["grid-official"]["stages"][3]["amount"]
    assert any("scenario trajectory" in n for n in by["bought-2025"]["notes"])
    assert by["smaller-pack"]["stages"][1]["amount"] < by["bought-2025"]["stages"][1]["amount"]


def test_bad_override_and_bad_grid_exit_2(session_store, tmp_path):
    res = invoke(session_store, "footprint", str(BEV), "--set", "battery.capacity=60kg")
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        f"error: {BEV} --set: battery.capacity: value '60 kg' has the wrong dimension: expected a unit like "
        "'kWh'"]
    grid = tmp_path / "grid.yaml"
    grid.write_text("grid:\n  battery.capacity: []\n")
    res = invoke(session_store, "sweep", str(BEV), "--grid", str(grid))
    assert res.exit_code == 2
    assert "grid.battery.capacity: needs a non-empty list of values" in res.stderr
