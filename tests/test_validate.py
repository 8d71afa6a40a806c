"""``validate`` runs every check ``footprint`` makes (and the uncertainty section's): ok means it will
compute; anything footprint would refuse, validate refuses with the same line (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cli_runner import invoke

ROOT = Path(__file__).resolve().parents[1]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"


def _spec(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(BEV.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


CASES = {
    "uncertainty range from -100 to 100 kWh": (
        lambda d: d.update(uncertainty={"battery.capacity": {"distribution": "uniform", "min": "-100 kWh",
                                                             "max": "100 kWh", "basis": "a range"}}),
        "uncertainty.battery.capacity.min", "must be positive"),
    "capacity of 1e400": (lambda d: d["battery"].update(capacity="1e400 kWh"), "battery.capacity", "out of range"),
    "uncertainty of a field that does not exist": (
        lambda d: d.update(uncertainty={"battery.colour": {"distribution": "normal", "sd": "5%", "basis": "x y z"}}),
        "uncertainty.battery.colour", "no such field"),
    "plant file missing": (lambda d: d["manufacturing"].update(plant_file="nope.yaml", plant_product="x"),
                           "manufacturing.plant_file", "not found"),
    "unknown component inventory": (lambda d: d.update(components={"glider": "glider-unobtainium"}),
                                    "components.glider", "glider-unobtainium"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validate_refuses_what_footprint_or_uncertainty_would(case, tmp_path, session_store):
    edit, field, fragment = CASES[case]
    path = _spec(tmp_path, edit)
    res = invoke(session_store, "validate", str(path))
    assert res.exit_code == 2, res.output
    [line] = res.stderr.strip().splitlines()
    assert line.startswith("error: ") and field in line and fragment in line, line
    assert res.stdout == ""
    # and the computing commands refuse it too (no "ok" that then fails)
    computing = invoke(session_store, "uncertainty", str(path), "-n", "10") if case.startswith("uncertainty") \
        else invoke(session_store, "footprint", str(path))
    assert computing.exit_code == 2, computing.output


def test_validate_ok_means_footprint_computes(session_store):
    for spec in ("bev-midsize-nmc811.yaml", "plant-linked/suv-zj-plant.yaml", "supply-chain/vehicle-compact-lfp.yaml",
                 "bus-city-bev.yaml"):
        path = ROOT / "examples" / spec
        assert invoke(session_store, "validate", str(path)).exit_code == 0
        assert invoke(session_store, "footprint", str(path)).exit_code == 0


def test_validate_takes_the_same_overrides(session_store):
    res = invoke(session_store, "validate", str(BEV), "--set", "use.years=1e9 year")
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: {BEV} --set: use.years: must be at most 50 year (got '1e9 year')"


def test_validate_prints_warnings_and_still_says_ok(session_store):
    res = invoke(session_store, "validate", str(BEV), "--set", "battery.mass=100 kg")
    assert res.exit_code == 0
    assert res.stdout.startswith(f"ok: {BEV}")
    assert res.stderr.startswith("warning: ") and "784 Wh/kg" in res.stderr
