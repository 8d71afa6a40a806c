"""The product report as an ISO 14067:2018 §7 / GB/T 24067-2024 study report: every element the
standard asks for, numbers that add up, an info file whose values never leak into an error, and
every field escaped in Markdown and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from carbonev.errors import SpecError
from carbonev.report import sensitivity_section
from carbonev.report.product_report import build_report, render
from carbonev.report.study import load_info

ROOT = Path(__file__).resolve().parents[2]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
INFO = ROOT / "examples" / "report" / "study-info-demo.yaml"
# ISO 14067:2018 §7 (GB/T 24067-2024 §7) elements of a CFP study report → where the report holds them
ISO_ELEMENTS = {
    "commissioner, practitioner, date of the report": ("study", "commissioner"),
    "goal: intended application, reasons, audience, public comparison": ("goal_and_scope", "public_comparison"),
    "functional unit and reference flow": ("functional_unit", "reference_flow"),
    "system boundary (stages, processes, exclusions)": ("system_boundary", "excluded"),
    "cut-off criteria": ("system_boundary", "cut_offs"),
    "GHGs considered and characterisation factors": ("ghgs", "gases"),
    "time period the data represent, period of validity": ("goal_and_scope", "data_period"),
    "data sources and data quality per value": ("data_sources", "parameters"),
    "allocation, end of life and electricity": ("allocation", "rules"),
    "results by life-cycle stage": ("results", "stages"),
    "results by GHG": ("results", "gases"),
    "fossil and biogenic emissions separately; dLUC and aircraft stated": ("results", "carbon_split"),
    "sensitivity analysis (tornado)": ("sensitivity", "tornado"),
    "alternative use and end-of-life scenarios": ("sensitivity", "scenarios"),
    "uncertainty": ("uncertainty", "computed"),
    "interpretation: significant issues": ("interpretation", "significant_issues"),
    "interpretation: completeness check": ("interpretation", "completeness"),
    "interpretation: consistency check": ("interpretation", "consistency"),
    "interpretation: conclusions": ("interpretation", "conclusions"),
    "limitations": ("limitations", "general"),
    "critical review statement": ("critical_review", "statement"),
    "provenance (input, data, method and software versions)": ("provenance", "software"),
}


@pytest.fixture(scope="module")
def study(bev, session_store):
    from carbonev.analysis.run import sensitivity_analysis

    result, spec, cat = bev
    sens = sensitivity_analysis(BEV, iterations=40, seed=1, top=12, store=session_store)
    scenarios = sensitivity_section.scenarios(BEV, spec, result, None, session_store, cat, "en")
    info = load_info(INFO)
    return {lang: build_report(result, spec, cat, lang, file=str(BEV), store=session_store, info=info,
                               sensitivity=sens, scenarios=scenarios) for lang in ("en", "zh")}


def test_every_iso_14067_element_is_in_the_report(study):
    rep = study["en"]
    for element, (section, key) in ISO_ELEMENTS.items():
        assert key in rep[section], element
        assert rep[section][key] not in (None, [], ""), element
    assert rep["study"]["commissioner"]["name"].startswith("DEMO")
    assert rep["critical_review"]["performed"] and rep["critical_review"]["reviewer"]
    for lang in ("en", "zh"):
        md, page = render(study[lang], "md"), render(study[lang], "html")
        for section in ("study", "ghgs", "sensitivity", "interpretation", "critical_review"):
            assert study[lang][section]["title"] in md and study[lang][section]["title"] in page


def test_fossil_biogenic_split_adds_up_to_the_total(bev, study):
    result, _, _ = bev
    split = study["en"]["results"]["carbon_split"]
    assert sum(r["impact"] for r in split["rows"]) == pytest.approx(result.total)
    fossil = result.flows[result.flows["flow"].isin(["co2_fossil", "ch4_fossil"])]["impact"].sum()
    assert split["rows"][0] == {"key": "fossil", "label": "Fossil CO2 and CH4", "impact": pytest.approx(fossil),
                                "share": pytest.approx(fossil / result.total)}
    assert "land-use change" in split["not_assessed"] and "aircraft" in split["not_assessed"]


def test_tornado_lists_only_inputs_the_product_uses_and_the_scenarios_recompute(bev, study):
    result, _, cat = bev
    s = study["en"]["sensitivity"]
    used = {p["key"] for p in study["en"]["data_sources"]["parameters"]}
    for row in s["tornado"]:
        kind, _, key = row["input"].partition(":")
        assert kind != "parameter" or key in used
        assert row["swing"] > 0
        # the outputs bracket the base unless the input's shipped value lies outside its 5-95 % range
        # (a triangular distribution with its mode at the minimum, e.g. battery_manufacturing_electricity)
        inside = kind != "parameter" or row["low_value"] <= cat.parameters[key].amount <= row["high_value"]
        if inside:
            assert min(row["output_low"], row["output_high"]) <= row["base"] * 1.000001
    assert s["tornado"] == sorted(s["tornado"], key=lambda r: -r["swing"])
    rules = {x["overrides"].get("end_of_life.modelling") for x in s["scenarios"]}
    assert "avoided-burden" in rules  # the alternative end-of-life rule
    longer = next(x for x in s["scenarios"] if x["overrides"].get("use.lifetime") == f"{result.lifetime_km * 1.25} km")
    assert longer["per_km"] < result.per_km and longer["total"] > result.total


def test_interpretation_names_the_largest_stages(bev, study):
    result, _, _ = bev
    issues = study["en"]["interpretation"]["significant_issues"]
    big = result.stages[result.stages["share"] >= 0.10].sort_values("share", ascending=False)
    assert len([i for i in issues if i.startswith("Stage ")]) == len(big)
    assert f"{big['share'].iloc[0]:.1%}" in issues[0]


def test_without_info_the_report_says_what_is_not_stated(bev, session_store):
    result, spec, cat = bev
    rep = build_report(result, spec, cat, "en", file=str(BEV), store=session_store)
    assert not rep["study"]["given"] and "commissioner" in rep["study"]["text"]
    assert not rep["critical_review"]["performed"]
    assert rep["sensitivity"]["computed"] is False and rep["sensitivity"]["tornado"] == []


def test_info_errors_never_echo_a_value(tmp_path):
    secret = "ghp_0123456789abcdefSECRET"
    cases = [{"format": secret}, {**yaml.safe_load(INFO.read_text()), "report_date": secret},
             {**yaml.safe_load(INFO.read_text()), "unknown": secret}]
    for i, data in enumerate(cases):
        path = tmp_path / f"info{i}.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        with pytest.raises(SpecError) as err:
            load_info(path)
        assert secret not in str(err.value) and str(path) in str(err.value)


def test_a_public_comparison_without_review_is_flagged(bev, session_store, tmp_path):
    data = yaml.safe_load(INFO.read_text())
    data["goal"]["public_comparison"] = True
    data["critical_review"] = {"performed": False}
    path = tmp_path / "info.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result, spec, cat = bev
    rep = build_report(result, spec, cat, "en", file=str(BEV), store=session_store, info=load_info(path))
    assert "critical review is required" in rep["critical_review"]["warning"]


def test_markdown_and_html_escape_every_field(bev, session_store):
    result, spec, cat = bev
    evil = "<img src=x onerror=alert(1)> | pipe\nnew line"
    rep = build_report(result, spec, cat, "en", file=str(BEV), store=session_store)
    rep["product"]["name"] = rep["product"]["description"] = evil
    rep["limitations"]["notes"] = [evil]
    md = render(rep, "md")
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt; \\| pipe new line" in md
    page = render(rep, "html")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; | pipe" in page
