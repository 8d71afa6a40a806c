"""A vehicle made in a described plant uses the plant's own numbers, traceably (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from carbonev.api import footprint
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import Evaluator
from carbonev.errors import CarbonevError, SpecError
from carbonev.factory.link import assembly_footprint
from carbonev.inputs import resolve_inputs
from carbonev.inventory.vehicle import build
from carbonev.specs.load import load_vehicle

ROOT = Path(__file__).resolve().parent.parent
LINKED = ROOT / "examples" / "plant-linked" / "suv-zj-plant.yaml"
GENERIC = ROOT / "examples" / "bev-midsize-nmc811.yaml"
PLANT = ROOT / "examples" / "factories" / "zj-vehicle-assembly-pass.yaml"


def _stage(result, name):
    return float(result.stages.set_index("stage").loc[name, "amount"])


def test_plant_made_vehicle_gets_a_different_assembly_stage(session_store):
    generic, linked = footprint([GENERIC, LINKED], store=session_store)
    assert _stage(linked, "vehicle_assembly") != pytest.approx(_stage(generic, "vehicle_assembly"), rel=0.01)
    # the other stages are the same vehicle
    for stage in ("materials_and_parts", "battery", "use_energy_upstream"):
        assert _stage(linked, stage) == pytest.approx(_stage(generic, stage), rel=1e-9)
    assert "zj-vehicle-assembly-pass.yaml" in linked.assumptions["manufacturing.plant_file"]


def test_assembly_stage_is_traceable_to_the_plant_inputs(session_store):
    """Stage = Σ (plant per-vehicle amount × impact per unit) + distribution, each amount
    being plant total × allocation share ÷ vehicles produced."""
    cat = shipped_catalog()
    [linked] = footprint([LINKED], store=session_store)
    share = assembly_footprint(PLANT, "zj-suv-ev", cat, store=session_store)
    spec = load_vehicle(LINKED)
    fg = build(spec, cat, str(LINKED), inputs=resolve_inputs(spec, str(LINKED), cat, None, session_store))
    ev = Evaluator(cat, session_store)
    links = fg.stages["vehicle_assembly"].links
    from_plant = [link for link in links if link.origin.kind == "plant"]
    assert from_plant, "no link cites the plant"
    expected = sum(ev.link_impact(link) for link in links)
    assert _stage(linked, "vehicle_assembly") == pytest.approx(expected, rel=1e-6)
    grid = [link for link in from_plant if link.code and link.code.startswith("electricity-")]
    assert grid[0].amount == pytest.approx(share.grid_electricity.value)


def test_unknown_product_or_missing_plant_names_the_field(tmp_path):
    data = yaml.safe_load(LINKED.read_text())
    data["manufacturing"]["plant_file"] = str(PLANT)
    data["manufacturing"]["plant_product"] = "no-such-product"
    spec = tmp_path / "v.yaml"
    spec.write_text(yaml.safe_dump(data))
    with pytest.raises(CarbonevError, match="no-such-product"):
        resolve_inputs(load_vehicle(spec), str(spec), shipped_catalog())
    data["manufacturing"]["plant_file"] = "missing.yaml"
    spec.write_text(yaml.safe_dump(data))
    with pytest.raises(SpecError, match=r"manufacturing.plant_file: plant file .*missing.yaml.* not found"):
        resolve_inputs(load_vehicle(spec), str(spec), shipped_catalog())


def test_plant_file_without_product_is_a_spec_error(tmp_path):
    data = yaml.safe_load(LINKED.read_text())
    del data["manufacturing"]["plant_product"]
    spec = tmp_path / "v.yaml"
    spec.write_text(yaml.safe_dump(data))
    with pytest.raises(SpecError, match="manufacturing.plant_product: give plant_file and plant_product together"):
        load_vehicle(spec)
