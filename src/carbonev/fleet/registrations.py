"""The registration table: read (CSV or Parquet), check, and aggregate to cohorts.

One row = vehicles first registered in one place and year:

    city, year, powertrain, segment, count        required
    model, class, province                        optional (model key, survival class, grid region)

Emissions are linear in ``count``, so rows are summed per cohort (every key column alike)
before any arithmetic: millions of rows become a few thousand cohorts. With pyarrow in one
process, or with dask.dataframe on a Dask scheduler (same sums, exact integers).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from carbonev.errors import SpecError

REQUIRED = ("city", "year", "powertrain", "segment", "count")
OPTIONAL = ("model", "class", "province")
POWERTRAINS = ("BEV", "PHEV", "HEV", "FCEV", "ICEV-gasoline", "ICEV-diesel", "ICEV-methanol")
SEGMENTS = ("A0", "A", "B", "C", "SUV", "city-bus", "light-van", "heavy-truck")
YEARS = (1990, 2060)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix in (".csv", ".txt"):
        return "csv"
    raise SpecError("registrations must be a .csv or .parquet file", file=str(path), field="file")


def _columns(names: list[str], file: str) -> list[str]:
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise SpecError(f"missing column(s) {', '.join(missing)}; required: {', '.join(REQUIRED)}", file=file,
                        field=missing[0])
    unknown = [c for c in names if c not in REQUIRED + OPTIONAL]
    if unknown:
        raise SpecError(f"unknown column {unknown[0]!r}; allowed: {', '.join(REQUIRED + OPTIONAL)}", file=file,
                        field=unknown[0])
    return [c for c in REQUIRED + OPTIONAL if c in names and c != "count"]


def _numeric(dtype: str, file: str) -> None:
    if not dtype.lower().startswith(("int", "uint", "float", "double")):
        raise SpecError(f"count must be a number of vehicles (column type is {dtype})", file=file, field="count")


def _arrow_table(path: Path):
    from carbonev.extras import require

    require("fleet", "reading registration tables")
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    kind = _kind(path)
    try:
        if kind == "parquet":
            return pq.read_table(path)
        strings = {c: pa.string() for c in ("city", "powertrain", "segment") + OPTIONAL}
        return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=strings))
    except (OSError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError) or not path.exists():
            raise SpecError("file not found", file=str(path), field="file") from None
        raise SpecError(f"cannot read: {str(exc).splitlines()[0]}", file=str(path), field="file") from None


def _local(path: Path) -> tuple[pd.DataFrame, float]:
    import pyarrow.compute as pc

    t = _arrow_table(path)
    keys = _columns(t.column_names, str(path))
    _numeric(str(t["count"].type), str(path))
    for c in keys:
        if c != "year":
            t = t.set_column(t.column_names.index(c), c, pc.cast(t[c], "string"))
    low = pc.min(t["count"]).as_py() if t.num_rows else 0
    g = t.group_by(keys, use_threads=True).aggregate([("count", "sum")]).to_pandas()
    return g.rename(columns={"count_sum": "count"}), float(low if low is not None else 0)


def _on_dask(path: Path, scheduler: str) -> tuple[pd.DataFrame, float]:
    from carbonev.extras import require

    require("parallel", "--scheduler")
    import dask
    import dask.dataframe as dd

    from carbonev.analysis.parallel import client_for

    if not path.exists():
        raise SpecError("file not found", file=str(path), field="file")
    ddf = dd.read_parquet(str(path)) if _kind(path) == "parquet" else dd.read_csv(
        str(path), dtype={c: "string" for c in ("city", "powertrain", "segment") + OPTIONAL}, blocksize="64MB")
    keys = _columns(list(ddf.columns), str(path))
    _numeric(str(ddf["count"].dtype), str(path))
    with client_for(scheduler):
        g, low = dask.compute(ddf.groupby(keys, dropna=False)["count"].sum(), ddf["count"].min())
    return g.reset_index(), float(low)


def read(path: str | Path, scheduler: str | None = None) -> pd.DataFrame:
    """Cohorts of the registration file: key columns + ``count`` [vehicle], checked.

    ``scheduler`` ('local' or a Dask address) reads and sums on Dask; otherwise pyarrow.
    """
    from carbonev.extras import require

    require("fleet", "reading registration tables")  # Arrow reads them, on one process or on Dask
    p = Path(path)
    cohorts, lowest = _on_dask(p, scheduler) if scheduler else _local(p)
    return check(cohorts, lowest, str(p))


def check(g: pd.DataFrame, lowest: float, file: str) -> pd.DataFrame:
    """Validate aggregated cohorts [raises SpecError naming the file and column]."""
    g = g.copy()
    for col in ("city", "powertrain", "segment") + OPTIONAL:
        if col in g:
            g[col] = g[col].astype(object).where(g[col].notna(), None).map(lambda v: None if v is None else str(v))
    if lowest < 0:
        raise SpecError(f"counts must not be negative (found {lowest:g})", file=file, field="count")
    for col, valid in (("powertrain", POWERTRAINS), ("segment", SEGMENTS)):
        bad = sorted(set(g[col].dropna().unique()) - set(valid))
        if bad or g[col].isna().any():
            shown = bad[0] if bad else "an empty value"
            raise SpecError(f"{shown!r} is not a {col}; valid: {', '.join(valid)}", file=file, field=col)
    if g["city"].isna().any():
        raise SpecError("a row has no city", file=file, field="city")
    years = pd.to_numeric(g["year"], errors="coerce")
    if years.isna().any() or (years != np.floor(years)).any():
        raise SpecError("year must be a whole number (year of first registration)", file=file, field="year")
    if years.min() < YEARS[0] or years.max() > YEARS[1]:
        raise SpecError(f"year {int(years.min() if years.min() < YEARS[0] else years.max())} outside "
                        f"{YEARS[0]}-{YEARS[1]}", file=file, field="year")
    out = g
    out["year"] = years.astype(int)
    out["count"] = out["count"].astype(float)
    for col in OPTIONAL:
        if col in out:
            out[col] = out[col].where(out[col].notna() & (out[col] != ""), None)
    sort = [c for c in ("year", "city", "powertrain", "segment", "model", "class", "province") if c in out]
    return out[out["count"] > 0].sort_values(sort, na_position="first").reset_index(drop=True)


def from_frame(frame: pd.DataFrame, file: str = "registrations") -> pd.DataFrame:
    """Cohorts of an in-memory table (same columns and checks as a file)."""
    keys = _columns(list(frame.columns), file)
    _numeric(str(frame["count"].dtype), file)
    lowest = float(frame["count"].min()) if len(frame) else 0.0
    g = frame.groupby(keys, dropna=False, sort=False)["count"].sum().reset_index()
    return check(g, lowest, file)
