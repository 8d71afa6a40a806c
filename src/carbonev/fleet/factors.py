"""The one adapter between fleets/benefits and the engine: unit factors per vehicle model.

Every per-vehicle number of a fleet comes from the engine's own vehicle model, evaluated once
per (model, region, registration year) and (model, region, calendar year) — never per
registration row. Re-point this module when the engine API changes; nothing else in
``carbonev.fleet`` or ``carbonev.benefit`` calls the engine.

Decomposition (all [kg CO2e], AR6 GWP100 unless another method is chosen):

    production  = materials_and_parts + battery + vehicle_assembly     per vehicle, reg. year y0
    end_of_life = end_of_life + end_of_life_credit                      per vehicle, reg. year y0
    maintenance = maintenance / lifetime_km                             per km (life average)
    use in calendar year Y, from two one-year variants driven L and 2L km:
        upstream_per_km(Y)   = U(L) / L                  energy supply (grid of Y, fuels)
        direct_per_km(Y)     = (D(2L) - D(L)) / L        tailpipe
        direct_per_vehicle(Y) = D(L) - L · direct_per_km   refrigerant leakage per vehicle-year

The engine's use phase is linear in distance for energy and tailpipe and linear in years for
refrigerant leakage, so the split is exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from carbonev.specs.vehicle import VehicleSpec

PRODUCTION = ("materials_and_parts", "battery", "vehicle_assembly")
EOL = ("end_of_life", "end_of_life_credit")
L_KM = 10000.0  # [km] distance of the one-year use variants (any positive value gives the same factors)


@dataclass
class UnitFactors:
    """Per-vehicle factors by model. ``vehicle``: index (model, region, reg_year) → production,
    end_of_life [kg/vehicle], maintenance_per_km [kg/km], lifetime_km [km], years [year];
    ``use``: index (model, region, year) → upstream_per_km, direct_per_km [kg/km],
    direct_per_vehicle_year [kg/(vehicle·year)]."""

    vehicle: pd.DataFrame
    use: pd.DataFrame
    notes: list[str] = field(default_factory=list)


class Engine:
    """The engine, opened once: a solved background and the shipped catalogue."""

    def __init__(self, store: str | Path | None = None, method: str | None = None):
        from carbonev.data.catalog import shipped_catalog
        from carbonev.engine.evaluator import Evaluator
        from carbonev.engine.store import default_store

        self.catalog = shipped_catalog()
        self.method = self.catalog.method(method).name
        self.store = Path(store) if store else default_store()
        self.evaluator = Evaluator(self.catalog, self.store, method)

    def _stages(self, spec: VehicleSpec, variants: list[dict], origin: str) -> tuple[np.ndarray, list[float]]:
        """[variant, stage] impacts and lifetimes of ``variants`` of ``spec``: the sweep's evaluation."""
        from carbonev.analysis.sweep import evaluate_variants

        impacts, lifetimes, _ = evaluate_variants(self.evaluator, spec, variants, origin=origin)
        return impacts, lifetimes

    def stage_names(self) -> tuple[str, ...]:
        from carbonev.inventory.foreground import STAGES

        return STAGES

    def service_years(self, spec: VehicleSpec) -> float:
        """Service life the engine uses for ``spec`` [year] (its own or the class default)."""
        from carbonev.inventory.resolve import resolve

        return float(resolve(spec, self.catalog).years)

    def unit_factors(self, specs: dict[str, VehicleSpec], vehicle_keys: Iterable[tuple[str, str, int]],
                     use_keys: Iterable[tuple[str, str, int]]) -> UnitFactors:
        """Factors for every (model, region, reg_year) and (model, region, year) asked for."""
        names = self.stage_names()
        idx = {s: i for i, s in enumerate(names)}
        vrows, urows = [], []
        by_model: dict[str, list] = {}
        for key in sorted(set(vehicle_keys)):
            by_model.setdefault(key[0], []).append(("v", key))
        for key in sorted(set(use_keys)):
            by_model.setdefault(key[0], []).append(("u", key))
        for model, wanted in by_model.items():
            spec = specs[model]
            years = self.service_years(spec)
            variants, tags = [], []
            for kind, (_, region, year) in wanted:
                if kind == "v":
                    variants.append(_vehicle_variant(spec, region, year))
                    tags.append(("v", region, year, 0))
                else:
                    for n in (1, 2):
                        variants.append(_use_variant(region, year, n * L_KM))
                        tags.append(("u", region, year, n))
            impacts, lifetimes = self._stages(spec, variants, f"fleet model {model}")
            twice = {}
            for (kind, region, year, n), row, life in zip(tags, impacts, lifetimes, strict=True):
                if kind == "v":
                    vrows.append({"model": model, "region": region, "reg_year": year,
                                  "production": float(sum(row[idx[s]] for s in PRODUCTION)),
                                  "end_of_life": float(sum(row[idx[s]] for s in EOL)),
                                  "maintenance_per_km": float(row[idx["maintenance"]] / life),
                                  "lifetime_km": float(life), "years": years})
                else:
                    twice[(region, year, n)] = row
            for (region, year, n), row in twice.items():
                if n != 1:
                    continue
                row2 = twice[(region, year, 2)]
                d1, d2 = row[idx["use_direct"]], row2[idx["use_direct"]]
                per_km = (d2 - d1) / L_KM
                urows.append({"model": model, "region": region, "year": year,
                              "upstream_per_km": float(row[idx["use_energy_upstream"]] / L_KM),
                              "direct_per_km": float(per_km), "direct_per_vehicle_year": float(d1 - per_km * L_KM)})
        vehicle = pd.DataFrame(vrows, columns=["model", "region", "reg_year", "production", "end_of_life",
                                               "maintenance_per_km", "lifetime_km", "years"])
        use = pd.DataFrame(urows, columns=["model", "region", "year", "upstream_per_km", "direct_per_km",
                                           "direct_per_vehicle_year"])
        return UnitFactors(vehicle.set_index(["model", "region", "reg_year"]),
                           use.set_index(["model", "region", "year"]))

    def grid_factor(self, region: str, year: int, basis: str = "co2") -> tuple[float, str]:
        """Grid electricity [kg CO2e/kWh] of ``region`` in ``year`` and the activity used (with
        any substitution the engine made); ``basis``: 'co2' (emission factor) or 'life-cycle'."""
        from carbonev.data.regions import region as find_region
        from carbonev.inventory.grid import BASIS, choose

        ev = self.evaluator
        choice = choose(frozenset(self.catalog.activities), find_region(region).code, int(year), BASIS[basis])
        value = float(ev.intensities.impact[ev.column[choice.code]])
        return value, choice.code + (f" ({choice.substituted})" if choice.substituted else "")

    def activity_factor(self, code: str) -> float:
        """Impact of one unit of a shipped background activity [kg CO2e per unit]."""
        ev = self.evaluator
        return float(ev.intensities.impact[ev.column[code]])

    def parameter(self, name: str, unit: str) -> float:
        """A shipped parameter in ``unit``."""
        return self.catalog.value(name, unit)

    def footprint(self, spec: VehicleSpec) -> dict[str, float]:
        """Cradle-to-grave stages of one spec [kg CO2e per vehicle] and its lifetime [km]."""
        impacts, lifetimes = self._stages(spec, [{}], "benefit")
        out = dict(zip(self.stage_names(), map(float, impacts[0]), strict=True))
        out["lifetime_km"] = float(lifetimes[0])
        return out


def _vehicle_variant(spec: VehicleSpec, region: str, year: int) -> dict:
    v = {"use.region": region, "use.first_year": int(year), "manufacturing.year": int(year)}
    if spec.battery is not None and spec.battery.plant is not None:
        v["battery.plant.year"] = int(year)
    return v


def _use_variant(region: str, year: int, km: float) -> dict:
    return {"use.region": region, "use.first_year": int(year), "use.years": "1 year", "use.lifetime": f"{km:.0f} km"}
