"""Emissions of a fleet by cohort and calendar year, from stock, activity and unit factors.

For cohort g (model m, region r, registered y0) in calendar year Y [kg CO2e]:

    operation(Y)   = vkm · (upstream_per_km[m,r,Y] + direct_per_km[m,r,Y])
                     + V(Y) · direct_per_vehicle_year[m,r,Y]
    maintenance(Y) = vkm · maintenance_per_km[m,r,y0]
    production(Y)  = R(Y) · production[m,r,y0]
    end_of_life(Y) = X(Y) · end_of_life[m,r,y0]

with vkm = V(Y) · km(age) (vehicle-km), V, R, X from :mod:`carbonev.fleet.stock`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from carbonev.fleet.stock import Stock

PARTS = ("operation", "maintenance", "production", "end_of_life")


@dataclass
class Lookup:
    """Dense factor arrays: vehicle factors [model, region, reg_year_index], use factors
    [model, region, year_index]."""

    production: np.ndarray
    end_of_life: np.ndarray
    maintenance_per_km: np.ndarray
    upstream_per_km: np.ndarray
    direct_per_km: np.ndarray
    direct_per_vehicle_year: np.ndarray


def cohort_emissions(stock: Stock, vkm: np.ndarray, model: np.ndarray, region: np.ndarray,
                     reg_index: np.ndarray, lk: Lookup) -> dict[str, np.ndarray]:
    """[cohort, year] emissions by part [kg CO2e] for cohorts of ``model``/``region`` indices."""
    m, r = np.asarray(model)[:, None], np.asarray(region)[:, None]
    t = np.arange(stock.years.size)[None, :]
    ry = np.asarray(reg_index)[:, None]
    per_km = lk.upstream_per_km[m, r, t] + lk.direct_per_km[m, r, t]
    return {
        "operation": vkm * per_km + stock.vehicle_years * lk.direct_per_vehicle_year[m, r, t],
        "maintenance": vkm * lk.maintenance_per_km[m, r, ry],
        "production": stock.new * lk.production[m, r, ry],
        "end_of_life": stock.exits * lk.end_of_life[m, r, ry],
    }
