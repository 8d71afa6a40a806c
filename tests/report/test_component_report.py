"""Component (battery-pack) product footprint report: numbers, gases, labels, CLI, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import invoke

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "examples" / "battery" / "pack-nmc811-zj.yaml"



@pytest.fixture(scope="module")
def reports(session_store):
    from carbonev.report.component_report import build_component_report

    return {lang: build_component_report(PACK, lang=lang, store=session_store) for lang in ("en", "zh")}


def test_stage_numbers_equal_the_declaration_per_stage_absolute(reports, session_store):
    """Same pack, same method (default): the report's stage kg CO2e are the eu-2023-1542 declaration's."""
    from carbonev.battery.declare import declare

    decl = declare(PACK, "eu-2023-1542", store=session_store)
    res = reports["en"]["results"]
    by_stage = {s["stage"]: s["amount"] for s in res["stages"]}
    for st in decl.stages:
        assert sum(by_stage[x] for x in st.includes) == pytest.approx(st.kg, rel=1e-12)
    assert res["total"] == pytest.approx(decl.total, rel=1e-12)
    assert res["per_kwh"] == pytest.approx(decl.total / 78.4, rel=1e-12)
    assert [s["stage"] for s in res["stages"]] == ["raw_materials", "production", "distribution", "end_of_life"]
    assert reports["en"]["provenance"]["method"]["name"] == decl.method["name"]


def test_per_gas_sums_equal_stage_totals(reports):
    res = reports["en"]["results"]
    for s in res["stages"]:
        gas_sum = sum(x["impact"] for x in res["stage_gas"] if x["stage"] == s["stage"])
        assert gas_sum == pytest.approx(s["amount"], rel=1e-9, abs=1e-9)
    assert sum(g["impact"] for g in res["gases"]) == pytest.approx(res["total"], rel=1e-9)
    assert res["gas_sum_check"]["max_abs_difference"] < 1e-6
    co2 = next(g for g in res["gases"] if g["flow"] == "co2_fossil")
    assert co2["inventory"] == pytest.approx(co2["impact"])  # CF of fossil CO2 is 1
    assert any(g["flow"] == "ch4_fossil" and g["impact"] > g["inventory"] for g in res["gases"])


def test_data_sources_rate_every_parameter_and_activity_used(reports):
    d = reports["en"]["data_sources"]
    keys = {p["key"] for p in d["parameters"]}
    assert {"battery_manufacturing_electricity", "battery_pack_specific_energy_nmc811"} <= keys
    acts = {e["activity"] for e in d["exchanges"]}
    assert {"battery-pack-materials-nmc811", "eol-battery-hydrometallurgy", "transport-truck-cn"} <= acts
    for row in d["parameters"] + d["exchanges"]:
        assert 1 <= row["worst"] <= 5 and row["pedigree_text"].startswith("(")
    assert d["summary"]["values"] == len(d["parameters"]) + len(d["exchanges"])
    assert {"key": "capacity", "value": "78.4 kWh"} in d["spec_inputs"]


def test_report_structure_functional_unit_boundary_and_provenance(reports):
    from carbonev.io.files import sha256_file

    r = reports["en"]
    assert r["functional_unit"]["capacity_kwh"] == 78.4
    assert r["system_boundary"]["type"] == "cradle-to-grave without use"
    assert any("Use stage" in x for x in r["system_boundary"]["excluded"])
    assert r["provenance"]["inputs"]["pack"]["sha256"] == sha256_file(PACK)
    assert "plant" not in r["provenance"]["inputs"]
    assert any("generic cell and pack making" in n for n in r["limitations"]["notes"])
    assert r["allocation"]["end_of_life"]["route"] == "hydrometallurgy"


def test_labels_differ_between_zh_and_en_numbers_do_not(reports):
    en, zh = reports["en"], reports["zh"]
    assert en["title"] != zh["title"] and zh["title"] == "产品碳足迹报告（零部件）"
    assert [s["label"] for s in en["results"]["stages"]] != [s["label"] for s in zh["results"]["stages"]]
    assert en["limitations"]["general"] != zh["limitations"]["general"]
    assert [s["amount"] for s in en["results"]["stages"]] == [s["amount"] for s in zh["results"]["stages"]]


def test_cli_json_md_html(session_store, tmp_path):
    res = invoke(session_store, "report", str(PACK), "-f", "json", "--lang", "zh")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["format"] == "carbonev-component-report/1" and data["lang"] == "zh"
    md = invoke(session_store, "report", str(PACK), "-f", "md")
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Product carbon footprint report: component")
    assert "kg CO2e per pack" in md.stdout and "End of life (recycling process)" in md.stdout
    out = tmp_path / "pack.html"
    res = invoke(session_store, "report", str(PACK), "-f", "html", "--lang", "zh", "-o", str(out))
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "<svg" in html
    assert "原材料（电池包材料，从摇篮到大门）" in html and f"{data['results']['total']:,.0f}" in html


def test_cli_bad_pack_unit_exits_2_with_one_line(session_store, tmp_path):
    text = PACK.read_text(encoding="utf-8").replace("capacity: 78.4 kWh", "capacity: 78.4 kg")
    bad = tmp_path / "bad-pack.yaml"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "r.html"
    res = invoke(session_store, "report", str(bad), "-o", str(out))
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "bad-pack.yaml" in lines[0] and "capacity" in lines[0]
    assert not out.exists()


def test_cli_iterations_on_a_pack_is_refused(session_store):
    res = invoke(session_store, "report", str(PACK), "--iterations", "5")
    assert res.exit_code == 2
    assert "--iterations" in res.output
