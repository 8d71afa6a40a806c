"""Profile-weighted grid intensity, precomputed per (profiles, region, year, charging profile).

With the hourly intensity F·s_t (annual factor F, normalised shape s) and the hourly
charging share p_t, the intensity of the charged energy is

    I = Σ_t p_t F s_t = F · w,     w = Σ_{h,m} P[h, m] · S[h, m]

(P: energy shares, S: month-hour mean shape; exact because p is constant over the days of a
month). ``w`` is a pure number: the use phase links ``kWh · w`` units of the official grid
activity, so the engine prices it at the official factor and F never enters twice. A flat
profile gives w = 1 exactly (returned as the literal 1.0: the result equals the annual-factor
result bit for bit).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from carbonev.data.profiles import ProfileSet
from carbonev.inventory.charging.charging_profile import FLAT, named_shares
from carbonev.inventory.charging.grid_shape import choose_shape


def weight(shares: np.ndarray, shape: np.ndarray | None) -> float:
    """w = Σ P · S (1.0 where there is no shape)."""
    if shape is None:
        return 1.0
    return float(np.einsum("hm,hm->", shares, shape))


@lru_cache(maxsize=4096)
def named_weight(profiles: ProfileSet, region: str, year: int, profile: str) -> tuple[float, str]:
    """(w, note) for a shipped profile in ``region`` and ``year``: the precomputed table sweeps hit."""
    if profile == FLAT:
        return 1.0, "flat charging profile: annual factor"
    shape, note = choose_shape(profiles, region, year)
    return weight(named_shares(profiles, profile), shape), note


@lru_cache(maxsize=1024)
def matrix_weight(profiles: ProfileSet, region: str, year: int, matrix: tuple) -> tuple[float, str]:
    """(w, note) for a spec's own 24×12 matrix (hashable tuple of rows)."""
    from carbonev.inventory.charging.charging_profile import energy_shares

    shape, note = choose_shape(profiles, region, year)
    return weight(energy_shares(np.array(matrix)), shape), note
