"""Tables for people: a station's footprint per kWh delivered (by hour and per year) and a
vehicle's charging summary (time-of-use weight, valley check, V2G avoided emissions).

Prices come from the engine (``engine_adapter.pricer``): kg CO2e per unit of the grid, PV and
storage activities, so these numbers and the vehicle footprints come from one engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from carbonev.inventory.charging.station_links import StationModel
from carbonev.specs.calendar import HOUR_OF_DAY

LABEL = "ESTIMATE: hourly grid intensity = official annual factor × estimated shape (docs/charging.md)"


@dataclass
class StationResult:
    name: str
    annual: float  # kg CO2e per kWh delivered
    by_part: dict[str, float]  # kg CO2e per kWh delivered, by grid / pv / storage / chargers
    by_hour: pd.DataFrame  # hour of day: delivered kWh/yr, kg CO2e per kWh delivered
    hourly: pd.DataFrame  # 8,760 rows
    flows: dict[str, float]  # kWh/yr
    notes: list[str]

    def to_frame(self) -> pd.DataFrame:
        """By hour of day: delivered [kWh/yr] and kg CO2e per kWh delivered."""
        return self.by_hour.reset_index()


def station_result(m: StationModel, price) -> StationResult:
    """Per-kWh footprints of a dispatched station, priced by ``price(code=, flow=)`` [kg CO2e/unit]."""
    d = m.dispatch
    parts: dict[str, float] = {}
    for link in m.links:
        parts[link.kind] = parts.get(link.kind, 0.0) + link.amount * price(code=link.code, flow=link.flow)
    f_grid = price(code=m.grid_code)
    f_pv = price(code=m.spec.pv.factor) if m.spec.pv is not None else 0.0
    embodied = parts.get("storage", 0.0) + parts.get("chargers", 0.0)
    burden = d.grid * f_grid * m.shape + d.pv_direct * f_pv
    pool = 0.0
    moved = np.zeros(len(burden))
    for t in np.nonzero(d.pv_to_storage + d.from_storage)[0]:  # stored PV carries its burden to the discharge hour
        pool += d.pv_to_storage[t] * f_pv
        moved[t] = pool * d.from_pool[t]
        pool -= moved[t]
    burden = burden + moved
    total = float(d.load.sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        per_kwh = np.where(d.load > 0, burden / d.load + embodied, np.nan)
    hourly = pd.DataFrame({"hour_of_year": np.arange(len(burden)), "delivered_kwh": d.load, "grid_kwh": d.grid,
                           "pv_direct_kwh": d.pv_direct, "from_storage_kwh": d.from_storage,
                           "kg_co2e_per_kwh": per_kwh})
    clock = HOUR_OF_DAY[: len(burden)] if len(burden) == len(HOUR_OF_DAY) else np.arange(len(burden)) % 24
    by_hour = pd.DataFrame({"delivered_kwh": np.bincount(clock, d.load, 24), "kg": np.bincount(clock, burden, 24)})
    with np.errstate(invalid="ignore", divide="ignore"):
        by_hour["kg_co2e_per_kwh"] = np.where(by_hour.delivered_kwh > 0,
                                              by_hour.kg / by_hour.delivered_kwh + embodied, np.nan)
    by_hour = by_hour.drop(columns="kg").rename_axis("hour")
    annual = sum(parts.values())
    notes = [LABEL, f"grid: {m.grid_code}; {m.shape_note}"]
    if m.grid_note:
        notes.append(f"grid substitution: {m.grid_note}")
    idle = float(burden[d.load <= 0].sum())
    if idle > 0:
        notes.append(f"{idle:.4g} kg CO2e/yr drawn in hours without deliveries (standby) is in the annual figure, "
                     "not in the by-hour one")
    if pool > 1e-9 * max(total, 1.0):
        notes.append(f"{pool:.4g} kg CO2e of PV stored at year end is spread over the year's kWh")
    flows = {"delivered": total, "grid": float(d.grid.sum()), "pv": float(d.pv.sum()),
             "pv_used": float((d.pv_direct + d.pv_to_storage).sum()), "pv_exported": float(d.export.sum()),
             "storage_out": float(d.from_storage.sum()), "standby_and_losses": float((d.demand - d.load).sum())}
    return StationResult(m.spec.name, annual, parts, by_hour, hourly, flows, notes)


def charging_summary(spec, cat, price) -> dict:
    """Charging profile, valley check and V2G views of one vehicle spec (a JSON-ready dict)."""
    from carbonev.inventory import grid
    from carbonev.inventory.charging.charging_profile import FLAT, energy_shares, named_shares, valley_check
    from carbonev.inventory.charging.use_links import time_weight

    use = spec.use
    ch = use.charging
    year = use.first_year
    choice = grid.choose(cat.activity_codes, use.region, year, grid.BASIS[use.electricity_factor])
    factor = price(code=choice.code)
    out: dict = {"label": LABEL, "region": use.region, "year": year, "grid_activity": choice.code,
                 "annual_factor": factor}
    if ch is not None and ch.station is not None:
        out["station"] = ch.station.name
        return out
    name = (ch.profile if ch and ch.profile else ("own matrix" if ch and ch.matrix else FLAT))
    w, note = time_weight(ch, cat, use.region, year)
    out.update({"profile": name, "time_of_use_weight": w, "profile_weighted_factor": factor * w, "shape": note})
    shares = energy_shares(np.array(ch.matrix)) if ch and ch.matrix else named_shares(cat.profiles, name)
    kind = cat.profiles.charging_profiles.get(name)
    private = ch.private if ch and ch.private is not None else bool(kind and kind.kind == "private")
    vc = valley_check(cat.profiles, shares, use.region, private, ch.valley_hours if ch else None)
    out["valley_check"] = {"valley_share": vc.valley_share, "target": vc.target, "applies_to": vc.target_label,
                           "passes": vc.passes, "valley_hours": list(vc.valley_hours), "source": vc.source}
    if ch is not None and ch.v2g is not None:
        out["v2g"] = _v2g_views(spec, cat, price, factor, w, year)
    return out


def _v2g_views(spec, cat, price, factor: float, w_charge: float, year: int) -> dict:
    from carbonev.inventory.charging.charging_profile import energy_shares, named_shares
    from carbonev.inventory.charging.v2g import avoided, plan
    from carbonev.inventory.charging.weighting import matrix_weight, named_weight
    from carbonev.inventory.resolve import resolve

    ch = spec.use.charging
    v = ch.v2g
    r = resolve(spec, cat)
    eff = spec.energy.charging_efficiency or cat.value("charging_efficiency", "dimensionless")
    p = plan(v, r.years, spec.battery.capacity, eff)
    w_dis, _ = (named_weight(cat.profiles, spec.use.region, year, v.profile) if v.profile
                else matrix_weight(cat.profiles, spec.use.region, year, v.matrix))
    views = [avoided(p, "average", factor * w_dis, factor * w_charge,
                     "hourly average intensity (official annual factor × estimated shape) at discharge / charge hours")]
    if ch.marginal_matrix is not None:
        mm = np.array(ch.marginal_matrix)
        p_dis = energy_shares(np.array(v.matrix)) if v.matrix else named_shares(cat.profiles, v.profile)
        p_chg = (energy_shares(np.array(ch.matrix)) if ch.matrix else
                 named_shares(cat.profiles, ch.profile or "flat"))
        views.append(avoided(p, "marginal", float((p_dis * mm).sum()), float((p_chg * mm).sum()),
                             f"user's marginal series ({ch.marginal_file})"))
    else:
        code = _fossil_code(cat, year)
        m = price(code=code)
        views.append(avoided(p, "marginal", m, m, f"proxy: fossil-power CO2 factor {code} at charge and discharge "
                             "(coal at the margin; no marginal series supplied)"))
    return {"discharged_kwh": p.discharged_kwh, "round_trip_efficiency": p.efficiency, "losses_kwh": p.loss_kwh,
            "extra_cycles": p.cycles, "extra_fade": p.fade, "pack_share": p.pack_share,
            "note": "avoided emissions are reported beside the footprint and never netted into it",
            "views": [{"view": a.view, "displaced_kg": a.displaced, "recharged_kg": a.recharged,
                       "net_system_kg": a.net_system, "basis": a.basis} for a in views]}


def _fossil_code(cat, year: int) -> str:
    years = sorted(int(c.rsplit("-", 1)[1]) for c in cat.activity_codes if c.startswith("electricity-co2-cn-fossil-"))
    earlier = [y for y in years if y <= year]
    return f"electricity-co2-cn-fossil-{(earlier or years)[-1]}"
