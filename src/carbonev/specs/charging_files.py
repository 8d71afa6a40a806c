"""File reads for charging: station specs, a user's 8,760-row series, hourly charging data.

Everything here runs BEFORE the inventory is built (``resolve`` is called when a vehicle
spec is loaded): the station and the series are embedded in the spec, so building the
inventory reads no file and sweep or Monte Carlo workers need none.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from carbonev.errors import SpecError
from carbonev.io.inputs import load, read_text
from carbonev.specs.calendar import HOURS, reduce_mean
from carbonev.specs.station import StationSpec
from carbonev.specs.vehicle import VehicleSpec


def _path(name: str, spec_file: str | Path | None) -> Path:  # noqa: D103  (same rule as carbonev.inputs.plant_path)
    path = Path(name)
    if not path.is_absolute() and spec_file:
        path = Path(os.path.normpath(Path(spec_file).parent / path))
    return path


def load_station(path: str | Path) -> StationSpec:
    """Read and validate a station spec [raises SpecError naming file and key path]."""
    return load(StationSpec, path)


def read_hourly_series(path: str | Path, field: str = "use.charging.grid_file") -> np.ndarray:
    """A one-year hourly series: a CSV with a header and 8,760 data rows; the LAST column holds the
    value (e.g. ``hour,kg_co2e_per_kwh``). Errors name the file and the row."""
    p = Path(path)
    if not p.exists():
        raise SpecError(f"file {str(p)!r} not found", field=field)
    values = []
    with io.StringIO(read_text(p, field), newline="") as fh:  # through the input gate (regular file, size cap)
        rows = csv.reader(fh)
        next(rows, None)
        for i, row in enumerate(rows, start=2):
            if not row:
                continue
            try:
                v = float(row[-1])
            except ValueError:
                raise SpecError(f"row {i}: {row[-1]!r} is not a number", file=str(p), field=field) from None
            if not np.isfinite(v) or v < 0:
                raise SpecError(f"row {i}: {v!r} must be a finite number >= 0", file=str(p), field=field)
            values.append(v)
    if len(values) != HOURS:
        raise SpecError(f"{len(values)} data rows; an hourly year needs {HOURS} (no leap day)", file=str(p),
                        field=field)
    return np.array(values)


def matrix_of(series: np.ndarray) -> tuple[tuple[float, ...], ...]:
    """24×12 month-hour means of an 8,760-hour series, as the spec stores it (lossless for weighting)."""
    return tuple(tuple(float(v) for v in row) for row in reduce_mean(series))


def charging_matrix_from_csv(path: str | Path, time_column: str = "time") -> tuple[tuple[float, ...], ...]:
    """24×12 mean charging energy from a timestamped hourly table (e.g. UrbanEV ``volume.csv``:
    a time column and one column per site, kWh); sites are summed. For ``use.charging.matrix``."""
    import pandas as pd

    table = pd.read_csv(path)
    if time_column not in table.columns:
        raise SpecError(f"no column {time_column!r}", file=str(path), field=time_column)
    t = pd.to_datetime(table.pop(time_column))
    total = table.select_dtypes("number").sum(axis=1)
    m = total.groupby([t.dt.hour, t.dt.month]).mean().unstack(fill_value=0.0)
    m = m.reindex(index=range(24), columns=range(1, 13), fill_value=0.0)
    return tuple(tuple(float(v) for v in row) for row in m.to_numpy())


def resolve(spec: VehicleSpec, spec_file: str | Path | None) -> VehicleSpec:
    """``spec`` with ``use.charging``'s files read and embedded (station, series matrices)."""
    ch = spec.use.charging
    if ch is None:
        return spec
    update: dict[str, object] = {}
    if ch.station_file is not None and ch.station is None:
        path = _path(ch.station_file, spec_file)
        if not path.exists():
            raise SpecError(f"station file {str(path)!r} not found", file=str(spec_file) if spec_file else None,
                            field="use.charging.station_file")
        update["station"] = load_station(path)
    for name in ("grid", "marginal"):
        file = getattr(ch, f"{name}_file")
        if file is not None and getattr(ch, f"{name}_matrix") is None:
            update[f"{name}_matrix"] = matrix_of(read_hourly_series(_path(file, spec_file),
                                                                    f"use.charging.{name}_file"))
    if not update:
        return spec
    use = spec.use.model_copy(update={"charging": ch.model_copy(update=update)})
    return spec.model_copy(update={"use": use})
