"""Hydrogen classes per T/CAB 0078-2020: low-carbon ≤ 14.51, clean ≤ 4.9 kg CO2e/kg H2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from carbonev.cli.main import app
from carbonev.data.catalog import shipped_catalog
from carbonev.rules.hydrogen import classify


@pytest.mark.parametrize(
    ("value", "route", "expected"),
    [
        (4.9, "hydrogen-byproduct-chlor-alkali-cn", "clean hydrogen (清洁氢)"),
        (4.9, "hydrogen-electrolysis-renewable-cn", "renewable hydrogen (可再生氢)"),
        (4.91, "hydrogen-smr-cn", "low-carbon hydrogen (低碳氢)"),
        (14.51, "hydrogen-smr-cn", "low-carbon hydrogen (低碳氢)"),
        (14.52, "hydrogen-smr-cn", "above the low-carbon threshold"),
    ],
)
def test_t_cab_0078_2020_thresholds(value, route, expected):
    assert classify(value, route, shipped_catalog()) == expected


def test_hydrogen_command_lists_every_route_with_its_class(session_store):
    res = CliRunner().invoke(app, ["--store", str(session_store), "--quiet", "hydrogen", "--json"])
    assert res.exit_code == 0, res.output
    rows = {r["route"]: r for r in json.loads(res.stdout)}
    assert "hydrogen-coal-gasification-cn" in rows and "hydrogen-electrolysis-renewable-cn" in rows
    coal = rows["hydrogen-coal-gasification-cn"]
    assert coal["kg_co2e_per_kg"] > 14.51 and coal["class"] == "above the low-carbon threshold"


def test_production_footprint_removes_station_compression_by_hand():
    """Toy: a route with 1 kg of compression per kg delivered; production = delivered − compression."""
    from carbonev.rules.hydrogen import COMPRESSION, production_footprint

    cat = shipped_catalog()
    impacts = {"hydrogen-coal-gasification-cn": 23.93, COMPRESSION: 2.17, "hydrogen-smr-cn": 14.91}
    p = production_footprint("hydrogen-coal-gasification-cn", cat, impacts.__getitem__)
    assert p.separable and p.delivered == 23.93
    assert p.production == pytest.approx(23.93 - 1.0 * 2.17)
    q = production_footprint("hydrogen-smr-cn", cat, impacts.__getitem__)  # delivered value only (Wang 2020)
    assert not q.separable and q.production == q.delivered == 14.91


def test_hydrogen_command_classifies_production_not_delivered(session_store):
    res = CliRunner().invoke(app, ["--store", str(session_store), "--quiet", "hydrogen", "--json"])
    assert res.exit_code == 0, res.output
    rows = {r["route"]: r for r in json.loads(res.stdout)}
    pem = rows["hydrogen-electrolysis-pem-grid-cn"]
    assert pem["production_only"] and pem["kg_co2e_per_kg"] < pem["kg_co2e_per_kg_delivered"] - 1.0
    smr = rows["hydrogen-smr-cn"]
    assert not smr["production_only"] and "upper bound" in smr["class"]
