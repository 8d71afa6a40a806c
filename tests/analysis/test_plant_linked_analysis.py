"""Analyses of a spec that names a plant file: the plant file is found relative to the spec,
whatever the working folder, in Monte Carlo, sensitivity and sweeps (as in ``footprint``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from carbonev.analysis.run import run_sweep, uncertainty
from carbonev.cli.main import app
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import Evaluator
from carbonev.inputs import resolve_inputs
from carbonev.inventory.foreground import STAGES
from carbonev.inventory.vehicle import build
from carbonev.specs.load import load_vehicle

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "examples" / "plant-linked" / "suv-zj-plant.yaml"
ASSEMBLY = STAGES.index("vehicle_assembly")


def _plant_assembly(store: Path) -> float:
    """Assembly stage [kg CO2e] of the plant-linked example, built the way ``footprint`` builds it."""
    cat = shipped_catalog()
    spec = load_vehicle(SPEC)
    fg = build(spec, cat, str(SPEC), inputs=resolve_inputs(spec, str(SPEC), cat, None, store))
    return float(Evaluator(cat, store).stages([fg])[0, ASSEMBLY])


def test_uncertainty_finds_the_plant_file_relative_to_the_spec(session_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = uncertainty([SPEC], iterations=3, seed=1, store=session_store, background=False, foreground=False)
    assert res.samples.values[:, 0, ASSEMBLY] == pytest.approx([_plant_assembly(session_store)] * 3, rel=1e-12)


def test_sweep_resolves_the_plant_file_from_the_spec_not_from_the_grid_file(session_store, tmp_path, monkeypatch):
    (tmp_path / "specs" / "plant-linked").mkdir(parents=True)
    (tmp_path / "specs" / "factories").mkdir()
    spec = tmp_path / "specs" / "plant-linked" / SPEC.name
    shutil.copy(SPEC, spec)
    shutil.copy(ROOT / "examples" / "factories" / "zj-vehicle-assembly-pass.yaml", tmp_path / "specs" / "factories")
    grid = tmp_path / "grid.yaml"  # ../factories/ from here does not exist
    grid.write_text(yaml.safe_dump({"grid": {"battery.capacity": ["60 kWh", "78.4 kWh"]}}))
    monkeypatch.chdir(tmp_path)
    table = run_sweep(spec, grid, store=session_store)
    assert list(table["vehicle_assembly"]) == pytest.approx([_plant_assembly(session_store)] * 2, rel=1e-12)


def test_sensitivity_cli_runs_on_a_plant_linked_spec(session_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["--store", str(session_store), "--quiet", "sensitivity", str(SPEC), "-n", "64",
                                   "--top", "3", "-f", "json"])
    assert res.exit_code == 0, res.output
    assert "plant file" not in res.output
