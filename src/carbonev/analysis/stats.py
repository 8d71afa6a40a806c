"""Summaries of Monte Carlo samples: distributions per stage, and A-versus-B comparisons."""

from __future__ import annotations

import numpy as np
import pandas as pd

from carbonev.analysis.montecarlo import Samples
from carbonev.inventory.foreground import STAGES


def summary(samples: Samples, lifetime_km: list[float] | None = None) -> pd.DataFrame:
    """Tidy: vehicle, stage (and 'total'), mean, sd, median, p5, p95 [kg CO2e per vehicle];
    plus per-km columns [g CO2e/km] when lifetimes are given."""
    rows = []
    for v, name in enumerate(samples.names):
        per_stage = samples.values[:, v, :]
        series = [(s, per_stage[:, k]) for k, s in enumerate(STAGES)] + [("total", per_stage.sum(axis=1))]
        for stage, x in series:
            p5, p50, p95 = np.percentile(x, [5, 50, 95])
            row = {"vehicle": name, "stage": stage, "mean": x.mean(), "sd": x.std(ddof=1) if len(x) > 1 else 0.0,
                   "median": p50, "p5": p5, "p95": p95}
            if lifetime_km is not None:
                for key in ("mean", "median", "p5", "p95"):
                    row[f"{key}_per_km"] = row[key] * 1000.0 / lifetime_km[v]
            rows.append(row)
    return pd.DataFrame(rows)


def probability_lower(samples: Samples, lifetime_km: list[float] | None = None) -> pd.DataFrame:
    """P(row vehicle's footprint < column vehicle's), drawn on shared background samples.

    Compared per km when lifetimes are given (vehicles with different lifetimes),
    otherwise per vehicle.
    """
    totals = samples.values.sum(axis=2)
    if lifetime_km is not None:
        totals = totals / np.asarray(lifetime_km)[None, :]
    n = len(samples.names)
    p = np.array([[np.mean(totals[:, a] < totals[:, b]) if a != b else np.nan for b in range(n)] for a in range(n)])
    return pd.DataFrame(p, index=samples.names, columns=samples.names)
