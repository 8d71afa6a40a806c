"""Registration table in, fleet account out: what ``carbonev fleet run`` calls.

Steps: cohorts (summed rows) → model and baseline per cohort → unit factors from the engine
(once per model, region and year) → stock → activity → emissions of the project fleet and of
its baseline → savings (T/CSAE 235-2021: reduction = baseline − project − leakage) → tables
by calendar year, city and powertrain [t CO2e].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from carbonev.data.regions import region as find_region
from carbonev.fleet import data, registrations, survival
from carbonev.fleet.activity import annual_km, read_activity
from carbonev.fleet.emissions import PARTS, Lookup, cohort_emissions
from carbonev.fleet.factors import Engine, UnitFactors
from carbonev.fleet.models import Catalogue, assign, baselines
from carbonev.fleet.stock import expand

GROUP = ["year", "city", "powertrain"]


@dataclass
class Options:
    province: str = "Zhejiang"  # grid region of rows without a `province` column
    start: int | None = None  # first calendar year (default: first registration year)
    end: int | None = None  # last calendar year (default: last registration year)
    first_year_share: float = 0.5
    models: str | Path | None = None
    survival: str | Path | None = None
    baseline: str | Path | None = None
    activity: str | Path | None = None
    method: str | None = None
    store: str | Path | None = None
    scheduler: str | None = None
    electricity_factor: str | None = None  # 'co2' or 'life-cycle' for every spec (default: each spec's own)
    leakage_share: float | None = None  # replaces the baseline file's leakage (a benefit methodology's)
    baseline_per_km: float | None = None  # [kg/km] fixed baseline operation factor (a methodology's)


@dataclass
class FleetResult:
    table: pd.DataFrame  # by year, city, powertrain: vehicles and [t CO2e]
    cohorts: int
    vehicles: float
    assumptions: list[str]
    factors: UnitFactors
    inputs: dict[str, Path] = field(default_factory=dict)
    method: str = ""
    provenance: dict[str, str] = field(default_factory=dict)  # data hash, software versions

    def to_frame(self) -> pd.DataFrame:
        """By calendar year, city and powertrain: stock, activity, emissions and savings [t CO2e]."""
        return self.table

    def by_year(self) -> pd.DataFrame:
        """Province totals by calendar year."""
        return self.table.drop(columns=["city", "powertrain"]).groupby("year", sort=True).sum().reset_index()


def run(source: str | Path | pd.DataFrame, opts: Options | None = None, engine: Engine | None = None) -> FleetResult:
    """The fleet account of a registration file (or table) [raises SpecError on bad input]."""
    opts = opts or Options()
    file = str(source) if not isinstance(source, pd.DataFrame) else "registrations (table)"
    cohorts = (registrations.from_frame(source, file) if isinstance(source, pd.DataFrame)
               else registrations.read(source, opts.scheduler))
    sf, sf_path = data.load_survival(opts.survival)
    user = data.load_models(opts.models) if opts.models else None
    cat = Catalogue(data.load_models(), user)
    bl, bl_path = data.load_baseline(opts.baseline)
    cohorts["model_key"] = assign(cohorts, cat, file)
    cohorts["baseline_key"] = baselines(cohorts, bl, bl_path, cat)
    cohorts["region"] = _regions(cohorts, opts.province, file)
    cohorts["class"] = _classes(cohorts, sf, str(sf_path))
    years = np.arange(opts.start or int(cohorts["year"].min()), (opts.end or int(cohorts["year"].max())) + 1)
    engine = engine or Engine(opts.store, opts.method)
    models = sorted(set(cohorts["model_key"]) | set(cohorts["baseline_key"]))
    regions, reg_years = sorted(set(cohorts["region"])), sorted(set(cohorts["year"]))
    specs = {m: _with_factor(cat.specs[m], opts.electricity_factor) for m in models}
    uf = engine.unit_factors(specs,
                             [(m, r, y) for m in models for r in regions for y in reg_years],
                             [(m, r, int(y)) for m in models for r in regions for y in years])
    leakage = bl.leakage.share_of_baseline_operation if opts.leakage_share is None else opts.leakage_share
    table = _account(cohorts, uf, sf, years, models, regions, reg_years, opts, leakage)
    assumptions = _assumptions(cat, cohorts, bl, opts, sf)
    inputs = {k: Path(v) for k, v in (("registrations", None if isinstance(source, pd.DataFrame) else source),
                                      ("survival", sf_path), ("baseline", bl_path), ("models", opts.models),
                                      ("activity", opts.activity)) if v is not None}
    return FleetResult(table, len(cohorts), float(cohorts["count"].sum()), assumptions, uf, inputs, engine.method,
                       _provenance(engine))


def _provenance(engine) -> dict[str, str]:
    from carbonev.provenance.software import software_versions

    cat = getattr(engine, "catalog", None)
    out = {"data sha256": cat.sha256} if cat is not None else {}
    out.update({f"software {k}": str(v) for k, v in software_versions().items()})
    return out


def _with_factor(spec, electricity_factor: str | None):
    if electricity_factor is None:
        return spec
    from carbonev.specs.overrides import apply

    return apply(spec, {"use.electricity_factor": electricity_factor}, origin="fleet electricity factor")


def _regions(cohorts: pd.DataFrame, default: str, file: str) -> pd.Series:
    from carbonev.errors import SpecError, UnknownName

    names = cohorts["province"] if "province" in cohorts else pd.Series([None] * len(cohorts), index=cohorts.index)
    names = names.where(names.notna(), default)
    codes = {}
    for n in names.unique():
        try:
            codes[n] = find_region(n).code
        except UnknownName as exc:
            where = ("province", file) if "province" in cohorts and n != default else ("--province", None)
            raise SpecError(str(exc), file=where[1], field=where[0]) from None
    return names.map(codes)


def _classes(cohorts: pd.DataFrame, sf: data.SurvivalFile, file: str) -> pd.Series:
    given = cohorts["class"] if "class" in cohorts else pd.Series([None] * len(cohorts), index=cohorts.index)
    default = cohorts["segment"].map(sf.segment_classes)
    out = given.where(given.notna(), default)
    if out.isna().any():
        seg = cohorts.loc[out.isna(), "segment"].iloc[0]
        from carbonev.errors import SpecError

        raise SpecError(f"no survival class for segment {seg!r}; add it to segment_classes or give a `class` column",
                        file=file, field="segment_classes")
    return out.astype(str)


def _lookup(uf: UnitFactors, models: list[str], regions: list[str], reg_years: list[int], years: np.ndarray) -> Lookup:
    v = uf.vehicle.reindex(pd.MultiIndex.from_product([models, regions, reg_years]))
    u = uf.use.reindex(pd.MultiIndex.from_product([models, regions, list(map(int, years))]))
    shape_v, shape_u = (len(models), len(regions), len(reg_years)), (len(models), len(regions), len(years))
    return Lookup(*(v[c].to_numpy().reshape(shape_v) for c in ("production", "end_of_life", "maintenance_per_km")),
                  *(u[c].to_numpy().reshape(shape_u) for c in ("upstream_per_km", "direct_per_km",
                                                              "direct_per_vehicle_year")))


def _account(cohorts: pd.DataFrame, uf: UnitFactors, sf: data.SurvivalFile, years: np.ndarray, models: list[str],
             regions: list[str], reg_years: list[int], opts: Options, leakage_share: float) -> pd.DataFrame:
    classes = sorted(set(cohorts["class"]))
    max_age = int(years.max() - min(reg_years)) + 1
    st = expand(cohorts["count"].to_numpy(), cohorts["year"].to_numpy(), cohorts["class"].map(
        {c: i for i, c in enumerate(classes)}).to_numpy(), survival.table(sf, classes, max(max_age, 1)), years,
        opts.first_year_share)
    mi = {m: i for i, m in enumerate(models)}
    pm, bm = cohorts["model_key"].map(mi).to_numpy(), cohorts["baseline_key"].map(mi).to_numpy()
    ri = cohorts["region"].map({r: i for i, r in enumerate(regions)}).to_numpy()
    yi = cohorts["year"].map({y: i for i, y in enumerate(reg_years)}).to_numpy()
    lk = _lookup(uf, models, regions, reg_years, years)
    life = uf.vehicle["lifetime_km"] / uf.vehicle["years"]
    default_km = cohorts["model_key"].map(life.groupby(level="model").first()).to_numpy()
    g, t = np.nonzero(st.active)
    cells = pd.DataFrame({"year": years[t], "city": cohorts["city"].to_numpy()[g],
                          "powertrain": cohorts["powertrain"].to_numpy()[g], "class": cohorts["class"].to_numpy()[g],
                          "age": st.age[g, t]})
    km = np.zeros(st.age.shape)
    activity = read_activity(opts.activity) if opts.activity else None
    km[g, t] = annual_km(cells, default_km[g], activity)
    vkm = st.vehicle_years * km
    project = cohort_emissions(st, vkm, pm, ri, yi, lk)
    base = cohort_emissions(st, vkm, bm, ri, yi, lk)
    if opts.baseline_per_km is not None:
        base["operation"] = vkm * opts.baseline_per_km
    cols = {"stock_end": st.stock_end, "new_registrations": st.new, "exits": st.exits,
            "vehicle_years": st.vehicle_years, "vehicle_km": vkm}
    cols.update({k: v / 1000.0 for k, v in project.items()})
    cols.update({f"baseline_{k}": v / 1000.0 for k, v in base.items()})
    for k, v in cols.items():
        cells[k] = v[g, t]
    out = cells.drop(columns=["class", "age"]).groupby(GROUP, sort=True).sum().reset_index()
    return _savings(out, leakage_share)


def _savings(out: pd.DataFrame, leakage_share: float) -> pd.DataFrame:
    """T/CSAE 235-2021: reduction = baseline − project − leakage, operation-only and life-cycle [t CO2e]."""
    out["life_cycle"] = out[list(PARTS)].sum(axis=1)
    out["baseline_life_cycle"] = out[[f"baseline_{p}" for p in PARTS]].sum(axis=1)
    out["leakage"] = leakage_share * out["baseline_operation"]
    out["reduction_operation"] = out["baseline_operation"] - out["operation"] - out["leakage"]
    out["reduction_life_cycle"] = out["baseline_life_cycle"] - out["life_cycle"] - out["leakage"]
    return out


def _assumptions(cat: Catalogue, cohorts: pd.DataFrame, bl: data.BaselineFile, opts: Options,
                 sf: data.SurvivalFile) -> list[str]:
    out = [f"model {k}: {cat.origin[k]}" for k in sorted(set(cohorts["model_key"]))]
    out += [f"baseline for segment {s}: {k} ({cat.origin[k]})"
            for s, k in sorted(set(zip(cohorts["segment"], cohorts["baseline_key"], strict=True)))]
    if opts.leakage_share is None:
        out.append(f"baseline method: {bl.method}; leakage {bl.leakage.share_of_baseline_operation:g} of baseline "
                   f"operation ({bl.leakage.basis})")
    else:
        out.append(f"baseline method: {bl.method}; leakage {opts.leakage_share:g} of baseline operation "
                   "(benefit methodology)")
    if opts.baseline_per_km is not None:
        out.append(f"baseline operation: fixed {opts.baseline_per_km:g} kg CO2e/km (benefit methodology)")
    if opts.electricity_factor:
        out.append(f"electricity factor of every vehicle: {opts.electricity_factor}")
    out += [f"survival class {c}: {sf.curves[c].form} ({sf.name} {sf.version})" for c in sorted(set(cohorts["class"]))]
    out.append(f"first-year share on the road: {opts.first_year_share:g}")
    out.append("activity: " + (f"file {opts.activity}" if opts.activity else
                               "engine default lifetime_km / service years of each model's spec, flat in age"))
    out.append(f"grid region of rows without a province: {opts.province}")
    return out
