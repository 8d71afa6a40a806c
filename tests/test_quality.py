"""Data-quality report (carbonev.data.quality) and ``carbonev inventories --check``."""

from __future__ import annotations

import dataclasses
import json
import math
import re

import pytest
from typer.testing import CliRunner

from carbonev.cli.main import app
from carbonev.data.catalog import shipped_catalog
from carbonev.data.quality import REQUIRED, WIDE, Z95, report, spread
from carbonev.data.records import Exact

runner = CliRunner()


def _broken(cat, **changes):
    """A view of ``cat`` whose first exchange of its first inventory file has ``changes``
    applied without validation (what a relaxed schema or a hand-built catalog could let through)."""
    name = next(iter(cat.inventories))
    inv = cat.inventories[name]
    act = inv.activities[0]
    bad = act.exchanges[0].model_copy(update=changes)
    act = act.model_copy(update={"exchanges": [bad, *act.exchanges[1:]]})
    inv = inv.model_copy(update={"activities": [act, *inv.activities[1:]]})
    return dataclasses.replace(cat, inventories={**cat.inventories, name: inv})


# ------------------------------------------------------------------ shipped data: the build gate
def test_every_shipped_inventory_value_carries_every_required_field():
    cat = shipped_catalog()
    rep = report(cat)
    n = sum(len(a.exchanges) for inv in cat.inventories.values() for a in inv.activities) + len(cat.parameters)
    assert len(rep.values) == n > 400
    assert rep.incomplete() == []
    assert rep.complete
    assert rep.coverage == {f: 100.0 for f in REQUIRED}
    assert all(v.tag in ("verified", "secondary") for v in rep.values)


def test_file_summaries_add_up():
    rep = report(shipped_catalog())
    assert {f.name for f in rep.files} == set(shipped_catalog().inventories)
    assert sum(f.values for f in rep.files) == len(rep.values)
    for f in rep.files:
        assert f.verified + f.secondary == f.values == f.exchanges + f.parameters
    assert sum(s.values for s in rep.sources) == len(rep.values)


def test_oldest_and_weakest_lists_are_ordered():
    rep = report(shipped_catalog())
    oldest = rep.oldest_sources(5)
    assert oldest[0].oldest_year == min(v.year for v in rep.values)
    assert [s.oldest_year for s in oldest] == sorted(s.oldest_year for s in oldest)
    weakest = rep.weakest_values(20)
    assert [v.weakness for v in weakest] == sorted((v.weakness for v in weakest), reverse=True)
    # the sodium-ion placeholders (battery-materials.yaml) are among the weakest values
    assert any(v.placeholder and v.where.startswith("hard-carbon") for v in weakest)
    assert rep.weakest_sources(1)[0].weakness >= max(s.weakness for s in rep.sources) - 1e-12
    assert sum(v.proxy for v in rep.values) > 50  # GREET US compositions used for China, etc.


# ------------------------------------------------------------------ hand-checkable: the toy data
def test_spread_by_distribution(toy_catalog):
    values = {v.where: v for v in report(toy_catalog).values}
    # lognormal gsd 1.1: central 95 % interval over the median
    assert values["electricity-toy <- co2_fossil"].spread == pytest.approx(1.1**Z95 - 1.1**-Z95)
    assert values["steel-toy <- electricity-toy"].spread == pytest.approx((8 - 6) / 7.2)  # uniform
    assert values["steel-toy <- co2_fossil"].spread == pytest.approx(2 * Z95 * 0.1 / 1.5)  # normal
    assert values["steel-toy <- ch4_fossil"].spread == pytest.approx((15 - 5) / 10)  # triangular
    assert not any(v.wide for v in values.values())


def test_spread_of_exact_and_zero_amounts(toy_catalog):
    exc = toy_catalog.inventories["toy"].activities[1].exchanges[0]
    assert spread(exc.model_copy(update={"uncertainty": Exact(distribution="exact", basis="definition")})) == 0.0
    zero = exc.model_copy(update={"amount": 0.0})
    assert math.isinf(spread(zero))
    wide = exc.model_copy(update={"amount": 0.5})  # range 6-8 over 0.5 = 4 >= WIDE
    assert spread(wide) == pytest.approx(4.0) and spread(wide) >= WIDE


@pytest.mark.parametrize("field", ["geography", "locator", "unit"])
def test_a_value_without_a_required_field_is_counted(toy_catalog, field):
    rep = report(_broken(toy_catalog, **{field: ""}))
    assert not rep.complete
    (bad,) = rep.incomplete()
    assert bad.missing == (field,)
    assert rep.coverage[field] == pytest.approx(75.0)
    assert all(rep.coverage[f] == 100.0 for f in REQUIRED if f != field)


def test_an_unknown_source_or_missing_uncertainty_is_counted(toy_catalog):
    rep = report(_broken(toy_catalog, source="nowhere", uncertainty=None))
    (bad,) = rep.incomplete()
    assert set(bad.missing) == {"source", "uncertainty"}
    assert bad.tag is None and math.isinf(bad.spread)


def test_proxy_and_placeholder_flags_read_comments(toy_catalog):
    rep = report(_broken(toy_catalog, comment="PLACEHOLDER: LFP value used as a proxy"))
    flagged = [v for v in rep.values if v.proxy or v.placeholder]
    assert len(flagged) == 1 and flagged[0].proxy and flagged[0].placeholder
    assert flagged[0].weakness == 2
    assert rep.weakest_values(1)[0] is flagged[0]


# ------------------------------------------------------------------ command line
def test_check_prints_coverage_table_and_exits_0():
    res = runner.invoke(app, ["--quiet", "inventories", "--check", "--top", "3"])
    assert res.exit_code == 0, res.output
    assert "complete" in res.stdout.splitlines()[0]
    table_all = next(line for line in res.stdout.splitlines() if line.startswith("all "))
    assert table_all.count("100%") == len(REQUIRED)
    for heading in ("Oldest sources", "Weakest sources", "Weakest values"):
        assert heading in res.stdout
    # sources are named file/key with their tag and number of values
    assert re.search(r"^  \d{4}  [a-z0-9-]+/[a-z0-9-]+ \((verified|secondary), \d+ values?\)", res.stdout, re.M)


def test_check_json():
    res = runner.invoke(app, ["--quiet", "inventories", "--check", "--json", "--top", "4"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["complete"] is True and data["incomplete"] == []
    assert data["coverage_percent"] == {f: 100.0 for f in REQUIRED}
    assert data["verified"] + data["secondary"] == data["values"]
    assert len(data["oldest_sources"]) == len(data["weakest_values"]) == 4
    assert data["data_sha256"] == shipped_catalog().sha256


def test_check_exits_1_when_a_value_lacks_a_field(monkeypatch, toy_catalog):
    import carbonev.data.catalog as catalog_module

    monkeypatch.setattr(catalog_module, "shipped_catalog", lambda: _broken(toy_catalog, geography=""))
    res = runner.invoke(app, ["--quiet", "inventories", "--check"])
    assert res.exit_code == 1, res.output
    assert "INCOMPLETE: 1 value(s)" in res.stdout
    assert "missing geography: toy: electricity-toy <- co2_fossil" in res.stdout
    res = runner.invoke(app, ["--quiet", "inventories", "--check", "--json"])
    assert res.exit_code == 1
    assert json.loads(res.stdout)["coverage_percent"]["geography"] == 75.0
