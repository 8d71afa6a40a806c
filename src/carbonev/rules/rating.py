"""Footprint rating (评级): grade a product's footprint against threshold rule sets kept as data.

A rule set (``methods/rating-<name>.yaml``, format ``carbonev-rating/1``, docs/report.md) names
a metric (``per_km`` [g CO2e/km] or ``battery_per_kwh`` [kg CO2e/kWh]), the grades best
first, per class (vehicle segment, powertrain or battery chemistry) the upper bound of every
grade but the last, and the functional-unit parameters it fixes (lifetime, real-world factor,
grid basis, end-of-life rule: :mod:`carbonev.rules.functional_unit`), so a manufacturer cannot
move the grade by declaring a longer life. Each bound is a number with its source, or ``required_input``:
no official Chinese footprint-rating thresholds are public, so the user supplies them in a
values file and the report states who did. A value at a bound earns the better grade.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carbonev.data.records import Source, Text
from carbonev.data.resources import data_dir
from carbonev.errors import SpecError
from carbonev.io.files import load
from carbonev.results import FootprintResult
from carbonev.rules import required_inputs as ri
from carbonev.rules.functional_unit import Fixed, FixedField, Override, check_keys, fix
from carbonev.rules.required_inputs import REQUIRED, ValuesHeader
from carbonev.specs.vehicle import VehicleSpec

ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
METRICS = {"per_km": "g CO2e/km", "battery_per_kwh": "kg CO2e/kWh"}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Threshold(Model):
    """A published bound: the number, the document and where in it."""

    value: float
    source: str
    locator: str = Field(min_length=1)


class Grade(Model):
    id: str = Field(pattern=ID)
    name: Text


class RatingClass(Model):
    id: str = Field(pattern=ID, description="segment (A0, A, B, C, SUV), powertrain, chemistry, or 'all'")
    name: Text | None = None
    thresholds: dict[str, Threshold | Literal["required_input"]]


class RuleSet(Model):
    format: Literal["carbonev-rating/1"]
    name: str = Field(pattern=ri.ID)
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    title: Text
    description: str
    metric: Literal["per_km", "battery_per_kwh"]
    unit: str
    method: str | None = Field(default=None, description="impact method the thresholds assume")
    class_by: Literal["segment", "powertrain", "chemistry", "none"]
    sources: dict[str, Source] = {}
    grades: list[Grade] = Field(min_length=2, description="best first")
    classes: list[RatingClass] = Field(min_length=1)
    functional_unit: dict[str, Fixed] = FixedField

    @model_validator(mode="after")
    def _consistent(self):
        check_keys(self.functional_unit, self.sources)
        if self.unit != METRICS[self.metric]:
            raise ValueError(f"unit: metric {self.metric} is in {METRICS[self.metric]!r}, not {self.unit!r}")
        grades = [g.id for g in self.grades]
        if len(set(grades)) != len(grades):
            raise ValueError("grades: ids must be unique")
        seen: set[str] = set()
        for i, c in enumerate(self.classes):
            if c.id in seen:
                raise ValueError(f"classes[{i}].id: {c.id!r} appears twice")
            seen.add(c.id)
            if list(c.thresholds) != grades[:-1]:
                raise ValueError(f"classes[{i}].thresholds: need one bound per grade but the last, in order: "
                                 f"{', '.join(grades[:-1])} (got {', '.join(c.thresholds) or 'none'})")
            last = None
            for g, t in c.thresholds.items():
                if isinstance(t, Threshold):
                    if t.source not in self.sources:
                        raise ValueError(f"classes[{i}].thresholds.{g}.source: {t.source!r} is not in 'sources'")
                    if last is not None and t.value < last:
                        raise ValueError(f"classes[{i}].thresholds.{g}: bounds must not decrease from best grade on")
                    last = t.value
        if self.class_by == "none" and [c.id for c in self.classes] != ["all"]:
            raise ValueError("classes: with class_by 'none' there is one class, id 'all'")
        return self


class ValuesFile(ValuesHeader):
    """Thresholds a user supplies for a rule set's ``required_input`` entries."""

    SECTION = "rule_sets"
    format: Literal["carbonev-rating-values/1"]
    rule_sets: dict[str, dict[str, float | str]] = Field(min_length=1)


def shipped() -> dict[str, Path]:
    """Shipped rule sets by name (``methods/rating-<name>.yaml``)."""
    return ri.shipped_files(data_dir("methods"), "rating-")


def load_rules(name_or_path: str | Path) -> tuple[RuleSet, Path]:
    """A shipped rule set by name, or a rule-set file by path [raises SpecError / UnknownName]."""
    path = ri.find_file(name_or_path, shipped(), "rating rule set", "rating-")
    return load(RuleSet, path), path


def load_values(path: str | Path) -> ValuesFile:
    """A values file [raises SpecError naming file and key, never echoing a value]."""
    return ri.quiet_load(ValuesFile, path)


def product_class(rs: RuleSet, spec: VehicleSpec, spec_file: str | None = None) -> RatingClass:
    """The rule set's class for this vehicle [raises SpecError naming the spec field]."""
    if rs.class_by == "none":
        return rs.classes[0]
    if rs.class_by == "segment":
        key, field = spec.segment, "segment"
    elif rs.class_by == "powertrain":
        key, field = spec.powertrain.value, "powertrain"
    else:
        key, field = (spec.battery.chemistry.value if spec.battery else None), "battery.chemistry"
    ids = [c.id for c in rs.classes]
    if key is None:
        raise SpecError(f"rule set {rs.name} rates by {rs.class_by}; the spec gives none (classes: {', '.join(ids)})",
                        file=spec_file, field=field)
    for c in rs.classes:
        if c.id.lower() == str(key).lower():
            return c
    raise SpecError(f"rule set {rs.name} has no class {key!r} (classes: {', '.join(ids)})", file=spec_file, field=field)


@dataclass(frozen=True)
class Bound:
    grade: str
    value: float
    source: str  # citation and locator, or who supplied the value and its status


def thresholds(rs: RuleSet, cls: RatingClass, rs_file: Path | str, values: ValuesFile | None = None,
               values_file: Path | str | None = None) -> list[Bound]:
    """The class's bounds, best grade first, with ``required_input`` filled from ``values``.

    Raises SpecError naming the rule-set file and the key of the first missing value, or the
    values file and a key that is not a required input of the rule set.
    """
    given = ri.supplied(values, rs.name)
    slots = {f"classes.{c.id}.thresholds.{g}": t for c in rs.classes for g, t in c.thresholds.items()}
    fu_slots = {f"functional_unit.{k}": f.value for k, f in rs.functional_unit.items()}
    ri.reject_unrequested(given, {**slots, **fu_slots}, owner=rs.name, noun="rule set", section=ValuesFile.SECTION,
                          file=str(values_file))
    out: list[Bound] = []
    for g, t in cls.thresholds.items():
        key = f"classes.{cls.id}.thresholds.{g}"
        if isinstance(t, Threshold):
            src = rs.sources[t.source]
            out.append(Bound(g, t.value, f"{src.citation} ({t.locator}) [{src.tag}]"))
        elif key in given:
            if isinstance(given[key], str):
                raise SpecError("must be a number", file=str(values_file), field=f"rule_sets.{rs.name}.{key}")
            out.append(Bound(g, float(given[key]), "supplied value (see 'Supplied values')"))
        else:  # the first missing key of the class is this one
            missing = [k for k, v in slots.items() if k.startswith(f"classes.{cls.id}.") and v == REQUIRED
                       and k not in given]
            raise ri.missing_error(missing, why="no official threshold is public; supply it",
                                   where=f"the values file has no rule_sets.{rs.name}.{key}", given=bool(values),
                                   file=str(rs_file))
    for a, b in zip(out, out[1:], strict=False):
        if b.value < a.value:
            raise SpecError(f"bound of grade {b.grade} ({b.value:g}) is below that of the better grade {a.grade} "
                            f"({a.value:g})", file=str(values_file or rs_file), field=f"classes.{cls.id}.thresholds")
    return out


def fixed_functional_unit(rs: RuleSet, spec: VehicleSpec, rs_file: Path | str, values: ValuesFile | None = None,
                          values_file: Path | str | None = None,
                          spec_file: str | None = None) -> tuple[dict, list[Override]]:
    """(overrides for the footprint, report rows) of the functional-unit parameters ``rs`` fixes."""
    return fix(spec, dict(rs.functional_unit), owner=rs.name, given=ri.supplied(values, rs.name),
               where=f"the values file ({values_file})" if values_file else "no --values file given",
               rule_file=str(rs_file), spec_file=spec_file)


def metric(rs: RuleSet, result: FootprintResult, spec: VehicleSpec, spec_file: str | None = None) -> float:
    """The rule set's metric of a footprint [rs.unit]."""
    if rs.metric == "per_km":
        return result.per_km
    if spec.battery is None:
        raise SpecError(f"rule set {rs.name} rates batteries; the spec has none", file=spec_file, field="battery")
    stage = result.stages.loc[result.stages["stage"] == "battery", "amount"]
    return float(stage.sum()) / (spec.battery.capacity * battery_packs(spec))


def battery_packs(spec: VehicleSpec) -> float:
    """Packs the battery stage carries per vehicle: the first, replacements, swap-pool share [-]."""
    b = spec.battery
    return 0.0 if b is None else 1 + b.replacements + getattr(b, "swap_packs", 0.0)


@dataclass(frozen=True)
class Rating:
    rule_set: str
    title: str
    product: str
    class_id: str
    metric: str
    unit: str
    value: float
    grade: str
    bounds: list[Bound]
    grades: list[str]
    next_grade: str | None
    gap: float | None  # reduction of the metric that reaches the next better grade [unit]
    supplied_by: str | None
    status: str | None
    fixed: tuple[Override, ...] = ()  # functional-unit parameters the rule set fixed

    def to_dict(self) -> dict:
        return {"rule_set": self.rule_set, "title": self.title, "product": self.product, "class": self.class_id,
                "metric": self.metric, "unit": self.unit, "value": self.value, "grade": self.grade,
                "thresholds": [{"grade": b.grade, "max": b.value, "source": b.source} for b in self.bounds],
                "grades": self.grades, "next_grade": self.next_grade, "gap": self.gap,
                "gap_share": self.gap / self.value if self.gap is not None and self.value else None,
                "values_supplied_by": self.supplied_by, "values_status": self.status,
                "functional_unit": [o.to_dict() for o in self.fixed]}


def grade_of(value: float, bounds: list[Bound], grades: list[str]) -> tuple[str, str | None, float | None]:
    """(grade, next better grade, reduction needed to reach it); at a bound → the better grade."""
    index = next((i for i, b in enumerate(bounds) if value <= b.value), len(bounds))
    if index == 0:
        return grades[0], None, None
    return grades[index], grades[index - 1], value - bounds[index - 1].value


def rate(rs: RuleSet, bounds: list[Bound], cls: RatingClass, value: float, product: str,
         values: ValuesFile | None = None, fixed: list[Override] | tuple[Override, ...] = ()) -> Rating:
    grades = [g.id for g in rs.grades]
    grade, nxt, gap = grade_of(value, bounds, grades)
    return Rating(rs.name, rs.title.en, product, cls.id, rs.metric, rs.unit, value, grade, bounds, grades, nxt, gap,
                  values.supplied_by if values else None, values.status if values else None, tuple(fixed))


def render_text(r: Rating) -> str:
    lines = [f"Rating: {r.title} (rule set {r.rule_set})", f"Product: {r.product} — class {r.class_id}",
             f"Metric: {r.metric} = {r.value:,.2f} {r.unit}", f"Grade: {r.grade}", "",
             "Thresholds (upper bound; a value at the bound earns that grade):"]
    width = max(len(g) for g in r.grades)
    for b in r.bounds:
        lines.append(f"  {b.grade:<{width}}  <= {b.value:>10,.2f} {r.unit}   {b.source}")
    lines.append(f"  {r.grades[-1]:<{width}}  >  {r.bounds[-1].value:>10,.2f} {r.unit}")
    if r.next_grade is None:
        lines.append("Next grade: none — already the best grade.")
    else:
        share = f" ({r.gap / r.value:.1%} of the current value)" if r.value else ""
        lines.append(f"Next grade: {r.next_grade} needs {r.gap:,.2f} {r.unit} less{share}.")
    if r.status:
        lines.append(f"Supplied values: {r.supplied_by} — {r.status}")
    if r.fixed:
        lines.append("Functional unit fixed by the rule set (the spec's own values do not count):")
        lines += [f"  {o.text()}" for o in r.fixed]
    return "\n".join(lines) + "\n"
