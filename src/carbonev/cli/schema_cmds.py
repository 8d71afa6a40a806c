"""``carbonev schema vehicle|plant|pack|station``: the JSON Schema of an input file, for editors."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.guard import guarded, write_output


class Kind(StrEnum):
    vehicle = "vehicle"
    plant = "plant"
    pack = "pack"
    station = "station"


def schema(
    kind: Kind = typer.Argument(..., help="Which input file: vehicle, plant, pack or station.", show_default=False),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """The JSON Schema (draft 2020-12) of a vehicle spec, plant, battery pack or station file; editors use it
    to complete and check YAML (docs/schema.md)."""
    from carbonev.api import schema as build

    write_output(json.dumps(build(kind.value), indent=2, ensure_ascii=False) + "\n", output)


def register(app: typer.Typer) -> None:
    app.command("schema")(guarded(schema))
