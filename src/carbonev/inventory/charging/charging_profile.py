"""When vehicles draw their charging energy: 24×12 shapes, valley share, the pilot check.

A profile is a 24×12 matrix of relative charging power ``M[h, m]`` (hour of day × month).
Its energy share per month-hour cell, over a year of 8,760 hours, is

    P[h, m] = M[h, m] · D_m / Σ_{h', m'} M[h', m'] · D_m'         (D_m days in month m)

so Σ P = 1. The valley share is Σ_{h ∈ valley} Σ_m P[h, m].
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from carbonev.data.profile_file import ChargingProfileData
from carbonev.data.profiles import ProfileSet
from carbonev.errors import SpecError
from carbonev.specs.calendar import DAYS_IN_MONTH

FLAT = "flat"


def window_matrix(p: ChargingProfileData) -> np.ndarray:
    """24×12 relative power of a profile given as clock-time windows (powers of overlapping windows add)."""
    hourly = np.zeros(24)
    for w in p.windows:
        hours = range(w.start, w.end) if w.start < w.end else [*range(w.start, 24), *range(0, w.end)]
        for h in hours:
            hourly[h] += w.power
    return np.repeat(hourly[:, None], 12, axis=1)


def energy_shares(matrix: np.ndarray) -> np.ndarray:
    """P[h, m]: share of the year's charging energy in each month-hour cell (sums to 1)."""
    m = np.asarray(matrix, dtype=float)
    weighted = m * DAYS_IN_MONTH[None, :]
    total = weighted.sum()
    if not total > 0:
        raise ValueError("a charging profile needs some positive power")
    return weighted / total


@lru_cache(maxsize=256)
def named_shares(profiles: ProfileSet, name: str) -> np.ndarray:
    """Energy shares of a shipped profile [raises SpecError for an unknown name]."""
    if name not in profiles.charging_profiles:
        raise SpecError(f"unknown charging profile {name!r}; shipped: {', '.join(sorted(profiles.charging_profiles))}",
                        field="use.charging.profile")
    p = energy_shares(window_matrix(profiles.charging_profiles[name]))
    p.setflags(write=False)
    return p


@dataclass(frozen=True)
class ValleyCheck:
    """The 2024 vehicle–grid pilot's valley-charging check for one profile."""

    valley_share: float
    target: float | None
    target_label: str
    valley_hours: tuple[int, ...]
    source: str

    @property
    def passes(self) -> bool | None:
        return None if self.target is None else self.valley_share + 1e-12 >= self.target


def valley_share(shares: np.ndarray, hours: tuple[int, ...]) -> float:
    return float(np.asarray(shares)[list(hours), :].sum())


def valley_check(profiles: ProfileSet, shares: np.ndarray, region: str, private: bool,
                 valley_hours: tuple[int, ...] | None = None) -> ValleyCheck:
    """Share of charging energy in valley hours against the pilot target (private piles: 80 %, all: 60 %)."""
    from carbonev.data.regions import fallbacks

    source = "use.charging.valley_hours (user)"
    hours = valley_hours
    if hours is None:
        for candidate in fallbacks(region):
            if candidate in profiles.valley_windows:
                v = profiles.valley_windows[candidate]
                hours, source = tuple(v.hours), f"{candidate} valley window ({v.locator})"
                break
    if hours is None:
        return ValleyCheck(float("nan"), None, "no valley window known for this region", (), "")
    key = "private" if private else "all"
    target = profiles.pilot_targets.get(key)
    return ValleyCheck(valley_share(shares, hours), target.share if target else None,
                       f"{key} charging piles" if target else "no pilot target shipped", hours, source)
