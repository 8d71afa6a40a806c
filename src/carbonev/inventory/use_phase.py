"""Use-phase stages: energy supply (upstream), direct emissions and maintenance.

Energy carriers: grid electricity year by year, gasoline and diesel [L],
methanol and hydrogen [kg]. Direct emissions: tailpipe gases from the shipped
combustion factors and air-conditioning refrigerant leakage. Maintenance: tyres,
12 V batteries and engine oil (cars with a combustion engine). Class-specific figures
(buses, heavy vehicles) are used where the data ship them.
"""

from __future__ import annotations

import numpy as np

from carbonev.data.catalog import Catalog
from carbonev.inventory import grid
from carbonev.inventory.charging.use_links import charging_electricity
from carbonev.inventory.foreground import Stage
from carbonev.inventory.resolve import Resolved
from carbonev.inventory.sourcing import derived_scale
from carbonev.inventory.varying import at_least, varies, whole

REFRIGERANT_FLOW = {"R134a": "hfc134a", "R1234yf": "hfo1234yf", "R744": "r744"}
HEAVY = ("city_bus", "light_van", "heavy_truck")


def years_of_use(first_year: int, years: float) -> list[tuple[int, float]]:
    """(calendar year, share of the lifetime) for each year of use: whole years weigh 1, the last
    partial year its fraction, all divided by ``years`` (per variant when ``years`` varies)."""
    spans = []
    for i in range(whole(years)):
        w = np.clip(years - i, 0.0, 1.0) if varies(years) else min(1.0, years - i)
        spans.append((first_year + i, w / years))
    return spans


def use_energy_upstream(r: Resolved, cat: Catalog, notes: list[str], electricity, require) -> Stage:
    """Electricity (by year of use), liquid fuels, methanol and hydrogen supply."""
    s = Stage("use_energy_upstream")
    use = r.spec.use
    if r.electricity_per_km > 0:
        total_kwh = r.electricity_per_km * r.lifetime_km
        spans = years_of_use(use.first_year, r.years)
        before = len(notes)
        derived: list[grid.RegionalScale] = []

        def priced(cat, stage, kwh, region, year, basis, why, notes, **kw):
            """Grid electricity of the use region, scaled to its derived life-cycle factor if asked."""
            scale = _regional_scale(cat, use, year)
            if scale is not None:
                derived[:] = [scale]
                kwh *= scale.scale
                why += f" (x {scale.scale:.3f}, derived {scale.region} life-cycle factor)"
            electricity(cat, stage, kwh, region, year, basis, why, notes, **kw)

        charging_notes = []
        if use.charging is None:
            for year, share in spans:
                priced(cat, s, total_kwh * share, use.region, year, use.electricity_factor, f"charging in {year}",
                       notes, use_year=year, trajectory=use.grid_outlook == "trajectory")
        else:  # when and where it charges, V2G: carbonev.charging (docs/charging.md)
            charging_notes = charging_electricity(r, cat, s, spans, total_kwh, notes, priced, require)
        substituted = notes[before:]  # one line instead of one per year
        del notes[before:]
        if substituted:
            notes.append(f"use_energy_upstream: {len(substituted)} of {len(spans)} years use substitute grid "
                         f"data ({substituted[-1].split(': ', 2)[-1]})")
        if derived:
            notes.append(f"use_energy_upstream: {derived[0].note}")
        notes.extend(charging_notes)
    fuel = r.spec.powertrain.liquid_fuel
    if r.fuel_per_km > 0 and fuel:
        litres = r.fuel_per_km * r.lifetime_km
        s.add(litres, f"{fuel} {litres:.6g} L well-to-tank", code=require(cat, f"{fuel}-supply-cn", "L"))
    if r.methanol_per_km > 0:
        kg = r.methanol_per_km * r.lifetime_km
        route = r.spec.energy.methanol_route
        s.add(kg, f"{route} methanol {kg:.6g} kg", code=require(cat, f"methanol-{route}-cn", "kg"))
    if r.hydrogen_per_km > 0:
        kg = r.hydrogen_per_km * r.lifetime_km
        route = r.spec.energy.hydrogen_route
        s.add(kg, f"hydrogen ({route}) {kg:.6g} kg delivered", code=require(cat, f"hydrogen-{route}-cn", "kg"))
    return s


def _regional_scale(cat: Catalog, use, year: int) -> grid.RegionalScale | None:
    """Derived regional life-cycle factor for the use region, when asked for (see sourcing.derived_scale)."""
    if use.regional_factor != "derived":
        return None
    return derived_scale(cat, use.region, year, use.electricity_factor, use.grid_outlook == "trajectory")


def _refrigerant_leakage(r: Resolved, cat: Catalog) -> tuple[float, str]:
    name = "ac_refrigerant_leakage_bus" if r.vehicle_class == "city_bus" else "ac_refrigerant_leakage"
    return cat.value(name, "kg/year") * r.years, name


def use_direct(r: Resolved, cat: Catalog) -> Stage:
    """Tailpipe CO2, CH4, N2O and refrigerant leakage over the life."""
    s = Stage("use_direct")
    fuel = r.spec.powertrain.liquid_fuel
    if r.fuel_per_km > 0 and fuel:
        litres = r.fuel_per_km * r.lifetime_km
        for gas, flow in (("co2", "co2_fossil"), ("ch4", "ch4_fossil"), ("n2o", "n2o")):
            name = f"{fuel}_tailpipe_{gas}"
            s.add(litres * cat.value(name, "kg/L"), f"tailpipe {gas.upper()} from {litres:.6g} L ({name})", flow=flow)
    if r.methanol_per_km > 0:
        kg = r.methanol_per_km * r.lifetime_km
        # renewable methanol's carbon was taken from the air or biomass: its CO2 is not fossil
        s.add(kg * cat.value("methanol_combustion_co2", "kg/kg"),
              f"tailpipe CO2 from {kg:.6g} kg renewable methanol (non-fossil carbon)", flow="co2_biogenic")
    leak, name = _refrigerant_leakage(r, cat)
    s.add(leak, f"A/C {r.refrigerant} leakage {leak:.4g} kg over {r.years:g} years ({name})",
          flow=REFRIGERANT_FLOW[r.refrigerant])
    return s


def maintenance(r: Resolved, cat: Catalog, require) -> Stage:
    """Replacement tyres and 12 V batteries, and engine oil (combustion engines), over the life."""
    s = Stage("maintenance")
    heavy = r.vehicle_class in HEAVY
    m = r.spec.maintenance
    if m.tyre_mass is not None:
        per_set = m.tyre_mass * m.tyres
    elif heavy:
        per_set = cat.value("tyre_mass_heavy", "kg") * m.tyres
    else:
        per_set = cat.value("tyre_set_mass", "kg") * m.tyres / 4.0
    life = cat.value("tyre_lifetime_heavy" if heavy else "tyre_lifetime", "km")
    sets = at_least(r.lifetime_km / life - 1.0, 0.0)
    s.add(sets * per_set, f"{sets:.2f} replacement sets of {m.tyres} tyres ({per_set:.1f} kg a set)",
          code=require(cat, "tyre", "kg"))
    batteries = at_least(r.years / cat.value("battery_12v_lifetime", "year") - 1.0, 0.0)
    electric = r.spec.powertrain.value in ("BEV", "PHEV", "FCEV")
    name = "battery_12v_mass_ev" if electric and "battery_12v_mass_ev" in cat.parameters else "battery_12v_mass"
    kg = batteries * cat.value(name, "kg")
    s.add(kg, f"{batteries:.2f} replacement 12 V batteries ({name})", code=require(cat, "battery-12v-lead-acid", "kg"))
    if r.spec.powertrain.combustion and not heavy:
        _engine_oil(s, r, cat, require)
    return s


def _engine_oil(s: Stage, r: Resolved, cat: Catalog, require) -> None:
    """Engine-oil fills over the life [L] = lifetime distance / change interval × fill volume (the
    first fill included: the bills of materials carry no fluids). Passenger cars only."""
    interval = cat.value("engine_oil_change_interval", "km")
    fill = cat.value("engine_oil_fill_volume", "L")
    fills = r.lifetime_km / interval
    s.add(fills * fill, f"engine oil: {fills:.1f} fills of {fill:g} L (sump and filter) every {interval:,.0f} km "
          "(engine_oil_change_interval, engine_oil_fill_volume; oil filters not modelled)",
          code=require(cat, "engine-oil-cn", "L"), key="engine-oil")
