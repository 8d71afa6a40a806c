"""Every command through Typer's CliRunner, on the shipped data and examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carbonev.cli.main import app
from cli_runner import invoke

EXAMPLES = Path(__file__).parent.parent / "examples"
BEV = EXAMPLES / "bev-midsize-nmc811.yaml"
LFP = EXAMPLES / "bev-compact-lfp.yaml"
ICEV = EXAMPLES / "icev-gasoline-midsize.yaml"
GOOD = Path(__file__).parent / "data" / "specs" / "bev-minimal.yaml"

runner = CliRunner()



def test_footprint_table_has_stages_and_per_km(session_store):
    res = invoke(session_store, "footprint", str(BEV))
    assert res.exit_code == 0, res.output
    for label in ("Materials and parts", "Traction battery", "Vehicle assembly", "Use: energy supply",
                  "Maintenance", "End of life", "Total"):
        assert label in res.stdout
    assert "Per km:" in res.stdout and "g CO2e/km" in res.stdout


def test_footprint_json_is_parseable_and_has_provenance(session_store):
    res = invoke(session_store, "footprint", str(BEV), "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["unit"] == "kg CO2e"
    assert data["total"] == pytest.approx(sum(s["amount"] for s in data["stages"]))
    prov = data["provenance"]
    assert prov["method"]["name"] == "ipcc-ar6-gwp100"
    assert len(prov["input"]["sha256"]) == 64
    assert len(prov["data"]["sha256"]) == 64
    assert "inventories/electricity-cn" in prov["data"]["files"]


def test_several_specs_give_a_side_by_side_table(session_store):
    res = invoke(session_store, "footprint", str(BEV), str(LFP), str(ICEV))
    assert res.exit_code == 0, res.output
    header = res.stdout.splitlines()[2]
    assert header.count("  ") >= 3
    assert "Per km" in res.stdout


def test_csv_output_to_file(session_store, tmp_path):
    out = tmp_path / "r.csv"
    res = invoke(session_store, "footprint", str(BEV), "--format", "csv", "--output", str(out))
    assert res.exit_code == 0, res.output
    lines = out.read_text().splitlines()
    assert lines[0] == "vehicle,stage,amount,per_km,unit,per_km_unit"
    assert len(lines) == 1 + 8  # header + 8 stages


def test_gwp20_method_changes_the_result(session_store):
    a = json.loads(invoke(session_store, "footprint", str(ICEV), "-f", "json").stdout)
    b = json.loads(invoke(session_store, "footprint", str(ICEV), "-f", "json", "--method", "ipcc-ar6-gwp20").stdout)
    assert b["provenance"]["method"]["name"] == "ipcc-ar6-gwp20"
    assert b["total"] != a["total"]


def test_validate_ok(session_store):
    res = invoke(session_store, "validate", str(BEV), str(GOOD))
    assert res.exit_code == 0, res.output
    assert res.stdout.count("ok:") == 2


def test_methods_and_inventories_list_sources(session_store):
    res = invoke(session_store, "methods")
    assert res.exit_code == 0
    assert "ipcc-ar6-gwp100 (default)" in res.stdout and "ipcc-ar5-gwp100" in res.stdout
    res = invoke(session_store, "inventories", "--json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert {"electricity-cn", "materials-cn", "battery"} <= {f["name"] for f in data["files"]}
    assert all(f["sources"] for f in data["files"])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "file not found"),
        ("name: x\nmass: [1, 2\n", "malformed YAML at line"),
        ("__NEG__", "mass.curb: must be at least"),
        ("__DIM__", "energy.electricity: value '15 kg' has the wrong dimension"),
        ("__CHEM__", "battery.chemistry: unknown chemistry 'NMC999'"),
        ("__REGION__", "use.region: unknown region 'Atlantis'"),
    ],
)
def test_bad_input_one_line_exit_2_nothing_written(session_store, tmp_path, content, fragment):
    spec = tmp_path / "spec.yaml"
    good = GOOD.read_text()
    replacements = {
        "__NEG__": good.replace("curb: 1800 kg", "curb: -1800 kg"),
        "__DIM__": good.replace("electricity: 15 kWh/100km", "electricity: 15 kg"),
        "__CHEM__": good.replace("chemistry: NMC811", "chemistry: NMC999"),
        "__REGION__": good.replace("region: Zhejiang\n  first_year", "region: Atlantis\n  first_year"),
    }
    if content is not None:
        spec.write_text(replacements.get(content, content))
    out = tmp_path / "out.json"
    for command in (["footprint", str(spec), "-o", str(out)], ["validate", str(spec)]):
        res = invoke(session_store, *command)
        assert res.exit_code == 2, res.output
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1, res.stderr
        assert lines[0].startswith(f"error: {spec}")
        assert fragment in lines[0]
        assert "Traceback" not in res.output
    assert not out.exists()


def test_unknown_method_lists_valid_names(session_store):
    res = invoke(session_store, "footprint", str(BEV), "--method", "gwp999")
    assert res.exit_code == 2
    assert "unknown method 'gwp999'; valid: ipcc-ar5-gwp100" in res.stderr


def test_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("carbonev ")
