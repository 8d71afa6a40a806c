"""Rule sets as data: the schema of ``methods/criteria-*.yaml`` and of auditor values files.

A rule set holds prerequisites (must-pass checks), indicators grouped and weighted, scored
linearly between a baseline (0 points) and a leading value (full points), and grades.
Any number the standard does not publish is written ``required_input``; an auditor supplies
it in a values file (``--values``); the engine never invents it. See docs/criteria-format.md.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carbonev.data.records import Source, Text
from carbonev.data.resources import data_dir
from carbonev.errors import SpecError
from carbonev.io.files import load, validate
from carbonev.rules import metric_names as metrics
from carbonev.rules import required_inputs as ri
from carbonev.rules.required_inputs import ID, REQUIRED, Num, ValuesHeader

Requirement = Literal["mandatory", "optional", "required_input"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_metric(name: str) -> None:
    if not metrics.known(name):
        raise ValueError(f"unknown metric {name!r}; valid: {', '.join(metrics.COMPUTED)} "
                         f"or {', '.join(p + '<name>' for p in metrics.PREFIXES)}")


class Check(Model):
    """A condition on one metric: ``metric op value``, or ``is_true``."""

    metric: str
    op: Literal[">=", "<=", ">", "<", "==", "is_true"] = "is_true"
    value: Num | None = None
    evidence: list[str] = Field(default=[], description="evidence kinds that must back the metric")
    note: str | None = None

    @model_validator(mode="after")
    def _valid(self):
        try:
            _check_metric(self.metric)
        except ValueError as exc:
            raise ValueError(f"metric: {exc}") from None
        if (self.op == "is_true") != (self.value is None):
            raise ValueError("value: 'is_true' takes no value; the other operators need one")
        return self


class Prerequisite(Model):
    id: str = Field(pattern=ID)
    name: Text
    all_of: list[Check] = []
    any_of: list[Check] = []
    source: str
    locator: str = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _some(self):
        if not self.all_of and not self.any_of:
            raise ValueError("all_of: a prerequisite needs at least one check (all_of or any_of)")
        return self


class Indicator(Model):
    id: str = Field(pattern=ID)
    name: Text
    group: str
    reads: str = Field(description="metric name (see carbonev.factory.metrics)")
    unit: str
    direction: Literal["higher", "lower"] = "higher"
    scoring: Literal["linear", "boolean"] = "linear"
    weight: Num
    baseline: Num | None = None
    leading: Num | None = None
    requirement: Requirement = Field(
        default="optional", description="mandatory: not meeting it vetoes every grade (as a prerequisite); "
        "optional: it only adds points; required_input: the standard's classification is not public")
    evidence: list[str] = []
    source: str
    locator: str = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _valid(self):
        try:
            _check_metric(self.reads)
        except ValueError as exc:
            raise ValueError(f"reads: {exc}") from None
        if self.scoring == "linear" and (self.baseline is None or self.leading is None):
            raise ValueError("baseline: linear scoring needs a baseline and a leading value (or required_input)")
        if self.scoring == "boolean" and (self.baseline is not None or self.leading is not None):
            raise ValueError("baseline: boolean scoring takes no baseline or leading value")
        if isinstance(self.weight, float) and self.weight < 0:
            raise ValueError("weight: must not be negative")
        if isinstance(self.baseline, float) and isinstance(self.leading, float):
            if self.baseline == self.leading:
                raise ValueError("leading: must differ from the baseline")
            if (self.leading > self.baseline) != (self.direction == "higher"):
                raise ValueError(f"leading: with direction '{self.direction}' the leading value must be "
                                 f"{'above' if self.direction == 'higher' else 'below'} the baseline")
        return self


class Reference(Model):
    """A value a metric is compared with as a ratio (e.g. an industry average); checks read it
    as the metric ``ratio.<id>`` = metric / value."""

    id: str = Field(pattern=ID)
    name: Text
    metric: str = Field(description="the metric divided by this value")
    unit: str = Field(description="must equal the metric's unit")
    value: Num
    source: str
    locator: str = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _valid(self):
        if self.metric.startswith(metrics.RATIO) or not metrics.known(self.metric):
            raise ValueError(f"metric: {self.metric!r} is not a metric a reference can divide")
        if isinstance(self.value, float) and self.value <= 0:
            raise ValueError("value: must be positive")
        return self


class Group(Model):
    id: str = Field(pattern=ID)
    name: Text
    weight: Num | None = Field(default=None, description="share of the score; default: sum of its members")
    parent: str | None = Field(default=None, description="the group this one belongs to (a second-level "
                               "indicator under a first-level one); its weight is shared within the parent")
    source: str | None = None
    locator: str | None = None


class Constraint(Model):
    """Published fact about weights, checked once the auditor has supplied them."""

    groups: list[str] = Field(min_length=1)
    share: float = Field(gt=0, le=1)
    tolerance: float = Field(default=0.005, ge=0)
    source: str
    locator: str = Field(min_length=1)


class Grade(Model):
    id: str = Field(pattern=ID)
    name: Text
    min_score: Num | None = None
    requires: list[Check] = []
    source: str
    locator: str = Field(min_length=1)
    note: str | None = None


class Grading(Model):
    scale: float = Field(default=100.0, gt=0, description="points of a perfect score")
    grades: list[Grade] = Field(min_length=1, description="lowest grade first")


class RuleSet(Model):
    format: Literal["carbonev-criteria/1"]
    name: str = Field(pattern=ID)
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    title: Text
    kind: Literal["green-factory", "zero-carbon-factory", "carbon-neutrality", "carbon-efficiency"]
    description: str
    sources: dict[str, Source] = Field(min_length=1)
    prerequisites: list[Prerequisite] = []
    groups: list[Group] = []
    indicators: list[Indicator] = []
    constraints: list[Constraint] = []
    references: list[Reference] = []
    grading: Grading

    @model_validator(mode="after")
    def _ratios(self):
        refs = {r.id for r in self.references}
        checks = [c for p in self.prerequisites for c in p.all_of + p.any_of]
        checks += [c for g in self.grading.grades for c in g.requires]
        for c in checks:
            if c.metric.startswith(metrics.RATIO) and c.metric[len(metrics.RATIO):] not in refs:
                raise ValueError(f"{c.metric}: no reference with id {c.metric[len(metrics.RATIO):]!r}")
        return self

    @model_validator(mode="after")
    def _references(self):
        for kind, items in (("prerequisites", self.prerequisites), ("groups", self.groups), ("references",
                                                                                                self.references),
                            ("indicators", self.indicators), ("grading.grades", self.grading.grades)):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    raise ValueError(f"{kind}[{i}].id: {item.id!r} appears twice")
                seen.add(item.id)
                src = getattr(item, "source", None)
                if src is not None and src not in self.sources:
                    raise ValueError(f"{kind}[{i}].source: {src!r} is not in 'sources'")
        groups = {g.id for g in self.groups}
        for i, ind in enumerate(self.indicators):
            if ind.group not in groups:
                raise ValueError(f"indicators[{i}].group: {ind.group!r} is not a group id ({', '.join(groups)})")
        parents = {g.id: g.parent for g in self.groups}
        for i, g in enumerate(self.groups):
            if g.parent is not None and g.parent not in groups:
                raise ValueError(f"groups[{i}].parent: {g.parent!r} is not a group id")
            if g.parent is not None and parents.get(g.parent) is not None:
                raise ValueError(f"groups[{i}].parent: groups nest two levels deep at most")
        for i, c in enumerate(self.constraints):
            if c.source not in self.sources:
                raise ValueError(f"constraints[{i}].source: {c.source!r} is not in 'sources'")
            for g in c.groups:
                if g not in groups:
                    raise ValueError(f"constraints[{i}].groups: {g!r} is not a group id")
        last = None
        for i, g in enumerate(self.grading.grades):
            if isinstance(g.min_score, float):
                if last is not None and g.min_score < last:
                    raise ValueError(f"grading.grades[{i}].min_score: grades go from lowest to highest")
                last = g.min_score
        return self


class ValuesFile(ValuesHeader):
    """Values an auditor supplies for a rule set's ``required_input`` entries."""

    SECTION = "rule_sets"
    format: Literal["carbonev-criteria-values/1"]
    rule_sets: dict[str, dict[str, float | Literal["mandatory", "optional"]]] = Field(min_length=1)


def shipped() -> dict[str, Path]:
    """Shipped rule sets by name (``methods/criteria-<name>.yaml``)."""
    return ri.shipped_files(data_dir("methods"), "criteria-")


def load_ruleset(name_or_path: str | Path) -> tuple[RuleSet, Path]:
    """A shipped rule set by name, or a rule-set file by path [raises SpecError / UnknownName]."""
    path = ri.find_file(name_or_path, shipped(), "rule set", "criteria-")
    return load(RuleSet, path), path


def _slots(rs: RuleSet) -> dict[str, tuple[str, str]]:
    """Every settable number: key → (current value as text, what it is)."""
    out: dict[str, tuple[str, str]] = {}
    for p in rs.prerequisites:
        for part in ("all_of", "any_of"):
            for i, c in enumerate(getattr(p, part)):
                if c.value is not None:
                    out[f"prerequisites.{p.id}.{part}[{i}].value"] = (str(c.value), f"{p.name.en}: {c.metric} {c.op}")
    for g in rs.groups:
        out[f"groups.{g.id}.weight"] = (str(g.weight), f"weight of group {g.name.en}")
    for r in rs.references:
        out[f"references.{r.id}.value"] = (str(r.value), f"{r.name.en} [{r.unit}]")
    for ind in rs.indicators:
        for part in ("weight", "baseline", "leading"):
            value = getattr(ind, part)
            if value is not None:
                out[f"indicators.{ind.id}.{part}"] = (str(value), f"{part} of {ind.name.en} [{ind.unit}]")
        out[f"indicators.{ind.id}.requirement"] = (ind.requirement, f"mandatory or optional: {ind.name.en}")
    for g in rs.grading.grades:
        if g.min_score is not None:
            out[f"grading.{g.id}.min_score"] = (str(g.min_score), f"lowest score of grade {g.name.en}")
        for i, c in enumerate(g.requires):
            if c.value is not None:
                out[f"grading.{g.id}.requires[{i}].value"] = (str(c.value), f"{g.name.en}: {c.metric} {c.op}")
    return out


def required_inputs(rs: RuleSet) -> list[tuple[str, str]]:
    """(key, description) of every value the rule set leaves to the auditor."""
    return [(k, what) for k, (v, what) in _slots(rs).items() if v == REQUIRED]


def _assign(data: dict, key: str, value: float) -> None:
    head, ident, rest = key.split(".", 2) if key.count(".") >= 2 else (*key.split(".", 1), "")
    if head == "grading":
        items = data["grading"]["grades"]
    else:
        items = data[head]
    item = next(x for x in items if x["id"] == ident)
    if "[" in rest:
        part, tail = rest.split("[", 1)
        index, field_ = tail.split("].", 1)
        item[part][int(index)][field_] = value
    else:
        item[rest] = value


def resolve(rs: RuleSet, rs_file: Path | str, values: ValuesFile | None = None,
            values_file: Path | str | None = None) -> RuleSet:
    """The rule set with every ``required_input`` replaced by the auditor's value.

    Raises SpecError naming the rule set and the key of the first missing value, a values
    key that is not a required input, or auditor weights that contradict a published share.
    """
    needed = required_inputs(rs)
    given = ri.supplied(values, rs.name)
    hint = f"carbonev criteria {rs.name}"
    ri.reject_unrequested(given, {k: v for k, (v, _) in _slots(rs).items()}, owner=rs.name, noun="rule set",
                          section=ValuesFile.SECTION, file=str(values_file), hint=hint, show_fixed=True)
    missing = [k for k, _ in needed if k not in given]
    if missing:
        raise ri.missing_error(missing, why="the official value is not public, an auditor must supply it",
                               where=f"the values file has no value under rule_sets.{rs.name}", given=bool(values),
                               file=str(rs_file), hint=hint)
    if not needed:
        return rs
    data = copy.deepcopy(rs.model_dump(mode="json"))
    for key, value in given.items():
        if key.endswith(".requirement") != isinstance(value, str):
            what = "mandatory or optional" if key.endswith(".requirement") else "a number"
            raise SpecError(f"must be {what}", file=str(values_file), field=f"{ValuesFile.SECTION}.{rs.name}.{key}")
        _assign(data, key, value if isinstance(value, str) else float(value))
    resolved = validate(RuleSet, data, f"{rs_file} with values from {values_file}")
    _constraints(resolved, values_file or rs_file)
    return resolved


def group_weights(rs: RuleSet) -> dict[str, float]:
    """Weight of each group: its own, or the sum of its members' (sub-groups and indicators)."""
    out: dict[str, float] = {}

    def weight(g: Group) -> float:
        if g.id not in out:
            if g.weight is not None:
                out[g.id] = float(g.weight)
            else:
                out[g.id] = (sum(float(i.weight) for i in rs.indicators if i.group == g.id)
                             + sum(weight(c) for c in rs.groups if c.parent == g.id))
        return out[g.id]

    for g in rs.groups:
        weight(g)
    return out


def indicator_weights(rs: RuleSet) -> dict[str, float]:
    """Each indicator's share of the total weight (sums to 1 where any weight is positive).

    The weight of a top-level group is shared among its members (sub-groups and indicators)
    in proportion to theirs, and a sub-group's among its indicators; an indicator carbonev
    cannot measure keeps its share (it scores 0), so the others never inherit it.
    """
    gw = group_weights(rs)

    def members(gid: str) -> list[tuple[str, str, float]]:
        return ([("group", c.id, gw[c.id]) for c in rs.groups if c.parent == gid]
                + [("indicator", i.id, float(i.weight)) for i in rs.indicators if i.group == gid])

    out: dict[str, float] = {}

    def share(gid: str, amount: float) -> None:
        items = members(gid)
        total = sum(w for _, _, w in items)
        for kind, ident, w in items:
            part = amount * w / total if total else 0.0
            if kind == "group":
                share(ident, part)
            else:
                out[ident] = part

    for g in rs.groups:
        if g.parent is None:
            share(g.id, gw[g.id])
    total = sum(out.values())
    return {k: (v / total if total else 0.0) for k, v in out.items()}


def _constraints(rs: RuleSet, file: Path | str) -> None:
    gw = group_weights(rs)
    total = sum(w for g, w in gw.items() if next(x for x in rs.groups if x.id == g).parent is None)
    for i, c in enumerate(rs.constraints):
        share = sum(gw[g] for g in c.groups) / total if total else 0.0
        if abs(share - c.share) > c.tolerance:
            raise SpecError(f"groups {', '.join(c.groups)} carry {share:.1%} of the weight; the standard says "
                            f"{c.share:.0%} ({rs.sources[c.source].citation[:60]}…, {c.locator})",
                            file=str(file), field=f"constraints[{i}]")


def load_values(path: str | Path) -> ValuesFile:
    """Read an auditor values file [raises SpecError naming file and key, never echoing a value]."""
    return ri.quiet_load(ValuesFile, path)
