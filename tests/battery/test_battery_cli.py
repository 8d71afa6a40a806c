"""``carbonev battery declare|schemes`` and ``carbonev verify`` through CliRunner."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from carbonev.cli.main import app
from cli_runner import invoke

from .helpers import DEMO_VALUES, EXAMPLE_PACK, pack

runner = CliRunner()



def one_error_line(res) -> str:
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.output, res.stderr
    return lines[0]


def test_declare_formats(session_store, tmp_path):
    res = invoke(session_store, "battery", "declare", str(EXAMPLE_PACK), "--scheme", "eu-2023-1542")
    assert res.exit_code == 0, res.output
    assert "75 kWh × 60 cycles/year × 8 years = 36,000 kWh" in res.stdout
    assert "Performance class: not determined" in res.stdout
    data = json.loads(invoke(session_store, "battery", "declare", str(EXAMPLE_PACK), "-s", "eu-2023-1542",
                             "-f", "json").stdout)
    assert data["functional_unit"]["energy_kwh"] == 36_000
    assert data["kg_co2e_per_kwh"] == pytest.approx(data["absolute_kg_co2e"] / 36_000)
    assert len(data["provenance"]["inputs"]["pack"]["sha256"]) == 64
    out = tmp_path / "decl.md"
    res = invoke(session_store, "battery", "declare", str(EXAMPLE_PACK), "-s", "eu-2023-1542", "-f", "md",
                 "-o", str(out))
    assert res.exit_code == 0 and out.read_text().startswith("# Battery carbon-footprint declaration")
    bp = json.loads(invoke(session_store, "battery", "declare", str(EXAMPLE_PACK), "-s", "eu-2023-1542",
                           "-f", "batterypass").stdout)
    assert set(bp) == {"CarbonFootprintForBatteries"}


def test_missing_required_input_exits_2_naming_the_key(session_store, tmp_path):
    out = tmp_path / "never.json"
    res = invoke(session_store, "battery", "declare", str(EXAMPLE_PACK), "-s", "cn-miit-2025", "-o", str(out),
                 "--manifest", str(tmp_path / "never.manifest.json"))
    line = one_error_line(res)
    assert "cn-miit-2025.yaml: functional_unit.capacity_basis: required input not supplied" in line
    assert not out.exists() and not (tmp_path / "never.manifest.json").exists()
    line = one_error_line(invoke(session_store, "battery", "declare", str(pack(tmp_path, vehicle_category=None)),
                                 "-s", "eu-2023-1542"))
    assert "vehicle_category: required by scheme eu-2023-1542" in line
    line = one_error_line(invoke(session_store, "battery", "declare", str(EXAMPLE_PACK), "-s", "eu-2099"))
    assert "unknown battery declaration scheme 'eu-2099'" in line


def test_schemes_lists_the_required_inputs():
    res = runner.invoke(app, ["battery", "schemes"])
    assert res.exit_code == 0 and "eu-2023-1542" in res.stdout and "cn-miit-2025" in res.stdout
    res = runner.invoke(app, ["battery", "schemes", "cn-miit-2025", "--json"])
    keys = [x["key"] for x in json.loads(res.stdout)["required_inputs"]]
    # MIIT's explanation fixes the formula (capacity × cycle life); the capacity basis is not public
    assert "functional_unit.formula" not in keys and "functional_unit.capacity_basis" in keys


def test_manifest_then_verify_identical_then_an_edited_input_is_named(session_store, tmp_path):
    work = tmp_path / "case"
    (work / "examples" / "battery").mkdir(parents=True)
    p = shutil.copy(EXAMPLE_PACK, work / "examples" / "battery")
    v = shutil.copy(DEMO_VALUES, work / "examples" / "battery")
    manifest = work / "decl.manifest.json"
    res = invoke(session_store, "battery", "declare", str(p), "-s", "cn-miit-2025", "--values", str(v),
                 "--manifest", str(manifest))
    assert res.exit_code == 0, res.output
    m = json.loads(manifest.read_text())
    assert m["command"] == "battery declare" and m["options"]["scheme"] == "cn-miit-2025"
    assert {i["role"] for i in m["inputs"]} == {"pack", "scheme", "values"}
    assert m["result"]["payload"]["functional_unit_kwh"] == 112_500
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 0 and res.stdout.startswith("identical"), res.output
    # the folder moves as a whole: paths are relative to the manifest
    moved = tmp_path / "moved"
    shutil.move(work, moved)
    assert invoke(session_store, "verify", str(moved / "decl.manifest.json")).exit_code == 0
    values = moved / "examples" / "battery" / "battery-values-demo.yaml"
    values.write_text(values.read_text().replace("capacity_basis: usable", "capacity_basis: nominal"))
    res = invoke(session_store, "verify", str(moved / "decl.manifest.json"))
    assert res.exit_code == 1
    assert "input file changed: values" in res.stdout and "battery-values-demo.yaml" in res.stdout
    # nominal 78.4 kWh instead of usable 75 kWh: the functional unit and every per-kWh number change
    assert "result differs: functional_unit_kwh: 112500.0 → 117600.0" in res.stdout
    line = one_error_line(invoke(session_store, "verify", str(values)))
    assert "not a JSON manifest" in line
