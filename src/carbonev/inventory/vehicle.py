"""Build a vehicle's foreground inventory, stage by stage, from a resolved spec.

Each function fills one stage with links to background activities (by code) or
elementary flows; amounts are per vehicle life [supplier unit / vehicle].
All factors come from the catalog's parameters; none is written here.
"""

from __future__ import annotations

import hashlib

from carbonev.data.catalog import Catalog
from carbonev.errors import DataError, SpecError
from carbonev.inventory import grid
from carbonev.inventory.foreground import STAGES, Foreground, Stage
from carbonev.inventory.plants import add_plant_links
from carbonev.inventory.resolve import Resolved, resolve
from carbonev.inventory.supplied import add_supplied, supplied_parts
from carbonev.inventory.use_phase import maintenance, use_direct, use_energy_upstream
from carbonev.specs.vehicle import VehicleSpec
from carbonev.units import same_dimension


def add_grid_electricity(cat: Catalog, stage: Stage, kwh: float, region: str, year: int, basis: str, why: str,
                         notes: list[str], use_year: int | None = None, trajectory: bool = False,
                         detail: str = "") -> None:
    """Add ``kwh`` [kWh] of the grid activity for ``region`` and ``year`` (``basis``: 'life-cycle'
    or 'co2') to ``stage``; a substituted region or year becomes a note. ``detail`` ends the basis."""
    choice = grid.choose(cat.activity_codes, region, year, grid.BASIS[basis], trajectory)
    stage.add(kwh, f"{why}: {kwh:.6g} kWh from {choice.code}{detail}", code=choice.code, year=use_year)
    if choice.substituted:
        notes.append(f"{stage.name}: {why} ({region} {year}): {choice.substituted}")


def require_activity(cat: Catalog, code: str, unit: str) -> str:
    """``code`` if the catalog has it with reference unit ``unit`` [raises DataError]."""
    if code not in cat.activities:
        raise DataError(f"no inventory for activity {code!r}", file="inventories/")
    if not same_dimension(cat.activities[code].unit, unit):
        raise DataError(f"activity {code!r} must be per {unit}, is per {cat.activities[code].unit}",
                        file=cat.activity_file[code])
    return code


def _component(cat: Catalog, code: str, field: str, file: str | None) -> str:
    """A per-kg component inventory chosen in the spec [raises SpecError naming the field]."""
    if code not in cat.activities or not same_dimension(cat.activities[code].unit, "kg"):
        parts = sorted(c for c, a in cat.activities.items()
                       if same_dimension(a.unit, "kg") and c.startswith(("glider", "motor", "electric", "combustion")))
        raise SpecError(f"{code!r} is not a per-kg inventory; e.g. {', '.join(parts)}", file=file, field=field)
    return code


def materials_and_parts(r: Resolved, cat: Catalog, supplied: dict | None = None, file: str | None = None) -> Stage:
    s = Stage("materials_and_parts")
    m = r.spec.mass
    supplied = supplied or {}
    chosen = r.spec.components
    parts = (("glider", r.glider_mass), ("electric_drive", m.electric_drive),
             ("combustion_powertrain", m.combustion_powertrain))
    for part, kg in parts:
        if kg and not add_supplied(s, supplied, part):
            code = _component(cat, getattr(chosen, part), f"components.{part}", file)
            s.add(kg, f"{part.replace('_', ' ')} {kg:g} kg ({code})", code=code)
    if r.fuel_cell_mass:
        s.add(r.fuel_cell_mass, f"fuel-cell system {r.fuel_cell_mass:.1f} kg",
              code=require_activity(cat, "fuel-cell-stack", "kg"))
        s.add(r.tank_mass, f"hydrogen tank {r.tank_mass:g} kg", code=require_activity(cat, "hydrogen-tank-type4", "kg"))
    if "materials_transport_distance" in cat.parameters:
        km = cat.value("materials_transport_distance", "km")
        tonnes = (r.glider_mass + m.electric_drive + m.combustion_powertrain + r.fuel_cell_mass + r.tank_mass) / 1000.0
        s.add(tonnes * km, f"materials transport {tonnes:.3f} t × {km:g} km",
              code=require_activity(cat, "transport-truck-cn", "t*km"))
    return s


def battery(r: Resolved, cat: Catalog, notes: list[str], file: str | None = None,
            supplied: dict | None = None) -> Stage:
    s = Stage("battery")
    b = r.spec.battery
    if b is None or add_supplied(s, supplied or {}, "battery"):
        return s
    packs = 1 + b.replacements + b.swap_packs
    chem = b.chemistry.value.lower()
    materials = require_activity(cat, f"battery-pack-materials-{chem}", "kg")
    s.add(r.battery_mass * packs, f"{packs} pack(s) × {r.battery_mass:.1f} kg materials", code=materials)
    if b.plant_file is not None:
        used = add_plant_links(s, cat, b.plant_file, b.plant_product, file, "battery", "kWh", b.capacity * packs,
                               r.spec.use.electricity_factor)
        r.assumptions["battery.plant_file"] = f"cell and pack making from the plant's own data: {used}"
        return s
    plant = r.spec.battery_plant
    kwh = cat.value("battery_manufacturing_electricity", "kWh/kWh") * b.capacity * packs
    add_grid_electricity(cat, s, kwh, plant.region, plant.year, r.spec.use.electricity_factor, "cell and pack making",
                         notes)
    if "battery_manufacturing_steam" in cat.parameters:
        mj = cat.value("battery_manufacturing_steam", "MJ/kWh") * b.capacity * packs
        s.add(mj, f"cell and pack making steam {mj:.6g} MJ", code=require_activity(cat, "heat-steam-cn", "MJ"))
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
        add_grid_electricity(cat, s, kwh, plant.region, plant.year, r.spec.use.electricity_factor, "vehicle assembly",
                             notes)
        mj = cat.value("vehicle_assembly_heat", "MJ/vehicle")
        s.add(mj, f"vehicle assembly heat {mj:g} MJ", code=require_activity(cat, "heat-natural-gas-cn", "MJ"))
    if "vehicle_distribution_distance" in cat.parameters:
        km = cat.value("vehicle_distribution_distance", "km")
        t = r.spec.mass.curb / 1000.0
        s.add(t * km, f"distribution {t:.3f} t × {km:g} km", code=require_activity(cat, "transport-truck-cn", "t*km"))
    return s


def end_of_life(r: Resolved, cat: Catalog) -> Stage:
    s = Stage("end_of_life")
    body = r.spec.mass.curb - r.battery_mass
    s.add(body, f"vehicle treatment {body:g} kg", code=require_activity(cat, "eol-vehicle-treatment", "kg"))
    if r.spec.battery is not None:
        route = r.spec.end_of_life.battery_route
        kg = _packs_recycled(r)
        s.add(kg, f"battery {route} {kg:.1f} kg{_second_life_note(r)}",
              code=require_activity(cat, f"eol-battery-{route}", "kg"))
    return s


def _packs_recycled(r: Resolved) -> float:
    """Mass of traction battery recycled at the vehicle's end of life [kg]: packs leaving for a
    second life take their recycling burden and credit with them (cut at the hand-over)."""
    b = r.spec.battery
    return r.battery_mass * (1 + b.replacements + b.swap_packs) * (1.0 - r.spec.end_of_life.second_life_share)


def _second_life_note(r: Resolved) -> str:
    share = r.spec.end_of_life.second_life_share
    return f" ({1 - share:.0%} of the packs; {share:.0%} go to a second life)" if share else ""


_ROUTE = {"hydrometallurgy": "hydro", "pyrometallurgy": "pyro"}


def end_of_life_credit(r: Resolved, cat: Catalog) -> Stage:
    """Recycling credit of the traction battery (negative), by the spec's modelling rule."""
    s = Stage("end_of_life_credit")
    eol = r.spec.end_of_life
    if r.spec.battery is None or eol.modelling == "cut-off":
        return s
    route = eol.battery_route
    reduction = cat.value(f"recycling_ghg_reduction_{_ROUTE[route]}", "dimensionless")
    kg = _packs_recycled(r)
    factor = reduction
    why = f"{route}: recycled materials cut the pack-materials burden by {reduction:.0%}"
    if eol.modelling == "cff":
        factor *= (1.0 - eol.cff_a) * eol.cff_quality_ratio
        why += f"; CFF end-of-life term × (1 − A={eol.cff_a:g}) × Qs/Qp={eol.cff_quality_ratio:g}"
    chem = r.spec.battery.chemistry.value.lower()
    s.add(-factor * kg, f"credit: −{factor:.3f} × {kg:.1f} kg of pack materials ({why})",
          code=require_activity(cat, f"battery-pack-materials-{chem}", "kg"))
    return s


def foreground_key(name: str, stages: dict[str, Stage], cat: Catalog) -> str:
    """Short hash of the foreground itself (every link) and the data it links to.

    Hashing the links rather than the spec also captures what the spec only points
    to — plant files, suppliers' footprints — so a changed plant file never reuses a
    stale foreground in Brightway.
    """
    h = hashlib.sha256(f"{name}\n{cat.sha256}\n".encode())
    for stage_name, stage in stages.items():
        for link in stage.links:
            h.update(f"{stage_name}|{link.code}|{link.flow}|{link.amount!r}\n".encode())
    return h.hexdigest()[:16]


def build(spec: VehicleSpec, cat: Catalog, file: str | None = None, keyed: bool = True) -> Foreground:
    """Spec → foreground inventory (pure; no Brightway).

    ``keyed=False`` skips the content hash that names the foreground in Brightway
    (sweeps and Monte Carlo never write foregrounds).
    """
    r = resolve(spec, cat, file)
    notes: list[str] = []
    supplied = supplied_parts(r, file) if spec.supplied else {}
    stages = {
        "materials_and_parts": materials_and_parts(r, cat, supplied, file),
        "battery": battery(r, cat, notes, file, supplied),
        "vehicle_assembly": vehicle_assembly(r, cat, notes, file),
        "use_energy_upstream": use_energy_upstream(r, cat, notes, add_grid_electricity, require_activity),
        "use_direct": use_direct(r, cat),
        "maintenance": maintenance(r, cat, require_activity),
        "end_of_life": end_of_life(r, cat),
        "end_of_life_credit": end_of_life_credit(r, cat),
    }
    assert tuple(stages) == STAGES
    return Foreground(
        key=foreground_key(spec.name, stages, cat) if keyed else "", name=spec.name, lifetime_km=r.lifetime_km,
        stages=stages, notes=notes, assumptions=r.assumptions,
    )
