"""Rating rule sets (carbonev-rating/1): threshold edges, required inputs, schema errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from carbonev.errors import SpecError
from carbonev.rules import rating
from carbonev.specs.load import load_vehicle

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "specs" / "bev-minimal.yaml"

RULES = {
    "format": "carbonev-rating/1", "name": "mini", "version": "2026.11.0",
    "title": {"en": "Mini rule set for tests"}, "description": "three grades by powertrain",
    "metric": "per_km", "unit": "g CO2e/km", "class_by": "powertrain",
    "sources": {"s1": {"citation": "Test source, invented for this test", "tag": "verified"}},
    "grades": [{"id": "A", "name": {"en": "A"}}, {"id": "B", "name": {"en": "B"}}, {"id": "C", "name": {"en": "C"}}],
    "classes": [
        {"id": "BEV", "thresholds": {"A": {"value": 100, "source": "s1", "locator": "t1"}, "B": "required_input"}},
        {"id": "ICEV-gasoline", "thresholds": {"A": "required_input", "B": "required_input"}},
    ],
}
VALUES = {"format": "carbonev-rating-values/1", "supplied_by": "test", "status": "test values",
          "rule_sets": {"mini": {"classes.BEV.thresholds.B": 150}}}


def write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def bounds(tmp_path, values=VALUES, rules=RULES):
    rs, path = rating.load_rules(write(tmp_path, "rating-mini.yaml", rules))
    vals = rating.load_values(write(tmp_path, "v.yaml", values)) if values else None
    cls = rating.product_class(rs, load_vehicle(MINIMAL), str(MINIMAL))
    return rs, cls, rating.thresholds(rs, cls, path, vals, tmp_path / "v.yaml"), vals


@pytest.mark.parametrize(("value", "grade", "nxt", "gap"), [
    (99.0, "A", None, None),
    (100.0, "A", None, None),      # at the bound: the better grade
    (100.5, "B", "A", 0.5),
    (150.0, "B", "A", 50.0),
    (150.01, "C", "B", pytest.approx(0.01)),
    (400.0, "C", "B", 250.0),
])
def test_threshold_edges(tmp_path, value, grade, nxt, gap):
    rs, cls, b, vals = bounds(tmp_path)
    r = rating.rate(rs, b, cls, value, "Test BEV", vals)
    assert (r.grade, r.next_grade, r.gap) == (grade, nxt, gap)


def test_bounds_carry_their_source(tmp_path):
    _, cls, b, _ = bounds(tmp_path)
    assert cls.id == "BEV"
    assert [(x.grade, x.value) for x in b] == [("A", 100.0), ("B", 150.0)]
    assert b[0].source.startswith("Test source") and "t1" in b[0].source
    assert b[1].source.startswith("supplied")


def test_missing_required_input_names_the_key(tmp_path):
    with pytest.raises(SpecError, match=r"rating-mini\.yaml: classes\.BEV\.thresholds\.B: required input"):
        bounds(tmp_path, values=None)


def test_values_for_a_fixed_threshold_are_refused(tmp_path):
    bad = {**VALUES, "rule_sets": {"mini": {"classes.BEV.thresholds.B": 150, "classes.BEV.thresholds.A": 90}}}
    with pytest.raises(SpecError, match=r"rule_sets\.mini\.classes\.BEV\.thresholds\.A: not a required input"):
        bounds(tmp_path, values=bad)


def test_supplied_bound_below_the_better_grade_is_refused(tmp_path):
    bad = {**VALUES, "rule_sets": {"mini": {"classes.BEV.thresholds.B": 80}}}
    with pytest.raises(SpecError, match="below that of the better grade"):
        bounds(tmp_path, values=bad)


@pytest.mark.parametrize(("change", "message"), [
    ({"unit": "kg CO2e/km"}, "unit: metric per_km"),
    ({"classes": [{"id": "BEV", "thresholds": {"A": "required_input"}}]}, "one bound per grade"),
    ({"classes": [{"id": "BEV", "thresholds": {"A": {"value": 1, "source": "nope", "locator": "x"},
                                               "B": "required_input"}}]}, "is not in 'sources'"),
])
def test_schema_errors_name_the_field(tmp_path, change, message):
    with pytest.raises(SpecError, match=message):
        rating.load_rules(write(tmp_path, "rating-bad.yaml", {**RULES, **change}))


def test_class_missing_from_the_spec_is_a_spec_error(tmp_path):
    rules = {**RULES, "class_by": "segment"}
    rs, _ = rating.load_rules(write(tmp_path, "rating-seg.yaml", rules))
    with pytest.raises(SpecError, match="bev-minimal.yaml: segment"):
        rating.product_class(rs, load_vehicle(MINIMAL), str(MINIMAL))


def test_shipped_templates_require_every_threshold_and_demo_values_cover_them():
    demo = rating.load_values(ROOT / "examples" / "rating" / "demo-thresholds.yaml")
    assert "DEMO" in demo.status
    for name, path in rating.shipped().items():
        rs, _ = rating.load_rules(name)
        assert all(t == rating.REQUIRED for c in rs.classes for t in c.thresholds.values()), name
        for cls in rs.classes:
            assert len(rating.thresholds(rs, cls, path, demo, "demo")) == len(rs.grades) - 1


def test_catalog_ignores_rating_files():
    from carbonev.data.catalog import shipped_catalog

    assert not any(name.startswith("rating") for name in shipped_catalog().methods)


# ---------------------------------------------------------------- the functional unit is the rule set's
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
DEMO = ROOT / "examples" / "rating" / "demo-thresholds.yaml"


def shipped_catalog():
    from carbonev.data.catalog import shipped_catalog as load

    return load()


def _with_lifetime(tmp_path, km: int) -> Path:
    text = BEV.read_text().replace("  # lifetime, years: left out -> shipped defaults", f"  lifetime: {km} km")
    path = tmp_path / f"bev-{km}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _rate(store, spec: Path, rules: str) -> dict:
    import json

    from cli_runner import invoke

    res = invoke(store, "rate", str(spec), "--rules", rules, "--values", str(DEMO), "--format", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_the_lifetime_trick_no_longer_moves_the_grade(session_store, tmp_path):
    """The issue's trick: declaring 400,000 km instead of 150,000 km lowered the per-km footprint
    enough to jump grades. A rule set that fixes the functional unit ignores the declaration."""
    short, long = _with_lifetime(tmp_path, 150_000), _with_lifetime(tmp_path, 400_000)
    data = yaml.safe_load((ROOT / "methods" / "rating-vehicle-template.yaml").read_text())
    data.pop("functional_unit")  # the rule set as it was: the spec's lifetime counts
    loose = write(tmp_path, "rating-loose.yaml", {**data, "name": "vehicle-template"})
    before = _rate(session_store, short, str(loose)), _rate(session_store, long, str(loose))
    assert before[1]["lifetime_km"] == 400_000 and before[1]["value"] < 0.8 * before[0]["value"]
    assert before[0]["grade"] != before[1]["grade"]  # the trick worked
    after = _rate(session_store, short, "vehicle-template"), _rate(session_store, long, "vehicle-template")
    shipped = shipped_catalog().value("lifetime_distance_b", "km")  # the class default, with its own source
    assert after[0]["value"] == pytest.approx(after[1]["value"])  # the declared lifetime no longer counts
    assert after[0]["grade"] == after[1]["grade"]
    assert after[0]["lifetime_km"] == after[1]["lifetime_km"] == shipped
    [life] = [x for x in after[1]["functional_unit"] if x["key"] == "use.lifetime"]
    assert life["spec"] == 400_000 and life["fixed"] is None and life["overridden"]
    assert life["resolved"].startswith(f"{shipped:g} km")


def test_calcp_rule_set_fixes_the_functional_unit_from_the_values_file(session_store, tmp_path):
    long = _with_lifetime(tmp_path, 400_000)
    r = _rate(session_store, long, "cn-calcp-2022")
    fixed = {x["key"]: x for x in r["functional_unit"]}
    assert fixed["use.lifetime"]["fixed"] == 150_000 and fixed["use.region"]["fixed"] == "cn"
    assert fixed["end_of_life.modelling"]["basis"].startswith("catarc-2022-spec")
    assert r["lifetime_km"] == 150_000
    rs, path = rating.load_rules("cn-calcp-2022")
    # every fixed value is sourced or a required input: nothing invented
    for key, item in rs.functional_unit.items():
        assert item.value in ("required_input", "shipped_default") or (item.source in rs.sources and item.locator), key


def test_a_missing_functional_unit_input_is_named(tmp_path):
    rs, path = rating.load_rules("cn-calcp-2022")
    values = write(tmp_path, "v.yaml", {**VALUES, "rule_sets": {"cn-calcp-2022": {}}})
    with pytest.raises(SpecError) as err:
        rating.fixed_functional_unit(rs, load_vehicle(BEV), path, rating.load_values(values), values, str(BEV))
    assert err.value.field.startswith("functional_unit.use.") and err.value.file == str(path)


def test_require_mode_refuses_a_spec_on_another_cycle(tmp_path):
    rules = {**RULES, "functional_unit": {"energy.cycle": {"value": "WLTC", "source": "s1", "locator": "t",
                                                           "mode": "require"}}}
    rs, path = rating.load_rules(write(tmp_path, "rating-cycle.yaml", rules))
    with pytest.raises(SpecError) as err:
        rating.fixed_functional_unit(rs, load_vehicle(MINIMAL), path, spec_file=str(MINIMAL))
    assert (err.value.file, err.value.field) == (str(MINIMAL), "energy.cycle")
    assert "requires driving cycle the energy use is stated on = WLTC" in str(err.value)


@pytest.mark.parametrize(("fixed", "message"), [
    ({"battery.capacity": {"value": "shipped_default"}}, "cannot be fixed"),
    ({"use.lifetime": {"value": "200000 km"}}, "needs source and locator"),
    ({"use.lifetime": {"value": "200000 km", "source": "nope", "locator": "x"}}, "is not in 'sources'"),
])
def test_functional_unit_schema_errors(tmp_path, fixed, message):
    with pytest.raises(SpecError, match=message):
        rating.load_rules(write(tmp_path, "rating-bad.yaml", {**RULES, "functional_unit": fixed}))
