"""Fixtures of the report tests: one real footprint of the mid-size BEV example."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"


@pytest.fixture(scope="module")
def bev(session_store):
    """(result, spec, catalog) of examples/bev-midsize-nmc811.yaml."""
    import carbonev
    from carbonev.data.catalog import shipped_catalog
    from carbonev.specs.load import load_vehicle

    [result] = carbonev.footprint([BEV], store=session_store)
    return result, load_vehicle(BEV), shipped_catalog()
