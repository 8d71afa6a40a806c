"""Fleet results to files: tables (CSV, Parquet, XLSX) and charts (PNG), each written atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from carbonev.errors import SpecError
from carbonev.io.files import atomic_path

FORMATS = ("csv", "parquet", "xlsx")
UNITS = {"stock_end": "vehicle", "new_registrations": "vehicle", "exits": "vehicle",
         "vehicle_years": "vehicle·year", "vehicle_km": "km"}  # every other number: t CO2e


def write_table(frame: pd.DataFrame, path: Path, sheet: str = "fleet") -> Path:
    """One table in the format of ``path``'s suffix (.csv, .parquet, .xlsx)."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise SpecError(f"unknown table format {kind!r}; use {', '.join(FORMATS)}", file=str(path), field="--format")
    if kind != "csv":
        from carbonev.extras import require

        require("fleet" if kind == "parquet" else "excel", f"--format {kind}")
    with atomic_path(path, "--out", suffix=path.suffix) as tmp:
        if kind == "csv":
            frame.to_csv(tmp, index=False)
        elif kind == "parquet":
            frame.to_parquet(tmp, index=False)
        else:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
                frame.to_excel(xl, sheet_name=sheet, index=False)
                units = pd.DataFrame({"column": frame.columns,
                                      "unit": [UNITS.get(c, "t CO2e" if frame[c].dtype.kind == "f" else "-")
                                               for c in frame.columns]})
                units.to_excel(xl, sheet_name="units", index=False)
    return path


def chart_by_city(table: pd.DataFrame, path: Path, column: str = "life_cycle", title: str = "") -> Path:
    """Stacked bars: ``column`` [t CO2e] by calendar year, one colour per city."""
    plt = _pyplot()
    wide = table.groupby(["year", "city"])[column].sum().unstack("city").fillna(0.0) / 1e3
    fig, ax = plt.subplots(figsize=(9, 5))
    bottom = None
    cmap = plt.get_cmap("tab20")
    for i, city in enumerate(wide.columns):
        ax.bar(wide.index, wide[city], bottom=bottom, label=city, color=cmap(i % 20))
        bottom = wide[city] if bottom is None else bottom + wide[city]
    ax.set_xlabel("calendar year")
    ax.set_ylabel(f"{column.replace('_', ' ')} [kt CO2e]")
    ax.set_title(title or f"Fleet emissions ({column.replace('_', ' ')}) by city")
    ax.legend(fontsize=7, ncol=2, frameon=False)
    return _save(fig, plt, path)


def chart_cumulative_savings(by_year: pd.DataFrame, path: Path, title: str = "") -> Path:
    """Cumulative reduction against the baseline [kt CO2e], operation-only and life-cycle."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 5))
    for col, label in (("reduction_operation", "operation only"), ("reduction_life_cycle", "life cycle")):
        ax.plot(by_year["year"], by_year[col].cumsum() / 1e3, marker="o", label=label)
    ax.axhline(0.0, color="grey", lw=0.8)
    ax.set_xlabel("calendar year")
    ax.set_ylabel("cumulative avoided emissions [kt CO2e]")
    ax.set_title(title or "Cumulative savings against the combustion baseline (T/CSAE 235-2021)")
    ax.legend(frameon=False)
    return _save(fig, plt, path)


def _pyplot():
    from carbonev.extras import require

    require("plots", "fleet charts (--no-charts leaves them out)")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, plt, path: Path) -> Path:
    fig.tight_layout()
    with atomic_path(path, "--out", suffix=path.suffix) as tmp:
        fig.savefig(tmp, dpi=110, format=path.suffix.lstrip(".") or "png")
    plt.close(fig)
    return path
