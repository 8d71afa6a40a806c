"""Charging in time: a station's footprint per kWh delivered, and a vehicle's charging summary."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from carbonev.charging.results import StationResult


def _store(store: str | Path | None) -> Path:
    from carbonev.engine.store import default_store

    return Path(store) if store is not None else default_store()


@dataclass(frozen=True)
class ChargingResult:
    """``summary``: grid factor, time-of-use weight, valley check, V2G losses and avoided emissions
    (reported beside the footprint, never netted); numbers that do not apply are None."""

    summary: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.summary

    def to_frame(self) -> pd.DataFrame:
        """One row per number of the summary: key (dotted path), value."""
        import pandas as pd

        rows: list[tuple[str, Any]] = []

        def walk(value: Any, prefix: str) -> None:
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, f"{prefix}.{k}" if prefix else str(k))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, f"{prefix}[{i}]")
            else:
                rows.append((prefix, value))

        walk(self.summary, "")
        return pd.DataFrame(rows, columns=["key", "value"])


def station(station_file: str | Path, method: str | None = None, store: str | Path | None = None) -> StationResult:
    from carbonev.charging.engine_adapter import pricer
    from carbonev.charging.results import station_result
    from carbonev.data.catalog import shipped_catalog
    from carbonev.inventory.charging.station_links import station_model
    from carbonev.specs.charging_files import load_station

    cat = shipped_catalog()
    spec = load_station(station_file)
    return station_result(station_model(spec, cat), pricer(cat, _store(store), method))


def charging(spec: str | Path, method: str | None = None, store: str | Path | None = None) -> ChargingResult:
    from carbonev.charging.engine_adapter import pricer
    from carbonev.charging.results import charging_summary
    from carbonev.data.catalog import shipped_catalog
    from carbonev.specs.load import load_vehicle

    cat = shipped_catalog()
    summary = charging_summary(load_vehicle(spec), cat, pricer(cat, _store(store), method))
    clean = json.loads(json.dumps(summary, default=lambda _: None), parse_constant=lambda _: None)
    return ChargingResult(clean)
