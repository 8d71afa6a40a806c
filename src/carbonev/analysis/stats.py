"""Summaries of Monte Carlo samples: distributions per stage, and A-versus-B comparisons.

Per-km figures divide each iteration's footprint by that iteration's own lifetime distance
(``Samples.lifetimes``): the lifetime is itself sampled, so dividing by the deterministic lifetime
would misplace every per-km percentile.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from carbonev.analysis.montecarlo import Samples
from carbonev.inventory.foreground import STAGES


def _describe(x: np.ndarray) -> dict[str, float]:
    p5, p50, p95 = np.percentile(x, [5, 50, 95])
    return {"mean": float(x.mean()), "sd": float(x.std(ddof=1)) if len(x) > 1 else 0.0, "median": float(p50),
            "p5": float(p5), "p95": float(p95)}


def summary(samples: Samples) -> pd.DataFrame:
    """Tidy: vehicle, stage (and 'total'), mean, sd, median, p5, p95 [kg CO2e per vehicle], and the
    same statistics of the per-km values (``*_per_km`` [g CO2e/km]) when lifetimes are known."""
    rows = []
    for v, name in enumerate(samples.names):
        per_stage = samples.values[:, v, :]
        series = [(s, per_stage[:, k]) for k, s in enumerate(STAGES)] + [("total", per_stage.sum(axis=1))]
        for stage, x in series:
            row = {"vehicle": name, "stage": stage, **_describe(x)}
            if samples.lifetimes is not None:
                km = _describe(x * 1000.0 / samples.lifetimes[:, v])
                row.update({f"{key}_per_km": km[key] for key in ("mean", "median", "p5", "p95")})
            rows.append(row)
    return pd.DataFrame(rows)


def probability_lower(samples: Samples) -> pd.DataFrame:
    """P(row vehicle's footprint < column vehicle's), drawn on shared background samples; compared
    per km of each iteration's own lifetime when lifetimes are known, otherwise per vehicle."""
    totals = samples.values.sum(axis=2) if samples.lifetimes is None else samples.per_km()
    n = len(samples.names)
    p = np.array([[np.mean(totals[:, a] < totals[:, b]) if a != b else np.nan for b in range(n)] for a in range(n)])
    return pd.DataFrame(p, index=samples.names, columns=samples.names)
