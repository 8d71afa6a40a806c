"""Hourly dispatch of a charging site: PV first, then storage, then the grid.

For each hour t (any number of hours; a year has 8,760), with charger-side demand
D_t = L_t / η_ch + standby_t, PV output V_t, storage energy E_t (capacity C, power P,
one-way efficiency η = √RTE):

    direct_t   = min(V_t, D_t)
    to_store_t = min(V_t − direct_t, P, (C − E_t) / η)          E += η · to_store
    from_store = min(D_t − direct_t, P, E_t · η)                 E −= from_store / η
    grid_t     = D_t − direct_t − from_store_t,   export_t = V_t − direct_t − to_store_t

Storage starts empty. Exported PV leaves the site with its own burden (it is not the
station's). Pure numpy, one pass; see docs/charging.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass
class Dispatch:
    """Hourly energy flows [kWh per hour]; ``from_pool`` is the share of the stored energy drawn each hour."""

    load: np.ndarray  # delivered to vehicles
    demand: np.ndarray  # at the chargers' grid side, incl. standby
    pv: np.ndarray
    pv_direct: np.ndarray
    pv_to_storage: np.ndarray
    from_storage: np.ndarray
    grid: np.ndarray
    export: np.ndarray
    stored_end: np.ndarray  # energy in storage at the end of each hour
    from_pool: np.ndarray  # drawn / stored energy before the draw [-]

    def balance_error(self) -> float:
        """Largest hourly violation of demand = PV direct + storage + grid [kWh]."""
        return float(np.max(np.abs(self.demand - self.pv_direct - self.from_storage - self.grid), initial=0.0))


def dispatch(load: np.ndarray, pv: np.ndarray, charger_efficiency: float, standby_kwh: float,
             capacity: float = 0.0, power: float = 0.0, round_trip_efficiency: float = 1.0) -> Dispatch:
    """Dispatch one site hour by hour (see module doc). Energies [kWh], ``power`` [kW] over 1 h."""
    load = np.asarray(load, dtype=float)
    pv = np.asarray(pv, dtype=float)
    demand = load / charger_efficiency + standby_kwh
    n = len(load)
    direct = np.minimum(pv, demand)
    surplus = pv - direct
    deficit = demand - direct
    eta = math.sqrt(round_trip_efficiency)
    to_store = np.zeros(n)
    out = np.zeros(n)
    stored = np.zeros(n)
    pool = np.zeros(n)
    e = 0.0
    for t in range(n):  # sequential: the state of charge carries over
        if capacity > 0:
            c = min(surplus[t], power, (capacity - e) / eta)
            e += c * eta
            d = min(deficit[t], power, e * eta)
            pool[t] = (d / eta) / e if e > 0 else 0.0
            e -= d / eta
            to_store[t], out[t] = c, d
        stored[t] = e
    grid = deficit - out
    return Dispatch(load, demand, pv, direct, to_store, out, grid, surplus - to_store, stored, pool)
