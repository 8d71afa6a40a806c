"""Vehicle-to-grid: losses charged to the vehicle, extra battery wear, avoided emissions beside it.

For E [kWh/year] fed to the grid over Y years with round-trip efficiency η (grid → grid):

    losses        L = E · Y · (1/η − 1)                 grid kWh, at the charging profile's weight
    cycles        N = E · Y / √η / C                    full-equivalent cycles (battery side, C capacity)
    fade          f = N · φ                             φ: capacity fade per cycle (input, sourced)
    replacement   r = f / (1 − c_eol)                   share of a pack worn out (c_eol: end-of-life capacity)

The losses and the wear (r packs) go into the vehicle's inventory. The displaced grid
emissions, A = E · Y · I_discharge, are reported BESIDE the footprint and never netted into
it (GHG Protocol; ISO 14067 excludes avoided emissions from a CFP). Two views:
average (hourly average intensity at the discharge times) and marginal (a user's marginal
series, else the fossil-power CO2 factor as a coal-margin proxy). Net system effect
A − E·Y/η · I_charge can be negative under a marginal view: studies disagree on the sign.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from carbonev.specs.charging import V2G


@dataclass(frozen=True)
class V2GPlan:
    efficiency: float
    efficiency_note: str
    discharged_kwh: float  # over the life, grid side
    loss_kwh: float
    cycles: float
    fade: float
    pack_share: float


def plan(v: V2G, years: float, capacity_kwh: float, charging_efficiency: float) -> V2GPlan:
    """The V2G quantities over the vehicle's life (see module doc)."""
    if v.round_trip_efficiency is not None:
        eta, note = v.round_trip_efficiency, "round-trip efficiency from the spec"
    else:
        eta = charging_efficiency ** 2
        note = (f"round-trip efficiency {eta:.3f} = shipped charging_efficiency {charging_efficiency:g} squared "
                "(assumption: same converter losses both ways)")
    e = v.discharged * years
    cycles = e / math.sqrt(eta) / capacity_kwh
    fade = cycles * v.capacity_fade_per_cycle
    return V2GPlan(eta, note, e, e * (1.0 / eta - 1.0), cycles, fade, fade / (1.0 - v.end_of_life_capacity))


@dataclass(frozen=True)
class Avoided:
    """Displaced grid emissions of V2G, one view [kg CO2e over the life]; never part of the footprint."""

    view: str  # "average" or "marginal"
    displaced: float  # E·Y·I_discharge
    recharged: float  # E·Y/η · I_charge (the grid energy drawn to refill what was fed back)
    basis: str

    @property
    def net_system(self) -> float:
        """Displaced minus recharged: positive means V2G lowered grid emissions in this view."""
        return self.displaced - self.recharged


def avoided(p: V2GPlan, view: str, discharge_intensity: float, charge_intensity: float, basis: str) -> Avoided:
    """One view of the avoided emissions, from intensities [kg CO2e/kWh] at discharge and at charge times."""
    return Avoided(view, p.discharged_kwh * discharge_intensity, p.discharged_kwh / p.efficiency * charge_intensity,
                   basis)
