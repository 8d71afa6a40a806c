"""Break-even of an electric car against its combustion counterpart.

Cumulative emissions start with production (materials and parts, battery,
assembly) at 0 km and grow with each year of use (that year's electricity, fuel,
direct emissions, maintenance spread over the year's km). End of life is kept
apart (``Curve.end_of_life``): it happens after the last km, so it does not move
the crossing. The break-even distance is where the two cumulative curves cross;
the year follows from the distance driven per year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from carbonev.engine.evaluator import Engine
from carbonev.inventory.foreground import Foreground

PRODUCTION = ("materials_and_parts", "battery", "vehicle_assembly")
USE = ("use_energy_upstream", "use_direct", "maintenance")


@dataclass
class Curve:
    """Cumulative footprint [kg CO2e] at distances [km] (one point per year boundary)."""

    km: np.ndarray
    kg: np.ndarray
    first_year: int
    km_per_year: float
    end_of_life: float  # [kg CO2e], after the last km


def curve(fg: Foreground, ev: Engine, first_year: int, years: float) -> Curve:
    """Cumulative footprint over the life of ``fg`` (end of life kept apart)."""
    production = sum(ev.link_impact(link) for s in PRODUCTION for link in fg.stages[s].links)
    n = int(np.ceil(years - 1e-9))
    per_year = np.zeros(n)
    uniform = 0.0
    for s in USE:
        for link in fg.stages[s].links:
            value = ev.link_impact(link)
            if link.year is not None:
                per_year[link.year - first_year] += value
            else:
                uniform += value
    spans = np.array([min(1.0, years - i) for i in range(n)])
    per_year += uniform * spans / years
    km_per_year = fg.lifetime_km / years
    km = np.concatenate([[0.0], np.cumsum(spans) * km_per_year])
    kg = production + np.concatenate([[0.0], np.cumsum(per_year)])
    eol = sum(ev.link_impact(link) for link in fg.stages["end_of_life"].links)
    return Curve(km=km, kg=kg, first_year=first_year, km_per_year=km_per_year, end_of_life=eol)


@dataclass
class BreakEven:
    km: float | None  # None: the curves do not cross within the shorter lifetime
    year: float | None
    electric_lower_from_start: bool


def break_even(electric: Curve, combustion: Curve) -> BreakEven:
    """Where the electric car's cumulative footprint falls below the combustion car's."""
    end = min(electric.km[-1], combustion.km[-1])
    grid = np.union1d(electric.km, combustion.km)
    grid = grid[grid <= end]
    e = np.interp(grid, electric.km, electric.kg)
    c = np.interp(grid, combustion.km, combustion.kg)
    diff = e - c
    if diff[0] <= 0:
        return BreakEven(0.0, float(electric.first_year), True)
    crossing = np.nonzero(diff <= 0)[0]
    if len(crossing) == 0:
        return BreakEven(None, None, False)
    j = crossing[0]
    x0, x1, d0, d1 = grid[j - 1], grid[j], diff[j - 1], diff[j]
    km = float(x0 + (x1 - x0) * d0 / (d0 - d1))
    return BreakEven(km, electric.first_year + km / electric.km_per_year, False)
