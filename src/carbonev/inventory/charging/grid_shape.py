"""Estimated hourly shape of grid emission intensity (normalised: annual mean = 1).

For month ``m`` with generation G (thermal T, hydro H, nuclear N, wind W, solar S),
flat demand and flat non-solar sources, the thermal share in hour ``t`` of the month is

    x_t = (G − H − N − W − S · e_t / Σ_{t∈m} e_t · n_m) / G        (n_m hours in month m)

where ``e_t = max(0, sin α_t)`` is the sine of the solar elevation,

    sin α = sin φ sin δ + cos φ cos δ cos ω,   δ = 23.45° sin(360° (284 + d) / 365)  (Cooper 1969),
    ω = 15° (clock hour + 0.5 − 12),

φ the latitude, d the day of the year. The shape is s_t = x_t / mean(x) over the 8,760
hours, so the hourly intensity ``F · s_t`` has annual mean F, the official factor,
exactly (up to floating point). Intensity is taken proportional to the thermal share
(non-fossil operational emissions ≈ 0): an ESTIMATE, labelled as such in every output.
Reference: docs/charging.md.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from carbonev.data.profile_file import GridShapeData
from carbonev.data.profiles import ProfileSet
from carbonev.data.regions import fallbacks
from carbonev.specs.calendar import DAY_OF_YEAR, HOUR_OF_DAY, MONTH_OF_HOUR, reduce_mean

ESTIMATE = "estimated hourly shape (monthly NBS generation mix × solar day; not an official hourly factor)"


def solar_elevation_sine(latitude: float) -> np.ndarray:
    """max(0, sin α) for each of the 8,760 hours at ``latitude`` [degree N], mid-hour, clock = solar time."""
    decl = np.radians(23.45) * np.sin(np.radians(360.0 * (284 + DAY_OF_YEAR) / 365.0))
    omega = np.radians(15.0 * (HOUR_OF_DAY + 0.5 - 12.0))
    phi = np.radians(latitude)
    return np.maximum(0.0, np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.cos(omega))


def monthly_by_source(g: GridShapeData) -> dict[str, np.ndarray]:
    """Generation of each source in each calendar month; a multi-month period is split evenly by hours."""
    from carbonev.specs.calendar import DAYS_IN_MONTH

    out = {name: np.zeros(12) for name in g.series}
    for k, months in enumerate(g.periods):
        hours = np.array([DAYS_IN_MONTH[m - 1] for m in months], dtype=float)
        for name, s in g.series.items():
            for m, h in zip(months, hours, strict=True):
                out[name][m - 1] = s.values[k] * h / hours.sum()
    return out


def hourly_shape(g: GridShapeData) -> np.ndarray:
    """The normalised 8,760-hour intensity shape of one region and year (mean exactly 1 up to rounding)."""
    mix = monthly_by_source(g)
    total = sum(mix.values())
    e = solar_elevation_sine(g.latitude)
    month_sun = np.zeros(12)
    np.add.at(month_sun, MONTH_OF_HOUR, e)
    hours_in_month = np.bincount(MONTH_OF_HOUR, minlength=12).astype(float)
    m = MONTH_OF_HOUR
    non_solar = mix["hydro"] + mix["nuclear"] + mix["wind"]
    solar_t = mix["solar"][m] * e / month_sun[m] * hours_in_month[m]  # solar, in units of the month's mean hour
    x = (total[m] - non_solar[m] - solar_t) / total[m]
    return x / x.mean()


@lru_cache(maxsize=256)
def _shape_matrix(profiles: ProfileSet, region: str, year: int) -> np.ndarray:
    m = reduce_mean(hourly_shape(profiles.grid_shapes[(region, year)]))
    m.setflags(write=False)
    return m


def choose_shape(profiles: ProfileSet, region: str, year: int) -> tuple[np.ndarray | None, str]:
    """24×12 month-hour mean shape for ``region`` in ``year`` and a note on what was used.

    Region falls back as the grid factors do (province → regional grid → nation); year to the
    closest earlier shape, else the earliest. ``None``: no shape — the flat (annual) factor applies.
    """
    for candidate in fallbacks(region):
        years = sorted(y for r, y in profiles.grid_shapes if r == candidate)
        if not years:
            continue
        earlier = [y for y in years if y <= year]
        chosen = earlier[-1] if earlier else years[0]
        note = f"{ESTIMATE}: {candidate} {chosen}"
        if candidate != region or chosen != year:
            note += f" (asked: {region} {year})"
        return _shape_matrix(profiles, candidate, chosen), note
    return None, f"no hourly shape for {region}: flat (annual factor)"
