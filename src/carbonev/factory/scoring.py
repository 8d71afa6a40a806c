"""The scoring engine: a resolved rule set + a plant's metrics → a scored audit (pure).

Rules (docs/criteria-format.md):
- a prerequisite passes when its checks hold (all_of: every one; any_of: at least one) and
  the evidence kinds they name are attached to the metric; any failure vetoes every grade;
- a linear indicator scores ``(v - baseline) / (leading - baseline)`` clamped to [0, 1]
  (baseline = 0 points, leading = full points; works for both directions); a boolean one
  scores 1 if the metric holds; an indicator whose required evidence is missing scores 0
  (its potential is reported);
- weights follow the rule set's group structure: a group's weight is shared among its members
  (sub-groups, indicators) in proportion to theirs (:func:`carbonev.rules.criteria.indicator_weights`);
  an indicator without data keeps its share and scores 0; the total is scaled to
  ``grading.scale`` points;
- a ``mandatory`` indicator must be met (measured, evidenced and at or better than its baseline;
  a boolean one true): otherwise it vetoes every grade, as a failed prerequisite; an
  ``optional`` one only adds points;
- the verdict is the highest grade whose ``min_score`` is reached and whose ``requires``
  checks hold, unless vetoed;
- for the next grade, the engine lists the smallest changes, each alone, other things equal.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any

from carbonev.errors import SpecError, UnitError
from carbonev.factory.metrics import COMPUTED, RATIO, Metric, Words, lookup
from carbonev.rules.criteria import Check, RuleSet, indicator_weights
from carbonev.units import convert

OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq}
EPS = 1e-9


@dataclass
class CheckResult:
    metric: str
    op: str
    target: float | None
    measured: float | bool | None
    unit: str
    passed: bool
    evidence_missing: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self._say("not measured", "holds", "needs", "missing evidence")

    @property
    def text_zh(self) -> str:
        return self._say("未计量", "成立", "要求", "缺少证据")

    def _say(self, unmeasured: str, holds: str, needs: str, missing: str) -> str:
        shown = unmeasured if self.measured is None else _fmt(self.measured)
        rule = holds if self.op == "is_true" else f"{self.op} {_fmt(self.target)}"
        out = f"{self.metric} = {shown}{'' if self.unit in ('-', '') else ' ' + self.unit} ({needs}: {rule})"
        if self.evidence_missing:
            out += f"; {missing}: {', '.join(self.evidence_missing)}"
        return out


@dataclass
class PrerequisiteResult:
    id: str
    name: str
    passed: bool
    checks: list[CheckResult]
    mode: str
    locator: str
    name_zh: str | None = None


@dataclass
class IndicatorResult:
    id: str
    name: str
    group: str
    reads: str
    unit: str
    direction: str
    scoring: str
    measured: float | bool | None
    baseline: float | None
    leading: float | None
    max_points: float
    fraction: float
    points: float
    potential: float  # points if the missing evidence were supplied
    status: str  # scored | no data | missing evidence
    evidence_missing: list[str] = field(default_factory=list)
    name_zh: str | None = None
    requirement: str = "optional"  # mandatory | optional
    met: bool = False  # measured, evidenced, at or better than the baseline (boolean: true)


@dataclass
class GradeResult:
    id: str
    name: str
    min_score: float | None
    reached: bool
    unmet: list[CheckResult]
    name_zh: str | None = None


@dataclass
class Change:
    kind: str  # prerequisite | mandatory | requirement | evidence | indicator | combination
    text: str  # English; a Words also carries the Chinese text (.zh)
    points: float | None = None


@dataclass
class Audit:
    rule_set: str
    title: str
    version: str
    kind: str
    scale: float
    score: float
    vetoed: bool
    verdict: str
    grade: str | None
    next_grade: str | None
    prerequisites: list[PrerequisiteResult]
    indicators: list[IndicatorResult]
    grades: list[GradeResult]
    changes: list[Change]
    missing_evidence: list[str]
    notes: list[str] = field(default_factory=list)
    title_zh: str | None = None

    def to_frame(self) -> Any:
        """Per indicator: id, name, group, measured, unit, baseline, leading, points, max_points, status
        (a pandas DataFrame)."""
        import pandas as pd

        cols = ["id", "name", "group", "measured", "unit", "baseline", "leading", "points", "max_points", "status",
                "requirement", "met"]
        return pd.DataFrame([{c: getattr(i, c) for c in cols} for i in self.indicators], columns=cols)


def _fmt(x) -> str:
    if isinstance(x, bool) or x is None:
        return {True: "yes", False: "no", None: "—"}[x]
    return f"{x:,.4g}" if abs(x) < 1e6 else f"{x:,.0f}"


def evaluate(check: Check, metrics: dict[str, Metric]) -> CheckResult:
    """Whether one check holds on the plant's metrics (with its evidence)."""
    m = lookup(metrics, check.metric)
    missing = [k for k in check.evidence if k not in m.evidence]
    if m.value is None:
        ok = False
    elif check.op == "is_true":
        ok = bool(m.value)
    else:
        ok = OPS[check.op](float(m.value), float(check.value) - (EPS if check.op == ">=" else -EPS if check.op == "<="
                                                                  else 0.0))
    target = None if check.value is None else float(check.value)
    # evidence is only "missing" for a value that would otherwise pass
    return CheckResult(check.metric, check.op, target, m.value, m.unit, ok and not missing, missing if ok else [])


def _in_unit(m: Metric, unit: str) -> float | bool | None:
    """The metric's value in ``unit`` (None if it cannot be expressed in it); booleans pass."""
    if m.value is None or isinstance(m.value, bool):
        return m.value
    if m.unit == unit:
        return float(m.value)
    try:
        return float(convert(float(m.value), m.unit, unit))
    except (UnitError, ValueError, TypeError):
        return None


def _fraction(v: float, b: float, l_: float) -> float:
    return min(1.0, max(0.0, (v - b) / (l_ - b)))


def ratios(rs: RuleSet, metrics: dict[str, Metric], rule_set_file: str = "rule set") -> dict[str, Metric]:
    """``ratio.<id>`` metrics: each reference's metric divided by the reference value [-]."""
    out = {}
    for i, r in enumerate(rs.references):
        m = lookup(metrics, r.metric)
        if r.metric in COMPUTED and m.unit != r.unit:
            raise SpecError(f"unit {r.unit!r} does not match metric {r.metric!r}, which is in {m.unit!r}",
                            file=rule_set_file, field=f"references[{i}].unit")
        v = None if m.value is None or isinstance(m.value, bool) else float(m.value) / float(r.value)
        out[f"{RATIO}{r.id}"] = Metric(f"{RATIO}{r.id}", v, "-", f"{r.metric} / {r.name.en}", set(m.evidence))
    return out


def score(rs: RuleSet, metrics: dict[str, Metric], rule_set_file: str = "rule set") -> Audit:
    """Score a plant (its metrics) against a resolved rule set (no ``required_input`` left)."""
    metrics = {**metrics, **ratios(rs, metrics, rule_set_file)}
    prereqs = [_prerequisite(p, metrics) for p in rs.prerequisites]
    eff = indicator_weights(rs)
    indicators = [_indicator(ind, i, metrics, rs.grading.scale * eff[ind.id], rule_set_file)
                  for i, ind in enumerate(rs.indicators)]
    points = sum(r.points for r in indicators)
    failed_mandatory = [r for r in indicators if r.requirement == "mandatory" and not r.met]
    vetoed = any(not p.passed for p in prereqs) or bool(failed_mandatory)

    grades = []
    for g in rs.grading.grades:
        unmet = [r for r in (evaluate(c, metrics) for c in g.requires) if not r.passed]
        floor = None if g.min_score is None else float(g.min_score)
        reached = not vetoed and (floor is None or points >= floor - EPS) and not unmet
        grades.append(GradeResult(g.id, g.name.en, floor, reached, unmet, g.name.zh))
    best = max((i for i, g in enumerate(grades) if g.reached), default=None)
    if vetoed:
        failed = [f"prerequisite failed: {p.name}" for p in prereqs if not p.passed]
        failed += [f"mandatory indicator not met: {r.name}" for r in failed_mandatory]
        verdict = f"not qualified — {'; '.join(failed)}"
    elif best is None:
        verdict = f"below {grades[0].name}"
    else:
        verdict = grades[best].name
    nxt = 0 if best is None else best + 1
    next_grade = grades[nxt] if nxt < len(grades) else None
    changes = _changes(prereqs, indicators, next_grade, points, metrics) if next_grade else []
    missing_evidence = [f"prerequisite {p.id}: {', '.join(c.evidence_missing)}"
                        for p in prereqs if not p.passed for c in p.checks if c.evidence_missing]
    missing_evidence += [f"indicator {r.id}: {', '.join(r.evidence_missing)}" for r in indicators if r.evidence_missing]
    return Audit(rs.name, rs.title.en, rs.version, rs.kind, rs.grading.scale, points, vetoed, verdict,
                 None if best is None else grades[best].id, None if next_grade is None else next_grade.id,
                 prereqs, indicators, grades, changes, missing_evidence, title_zh=rs.title.zh)


def _prerequisite(p: Any, metrics: dict[str, Metric]) -> PrerequisiteResult:
    """A prerequisite: all of its ``all_of`` checks (and one of ``any_of``), or one of ``any_of``."""
    results = [evaluate(c, metrics) for c in (p.all_of or p.any_of)]
    passed = all(r.passed for r in results) if p.all_of else any(r.passed for r in results)
    if p.all_of and p.any_of:
        any_results = [evaluate(c, metrics) for c in p.any_of]
        passed = passed and any(r.passed for r in any_results)
        results += any_results
    return PrerequisiteResult(p.id, p.name.en, passed, results, "all_of" if p.all_of else "any_of", p.locator,
                              p.name.zh)


def _indicator(ind: Any, i: int, metrics: dict[str, Metric], max_pts: float, rule_set_file: str) -> IndicatorResult:
    """One indicator scored: ``max_pts`` × the fraction reached between baseline and leading value (a
    boolean: all or nothing), 0 without the evidence it asks for."""
    m = lookup(metrics, ind.reads)
    if ind.reads in COMPUTED and m.unit != ind.unit:
        raise SpecError(f"unit {ind.unit!r} does not match metric {ind.reads!r}, which is in {m.unit!r}",
                        file=rule_set_file, field=f"indicators[{i}].unit")
    if ind.requirement == "required_input":
        raise SpecError("mandatory or optional: not resolved (supply it in the values file)",
                        file=rule_set_file, field=f"indicators[{i}].requirement")
    missing = [k for k in ind.evidence if k not in m.evidence]
    value: Any = _in_unit(m, ind.unit)
    if m.value is not None and value is None:
        frac, status = 0.0, f"unit mismatch: plant gives {m.unit}"
    elif m.value is None:
        frac, status = 0.0, "no data"
    elif ind.scoring == "boolean":
        frac, status = (1.0 if m.value else 0.0), "scored"
    else:
        frac, status = _fraction(value, float(ind.baseline), float(ind.leading)), "scored"
    if frac <= 0:
        missing = []  # evidence matters only for a value that scores
    if missing:
        status = "missing evidence"
    pts = 0.0 if missing else frac * max_pts
    met = status == "scored" and (bool(m.value) if ind.scoring == "boolean" else _not_worse(
        value, float(ind.baseline), float(ind.leading)))
    return IndicatorResult(
        ind.id, ind.name.en, ind.group, ind.reads, ind.unit, ind.direction, ind.scoring,
        value if isinstance(value, float) else m.value,
        None if ind.baseline is None else float(ind.baseline), None if ind.leading is None else float(ind.leading),
        max_pts, frac, pts, frac * max_pts, status, missing, ind.name.zh, ind.requirement, met)


def _not_worse(value: float | None, baseline: float, leading: float) -> bool:
    """The value is at or on the leading side of the baseline (0 points at the baseline itself)."""
    return value is not None and (value - baseline) * (leading - baseline) >= -EPS * abs(leading - baseline)


def _zh(r) -> str:
    return r.name_zh or r.name


def _lever(metrics, metric: str, target: float) -> Words | None:
    lever = lookup(metrics, metric).lever
    if not lever:
        return None
    text = lever(target)
    return text if isinstance(text, Words) else Words(text)


def _changes(prereqs, indicators, target: GradeResult, points: float, metrics) -> list[Change]:
    """What reaches ``target``: failed prerequisites, unmet mandatory indicators and requirements, then the
    cheapest single indicator moves (at most 5) or, if none suffices, a combination."""
    out: list[Change] = []
    for p in prereqs:
        if not p.passed:
            failing = [c.text for c in p.checks if not c.passed]
            failing_zh = [c.text_zh for c in p.checks if not c.passed]
            how = "; ".join(failing) if p.mode == "all_of" else "one of: " + " | ".join(failing)
            how_zh = "；".join(failing_zh) if p.mode == "all_of" else "满足其一：" + " | ".join(failing_zh)
            out.append(Change("prerequisite", Words(f"must pass '{p.name}': {how}", f"须通过“{_zh(p)}”：{how_zh}")))
    for r in indicators:
        if r.requirement == "mandatory" and not r.met:
            need = "true" if r.scoring == "boolean" else f"at or better than the baseline {_fmt(r.baseline)} {r.unit}"
            need_zh = "为是" if r.scoring == "boolean" else f"达到基准值 {_fmt(r.baseline)} {r.unit} 或更优"
            extra = f" (missing evidence: {', '.join(r.evidence_missing)})" if r.evidence_missing else ""
            extra_zh = f"（缺少证据：{', '.join(r.evidence_missing)}）" if r.evidence_missing else ""
            out.append(Change("mandatory", Words(f"mandatory indicator '{r.name}' must be met: {need}{extra}",
                                                 f"必选指标“{_zh(r)}”须满足：{need_zh}{extra_zh}")))
    for c in target.unmet:
        text, text_zh = f"for {target.name}: {c.text}", f"{target.name_zh or target.name}：{c.text_zh}"
        if c.target is not None and isinstance(c.measured, (int, float)) and not isinstance(c.measured, bool):
            lever = _lever(metrics, c.metric, c.target)
            if lever:
                text, text_zh = f"{text} — {lever}", f"{text_zh} — {lever.zh}"
        out.append(Change("requirement", Words(text, text_zh)))
    gap = (target.min_score or 0.0) - points
    if gap <= EPS:
        return out
    options = _single_moves(indicators, gap, metrics)
    if options:
        return out + [c for _, c in sorted(options, key=lambda x: x[0])[:5]]
    return out + [_combination(indicators, gap, target, points)]


def _single_moves(indicators: list[Any], gap: float, metrics: Any) -> list[tuple[float, Change]]:
    """(effort, change) for each indicator that alone closes ``gap`` points."""
    options: list[tuple[float, Change]] = []
    for r in indicators:
        room = r.max_points - r.points
        if room <= EPS:
            continue
        if r.evidence_missing and r.potential >= gap - EPS:
            kinds = ", ".join(r.evidence_missing)
            options.append((0.0, Change("evidence", Words(f"supply evidence ({kinds}) for {r.name}",
                                                          f"为“{_zh(r)}”补充证据（{kinds}）"), r.potential)))
            continue
        if r.evidence_missing:
            continue
        if r.scoring == "boolean" or r.measured is None:
            if room >= gap - EPS:
                if r.scoring == "boolean":
                    words = Words(f"achieve: {r.name}", f"达成：{_zh(r)}")
                else:
                    words = Words(f"measure and evidence {r.reads} at the leading value: {r.name}",
                                  f"计量并提供证据，使 {r.reads} 达到引领值：{_zh(r)}")
                options.append((1.0, Change("indicator", words, room)))
            continue
        need = r.fraction + gap / r.max_points
        if need > 1 + EPS:
            continue
        value = r.baseline + need * (r.leading - r.baseline)
        effort = abs(value - float(r.measured)) / abs(r.leading - r.baseline)
        move = f"{_fmt(r.measured)} → {_fmt(value)} {r.unit}"
        text, text_zh = f"{r.name}: {move}", f"{_zh(r)}：{move}"
        lever = _lever(metrics, r.reads, value)
        if lever:
            text, text_zh = f"{text} ({lever})", f"{text_zh}（{lever.zh}）"
        options.append((effort, Change("indicator", Words(f"{text} (+{gap:.1f} points)",
                                                          f"{text_zh}（+{gap:.1f} 分）"), gap)))
    return options


def _combination(indicators: list[IndicatorResult], gap: float, target: GradeResult, points: float) -> Change:
    """No single indicator suffices: the fewest indicators moved to their leading value that close ``gap``."""
    movable = [r for r in indicators if r.max_points - r.points > EPS and not r.evidence_missing]
    movable.sort(key=lambda r: -(r.max_points - r.points))
    chosen, gained = [], 0.0
    for r in movable:
        chosen.append(r)
        gained += r.max_points - r.points
        if gained >= gap - EPS:
            break
    if gained >= gap - EPS:
        parts = [(r, f"{_fmt(r.leading) if r.leading is not None else 'yes'} {r.unit}") for r in chosen]
        return Change("combination", Words("together: " + "; ".join(f"{r.name} → {v}" for r, v in parts),
                                           "共同：" + "；".join(f"{_zh(r)} → {v}" for r, v in parts)), gained)
    return Change("combination", Words(
        f"the score cannot reach {target.min_score:g} without the missing evidence (at most "
        f"{points + gained:.1f} points)",
        f"不补充缺失的证据，得分无法达到 {target.min_score:g}（最多 {points + gained:.1f} 分）"))
