"""A spec's ``uncertainty:`` section that cannot be sampled is a one-line error naming the
file and the key (exit 2), not a traceback from numpy or pydantic."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from carbonev.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
BUS = ROOT / "examples" / "bus-city-bev.yaml"  # energy.electricity: 156.5 kWh/100km


@pytest.mark.parametrize(("entry", "field", "message"), [
    ({"energy.electricity": {"distribution": "triangular", "min": "200 kWh/100km", "max": "222 kWh/100km"}},
     "uncertainty.energy.electricity.min",
     "must not exceed the field's value (the mode of a triangular distribution)"),
    ({"energy.electricity": {"distribution": "uniform", "min": "222 kWh/100km", "max": "138 kWh/100km"}},
     "uncertainty.energy.electricity.max", "must not be below min"),
    ({"energy.electricity": {"distribution": "normal", "sd": "-5%"}},
     "uncertainty.energy.electricity.sd", "must be positive"),
    ({"battery.nonsense": {"distribution": "normal", "sd": "1 kWh"}},
     "uncertainty.battery.nonsense", "no such field in the spec"),
    ({"energy.fuel": {"distribution": "normal", "sd": "5%"}},
     "uncertainty.energy.fuel", "not a number in this spec (got None)"),
])
def test_bad_spec_uncertainty_is_one_line_naming_file_and_key(session_store, tmp_path, entry, field, message):
    data = yaml.safe_load(BUS.read_text(encoding="utf-8"))
    data["uncertainty"] = {k: {**v, "basis": "test of a bad entry"} for k, v in entry.items()}
    spec = tmp_path / "bus.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    res = CliRunner().invoke(app, ["--store", str(session_store), "--quiet", "uncertainty", str(spec), "-n", "10"])
    assert res.exit_code == 2, res.output
    assert res.output == f"error: {spec}: {field}: {message}\n"
