"""Small plant files for the factory tests, built in code so every number is visible."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from carbonev.factory.spec import Factory
from carbonev.io.files import validate

EXAMPLES = Path(__file__).parents[2] / "examples" / "factories"
PASS = EXAMPLES / "zj-vehicle-assembly-pass.yaml"
FAIL = EXAMPLES / "zj-battery-cell-fail.yaml"
DEMO = EXAMPLES / "auditor-values-demo.yaml"
DEMO_BATTERY = EXAMPLES / "auditor-values-demo-battery.yaml"

BASE = {
    "name": "test plant",
    "site": {"name": "t", "province": "Zhejiang", "boundary": "the whole fenced site", "land_area": "10000 m^2"},
    "period": {"start": "2023-01-01", "end": "2023-12-31"},
    "energy": {"electricity": {"grid": "1000 MWh"}},
    "products": [{"id": "car", "name": "car", "kind": "vehicle", "quantity": "1000 vehicle"}],
    "allocation": {"rule": "units"},
    "evidence": {"gec": {"kind": "gec-certificate", "title": "GEC record"},
                 "bill": {"kind": "energy-bill", "title": "bills"}},
}


def plant(**changes) -> dict:
    """BASE with top-level keys replaced (a dotted key replaces a nested one)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        *path, last = key.split("__")
        node = data
        for part in path:
            node = node[part]
        node[last] = value
    return data


def model(**changes) -> Factory:
    """The validated plant [raises SpecError naming 'plant.yaml' and the field, as loading a file does]."""
    return validate(Factory, plant(**changes), "plant.yaml")


def write(tmp_path: Path, data: dict, name: str = "plant.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
