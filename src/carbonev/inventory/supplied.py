"""Suppliers' own footprints (PACT files) in place of the generic inventory of a part.

A vehicle spec lists ``supplied: [{replaces: battery, footprint: pack.pact.json}]``.
The supplier's cradle-to-gate footprint (excluding biogenic uptake, as PACT
defines it) enters the stage as pre-aggregated CO2e, scaled by how many of its
declared units the vehicle needs; the generic links of that part are dropped.
"""

from __future__ import annotations

from carbonev.errors import SpecError
from carbonev.inventory.foreground import Stage
from carbonev.inventory.plants import plant_path
from carbonev.inventory.resolve import Resolved

PARTS = ("battery", "glider", "electric_drive", "combustion_powertrain")


def _units(r: Resolved, part: str, declared: str, where: str, file: str | None) -> tuple[float, str]:
    """How many declared units of ``part`` one vehicle needs over its life."""
    b = r.spec.battery
    packs = (1 + b.replacements + b.swap_packs) if (part == "battery" and b is not None) else 1.0
    mass = {"battery": r.battery_mass, "glider": r.glider_mass, "electric_drive": r.spec.mass.electric_drive,
            "combustion_powertrain": r.spec.mass.combustion_powertrain}[part]
    if declared == "piece":
        return packs, f"{packs:g} piece(s)"
    if declared == "kilogram":
        return mass * packs, f"{packs:g} × {mass:.1f} kg"
    if declared == "kilowatt hour" and part == "battery" and b is not None:
        return b.capacity * packs, f"{packs:g} × {b.capacity:g} kWh"
    raise SpecError(f"a {part} cannot be counted in the supplier's declared unit {declared!r} "
                    "(use piece, kilogram, or kilowatt hour for a battery)", file=file, field=f"{where}.footprint")


def supplied_parts(r: Resolved, file: str | None) -> dict[str, tuple[float, str]]:
    """part → (kg CO2e per vehicle, basis) for every supplied footprint in the spec."""
    from carbonev.exchange.pact import load_footprint

    out: dict[str, tuple[float, str]] = {}
    for i, item in enumerate(r.spec.supplied):
        where = f"supplied[{i}]"
        if item.replaces in out:
            raise SpecError(f"{item.replaces!r} is supplied twice", file=file, field=f"{where}.replaces")
        if item.replaces == "battery" and r.spec.battery is None:
            raise SpecError("the vehicle has no traction battery", file=file, field=f"{where}.replaces")
        path = plant_path(item.footprint, file)
        if not path.exists():
            raise SpecError(f"footprint file {str(path)!r} not found", file=file, field=f"{where}.footprint")
        fp = load_footprint(path)
        units, how = _units(r, item.replaces, fp.declared_unit, where, file)
        kg = fp.kg_co2e_per_unit * units
        out[item.replaces] = (kg, f"supplier footprint {fp.product} (PACT {fp.spec_version} {fp.pcf_id}, {path}, "
                                  f"sha256 {fp.sha256[:12]}): {fp.kg_co2e_per_unit:.6g} kg CO2e per "
                                  f"{fp.declared_unit} × {how}")
    return out


def add_supplied(stage: Stage, supplied: dict[str, tuple[float, str]], part: str) -> bool:
    """Add the supplied footprint of ``part`` to ``stage``; True if there was one."""
    if part not in supplied:
        return False
    kg, basis = supplied[part]
    stage.add(kg, basis, flow="co2e_aggregated")
    return True
