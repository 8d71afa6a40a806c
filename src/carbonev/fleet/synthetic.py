"""A synthetic registration table, for benchmarks and scale tests — NOT data about any fleet.

Rows look like a vehicle-registry extract (one row per vehicle, ``count`` = 1, or small
counts): a Zhejiang city, a year of first registration, a powertrain and a segment. Shares are
arbitrary and uniform-ish on purpose; the table says nothing about real registrations.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# Zhejiang's eleven prefecture-level cities (names only)
CITIES = ("Hangzhou", "Ningbo", "Wenzhou", "Jiaxing", "Huzhou", "Shaoxing", "Jinhua", "Quzhou", "Zhoushan",
          "Taizhou", "Lishui")
KINDS = (("BEV", "A0"), ("BEV", "A"), ("BEV", "B"), ("BEV", "C"), ("BEV", "SUV"), ("PHEV", "B"), ("PHEV", "SUV"),
         ("BEV", "light-van"), ("BEV", "heavy-truck"))  # no city buses: no shipped combustion baseline


def places(counties: bool = False) -> tuple[str, ...]:
    """The eleven cities, or 90 synthetic county labels (city name + number) for high cardinality."""
    if not counties:
        return CITIES
    return tuple(f"{CITIES[i % len(CITIES)]}-{i // len(CITIES) + 1:02d}" for i in range(90))


def generate(rows: int, seed: int = 0, years: tuple[int, int] = (2015, 2025), max_count: int = 1,
             counties: bool = False) -> pd.DataFrame:
    """``rows`` synthetic registration rows (labelled synthetic; seeded, reproducible)."""
    rng = np.random.default_rng(seed)
    where = places(counties)
    n_years = years[1] - years[0] + 1
    growth = np.linspace(1.0, 4.0, n_years)  # more registrations in later years (synthetic shape)
    kind = rng.integers(0, len(KINDS), rows)
    return pd.DataFrame({
        "city": pd.Categorical.from_codes(rng.integers(0, len(where), rows), where),
        "year": (years[0] + rng.choice(n_years, rows, p=growth / growth.sum())).astype(np.int16),
        "powertrain": pd.Categorical([k for k, _ in KINDS])[kind],
        "segment": pd.Categorical([s for _, s in KINDS])[kind],
        "count": rng.integers(1, max_count + 1, rows).astype(np.int32),
    })


def write(rows: int, path: str | Path, seed: int = 0, max_count: int = 1, counties: bool = False) -> Path:
    """Write a synthetic table to ``path`` (.parquet or .csv), atomically."""
    from carbonev.io.files import atomic_path

    out = Path(path)
    table = generate(rows, seed, max_count=max_count, counties=counties)
    with atomic_path(out, "--output", suffix=out.suffix) as tmp:
        if out.suffix.lower() in (".parquet", ".pq"):
            table.to_parquet(tmp, index=False)
        else:
            table.to_csv(tmp, index=False)
    return out
