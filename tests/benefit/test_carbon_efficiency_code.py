"""碳效码 (DB33/T 1347-2023): grades 1-5 by K = intensity / industry average.

Thresholds (K <= 0.6, 0.8, 1.2, 2.0) as in the secondary description the rule set cites; the
industry average is an auditor input.
"""

from __future__ import annotations

import pytest

from carbonev.errors import SpecError
from carbonev.factory.pipeline import audit, evaluate_plant
from carbonev.rules.criteria import load_ruleset, required_inputs


def _values(tmp_path, average):
    p = tmp_path / "values.yaml"
    p.write_text("format: carbonev-criteria-values/1\nsupplied_by: test\nstatus: test values, not official\n"
                 f"rule_sets:\n  zj-carbon-efficiency-code:\n    references.industry-average.value: {average}\n"
                 "    grading.grade-4.requires[0].value: 2.0\n    grading.grade-3.requires[0].value: 1.2\n"
                 "    grading.grade-2.requires[0].value: 0.8\n    grading.grade-1.requires[0].value: 0.6\n")
    return p


@pytest.fixture(scope="module")
def intensity(examples_dir):
    return evaluate_plant(examples_dir / "carbon-efficiency" / "zj-plant.yaml").metrics["carbon_per_value_added"]


@pytest.fixture(scope="module")
def examples_dir():
    from pathlib import Path

    return Path(__file__).parents[2] / "examples"


def test_intensity_by_hand(intensity, examples_dir):
    acc = evaluate_plant(examples_dir / "carbon-efficiency" / "zj-plant.yaml").account
    rows = acc.rows
    energy_t = (rows[(rows.scope == 1) & rows.category.str.contains("combustion")].co2e.sum()
                + rows[(rows.scope == 2) & rows.basis.isin(["both", "location"])].co2e.sum()) / 1000
    assert intensity.value == pytest.approx(energy_t / (41.4e8 / 1e4))
    assert intensity.unit == "t CO2e/10^4 CNY"


@pytest.mark.parametrize("k, grade", [(0.5, "grade-1"), (0.6, "grade-1"), (0.61, "grade-2"), (1.0, "grade-3"),
                                      (1.5, "grade-4"), (2.0, "grade-4"), (2.5, "grade-5")])
def test_grade_follows_the_ratio(tmp_path, intensity, examples_dir, k, grade):
    result, _ = audit(examples_dir / "carbon-efficiency" / "zj-plant.yaml", "zj-carbon-efficiency-code",
                      _values(tmp_path, intensity.value / k))
    assert result.grade == grade
    ratio = next(c for c in result.prerequisites[0].checks if c.metric == "ratio.industry-average")
    assert ratio.measured == pytest.approx(k)


def test_industry_average_is_an_auditor_input(examples_dir):
    rs, _ = load_ruleset("zj-carbon-efficiency-code")
    keys = [k for k, _ in required_inputs(rs)]
    assert keys[0] == "references.industry-average.value" and len(keys) == 5
    with pytest.raises(SpecError, match="required input not supplied") as err:
        audit(examples_dir / "carbon-efficiency" / "zj-plant.yaml", "zj-carbon-efficiency-code")
    assert err.value.field == "references.industry-average.value"


def test_plant_without_value_added_is_not_graded(tmp_path, examples_dir):
    result, _ = audit(examples_dir / "factories" / "zj-vehicle-assembly-pass.yaml", "zj-carbon-efficiency-code",
                      _values(tmp_path, 0.1))
    assert result.vetoed and result.grade is None and "not qualified" in result.verdict


def test_ratio_must_name_a_reference(tmp_path):
    text = (load_ruleset("zj-carbon-efficiency-code")[1]).read_text(encoding="utf-8")
    bad = tmp_path / "criteria-bad.yaml"
    bad.write_text(text.replace("name: zj-carbon-efficiency-code", "name: bad").replace(
        "metric: ratio.industry-average, op: \"<=\"", "metric: ratio.national-average, op: \"<=\"", 1),
        encoding="utf-8")
    with pytest.raises(SpecError, match="no reference with id 'national-average'"):
        load_ruleset(bad)
