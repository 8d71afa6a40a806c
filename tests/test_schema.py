"""Vehicle specs are a discriminated union by powertrain; the JSON Schemas of the input files are
published (docs/schema/) and every shipped example file follows them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from tests.cli_runner import invoke

import carbonev
from carbonev.errors import SpecError
from carbonev.specs.load import load_vehicle
from carbonev.specs.vehicle import (
    BatteryElectricSpec,
    CombustionSpec,
    FuelCellSpec,
    HybridSpec,
    PlugInHybridSpec,
    VehicleSpec,
)

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("vehicle", "plant", "pack", "station")


@pytest.mark.parametrize(("file", "model"), [
    ("bev-midsize-nmc811.yaml", BatteryElectricSpec), ("phev-midsize.yaml", PlugInHybridSpec),
    ("hev-compact.yaml", HybridSpec), ("icev-gasoline-midsize.yaml", CombustionSpec),
    ("truck-heavy-methanol.yaml", CombustionSpec), ("fcev-car.yaml", FuelCellSpec),
])
def test_each_powertrain_loads_as_its_own_model(file, model):
    spec = load_vehicle(ROOT / "examples" / file)
    assert type(spec) is model and isinstance(spec, VehicleSpec)
    assert VehicleSpec.model_validate_json(spec.model_dump_json()) == spec  # round trip keeps the model


def test_powertrain_is_read_ignoring_case_and_the_union_tag_never_shows_in_errors(tmp_path):
    data = yaml.safe_load((ROOT / "examples" / "fcev-car.yaml").read_text())
    data["powertrain"] = "fcev"
    assert type(VehicleSpec.model_validate(data)) is FuelCellSpec
    del data["fuel_cell"]
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(SpecError) as err:
        load_vehicle(path)
    assert str(err.value) == f"{path}: fuel_cell: required for a FCEV"


def test_a_bounds_error_in_a_member_names_the_key_path_and_the_unit(tmp_path):
    data = yaml.safe_load((ROOT / "examples" / "bev-midsize-nmc811.yaml").read_text())
    data["battery"]["capacity"] = "5000 kWh"
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(SpecError, match=r"b.yaml: battery.capacity: must be at most 2000 kWh"):
        load_vehicle(path)


def test_a_sweep_over_the_powertrain_gives_the_model_of_each(session_store):
    table = carbonev.sweep("examples/phev-midsize.yaml", [{"powertrain": "PHEV"}], store=session_store).to_frame()
    assert len(table) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_published_schema_is_what_carbonev_generates(kind):
    published = json.loads((ROOT / "docs" / "schema" / f"{kind}.schema.json").read_text())
    assert published == carbonev.schema(kind), f"regenerate: carbonev schema {kind} -o docs/schema/{kind}.schema.json"
    jsonschema.Draft202012Validator.check_schema(published)


class _Loader(yaml.SafeLoader):
    """YAML as an editor's schema check reads it: dates stay text."""


_Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _kind(data: dict) -> str | None:
    if "powertrain" in data:
        return "vehicle"
    formats = {"carbonev-factory/1": "plant", "carbonev-battery-pack/1": "pack"}
    return formats.get(data.get("format"), "station" if "chargers" in data else None)


def test_every_example_file_follows_its_schema():
    validators = {k: jsonschema.Draft202012Validator(carbonev.schema(k)) for k in KINDS}
    checked = {k: 0 for k in KINDS}
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
        kind = _kind(data) if isinstance(data, dict) else None
        if kind is None:
            continue
        errors = [f"{list(e.absolute_path)}: {e.message[:120]}" for e in validators[kind].iter_errors(data)]
        assert not errors, f"{path}: {errors[:3]}"
        checked[kind] += 1
    assert all(checked.values()), checked


def test_schema_rejects_a_bev_without_a_battery():
    data = yaml.safe_load((ROOT / "examples" / "bev-midsize-nmc811.yaml").read_text())
    del data["battery"]
    assert not jsonschema.Draft202012Validator(carbonev.schema("vehicle")).is_valid(data)


def test_schema_command(tmp_path, session_store):
    r = invoke(session_store, "schema", "pack")
    assert r.exit_code == 0 and json.loads(r.stdout)["title"] == "PackSpec"
    bad = invoke(session_store, "schema", "boat")
    assert bad.exit_code == 2
