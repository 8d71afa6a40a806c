"""Read spec files (YAML or JSON) into validated models."""

from __future__ import annotations

from pathlib import Path

from carbonev.io.files import load
from carbonev.specs.vehicle import VehicleSpec


def load_vehicle(path: str | Path) -> VehicleSpec:
    """Read and validate a vehicle spec [raises SpecError naming file and key path]."""
    return load(VehicleSpec, path)
