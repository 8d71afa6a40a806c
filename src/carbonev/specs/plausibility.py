"""Plausibility: values that are possible but unusual give one warning line each and do not fail
the run (impossible values are schema errors: :mod:`carbonev.specs.bounds`).

Warned (the thresholds are those of issue 12, deliberately wide):

- a pack's specific energy (capacity / mass, when the mass is given) outside 60–400 Wh/kg:
  LFP packs are ~100–160 Wh/kg, NMC packs ~150–200 Wh/kg (the shipped
  ``battery_pack_specific_energy_*`` parameters), so outside this range the capacity or the
  mass is likely mistyped;
- a passenger car's drive unit (``mass.electric_drive``) under 3 % of the curb mass (the shipped
  examples' cars lie at 6–13 %); buses, vans and trucks carry heavier bodies and are not checked;
- a plant product whose chemistry differs from the pack's (:func:`carbonev.inputs.check_chemistry`).
"""

from __future__ import annotations

import warnings

from carbonev.errors import PlausibilityWarning
from carbonev.specs.vehicle import VehicleSpec

PACK_WH_PER_KG = (60.0, 400.0)
MIN_DRIVE_SHARE = 0.03
PASSENGER_SEGMENTS = (None, "A0", "A", "B", "C", "SUV")


def _where(file: str | None, field: str) -> str:
    return f"{file}: {field}" if file else field


def pack_warnings(capacity_kwh: float, mass_kg: float | None, file: str | None, field: str) -> list[str]:
    """The specific-energy warning of a pack of ``capacity_kwh`` and ``mass_kg`` (none without a mass)."""
    if mass_kg is None or mass_kg <= 0:
        return []
    wh_per_kg = capacity_kwh * 1000.0 / mass_kg
    lo, hi = PACK_WH_PER_KG
    if lo <= wh_per_kg <= hi:
        return []
    return [f"{_where(file, field)}: pack specific energy {wh_per_kg:,.0f} Wh/kg (capacity / mass) is outside "
            f"the usual {lo:.0f}–{hi:.0f} Wh/kg; check the capacity and the mass"]


def vehicle_warnings(spec: VehicleSpec, file: str | None = None) -> list[str]:
    """One line per possible-but-unusual value of ``spec``."""
    out: list[str] = []
    b = spec.battery
    if b is not None:
        out += pack_warnings(b.capacity, b.mass, file, "battery.mass")
    m = spec.mass
    if spec.segment in PASSENGER_SEGMENTS and m.electric_drive > 0 and m.electric_drive < MIN_DRIVE_SHARE * m.curb:
        out.append(f"{_where(file, 'mass.electric_drive')}: {m.electric_drive:,.0f} kg is "
                   f"{m.electric_drive / m.curb:.1%} of the curb mass, under the usual {MIN_DRIVE_SHARE:.0%} "
                   "of a car's; check it")
    return out


def warn(messages: list[str]) -> None:
    """Emit each message as a :class:`PlausibilityWarning` (the CLI prints one line each)."""
    for text in messages:
        warnings.warn(text, PlausibilityWarning, stacklevel=3)
