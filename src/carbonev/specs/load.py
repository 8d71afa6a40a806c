"""Read spec files (YAML or JSON) into validated models."""

from __future__ import annotations

from pathlib import Path

from carbonev.io.inputs import load
from carbonev.specs.plausibility import vehicle_warnings, warn
from carbonev.specs.vehicle import VehicleSpec


def load_vehicle(path: str | Path) -> VehicleSpec:
    """Read and validate a vehicle spec [raises SpecError naming file and key path]; files named in
    ``use.charging`` (station, hourly series) are read and embedded here, before any inventory.
    Possible-but-unusual values give a :class:`~carbonev.errors.PlausibilityWarning` each."""
    from carbonev.specs.charging_files import resolve

    spec: VehicleSpec = resolve(load(VehicleSpec, path), path)
    warn(vehicle_warnings(spec, str(path)))
    return spec
