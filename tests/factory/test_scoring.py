"""The scoring engine, one rule at a time, on small rule sets written here."""

from __future__ import annotations

import copy

import pytest

from carbonev.errors import SpecError
from carbonev.factory.metrics import Metric
from carbonev.factory.scoring import score
from carbonev.io.files import validate
from carbonev.rules.criteria import RuleSet, ValuesFile, required_inputs, resolve

SOURCE = {"s": {"citation": "a test standard", "tag": "verified"}}


def ruleset(**changes) -> dict:
    rs = {
        "format": "carbonev-criteria/1", "name": "test", "version": "2026.1.0", "title": {"en": "Test"},
        "kind": "green-factory", "description": "for tests", "sources": SOURCE,
        "prerequisites": [{"id": "lawful", "name": {"en": "lawful"}, "source": "s", "locator": "4",
                           "all_of": [{"metric": "claims.lawful", "evidence": ["licence"]}]}],
        "groups": [{"id": "g", "name": {"en": "G"}}],
        "indicators": [{"id": "share", "name": {"en": "renewable share"}, "group": "g",
                        "reads": "renewable_electricity_share", "unit": "%", "direction": "higher",
                        "weight": 1, "baseline": 10, "leading": 20, "source": "s", "locator": "5"}],
        "grading": {"scale": 100, "grades": [
            {"id": "pass", "name": {"en": "pass"}, "min_score": 60, "source": "s", "locator": "6"},
            {"id": "good", "name": {"en": "good"}, "min_score": 80, "source": "s", "locator": "6"}]},
    }
    rs.update(copy.deepcopy(changes))
    return rs


def load(data: dict) -> RuleSet:
    return validate(RuleSet, data, "rules.yaml")


def metrics(share: float | None = 15.0, lawful: bool = True, **extra) -> dict[str, Metric]:
    out = {"renewable_electricity_share": Metric("renewable_electricity_share", share, "%", "", {"energy-bill"}),
           "claims.lawful": Metric("claims.lawful", lawful, "-", "", {"licence"})}
    out.update(extra)
    return out


@pytest.mark.parametrize(("share", "points"), [(5, 0), (10, 0), (12.5, 25), (15, 50), (20, 100), (30, 100)])
def test_linear_scoring_from_baseline_zero_to_leading_full(share, points):
    a = score(load(ruleset()), metrics(share))
    assert a.score == pytest.approx(points)


def test_lower_is_better_scores_the_same_way_down():
    ind = ruleset()["indicators"][0] | {"direction": "lower", "baseline": 20, "leading": 10}
    a = score(load(ruleset(indicators=[ind])), metrics(12))
    assert a.score == pytest.approx(80)


def test_a_failed_prerequisite_vetoes_every_grade_even_at_full_score():
    a = score(load(ruleset()), metrics(30, lawful=False))
    assert a.score == pytest.approx(100)
    assert a.vetoed and a.grade is None
    assert a.verdict.startswith("not qualified") and "lawful" in a.verdict
    assert a.changes[0].kind == "prerequisite"


def test_a_prerequisite_without_its_evidence_fails():
    m = metrics(30)
    m["claims.lawful"] = Metric("claims.lawful", True, "-", "", set())
    a = score(load(ruleset()), m)
    assert a.vetoed
    assert a.missing_evidence == ["prerequisite lawful: licence"]


@pytest.mark.parametrize(("share", "grade"), [(15.5, None), (16, "pass"), (17.9, "pass"), (18, "good")])
def test_grade_thresholds(share, grade):
    a = score(load(ruleset()), metrics(share))
    assert a.grade == grade


def test_smallest_change_to_the_next_grade_is_the_value_that_closes_the_gap():
    a = score(load(ruleset()), metrics(15))  # 50 points, pass needs 60 -> share 16 %
    assert a.next_grade == "pass"
    [change] = a.changes
    assert "15 → 16 %" in change.text
    assert change.points == pytest.approx(10)
    assert "MWh" not in change.text  # no lever on a hand-made metric


def test_missing_indicator_evidence_scores_zero_and_reports_the_potential():
    ind = ruleset()["indicators"][0] | {"evidence": ["gec-certificate"]}
    a = score(load(ruleset(indicators=[ind])), metrics(20))
    [r] = a.indicators
    assert (r.points, r.potential, r.status) == (0, pytest.approx(100), "missing evidence")
    assert a.missing_evidence == ["indicator share: gec-certificate"]
    assert a.changes[0].kind == "evidence"


def test_grade_requirements_must_hold_besides_the_score():
    good = ruleset()["grading"]["grades"][1] | {
        "requires": [{"metric": "offset_coverage", "op": ">=", "value": 100}]}
    rs = ruleset(grading={"scale": 100, "grades": [ruleset()["grading"]["grades"][0], good]})
    low = score(load(rs), metrics(20, offset_coverage=Metric("offset_coverage", 90.0, "%", "")))
    high = score(load(rs), metrics(20, offset_coverage=Metric("offset_coverage", 100.0, "%", "")))
    assert (low.grade, high.grade) == ("pass", "good")
    assert "offset_coverage = 90 %" in low.changes[0].text


def test_group_weights_share_the_score_between_indicators():
    second = {"id": "reuse", "name": {"en": "reuse"}, "group": "h", "reads": "water_reuse_rate", "unit": "%",
              "weight": 5, "baseline": 0, "leading": 100, "source": "s", "locator": "5"}
    groups = [{"id": "g", "name": {"en": "G"}, "weight": 75}, {"id": "h", "name": {"en": "H"}, "weight": 25}]
    rs = ruleset(groups=groups, indicators=[ruleset()["indicators"][0], second])
    a = score(load(rs), metrics(20, water_reuse_rate=Metric("water_reuse_rate", 50.0, "%", "")))
    assert [r.max_points for r in a.indicators] == [pytest.approx(75), pytest.approx(25)]
    assert a.score == pytest.approx(75 + 12.5)


# ---------------------------------------------------------------- required inputs
def with_required() -> dict:
    ind = ruleset()["indicators"][0] | {"weight": "required_input", "baseline": "required_input"}
    groups = [{"id": "g", "name": {"en": "G"}, "weight": "required_input"},
              {"id": "h", "name": {"en": "H"}, "weight": 40}]
    other = {"id": "x", "name": {"en": "x"}, "group": "h", "reads": "claims.x", "unit": "-", "scoring": "boolean",
             "weight": 1, "source": "s", "locator": "5"}
    grades = [ruleset()["grading"]["grades"][0] | {"min_score": "required_input"}]
    cons = [{"groups": ["g"], "share": 0.6, "source": "s", "locator": "weights"}]
    return ruleset(indicators=[ind, other], groups=groups, grading={"grades": grades}, constraints=cons)


def values(**v) -> ValuesFile:
    return ValuesFile.model_validate({"format": "carbonev-criteria-values/1", "supplied_by": "test auditor",
                                      "status": "test", "rule_sets": {"test": v}})


FULL = {"groups.g.weight": 60, "indicators.share.weight": 1, "indicators.share.baseline": 0,
        "grading.pass.min_score": 50}


def test_required_inputs_are_listed_by_key():
    keys = [k for k, _ in required_inputs(load(with_required()))]
    assert keys == ["groups.g.weight", "indicators.share.weight", "indicators.share.baseline",
                    "grading.pass.min_score"]


def test_the_engine_never_scores_with_a_missing_required_input():
    with pytest.raises(SpecError) as err:
        resolve(load(with_required()), "rules.yaml", None)
    assert str(err.value).startswith("rules.yaml: groups.g.weight: required input not supplied (and 3 more)")
    partial = {k: v for k, v in FULL.items() if k != "indicators.share.baseline"}
    with pytest.raises(SpecError, match=r"^rules.yaml: indicators.share.baseline: required input not supplied"):
        resolve(load(with_required()), "rules.yaml", values(**partial), "values.yaml")


def test_supplied_values_are_used():
    rs = resolve(load(with_required()), "rules.yaml", values(**FULL), "values.yaml")
    a = score(rs, metrics(10, **{"claims.x": Metric("claims.x", True, "-", "")}))
    assert a.score == pytest.approx(60 * 0.5 + 40)  # share 10 % on 0 -> 20 % = half of 60 points
    assert a.grade == "pass"


def test_a_value_for_a_key_the_rule_set_fixes_is_rejected():
    with pytest.raises(SpecError, match=r"^values.yaml: rule_sets.test.indicators.share.leading: not a required"):
        resolve(load(with_required()), "rules.yaml", values(**FULL, **{"indicators.share.leading": 30}), "values.yaml")


def test_weights_contradicting_a_published_share_are_rejected():
    with pytest.raises(SpecError, match=r"^values.yaml: constraints\[0\]: groups g carry 50.0% of the weight"):
        resolve(load(with_required()), "rules.yaml", values(**(FULL | {"groups.g.weight": 40})), "values.yaml")


def test_leading_on_the_wrong_side_of_baseline_is_rejected():
    with pytest.raises(SpecError, match=r"indicators\[0\]\.leading: with direction 'higher'"):
        resolve(load(with_required()), "rules.yaml", values(**(FULL | {"indicators.share.baseline": 25})),
                "values.yaml")


def test_unknown_metric_is_a_rule_set_error():
    ind = ruleset()["indicators"][0] | {"reads": "happiness"}
    with pytest.raises(SpecError, match=r"^rules.yaml: indicators\[0\]\.reads: unknown metric 'happiness'"):
        load(ruleset(indicators=[ind]))
