"""Supplier rule sets (``methods/supply/*.yaml``, ``carbonev-supplier-criteria/1``) and the
auditor's values file (``carbonev-supplier-values/1``).

As for factory criteria, every weight, baseline/leading value and grade band that a standard
does not publish is written ``required_input``; the values file supplies it under
``rule_sets.<name>.<key>`` (``groups.<id>.weight``, ``indicators.<id>.weight|baseline|leading``,
``grades.<id>.min_score``). The values file also records the management evidence per supplier
(``suppliers.<company id or name>.<key>: true|false``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from carbonev.data.records import Source, Strict, Text
from carbonev.data.resources import data_dir
from carbonev.errors import SpecError
from carbonev.io.files import load
from carbonev.rules import required_inputs as ri
from carbonev.rules.required_inputs import ID, REQUIRED, Num, ValuesHeader

METRICS = ("difference_pct", "primary_data_share", "dqr_mean", "age_years", "valid", "verified")
EVIDENCE = "evidence."


class Group(Strict):
    id: str = Field(pattern=ID)
    name: Text
    weight: Num
    source: str
    locator: str = Field(min_length=1)


class Indicator(Strict):
    id: str = Field(pattern=ID)
    group: str
    reads: str = Field(description=f"one of {', '.join(METRICS)} or evidence.<key>")
    unit: str
    name: Text
    scoring: Literal["linear", "boolean"] = "linear"
    direction: Literal["higher", "lower"] = "higher"
    weight: Num
    baseline: Num | None = None
    leading: Num | None = None
    source: str
    locator: str = Field(min_length=1)


class Grade(Strict):
    id: str
    name: Text
    min_score: Num


class SupplierRules(Strict):
    format: Literal["carbonev-supplier-criteria/1"]
    name: str = Field(pattern=ID)
    version: str
    title: Text
    description: str
    sources: dict[str, Source]
    groups: list[Group] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    grades: list[Grade] = []


class SupplierValues(ValuesHeader):
    SECTION = "rule_sets"
    format: Literal["carbonev-supplier-values/1"]
    rule_sets: dict[str, dict[str, float]] = {}
    suppliers: dict[str, dict[str, bool]] = {}


def shipped() -> dict[str, Path]:
    return ri.shipped_files(data_dir("methods") / "supply")


def load_rules(name_or_path: str | Path) -> tuple[SupplierRules, Path]:
    path = ri.find_file(name_or_path, shipped(), "supplier rule set")
    rules = load(SupplierRules, path)
    groups = {g.id for g in rules.groups}
    for i, ind in enumerate(rules.indicators):
        where = f"indicators[{i}]"
        if ind.group not in groups:
            raise SpecError(f"unknown group {ind.group!r}", file=str(path), field=f"{where}.group")
        if ind.reads not in METRICS and not ind.reads.startswith(EVIDENCE):
            raise SpecError(f"unknown metric {ind.reads!r}; valid: {', '.join(METRICS)}, evidence.<key>",
                            file=str(path), field=f"{where}.reads")
        if ind.scoring == "linear" and (ind.baseline is None or ind.leading is None):
            raise SpecError("a linear indicator needs baseline and leading", file=str(path), field=f"{where}.baseline")
        for key in ("source",):
            if getattr(ind, key) not in rules.sources:
                raise SpecError(f"unknown source {ind.source!r}", file=str(path), field=f"{where}.source")
    return rules, path


def slots(rules: SupplierRules) -> dict[str, Any]:
    """Every settable key of the rule set → its value (a number or ``required_input``)."""
    out: dict[str, Any] = {f"groups.{g.id}.weight": g.weight for g in rules.groups}
    for ind in rules.indicators:
        out[f"indicators.{ind.id}.weight"] = ind.weight
        if ind.scoring == "linear":
            out[f"indicators.{ind.id}.baseline"] = ind.baseline
            out[f"indicators.{ind.id}.leading"] = ind.leading
    out.update({f"grades.{g.id}.min_score": g.min_score for g in rules.grades})
    return out


def resolve(rules: SupplierRules, rules_file: Path, values: SupplierValues | None,
            values_file: str | None) -> dict[str, float]:
    """Every slot's number: the rule set's own, or the auditor's [raises SpecError naming the first
    required input nobody supplied, or a supplied value that fills no required input]."""
    table = slots(rules)
    given = ri.supplied(values, rules.name)
    ri.reject_unrequested(given, table, owner=rules.name, noun="rule set", section="rule_sets", file=values_file)
    out, missing = {}, []
    for key, value in table.items():
        if value == REQUIRED:
            if key in given:
                out[key] = float(given[key])
            else:
                missing.append(key)
        else:
            out[key] = float(value)
    if missing:
        raise ri.missing_error(missing, why=f"the rule set {rules.name} ({rules_file.name}) does not publish it",
                               where=f"rule_sets.{rules.name} in the values file", given=values is not None,
                               file=values_file)
    return out
