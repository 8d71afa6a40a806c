"""Stock by calendar year: registration cohorts through their survival curves (vectorised).

For a cohort of n vehicles first registered in year y0, in calendar year Y (age a = Y − y0):

    stock at the end of Y       N(Y)  = n · S(a)
    vehicles leaving during Y   X(Y)  = n · (S(a−1) − S(a))            (a ≥ 1; 0 in y0)
    vehicle-years in Y          V(Y)  = n · (S(a−1) + S(a)) / 2         (a ≥ 1)
                                V(y0) = n · w                           (w: share of the first year
                                                                        on the road; 0.5 = registrations
                                                                        spread evenly over the year)
    new registrations           R(y0) = n

The arrays are [cohort, year]; cells before registration are zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Stock:
    years: np.ndarray  # [T] calendar years
    age: np.ndarray  # [G, T] age at the end of the year (negative: not yet registered)
    active: np.ndarray  # [G, T] bool: registered by the end of the year
    stock_end: np.ndarray  # [G, T] vehicles at the end of the year
    exits: np.ndarray  # [G, T] vehicles leaving during the year
    vehicle_years: np.ndarray  # [G, T] vehicle-years on the road
    new: np.ndarray  # [G, T] first registrations


def expand(counts: np.ndarray, reg_year: np.ndarray, class_idx: np.ndarray, table: np.ndarray,
           years: np.ndarray, first_year_share: float = 0.5) -> Stock:
    """Stock arrays of cohorts (``counts`` [vehicle], ``reg_year``, survival row ``class_idx``)
    over calendar ``years``; ``table`` is [class, age] survival from :func:`survival.table`."""
    years = np.asarray(years, dtype=int)
    age = years[None, :] - np.asarray(reg_year, dtype=int)[:, None]
    active = age >= 0
    max_age = table.shape[1] - 1
    a = np.clip(age, 0, max_age)
    prev = np.clip(age - 1, 0, max_age)
    rows = np.asarray(class_idx)[:, None]
    s = np.where(active, table[rows, a], 0.0)
    s_prev = np.where(age >= 1, table[rows, prev], np.where(age == 0, 1.0, 0.0))
    s = np.where(age > max_age, 0.0, s)  # past the table: survival taken as 0
    s_prev = np.where(age - 1 > max_age, 0.0, s_prev)
    n = np.asarray(counts, dtype=float)[:, None]
    first = age == 0
    stock_end = n * s
    exits = np.where(age >= 1, n * (s_prev - s), 0.0)
    vehicle_years = np.where(first, n * first_year_share, np.where(age >= 1, n * (s_prev + s) / 2.0, 0.0))
    new = np.where(first, n, 0.0)
    return Stock(years, age, active, stock_end, exits, vehicle_years, new)
