"""Sensitivity lists only inputs the vehicle uses (issue 12: a city bus's lifetime was among the top
drivers of a B-segment car, with a swing of 0)."""

from __future__ import annotations

from pathlib import Path

from carbonev.analysis.montecarlo import used_parameters
from carbonev.analysis.run import sensitivity_analysis
from carbonev.data.catalog import shipped_catalog
from carbonev.specs.load import load_vehicle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_a_b_segment_car_reads_its_own_class_parameters_only():
    used = used_parameters(load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml"), shipped_catalog())
    assert "lifetime_distance_b" in used
    assert not [p for p in used if "city_bus" in p or "heavy_truck" in p]


def test_the_ranking_holds_no_parameter_the_vehicle_does_not_read(session_store):
    spec = EXAMPLES / "bev-midsize-nmc811.yaml"
    res = sensitivity_analysis(spec, iterations=200, seed=0, top=10, store=session_store)
    used = used_parameters(load_vehicle(spec), shipped_catalog())
    for name in res.indices["input"]:
        if name.startswith("parameter:"):
            assert name.split(":", 1)[1] in used, name
    assert not [n for n in res.indices["input"] if "city_bus" in n]
    params = [r for r in res.tornado.itertuples() if r.input.startswith("parameter:")]
    assert params and all(r.swing > 0 for r in params)
