"""EV-trip benefits (T/CSAE 235-2021 structure) per vehicle model and per fleet.

Per vehicle model, year by year of its service life, km a year from the engine default
(lifetime_km / service years) unless given [t CO2e]:

    baseline(Y) = km · baseline_per_km(Y)   (the segment's combustion vehicle, or the method's fixed factor)
    project(Y)  = km · project_per_km(Y) + refrigerant per vehicle-year
    leakage(Y)  = leakage_share · baseline(Y)
    reduction   = baseline − project − leakage                      (operation-only: the standard)
    life cycle  = the same plus production, maintenance, end of life of each vehicle (carbonev's view)
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from carbonev.benefit.methods import Method, value
from carbonev.fleet import data
from carbonev.fleet.factors import Engine
from carbonev.fleet.models import Catalogue, baselines
from carbonev.fleet.pipeline import FleetResult, Options, run
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import apply


def _baseline_file(method: Method) -> str | Path | None:
    if method.baseline is None:
        return None
    p = Path(method.baseline)
    return p if p.suffix in (".yaml", ".yml") else data.fleet_dir() / f"{method.baseline}.yaml"


def vehicle(spec_path: str | Path, method: Method, engine: Engine, region: str = "Zhejiang",
            first_year: int | None = None, years: float | None = None,
            km_per_year: float | None = None) -> pd.DataFrame:
    """Year-by-year benefit of one vehicle of a model [t CO2e]; columns as in the module doc."""
    spec = apply(load_vehicle(spec_path), {"use.electricity_factor": method.electricity_factor}, origin="benefit")
    if first_year is None:
        first_year = spec.use.first_year
    bl, bl_path = data.load_baseline(_baseline_file(method))
    cat = Catalogue(data.load_models())
    seg = pd.DataFrame({"segment": [spec.segment or "B"]})
    base_key = baselines(seg, bl, bl_path, cat).iloc[0]
    base = apply(cat.specs[base_key], {"use.electricity_factor": method.electricity_factor}, origin="benefit")
    specs = {"project": spec, "baseline": base}
    life = years or engine.service_years(spec)
    cal = [first_year + i for i in range(math.ceil(life))]
    uf = engine.unit_factors(specs, [(k, region, first_year) for k in specs],
                             [(k, region, y) for k in specs for y in cal])
    v = uf.vehicle.xs(first_year, level="reg_year").xs(region, level="region")
    km = km_per_year or float(v.loc["project", "lifetime_km"] / v.loc["project", "years"])
    fixed, share = value(method, "baseline_per_km"), value(method, "leakage_share", 0.0)
    rows = []
    for i, y in enumerate(cal):
        w = min(1.0, life - i)  # share of the year in service
        u = uf.use.xs(region, level="region")
        op = {k: w * (km * (u.loc[(k, y), "upstream_per_km"] + u.loc[(k, y), "direct_per_km"])
                      + u.loc[(k, y), "direct_per_vehicle_year"]) for k in specs}
        if fixed is not None:
            op["baseline"] = w * km * fixed
        other = {k: w * km * v.loc[k, "maintenance_per_km"] + (v.loc[k, "production"] if i == 0 else 0.0)
                 + (v.loc[k, "end_of_life"] if i == len(cal) - 1 else 0.0) for k in specs}
        leak = share * op["baseline"]
        rows.append({"year": y, "km": w * km, "baseline_operation": op["baseline"], "project_operation": op["project"],
                     "leakage": leak, "reduction_operation": op["baseline"] - op["project"] - leak,
                     "reduction_life_cycle": op["baseline"] + other["baseline"] - op["project"] - other["project"]
                     - leak})
    out = pd.DataFrame(rows)
    out[out.columns[2:]] = out[out.columns[2:]] / 1000.0
    out.attrs.update({"model": spec.name, "baseline": f"{base_key} ({cat.origin[base_key]})", "region": region,
                      "km_per_year": km, "service_years": life, "method": method.name, "claim": method.label("en")})
    return out


def fleet(registrations: str | Path, method: Method, opts: Options, engine: Engine | None = None) -> FleetResult:
    """The fleet account under ``method``: its baseline file, leakage, electricity factor and,
    if it fixes one, its baseline factor per km."""
    opts.baseline = opts.baseline or _baseline_file(method)
    opts.electricity_factor = method.electricity_factor
    opts.leakage_share = value(method, "leakage_share", 0.0)
    opts.baseline_per_km = value(method, "baseline_per_km")
    return run(registrations, opts, engine)
