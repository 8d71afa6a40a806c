"""Supplier scoring: the per-part numbers come from the engine's own accounting, the score
math is checked by hand on a toy rule set, and the example supply chain runs from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from tests.cli_runner import invoke
from tests.exchange.conftest import ROOT

from carbonev.api import footprint
from carbonev.specs.pact_file import load_footprint
from carbonev.supply.compute import spec_numbers
from carbonev.supply.rules import SupplierRules
from carbonev.supply.scoring import PartRow, score_supplier

CHAIN = ROOT / "examples" / "supply-chain"
SPECS = [CHAIN / "vehicle-midsize-nmc811.yaml", CHAIN / "vehicle-compact-lfp.yaml"]
VALUES = CHAIN / "auditor-values-demo.yaml"


def test_part_numbers_are_the_engines(session_store):
    nums = spec_numbers(SPECS[1], session_store)
    [part] = nums.parts
    supplied = load_footprint(CHAIN / "footprints" / "lfp-pack.pact.json")
    assert part.supplier_kg == pytest.approx(supplied.per_product, rel=1e-6)  # one pack, no replacement
    original = ROOT / "examples" / "bev-compact-lfp.yaml"
    [generic] = footprint([original], store=session_store)
    assert part.generic_kg == pytest.approx(generic.stages.set_index("stage")["amount"]["battery"], rel=1e-6)
    assert nums.total_generic == pytest.approx(generic.total, rel=1e-6)
    assert nums.total_supplied - nums.total_generic == pytest.approx(part.supplier_kg - part.generic_kg, rel=1e-5)


RULES = SupplierRules.model_validate(yaml.safe_load("""
format: carbonev-supplier-criteria/1
name: toy
version: "1"
title: {en: toy}
description: toy rule set for hand checks
sources: {s: {citation: "toy source", tag: secondary}}
groups:
  - {id: data, name: {en: data}, weight: required_input, source: s, locator: x}
  - {id: mgmt, name: {en: mgmt}, weight: required_input, source: s, locator: x}
indicators:
  - {id: diff, group: data, reads: difference_pct, unit: "%", direction: lower, name: {en: d}, weight: 1,
     baseline: 20, leading: -20, source: s, locator: x}
  - {id: primary, group: data, reads: primary_data_share, unit: "%", name: {en: p}, weight: 3,
     baseline: 0, leading: 60, source: s, locator: x}
  - {id: audit, group: mgmt, reads: evidence.audited, unit: "-", scoring: boolean, name: {en: a}, weight: 1,
     source: s, locator: x}
grades:
  - {id: A, name: {en: A}, min_score: 80}
  - {id: B, name: {en: B}, min_score: 50}
"""))


def row(diff: float, primary: float | None) -> PartRow:
    return PartRow("car", "battery", "S", "urn:s", "pack", "id", "3.0.3", "f.json", 110.0, 100.0, 1000.0,
                   {"difference_pct": diff, "primary_data_share": primary})


def test_score_math_by_hand():
    numbers = {"groups.data.weight": 60, "groups.mgmt.weight": 40, "indicators.diff.weight": 1,
               "indicators.diff.baseline": 20, "indicators.diff.leading": -20, "indicators.primary.weight": 3,
               "indicators.primary.baseline": 0, "indicators.primary.leading": 60, "indicators.audit.weight": 1,
               "grades.A.min_score": 80, "grades.B.min_score": 50}
    # two parts: diff +10 % → 0.25 and −30 % → 1 (clipped), mean 0.625; primary 30 % → 0.5 and unstated → 0
    s = score_supplier(RULES, numbers, [row(10, 30), row(-30, None)], {"audited": True})
    assert s.indicators["diff"]["score"] == pytest.approx(0.625)
    assert s.indicators["primary"]["score"] == pytest.approx(0.25)
    assert s.indicators["primary"]["note"] == "not_stated:1"
    data = (1 * 0.625 + 3 * 0.25) / 4
    assert s.groups == pytest.approx({"data": data, "mgmt": 1.0})
    assert s.total == pytest.approx(100 * (60 * data + 40 * 1.0) / 100)  # 60.625
    assert s.grade == "B"
    assert score_supplier(RULES, numbers, [row(10, 30)], {}).indicators["audit"]["note"] == "not_recorded"
    assert row(10, 30).share_pct == pytest.approx(1.0)  # 10 kg of a 1000 kg vehicle


def test_example_supply_chain_from_the_cli(session_store, tmp_path):
    args = ["pact", "score", *map(str, SPECS), "--values", str(VALUES), "--as-of", "2026-12-01"]
    res = invoke(session_store, *args, "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [p["supplier"] for p in out["parts"]] == ["Demo NMC Pack Co. (DEMO)", "Demo LFP Pack Co. (DEMO)"]
    nmc, lfp = out["parts"]
    assert nmc["primary_data_share"] == 0 and lfp["primary_data_share"] > 0  # generic data vs the plant's own
    assert abs(nmc["difference_kg"]) < 1e-3 * nmc["generic_kg"]  # the NMC supplier used the generic inventory
    assert all(p["valid"] for p in out["parts"]) and out["parts"][1]["valid_to"] == "2027-01-01"
    assert {s["grade"] for s in out["suppliers"]} <= {"A", "B", "C", "-"}
    later = json.loads(invoke(session_store, *args[:-1], "2027-06-01", "--format", "json").stdout)
    assert [p["valid"] for p in later["parts"]] == [True, False]  # the LFP supplier's stated validity ended
    for lang, words in (("zh", ["供应商评价", "初级数据占比", "评价日期"]),
                        ("en", ["Supplier evaluation", "Primary data", "Evaluated on"])):
        page = tmp_path / f"r-{lang}.html"
        res = invoke(session_store, *args, "--format", "html", "--lang", lang, "--output", str(page))
        assert res.exit_code == 0 and all(w in page.read_text(encoding="utf-8") for w in words)
    csv = invoke(session_store, *args, "--format", "csv")
    assert csv.exit_code == 0 and len(csv.stdout.strip().splitlines()) == 3


def test_required_inputs_and_bad_specs_are_one_line_errors(session_store, tmp_path):
    missing = invoke(session_store, "pact", "score", str(SPECS[0]))
    assert missing.exit_code == 2 and "required input not supplied" in missing.output
    data = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    data["rule_sets"]["gbt39257-2020"]["indicators.valid.baseline"] = 1
    bad = tmp_path / "values.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    res = invoke(session_store, "pact", "score", str(SPECS[0]), "--values", str(bad))
    assert res.exit_code == 2 and "rule_sets.gbt39257-2020.indicators.valid.baseline" in res.output
    plain = ROOT / "examples" / "bev-compact-lfp.yaml"
    res = invoke(session_store, "pact", "score", str(plain), "--values", str(VALUES))
    assert res.exit_code == 2 and "supplied" in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert Path(bad).exists()
