"""Manifests of footprints and audits: verify says identical, or names what changed (issue 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_runner import invoke

ROOT = Path(__file__).resolve().parent.parent



def _copy_plant_linked(tmp_path: Path) -> Path:
    (tmp_path / "plant-linked").mkdir()
    (tmp_path / "factories").mkdir()
    shutil.copy(ROOT / "examples" / "plant-linked" / "suv-zj-plant.yaml", tmp_path / "plant-linked")
    shutil.copy(ROOT / "examples" / "factories" / "zj-vehicle-assembly-pass.yaml", tmp_path / "factories")
    return tmp_path / "plant-linked" / "suv-zj-plant.yaml"


def test_footprint_manifest_verifies_then_names_the_edited_plant_file(session_store, tmp_path):
    spec = _copy_plant_linked(tmp_path)
    manifest = tmp_path / "fp.manifest.json"
    res = invoke(session_store, "footprint", str(spec), "--set", "use.first_year=2026", "--manifest", str(manifest))
    assert res.exit_code == 0, res.output
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("identical:")
    plant = tmp_path / "factories" / "zj-vehicle-assembly-pass.yaml"
    plant.write_text(plant.read_text().replace("electricity: 30 GWh", "electricity: 33 GWh"))
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1
    assert "input file changed: spec1.plant" in res.stdout
    assert "zj-vehicle-assembly-pass.yaml" in res.stdout
    assert "result differs" in res.stdout


def test_audit_manifest_verifies(session_store, tmp_path):
    manifest = tmp_path / "audit.manifest.json"
    plant = ROOT / "examples" / "factories" / "zj-vehicle-assembly-pass.yaml"
    values = ROOT / "examples" / "factories" / "auditor-values-demo.yaml"
    res = invoke(session_store, "factory", "audit", str(plant), "--criteria", "gbt36132-2025", "--values", str(values),
                 "--manifest", str(manifest))
    assert res.exit_code == 0, res.output
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1 and "input file outside the folders verify reads" in res.stdout
    res = invoke(session_store, "verify", str(manifest), "--root", str(ROOT / "examples"))
    assert res.exit_code == 0, res.output
    assert "identical" in res.stdout


def test_audit_manifest_with_relative_paths_verifies_identical(session_store, tmp_path, monkeypatch):
    """verify re-runs from the manifest's folder: paths as typed must not make the result differ."""
    monkeypatch.chdir(ROOT)
    manifest = tmp_path / "audit.manifest.json"
    res = invoke(session_store, "factory", "audit", "examples/factories/zj-vehicle-assembly-pass.yaml",
                 "--criteria", "gbt36132-2025", "--values", "examples/factories/auditor-values-demo.yaml",
                 "--manifest", str(manifest))
    assert res.exit_code == 0, res.output
    res = invoke(session_store, "verify", str(manifest), "--root", str(ROOT / "examples"))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("identical:")
