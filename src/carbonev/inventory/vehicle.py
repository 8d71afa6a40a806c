"""Build a vehicle's foreground inventory, stage by stage, from a resolved spec.

Each function fills one stage with links to background activities (by code) or
elementary flows; amounts are per vehicle life [supplier unit / vehicle].
All factors come from the catalog's parameters; none is written here.
"""

from __future__ import annotations

import hashlib
import math

from carbonev.data.catalog import Catalog
from carbonev.errors import DataError
from carbonev.inventory import grid
from carbonev.inventory.foreground import STAGES, Foreground, Stage
from carbonev.inventory.plants import add_plant_links
from carbonev.inventory.resolve import Resolved, resolve
from carbonev.specs.vehicle import VehicleSpec
from carbonev.units import same_dimension

REFRIGERANT_FLOW = {"R134a": "hfc134a", "R1234yf": "hfo1234yf", "R744": "r744"}


def _electricity(cat: Catalog, stage: Stage, kwh: float, region: str, year: int, basis: str,
                 why: str, notes: list[str], use_year: int | None = None, trajectory: bool = False) -> None:
    choice = grid.choose(cat.activity_codes, region, year, grid.BASIS[basis], trajectory)
    stage.add(kwh, f"{why}: {kwh:.6g} kWh from {choice.code}", code=choice.code, year=use_year)
    if choice.substituted:
        notes.append(f"{stage.name}: {why} ({region} {year}): {choice.substituted}")


def _require(cat: Catalog, code: str, unit: str) -> str:
    """``code`` if the catalog has it with reference unit ``unit`` [raises DataError]."""
    if code not in cat.activities:
        raise DataError(f"no inventory for activity {code!r}", file="inventories/")
    if not same_dimension(cat.activities[code].unit, unit):
        raise DataError(f"activity {code!r} must be per {unit}, is per {cat.activities[code].unit}",
                        file=cat.activity_file[code])
    return code


def materials_and_parts(r: Resolved, cat: Catalog) -> Stage:
    s = Stage("materials_and_parts")
    m = r.spec.mass
    s.add(r.glider_mass, f"glider {r.glider_mass:g} kg", code=_require(cat, "glider-steel", "kg"))
    s.add(m.electric_drive, f"electric drive {m.electric_drive:g} kg", code=_require(cat, "electric-drive", "kg"))
    s.add(m.combustion_powertrain, f"combustion powertrain {m.combustion_powertrain:g} kg",
          code=_require(cat, "combustion-powertrain", "kg"))
    if "materials_transport_distance" in cat.parameters:
        km = cat.value("materials_transport_distance", "km")
        tonnes = (r.glider_mass + m.electric_drive + m.combustion_powertrain) / 1000.0
        s.add(tonnes * km, f"materials transport {tonnes:.3f} t × {km:g} km",
              code=_require(cat, "transport-truck-cn", "t*km"))
    return s


def battery(r: Resolved, cat: Catalog, notes: list[str], file: str | None = None) -> Stage:
    s = Stage("battery")
    b = r.spec.battery
    if b is None:
        return s
    packs = 1 + b.replacements
    chem = b.chemistry.value.lower()
    materials = _require(cat, f"battery-pack-materials-{chem}", "kg")
    s.add(r.battery_mass * packs, f"{packs} pack(s) × {r.battery_mass:.1f} kg materials", code=materials)
    if b.plant_file is not None:
        used = add_plant_links(s, cat, b.plant_file, b.plant_product, file, "battery", "kWh", b.capacity * packs,
                               r.spec.use.electricity_factor)
        r.assumptions["battery.plant_file"] = f"cell and pack making from the plant's own data: {used}"
        return s
    plant = r.spec.battery_plant
    kwh = cat.value("battery_manufacturing_electricity", "kWh/kWh") * b.capacity * packs
    _electricity(cat, s, kwh, plant.region, plant.year, r.spec.use.electricity_factor, "cell and pack making", notes)
    if "battery_manufacturing_steam" in cat.parameters:
        mj = cat.value("battery_manufacturing_steam", "MJ/kWh") * b.capacity * packs
        s.add(mj, f"cell and pack making steam {mj:.6g} MJ", code=_require(cat, "heat-steam-cn", "MJ"))
    return s


def vehicle_assembly(r: Resolved, cat: Catalog, notes: list[str], file: str | None = None) -> Stage:
    s = Stage("vehicle_assembly")
    plant = r.spec.manufacturing
    if plant.plant_file is not None:
        used = add_plant_links(s, cat, plant.plant_file, plant.plant_product, file, "manufacturing", "vehicle", 1.0,
                               r.spec.use.electricity_factor)
        r.assumptions["manufacturing.plant_file"] = f"assembly from the plant's own data: {used}"
    else:
        kwh = cat.value("vehicle_assembly_electricity", "kWh/vehicle")
        _electricity(cat, s, kwh, plant.region, plant.year, r.spec.use.electricity_factor, "vehicle assembly", notes)
        mj = cat.value("vehicle_assembly_heat", "MJ/vehicle")
        s.add(mj, f"vehicle assembly heat {mj:g} MJ", code=_require(cat, "heat-natural-gas-cn", "MJ"))
    if "vehicle_distribution_distance" in cat.parameters:
        km = cat.value("vehicle_distribution_distance", "km")
        t = r.spec.mass.curb / 1000.0
        s.add(t * km, f"distribution {t:.3f} t × {km:g} km", code=_require(cat, "transport-truck-cn", "t*km"))
    return s


def _years_of_use(first_year: int, years: float) -> list[tuple[int, float]]:
    """(calendar year, share of the lifetime) for each year of use."""
    whole = math.floor(years)
    spans = [(first_year + i, 1.0) for i in range(whole)]
    if years - whole > 1e-9:
        spans.append((first_year + whole, years - whole))
    return [(y, w / years) for y, w in spans]


def use_energy_upstream(r: Resolved, cat: Catalog, notes: list[str]) -> Stage:
    s = Stage("use_energy_upstream")
    use = r.spec.use
    if r.electricity_per_km > 0:
        total_kwh = r.electricity_per_km * r.lifetime_km
        before = len(notes)
        for year, share in _years_of_use(use.first_year, r.years):
            _electricity(cat, s, total_kwh * share, use.region, year, use.electricity_factor,
                         f"charging in {year}", notes, use_year=year, trajectory=use.grid_outlook == "trajectory")
        # one line instead of one per year
        substituted = notes[before:]
        del notes[before:]
        if substituted:
            notes.append(f"use_energy_upstream: {len(substituted)} of {len(_years_of_use(use.first_year, r.years))} "
                         f"years use substitute grid data ({substituted[-1].split(': ', 2)[-1]})")
    if r.fuel_per_km > 0:
        litres = r.fuel_per_km * r.lifetime_km
        s.add(litres, f"gasoline {litres:.6g} L well-to-tank", code=_require(cat, "gasoline-supply-cn", "L"))
    return s


def use_direct(r: Resolved, cat: Catalog) -> Stage:
    s = Stage("use_direct")
    if r.fuel_per_km > 0:
        litres = r.fuel_per_km * r.lifetime_km
        for gas, flow in (("co2", "co2_fossil"), ("ch4", "ch4_fossil"), ("n2o", "n2o")):
            name = f"gasoline_{'combustion' if gas == 'co2' else 'tailpipe'}_{gas}"
            s.add(litres * cat.value(name, "kg/L"), f"tailpipe {gas.upper()} from {litres:.6g} L ({name})", flow=flow)
    leak = cat.value("ac_refrigerant_leakage", "kg/year") * r.years
    s.add(leak, f"A/C {r.spec.refrigerant} leakage {leak:.4g} kg over {r.years:g} years",
          flow=REFRIGERANT_FLOW[r.spec.refrigerant])
    return s


def maintenance(r: Resolved, cat: Catalog) -> Stage:
    s = Stage("maintenance")
    tyre_sets = max(0.0, r.lifetime_km / cat.value("tyre_lifetime", "km") - 1.0)
    tyre_kg = tyre_sets * cat.value("tyre_set_mass", "kg")
    s.add(tyre_kg, f"{tyre_sets:.2f} replacement tyre sets", code=_require(cat, "tyre", "kg"))
    batteries = max(0.0, r.years / cat.value("battery_12v_lifetime", "year") - 1.0)
    kg = batteries * cat.value("battery_12v_mass", "kg")
    s.add(kg, f"{batteries:.2f} replacement 12 V batteries", code=_require(cat, "battery-12v-lead-acid", "kg"))
    return s


def end_of_life(r: Resolved, cat: Catalog) -> Stage:
    s = Stage("end_of_life")
    body = r.spec.mass.curb - r.battery_mass
    s.add(body, f"vehicle treatment {body:g} kg", code=_require(cat, "eol-vehicle-treatment", "kg"))
    if r.spec.battery is not None:
        route = r.spec.end_of_life.battery_route
        kg = r.battery_mass * (1 + r.spec.battery.replacements)
        s.add(kg, f"battery {route} {kg:.1f} kg", code=_require(cat, f"eol-battery-{route}", "kg"))
    return s


def spec_key(spec: VehicleSpec, cat: Catalog) -> str:
    """Short hash of the spec content and the data it is built on."""
    h = hashlib.sha256(spec.model_dump_json().encode() + cat.sha256.encode())
    h.update(repr(sorted(cat.overrides.items())).encode())
    return h.hexdigest()[:16]


def build(spec: VehicleSpec, cat: Catalog, file: str | None = None, keyed: bool = True) -> Foreground:
    """Spec → foreground inventory (pure; no Brightway).

    ``keyed=False`` skips the content hash that names the foreground in Brightway
    (sweeps and Monte Carlo never write foregrounds).
    """
    r = resolve(spec, cat, file)
    notes: list[str] = []
    stages = {
        "materials_and_parts": materials_and_parts(r, cat),
        "battery": battery(r, cat, notes, file),
        "vehicle_assembly": vehicle_assembly(r, cat, notes, file),
        "use_energy_upstream": use_energy_upstream(r, cat, notes),
        "use_direct": use_direct(r, cat),
        "maintenance": maintenance(r, cat),
        "end_of_life": end_of_life(r, cat),
    }
    assert tuple(stages) == STAGES
    return Foreground(
        key=spec_key(spec, cat) if keyed else "", name=spec.name, lifetime_km=r.lifetime_km,
        stages=stages, notes=notes, assumptions=r.assumptions,
    )
