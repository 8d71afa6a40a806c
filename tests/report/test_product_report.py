"""The product footprint report: structure, numbers equal to the result, languages, data sources."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from carbonev.errors import SpecError
from carbonev.inventory.vehicle import build
from carbonev.report.datasources import collect
from carbonev.report.product_report import FORMAT, build_report, render
from carbonev.specs.load import load_vehicle

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "specs" / "bev-minimal.yaml"
SECTIONS = ["study", "goal_and_scope", "functional_unit", "system_boundary", "ghgs", "data_sources", "allocation",
            "results", "sensitivity", "uncertainty", "interpretation", "limitations", "critical_review", "provenance"]


@pytest.fixture(scope="module")
def reports(bev):
    result, spec, cat = bev
    return {lang: build_report(result, spec, cat, lang, file="bev.yaml") for lang in ("en", "zh")}


def test_json_report_has_every_section_in_order(reports):
    rep = reports["en"]
    assert rep["format"] == FORMAT
    keys = list(rep)
    assert [k for k in keys if k in SECTIONS] == SECTIONS
    for k in SECTIONS:
        assert rep[k]["title"], k
    # round-trips through JSON unchanged (only JSON types inside)
    assert json.loads(render(rep, "json")) == rep


def test_results_equal_the_footprint_result(bev, reports):
    result, _, _ = bev
    res = reports["en"]["results"]
    assert res["total"] == result.total
    assert res["per_km"] == result.per_km
    assert res["lifetime_km"] == result.lifetime_km
    assert [s["stage"] for s in res["stages"]] == list(result.stages["stage"])
    assert [s["amount"] for s in res["stages"]] == list(result.stages["amount"])
    assert [s["per_km"] for s in res["stages"]] == list(result.stages["per_km"])
    by_gas = result.flows.groupby("flow")["impact"].sum()
    assert {g["flow"]: g["impact"] for g in res["gases"]} == pytest.approx(by_gas.to_dict(), rel=1e-12)
    assert sum(g["share"] for g in res["gases"]) == pytest.approx(1.0)
    assert len(res["stage_gas"]) == len(result.flows)
    assert sum(x["impact"] for x in res["stage_gas"]) == pytest.approx(result.total, rel=1e-12)
    assert res["aggregated_co2e_share"] == result.aggregated_share
    battery = float(result.stages.set_index("stage").loc["battery", "amount"])
    assert res["battery_per_kwh"]["amount"] == pytest.approx(battery / 78.4)
    assert reports["en"]["provenance"]["input"] == result.provenance["input"]
    assert reports["en"]["limitations"]["notes"] == result.notes


def test_zh_and_en_labels_differ_numbers_do_not(reports):
    en, zh = reports["en"], reports["zh"]
    assert en["title"] != zh["title"]
    for k in SECTIONS:
        assert en[k]["title"] != zh[k]["title"], k
    assert [s["label"] for s in en["results"]["stages"]] != [s["label"] for s in zh["results"]["stages"]]
    assert "动力蓄电池" in [s["label"] for s in zh["results"]["stages"]]
    assert en["results"]["total"] == zh["results"]["total"]
    assert en["data_sources"]["exchanges"] == zh["data_sources"]["exchanges"]


def test_report_is_reproducible(bev, reports):
    result, spec, cat = bev
    again = build_report(result, spec, cat, "en", file="bev.yaml")
    assert render(again, "json") == render(reports["en"], "json")
    assert render(again, "html") == render(reports["en"], "html")


def test_qct1249_is_stated_as_not_public_and_not_applied(reports):
    rep = reports["en"]
    assert "not public" in rep["functional_unit"]["qc_t_1249"]
    qct = next(s for s in rep["goal_and_scope"]["standards"] if s["id"] == "QC/T 1249-2025")
    assert qct["use"].startswith("not applied")


def test_data_sources_cover_every_linked_activity_with_a_rating(bev, reports):
    _, spec, cat = bev
    ds = reports["en"]["data_sources"]
    fg = build(spec, cat)
    linked = {link.code for st in fg.stages.values() for link in st.links if link.code}
    rated = {r["activity"] for r in ds["exchanges"]}
    assert linked <= rated
    # transitive: the inputs of a linked activity are listed too
    assert "steel-automotive-cn" in rated and "steel-bof-cn" in rated
    refs = {r["id"] for r in ds["references"]}
    for row in ds["parameters"] + ds["exchanges"]:
        scored = [v for k, v in row["pedigree"].items() if k not in ("completeness", "mean")]
        assert all(1 <= v <= 5 for v in scored), row
        assert row["pedigree"]["completeness"] is None
        assert row["reference"] in refs
        assert row["tag"] in ("verified", "secondary")
    assert ds["summary"]["values"] == len(ds["parameters"]) + len(ds["exchanges"])
    # emissions the foreground enters directly are listed with their derivation
    leak = [f for f in ds["foreground_flows"] if f["stage"] == "use_direct" and f["flow"] == "hfc134a"]
    assert len(leak) == 1 and "ac_refrigerant_leakage" in leak[0]["basis"]
    assert 0 < ds["summary"]["verified_share"] < 1


def test_parameters_listed_are_those_the_model_reads():
    cat_spec = load_vehicle(MINIMAL)
    from carbonev.data.catalog import shipped_catalog

    ds = collect(cat_spec, shipped_catalog(), str(MINIMAL))
    keys = [p["key"] for p in ds.parameters]
    # the spec gives lifetime, years, pack mass and real-world factor: no default read for them
    assert not any(k.startswith(("lifetime_", "battery_pack_specific_energy", "real_world_factor")) for k in keys)
    assert "battery_manufacturing_electricity" in keys and "vehicle_assembly_electricity" in keys


def test_spec_must_match_the_result(bev):
    result, _, cat = bev
    other = load_vehicle(MINIMAL)
    with pytest.raises(SpecError, match="does not match"):
        build_report(result, other, cat, "en")


def test_unknown_language_is_a_spec_error(bev):
    result, spec, cat = bev
    with pytest.raises(SpecError, match="--lang"):
        build_report(result, spec, cat, "fr")


def test_markdown_and_html_show_stages_and_charts_without_external_resources(reports):
    md = render(reports["en"], "md")
    assert "## 7 Results" in md and "| Traction battery |" in md
    page = render(reports["zh"], "html")
    assert page.count("<svg") >= 2
    assert "材料和零部件" in page and 'lang="zh-CN"' in page
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
