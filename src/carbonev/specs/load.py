"""Read spec files (YAML or JSON) into validated models."""

from __future__ import annotations

from pathlib import Path

from carbonev.io.files import load
from carbonev.specs.vehicle import VehicleSpec


def load_vehicle(path: str | Path) -> VehicleSpec:
    """Read and validate a vehicle spec [raises SpecError naming file and key path]; files named in
    ``use.charging`` (station, hourly series) are read and embedded here, before any inventory."""
    from carbonev.charging.loader import resolve

    return resolve(load(VehicleSpec, path), path)
