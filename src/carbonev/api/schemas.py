"""JSON Schemas (draft 2020-12) of the input files: vehicle specs, plants, battery packs, stations.

Editors read them to complete and check YAML files (``carbonev schema vehicle > vehicle.schema.json``,
then ``# yaml-language-server: $schema=vehicle.schema.json`` at the top of a spec). A quantity is a
string ``"<number> <unit>"`` in any unit of its field's dimension; its bounds, in the field's canonical
unit, are stated in its description (the schema cannot convert units; ``carbonev validate`` checks them).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import TypeAdapter

SchemaKind = Literal["vehicle", "plant", "pack", "station"]
KINDS: tuple[SchemaKind, ...] = ("vehicle", "plant", "pack", "station")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _target(kind: str) -> Any:
    if kind == "vehicle":  # the five powertrain models (the union's fallback member only words errors)
        from pydantic import Discriminator, Tag

        from carbonev.specs.vehicle import POWERTRAIN_MODELS, powertrain_tag

        members = tuple(Annotated[model, Tag(tag)] for tag, model in POWERTRAIN_MODELS.items())
        return Annotated[Union[members], Discriminator(powertrain_tag)]  # noqa: UP007
    if kind == "plant":
        from carbonev.factory.spec import Factory

        return Factory
    if kind == "pack":
        from carbonev.specs.pack import PackSpec

        return PackSpec
    if kind == "station":
        from carbonev.specs.station import StationSpec

        return StationSpec
    from carbonev.errors import UnknownName

    raise UnknownName("schema", kind, KINDS)


TITLES = {"vehicle": "VehicleSpec", "plant": "Factory", "pack": "PackSpec", "station": "StationSpec"}
DESCRIPTIONS = {
    "vehicle": "A carbonev vehicle-model spec (docs/vehicle-spec.md); one model per powertrain.",
    "plant": "A carbonev plant file, carbonev-factory/1 (docs/factory-spec.md).",
    "pack": "A carbonev traction-battery pack file, carbonev-battery-pack/1 (docs/battery-declaration.md).",
    "station": "A carbonev charging-station spec (docs/charging.md).",
}


def json_schema(kind: str = "vehicle") -> dict[str, Any]:
    """The JSON Schema of one kind of input file [raises UnknownName for another kind]."""
    schema = TypeAdapter(_target(kind)).json_schema(mode="validation")
    return {"$schema": DIALECT, "title": TITLES[kind], "description": DESCRIPTIONS[kind],
            **{k: v for k, v in schema.items() if k not in ("title", "description")}}
