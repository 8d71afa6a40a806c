"""The use phase's grid electricity when the spec says when and where it charges (``use.charging``).

Called once from ``inventory.use_phase.use_energy_upstream``; pure (no file reads: the
station and the user's series were embedded in the spec when it was loaded). Each use
year still links the official grid activity of that year, scaled by the time-of-use
weight ``w`` (carbonev.inventory.charging.weighting), so the engine prices every kWh.
"""

from __future__ import annotations

import numpy as np

from carbonev.errors import SpecError
from carbonev.inventory.charging.charging_profile import FLAT, energy_shares
from carbonev.inventory.charging.station_links import station_model
from carbonev.inventory.charging.v2g import plan
from carbonev.inventory.charging.weighting import matrix_weight, named_weight
from carbonev.specs.charging import Charging

_NAMED: dict[tuple[str, str, int, str], tuple[float, str, str]] = {}  # the precomputed table sweeps hit


def time_weight(ch: Charging | None, cat, region: str, year: int) -> tuple[float, str]:
    """(w, note) of the vehicle's charging profile in ``region`` and ``year`` (flat: 1.0 exactly)."""
    w, note, _ = _weight(ch, cat, region, year)
    return w, note


def _weight(ch: Charging | None, cat, region: str, year: int) -> tuple[float, str, str]:
    """(w, note, detail text) — named profiles from a plain dict keyed on the profile data's hash."""
    if ch is not None and ch.matrix is not None:
        w, note = matrix_weight(cat.profiles, region, year, ch.matrix)
        return w, note, f" (× time-of-use weight {w:.4f})"
    name = FLAT if ch is None or ch.profile is None else ch.profile
    key = (cat.profiles.key, region, year, name)
    hit = _NAMED.get(key)
    if hit is None:
        w, note = named_weight(cat.profiles, region, year, name)
        hit = _NAMED[key] = (w, note, f" (× time-of-use weight {w:.4f})")
    return hit


def _own_series(ch: Charging) -> float:
    shares = energy_shares(np.array(ch.matrix)) if ch.matrix is not None else (
        energy_shares(np.ones((24, 12))) if ch.profile in (None, FLAT) else None)
    if shares is None:
        raise SpecError("grid_file with a named profile is not supported; give matrix or no profile",
                        field="use.charging.profile")
    return float((shares * np.array(ch.grid_matrix)).sum())


def charging_electricity(r, cat, stage, spans, total_kwh: float, notes: list[str], electricity, require) -> list[str]:
    """Add the use-phase grid electricity per year (profile-weighted, own series or station) and V2G
    losses and wear to ``stage``; return notes that label the estimates."""
    use = r.spec.use
    ch: Charging = use.charging
    out: list[str] = []
    traj = use.grid_outlook == "trajectory"
    if ch.station_file is not None and ch.station is None:
        raise SpecError("not resolved: load the spec with carbonev.specs.load.load_vehicle",
                        field="use.charging.station_file")
    if ch.grid_file is not None and ch.grid_matrix is None:
        raise SpecError("not resolved: load the spec with carbonev.specs.load.load_vehicle",
                        field="use.charging.grid_file")
    if ch.station is not None:
        out += _station(r, cat, stage, spans, total_kwh, notes, electricity, require)
    elif ch.grid_matrix is not None:
        intensity = _own_series(ch)
        for year, share in spans:
            kwh = total_kwh * share
            stage.add(kwh * intensity, f"charging in {year}: {kwh:.6g} kWh × {intensity:.4f} kg CO2e/kWh "
                      "(own hourly series, average basis)", flow="co2e_aggregated", year=year)
        out.append(f"use_energy_upstream: own hourly grid series ({ch.grid_file}), profile-weighted "
                   f"{intensity:.4f} kg CO2e/kWh; the official annual factor is not used")
    else:
        name = ch.profile or ("own 24×12 matrix" if ch.matrix is not None else FLAT)
        for year, share in spans:
            w, _, detail = _weight(ch, cat, use.region, year)
            electricity(cat, stage, total_kwh * share * w, use.region, year, use.electricity_factor,
                        f"charging in {year}", notes, use_year=year, trajectory=traj, detail=detail)
        w0, note0 = time_weight(ch, cat, use.region, spans[0][0])
        out.append(f"use_energy_upstream: charging profile {name}: time-of-use weight {w0:.4f} on the annual grid "
                   f"factor in {spans[0][0]} — {note0} (estimate)")
    if ch.v2g is not None:
        out += _v2g(r, cat, stage, spans, ch, electricity, require, notes)
    return out


def _station(r, cat, stage, spans, total_kwh, notes, electricity, require) -> list[str]:
    use = r.spec.use
    m = station_model(use.charging.station, cat)
    st = m.spec
    for year, share in spans:
        kwh = total_kwh * share
        for link in m.links:
            why = f"charging at {st.name} in {year}"
            if link.kind == "grid":
                electricity(cat, stage, kwh * link.amount, st.region, year, st.electricity_factor, why, notes,
                            use_year=year, trajectory=use.grid_outlook == "trajectory",
                            detail=f" ({kwh:.6g} kWh delivered; {link.basis})")
            elif link.code is not None:
                code = require(cat, link.code, "kWh" if link.kind == "pv" else cat.activities[link.code].unit)
                stage.add(kwh * link.amount, f"{why}: {link.basis}", code=code, year=year)
            else:
                stage.add(kwh * link.amount, f"{why}: {link.basis}", flow=link.flow, year=year)
    return [f"use_energy_upstream: charged at station {st.name} ({m.delivered:.6g} kWh/yr delivered; hourly "
            f"dispatch; grid hours weighted by the {m.shape_note}; estimate)"]


def _v2g(r, cat, stage, spans, ch, electricity, require, notes) -> list[str]:
    use, b = r.spec.use, r.spec.battery
    if b is None:
        raise SpecError("V2G needs a traction battery", field="use.charging.v2g")
    eff = r.spec.energy.charging_efficiency
    eff = eff if eff is not None else cat.value("charging_efficiency", "dimensionless")
    p = plan(ch.v2g, r.years, b.capacity, eff)
    for year, share in spans:
        w, _ = time_weight(ch if ch.station is None else None, cat, use.region, year)
        kwh = p.loss_kwh * share
        electricity(cat, stage, kwh * w, use.region, year, use.electricity_factor, f"V2G round-trip losses in {year}",
                    notes, use_year=year, detail=f" ({kwh:.6g} kWh × time-of-use weight {w:.4f})")
    chem = b.chemistry.value.lower()
    kg = p.pack_share * r.battery_mass
    stage.add(kg, f"V2G battery wear: {p.cycles:.0f} extra cycles × {ch.v2g.capacity_fade_per_cycle:g} fade/cycle = "
              f"{p.fade:.2%} → {p.pack_share:.3f} pack ({ch.v2g.wear_source})",
              code=require(cat, f"battery-pack-materials-{chem}", "kg"))
    place = r.spec.battery_plant
    mfg = cat.value("battery_manufacturing_electricity", "kWh/kWh") * b.capacity * p.pack_share
    electricity(cat, stage, mfg, place.region, place.year, use.electricity_factor,
                "V2G battery wear: cell and pack making", notes)
    return [f"use_energy_upstream: V2G {p.discharged_kwh:.6g} kWh fed back over the life; losses "
            f"{p.loss_kwh:.6g} kWh ({p.efficiency_note}) and {p.pack_share:.3f} pack of wear are in this stage; "
            "avoided grid emissions are reported beside the footprint (carbonev charging), never netted"]
