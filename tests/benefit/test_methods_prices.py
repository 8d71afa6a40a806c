"""Methodologies are rule-set files; prices are dated and sourced."""

from __future__ import annotations

import datetime as dt

import pytest

from carbonev.benefit.methods import load_method, required, shipped
from carbonev.benefit.prices import load_prices, price, worth
from carbonev.errors import SpecError


def test_shipped_methodologies_are_voluntary_claims():
    names = set(shipped())
    assert {"tcsae-235-2021", "huzhou-db3305-t272-2023", "grid-displacement", "energy-retrofit"} <= names
    for name in names - {"huzhou-db3305-t272-2023"}:
        m, _ = load_method(name)
        assert m.claim == "voluntary"
        assert m.label("en") == "avoided emissions, voluntary claim"
        assert "CCER" not in m.label("en") and "非CCER" in m.label("zh")


def test_huzhou_needs_its_values(tmp_path):
    with pytest.raises(SpecError, match="required input not supplied") as err:
        load_method("huzhou-db3305-t272-2023")
    assert err.value.field == "parameters.baseline_per_km"
    vals = tmp_path / "v.yaml"
    vals.write_text("format: carbonev-benefit-values/1\nsupplied_by: test\nstatus: test values\nmethods:\n"
                    "  huzhou-db3305-t272-2023: {parameters.baseline_per_km: 0.18, parameters.leakage_share: 0.02}\n")
    m, _ = load_method("huzhou-db3305-t272-2023", vals)
    assert m.parameters["baseline_per_km"].value == 0.18
    vals.write_text("format: carbonev-benefit-values/1\nsupplied_by: test\nstatus: test values\nmethods:\n"
                    "  tcsae-235-2021: {parameters.leakage_share: 0.1}\n")
    with pytest.raises(SpecError, match="not a required input"):
        load_method("tcsae-235-2021", vals)


FUTURE = """format: carbonev-benefit-method/1
name: future-ev-ccer
version: 2027.1.0
title: {en: A future CCER methodology for EV charging (hypothetical)}
applies_to: ev-trips
claim: ccer
ccer_methodology: CCER-14-001-V01 (hypothetical)
status: hypothetical, to show the plug-in
baseline: baseline-icev
parameters:
  leakage_share: {value: 0.05, unit: dimensionless, description: leakage share}
sources: {x: {citation: "hypothetical methodology", tag: secondary}}
"""


def test_a_future_methodology_plugs_in_as_a_file(tmp_path):
    path = tmp_path / "benefit-future-ev-ccer.yaml"
    path.write_text(FUTURE)
    m, _ = load_method(path)
    assert m.claim == "ccer" and "CCER-14-001-V01" in m.label("en") and "verified and issued" in m.label("en")
    path.write_text(FUTURE.replace("ccer_methodology: CCER-14-001-V01 (hypothetical)\n", ""))
    with pytest.raises(SpecError, match="ccer_methodology"):
        load_method(path)
    path.write_text(FUTURE.replace("  leakage_share: {value: 0.05, unit: dimensionless, description: leakage share}\n",
                                   "  other: {value: 1, unit: '-', description: something}\n"))
    with pytest.raises(SpecError, match="leakage"):
        load_method(path)
    assert required(load_method("tcsae-235-2021")[0]) == []


def test_every_price_has_a_date_a_source_and_a_locator():
    pf, _ = load_prices()
    assert set(pf.markets) == {"cea", "ccer", "eu-ets"}
    for m in pf.markets.values():
        for p in m.points:
            assert isinstance(p.date, dt.date) and p.source in pf.sources and p.locator


def test_price_on_a_date_is_the_latest_before_it():
    pf, _ = load_prices()
    p, m = price(pf, "cea", dt.date(2022, 12, 31))
    assert (p.date, p.kind, p.amount, m.currency) == (dt.date(2022, 12, 30), "close", 55.0, "CNY")
    assert price(pf, "cea", dt.date(2021, 7, 16))[0].amount == 52.78  # first trade of the national ETS
    with pytest.raises(SpecError, match="series starts 2021-07-16"):
        price(pf, "cea", dt.date(2021, 1, 1))
    with pytest.raises(SpecError, match="unknown market"):
        price(pf, "gold")
    w = worth(100.0, pf, "eu-ets", dt.date(2023, 12, 31))
    assert w["value"] == pytest.approx(8497.0) and w["currency"] == "EUR" and w["price_date"] == "2023-12-31"
