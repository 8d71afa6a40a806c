"""Every vehicle spec in examples/ validates and computes, and together they cover every
powertrain and every vehicle class (GitHub issue 3)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from carbonev.specs.load import load_vehicle
from carbonev.specs.vehicle import SEGMENTS, Powertrain
from cli_runner import invoke

EXAMPLES = Path(__file__).parent.parent / "examples"
NOT_VEHICLES = {"factories", "battery", "sweeps", "rating"}


def _vehicle_specs() -> list[Path]:
    """examples/**/*.yaml with a top-level ``powertrain`` key, outside the non-vehicle folders."""
    out = []
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        if NOT_VEHICLES & set(path.relative_to(EXAMPLES).parts[:-1]):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "powertrain" in data:
            out.append(path)
    return out


SPECS = _vehicle_specs()



def test_examples_found():
    assert len(SPECS) >= 16, [p.name for p in SPECS]
    assert EXAMPLES / "plant-linked" / "suv-zj-plant.yaml" in SPECS


def test_every_example_validates(session_store):
    res = invoke(session_store, "validate", *map(str, SPECS))
    assert res.exit_code == 0, res.output
    for path in SPECS:
        assert f"ok: {path} (" in res.stdout, path


def test_examples_cover_every_powertrain_and_segment():
    specs = [load_vehicle(p) for p in SPECS]
    assert {s.powertrain for s in specs} == set(Powertrain)
    assert {s.segment for s in specs} >= set(SEGMENTS)


def test_every_example_computes_with_positive_per_km(session_store):
    res = invoke(session_store, "footprint", *map(str, SPECS), "--format", "json")
    assert res.exit_code == 0, res.output
    results = json.loads(res.stdout)
    assert len(results) == len(SPECS)
    for path, r in zip(SPECS, results, strict=True):
        assert r["name"] == load_vehicle(path).name
        assert r["per_km"] > 0, path
        assert r["total"] > 0, path
        assert r["lifetime_km"] > 0, path
