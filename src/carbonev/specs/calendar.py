"""The 8,760 hours of a (non-leap) year and the 24×12 (hour of day × month) shapes.

A 24×12 matrix ``M[h, m]`` expands to 8,760 hours by repeating the day of month ``m``
on every day of that month. Conversely an hourly series reduces to 24×12 sums or means.
Because charging profiles are 24×12 shapes, Σ_t p_t c_t over the 8,760 hours equals
Σ_{h,m} P[h, m] · C̄[h, m] with C̄ the month-hour mean of c — so a user's 8,760-row
series can be stored as its 24×12 means without changing any weighted result.
"""

from __future__ import annotations

import numpy as np

HOURS = 8760
DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
MONTH_OF_HOUR = np.repeat(np.arange(12), DAYS_IN_MONTH * 24)
HOUR_OF_DAY = np.tile(np.arange(24), 365)
DAY_OF_YEAR = np.repeat(np.arange(1, 366), 24)  # 1..365
Matrix = tuple[tuple[float, ...], ...]  # 24 rows (hours 0-23) × 12 columns (months)


def check_matrix(matrix: Matrix) -> None:
    """24 rows × 12 columns of non-negative numbers, not all zero [raises ValueError]."""
    if len(matrix) != 24 or any(len(row) != 12 for row in matrix):
        raise ValueError("matrix: needs 24 rows (hours 0-23) of 12 values (months Jan-Dec)")
    if any(v < 0 for row in matrix for v in row) or not any(v > 0 for row in matrix for v in row):
        raise ValueError("matrix: values must be >= 0 and not all 0")


def expand(matrix: np.ndarray) -> np.ndarray:
    """24×12 matrix → 8,760-hour series (hour of day, month)."""
    return np.asarray(matrix, dtype=float)[HOUR_OF_DAY, MONTH_OF_HOUR]


def reduce_sum(series: np.ndarray) -> np.ndarray:
    """8,760-hour series → 24×12 sums over the days of each month."""
    out = np.zeros((24, 12))
    np.add.at(out, (HOUR_OF_DAY, MONTH_OF_HOUR), np.asarray(series, dtype=float))
    return out


def reduce_mean(series: np.ndarray) -> np.ndarray:
    """8,760-hour series → 24×12 means over the days of each month."""
    out: np.ndarray = reduce_sum(series) / DAYS_IN_MONTH[None, :]
    return out


def annual_mean(matrix: np.ndarray) -> float:
    """Mean over the 8,760 hours of the expansion of a 24×12 matrix."""
    return float((np.asarray(matrix) * DAYS_IN_MONTH[None, :]).sum() / HOURS)
