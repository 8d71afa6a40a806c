"""Suppliers' own footprints (PACT files, resolved) in place of the generic inventory of a part.

A vehicle spec lists ``supplied: [{replaces: battery, footprint: pack.pact.json}]``. The supplier's
cradle-to-gate footprint (excluding biogenic uptake, as PACT defines it) enters the stage as
pre-aggregated CO2e, scaled by how many of its declared units the vehicle needs; the generic links
of that part are dropped. The files are read before the inventory is built (``carbonev.inputs``).
"""

from __future__ import annotations

from carbonev.errors import SpecError
from carbonev.inventory.external import ExternalInputs, SuppliedFootprint
from carbonev.inventory.foreground import Stage
from carbonev.inventory.pack import packs_over_life
from carbonev.inventory.resolve import Resolved

PARTS = ("battery", "glider", "electric_drive", "combustion_powertrain")


def _units(r: Resolved, fp: SuppliedFootprint, file: str | None) -> tuple[float, str]:
    """How many declared units of the supplied part one vehicle needs over its life."""
    b = r.spec.battery
    part = fp.part
    packs = packs_over_life(b.replacements, b.swap_packs) if (part == "battery" and b is not None) else 1.0
    mass = {"battery": r.battery_mass, "glider": r.glider_mass, "electric_drive": r.spec.mass.electric_drive,
            "combustion_powertrain": r.spec.mass.combustion_powertrain}[part]
    if fp.declared_unit == "piece":
        return packs, f"{packs:g} piece(s)"
    if fp.declared_unit == "kilogram":
        return mass * packs, f"{packs:g} × {mass:.1f} kg"
    if fp.declared_unit == "kilowatt hour" and part == "battery" and b is not None:
        return b.capacity * packs, f"{packs:g} × {b.capacity:g} kWh"
    raise SpecError(f"a {part} cannot be counted in the supplier's declared unit {fp.declared_unit!r} "
                    "(use piece, kilogram, or kilowatt hour for a battery)", file=file, field=f"{fp.field}.footprint")


def add_supplied(stage: Stage, r: Resolved, inputs: ExternalInputs, part: str, file: str | None) -> bool:
    """Add the supplied footprint of ``part`` to ``stage``; True if there was one."""
    fp = inputs.supplied_part(part)
    if fp is None:
        return False
    units, how = _units(r, fp, file)
    kg = fp.kg_co2e_per_unit * units
    stage.add(kg, f"supplier footprint {fp.product} (PACT {fp.spec_version} {fp.pcf_id}, {fp.path}, "
                  f"sha256 {fp.sha256[:12]}): {fp.kg_co2e_per_unit:.6g} kg CO2e per {fp.declared_unit} × {how}",
              flow="co2e_aggregated", kind="supplier", key=fp.pcf_id)
    return True
