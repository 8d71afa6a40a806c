"""Pack and values files for the battery tests, built in code so every number is visible."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PACK = ROOT / "examples" / "battery" / "pack-nmc811-zj.yaml"
DEMO_VALUES = ROOT / "examples" / "battery" / "battery-values-demo.yaml"
CELL_PLANT = ROOT / "examples" / "factories" / "zj-battery-cell-fail.yaml"
VEHICLE = ROOT / "examples" / "bev-midsize-nmc811.yaml"

PACK = {
    "format": "carbonev-battery-pack/1",
    "name": "test pack",
    "chemistry": "NMC811",
    "capacity": "80 kWh",
    "usable_capacity": "75 kWh",
    "mass": "400 kg",
    "plant": {"region": "Zhejiang", "year": 2024},
    "vehicle_category": "M1",
    "warranty_years": "8 year",
    "cycles": {"total": 1500, "per_year": 100},
    "distribution": {"distance": "500 km", "mode": "truck"},
}


def write(tmp_path: Path, data: dict, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def pack(tmp_path: Path, **changes) -> Path:
    data = {**PACK, **changes}
    return write(tmp_path, {k: v for k, v in data.items() if v is not None})


def values(tmp_path: Path, scheme: str, entries: dict, name: str = "values.yaml") -> Path:
    return write(tmp_path, {"format": "carbonev-battery-values/1", "supplied_by": "test", "status": "test values",
                            "schemes": {scheme: entries}}, name)
