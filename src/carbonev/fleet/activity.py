"""Activity: kilometres a vehicle drives in a year, by class, age and optionally city.

Default (no activity file): the engine's own functional unit for the vehicle's spec,

    km(age) = lifetime_km / service_years          [km/(vehicle·year)], flat in age,

so a fleet and a single-vehicle footprint use the same distance. An activity file (CSV:
``class, km`` plus optional ``age`` and ``city``) replaces it where it has a row; the most
specific row wins (city + class + age, then class + age, city + class, class). Mileage that
declines with age is written as one row per age.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from carbonev.errors import SpecError

COLUMNS = ("class", "age", "city", "km")


def read_activity(path: str | Path) -> pd.DataFrame:
    """An activity file [raises SpecError naming file and column]."""
    p = Path(path)
    if not p.exists():
        raise SpecError("file not found", file=str(p), field="file")
    try:
        t = pd.read_csv(p, dtype={"class": "string", "city": "string"})
    except (ValueError, pd.errors.ParserError) as exc:
        raise SpecError(f"cannot read: {exc}", file=str(p), field="file") from None
    for c in ("class", "km"):
        if c not in t:
            raise SpecError(f"missing column {c!r}; columns: class, km, optional age and city", file=str(p), field=c)
    unknown = [c for c in t.columns if c not in COLUMNS]
    if unknown:
        raise SpecError(f"unknown column {unknown[0]!r}; allowed: {', '.join(COLUMNS)}", file=str(p), field=unknown[0])
    km = pd.to_numeric(t["km"], errors="coerce")
    if km.isna().any() or (km < 0).any():
        raise SpecError("km must be a number >= 0 [km per vehicle and year]", file=str(p), field="km")
    t["km"] = km.astype(float)
    if "age" in t:
        age = pd.to_numeric(t["age"], errors="coerce")
        if (age.dropna() < 0).any() or (age.dropna() != np.floor(age.dropna())).any():
            raise SpecError("age must be a whole number of years >= 0", file=str(p), field="age")
        t["age"] = age.astype("Int64")
    return t


def annual_km(cells: pd.DataFrame, default_km: np.ndarray, activity: pd.DataFrame | None) -> np.ndarray:
    """km per vehicle in each cell [km/(vehicle·year)]; ``cells`` has class, city, age;
    ``default_km`` is the engine default of each cell's model."""
    km = np.asarray(default_km, dtype=float).copy()
    if activity is None or activity.empty:
        return km
    keys = cells[["class", "city", "age"]].reset_index(drop=True)
    has_age, has_city = "age" in activity, "city" in activity
    levels = [(False, False), (has_city, False), (False, has_age), (has_city, has_age)]
    for by_city, by_age in levels:  # least specific first; later levels overwrite
        rows = activity
        rows = rows[rows["city"].notna()] if by_city else (rows[rows["city"].isna()] if has_city else rows)
        rows = rows[rows["age"].notna()] if by_age else (rows[rows["age"].isna()] if has_age else rows)
        if rows.empty:
            continue
        on = ["class"] + (["city"] if by_city else []) + (["age"] if by_age else [])
        right = rows[on + ["km"]].drop_duplicates(on, keep="last").copy()
        if by_age:
            right["age"] = right["age"].astype(int)
        left = keys[on].copy()
        merged = left.merge(right, on=on, how="left")
        hit = merged["km"].notna().to_numpy()
        km[hit] = merged["km"].to_numpy()[hit]
    return km
