"""The shipped fleet data files: every model key loads, copies equal their examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonev.fleet.data import fleet_dir, load_baseline, load_models, load_statistics, load_survival
from carbonev.specs.load import load_vehicle

ROOT = Path(__file__).parents[2]


def test_segment_defaults_load_and_match_their_keys():
    mf, path = load_models()
    for key, entry in mf.models.items():
        spec = load_vehicle(path.parent / entry.spec)
        powertrain, segment = key.split("/")
        assert spec.powertrain.value == powertrain, key
        if entry.note is None:
            assert spec.segment == segment, key


@pytest.mark.parametrize("copy", sorted((fleet_dir() / "vehicles").glob("*.yaml")), ids=lambda p: p.name)
def test_vehicle_copies_equal_the_examples(copy):
    text = copy.read_text(encoding="utf-8").split("\n", 2)[2]  # below the two-line header
    assert text == (ROOT / "examples" / copy.name).read_text(encoding="utf-8")


def test_baseline_statistics_survival_load():
    bl, _ = load_baseline()
    assert bl.vehicles["city-bus"] == "required_input" and bl.leakage.share_of_baseline_operation == 0.0
    stats, _ = load_statistics()
    assert stats.value("stock-2023h1") == 1652000
    sf, _ = load_survival()
    assert set(sf.segment_classes.values()) <= set(sf.curves)
