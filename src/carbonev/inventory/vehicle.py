"""Build a vehicle's foreground inventory, stage by stage, from a resolved spec.

Each function fills one stage with links to background activities (by code) or
elementary flows; amounts are per vehicle life [supplier unit / vehicle].
All factors come from the catalog's parameters; none is written here.
"""

from __future__ import annotations

import hashlib

from carbonev.data.catalog import Catalog
from carbonev.errors import SpecError
from carbonev.inventory.end_of_life import end_of_life, end_of_life_credit
from carbonev.inventory.external import NONE, ExternalInputs
from carbonev.inventory.foreground import STAGES, Foreground, Stage, merge_notes
from carbonev.inventory.pack import PackDesign, build_pack, packs_over_life
from carbonev.inventory.plants import add_plant_links
from carbonev.inventory.prospective import relink
from carbonev.inventory.resolve import Resolved, resolve
from carbonev.inventory.sourcing import add_grid_electricity, require_activity
from carbonev.inventory.supplied import add_supplied
from carbonev.inventory.use_phase import maintenance, use_direct, use_energy_upstream
from carbonev.specs.vehicle import VehicleSpec
from carbonev.units import same_dimension

__all__ = ["build", "add_grid_electricity", "require_activity"]


def _component(cat: Catalog, code: str, field: str, file: str | None) -> str:
    """A per-kg component inventory chosen in the spec [raises SpecError naming the field]."""
    if code not in cat.activities or not same_dimension(cat.activities[code].unit, "kg"):
        parts = sorted(c for c, a in cat.activities.items()
                       if same_dimension(a.unit, "kg") and c.startswith(("glider", "motor", "electric", "combustion")))
        raise SpecError(f"{code!r} is not a per-kg inventory; e.g. {', '.join(parts)}", file=file, field=field)
    return code


def materials_and_parts(r: Resolved, cat: Catalog, inputs: ExternalInputs = NONE, file: str | None = None) -> Stage:
    s = Stage("materials_and_parts")
    m = r.spec.mass
    chosen = r.spec.components
    parts = (("glider", r.glider_mass), ("electric_drive", m.electric_drive),
             ("combustion_powertrain", m.combustion_powertrain))
    for part, kg in parts:
        if kg and not add_supplied(s, r, inputs, part, file):
            code = r.glider_code if part == "glider" else getattr(chosen, part)
            code = _component(cat, code, f"components.{part}", file)
            s.add(kg, f"{part.replace('_', ' ')} {kg:g} kg ({code})", code=code)
    if r.fuel_cell_mass:
        s.add(r.fuel_cell_mass, f"fuel-cell system {r.fuel_cell_mass:.1f} kg",
              code=require_activity(cat, "fuel-cell-stack", "kg"))
        s.add(r.tank_mass, f"hydrogen tank {r.tank_mass:g} kg", code=require_activity(cat, "hydrogen-tank-type4", "kg"))
    if "materials_transport_distance" in cat.parameters:
        km = cat.value("materials_transport_distance", "km")
        tonnes = (r.glider_mass + m.electric_drive + m.combustion_powertrain + r.fuel_cell_mass + r.tank_mass) / 1000.0
        s.add(tonnes * km, f"materials transport {tonnes:.3f} t × {km:g} km",
              code=require_activity(cat, "transport-truck-cn", "t*km"), key="materials-transport")
    return s


def pack_design(r: Resolved) -> PackDesign:
    """The vehicle's traction pack for the one pack model (:mod:`carbonev.inventory.pack`)."""
    b = r.spec.battery
    plant = r.spec.battery_plant
    use = r.spec.use
    return PackDesign(chemistry=b.chemistry.value.lower(), capacity=b.capacity, mass=r.battery_mass,
                      region=plant.region, year=plant.year, eol_route=r.spec.end_of_life.battery_route,
                      derived=use.regional_factor == "derived", trajectory=_production_outlook(r))


def battery(r: Resolved, cat: Catalog, notes: list[str], file: str | None = None,
            inputs: ExternalInputs = NONE) -> Stage:
    """Materials and cell and pack making of every pack the vehicle uses (one pack × packs)."""
    s = Stage("battery")
    b = r.spec.battery
    if b is None or add_supplied(s, r, inputs, "battery", file):
        return s
    packs = packs_over_life(b.replacements, b.swap_packs)
    pack = build_pack(pack_design(r), cat, inputs.battery_plant, electricity_basis=r.spec.use.electricity_factor,
                      notes_as="battery")
    notes.extend(pack.notes)
    s.extend(pack.links("raw_materials") + pack.links("production"), packs)
    if inputs.battery_plant is not None:
        r.assumptions["battery.plant_file"] = ("cell and pack making from the plant's own data: "
                                               f"{inputs.battery_plant.describe()}")
    return s


def vehicle_assembly(r: Resolved, cat: Catalog, notes: list[str], inputs: ExternalInputs = NONE) -> Stage:
    s = Stage("vehicle_assembly")
    plant = r.spec.manufacturing
    if inputs.assembly_plant is not None:
        used = add_plant_links(s, cat, inputs.assembly_plant, "vehicle", 1.0, r.spec.use.electricity_factor)
        r.assumptions["manufacturing.plant_file"] = f"assembly from the plant's own data: {used}"
    else:
        kwh = cat.value("vehicle_assembly_electricity", "kWh/vehicle")
        use = r.spec.use
        add_grid_electricity(cat, s, kwh, plant.region, plant.year, use.electricity_factor, "vehicle assembly",
                             notes, derived=use.regional_factor == "derived", trajectory=_production_outlook(r))
        mj = cat.value("vehicle_assembly_heat", "MJ/vehicle")
        s.add(mj, f"vehicle assembly heat {mj:g} MJ", code=require_activity(cat, "heat-natural-gas-cn", "MJ"))
    if "vehicle_distribution_distance" in cat.parameters:
        km = cat.value("vehicle_distribution_distance", "km")
        t = r.spec.mass.curb / 1000.0
        s.add(t * km, f"distribution {t:.3f} t × {km:g} km", code=require_activity(cat, "transport-truck-cn", "t*km"),
              key="vehicle-distribution")
    return s


def _production_outlook(r: Resolved) -> bool:
    """Whether the plants' generic grid electricity follows the scenario trajectory after the last
    official year: with the use phase's outlook, or always under a prospective background."""
    return r.spec.use.grid_outlook == "trajectory" or r.spec.manufacturing.background == "prospective"


_BACKGROUND = {
    "current": "current: the production stages' background inventories keep the grid year they ship with "
               "(the latest official factor); the plants' generic electricity takes the production year's factor, "
               "after the last official year the scenario trajectory when use.grid_outlook is 'trajectory'",
    "prospective": "prospective (opt-in): grid electricity inside the parts' background inventories and the plants' "
                   "generic electricity re-linked to the labelled scenario trajectory's factor of the production "
                   "year (electricity-cn-trajectory; its last value held after its last year); energy "
                   "intensities unchanged (no sourced improvement rate); material, battery-material, "
                   "electronics and other totals that carry electricity inside a CO2e or per-gas figure are "
                   "not re-linked; "
                   "plant files and suppliers' footprints keep their own data",
}


def production_background(r: Resolved, cat: Catalog, stages: dict[str, Stage], notes: list[str]) -> None:
    """Record the production background used; under 'prospective', re-link the grid electricity inside
    the production stages' generic background links to the production year
    (:mod:`carbonev.inventory.prospective`)."""
    choice = r.spec.manufacturing.background
    r.assumptions["manufacturing.background"] = _BACKGROUND[choice]
    if choice != "prospective":
        return
    years = {"materials_and_parts": r.spec.manufacturing.year, "battery": r.spec.battery_plant.year,
             "vehicle_assembly": r.spec.manufacturing.year}
    for name, year in years.items():
        relink(cat, stages[name], year, notes)


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


def build(spec: VehicleSpec, cat: Catalog, file: str | None = None, keyed: bool = True,
          inputs: ExternalInputs | None = None) -> Foreground:
    """Spec → foreground inventory (pure: no file read, no Brightway).

    ``inputs`` are the plant files and suppliers' footprints the spec names, resolved beforehand
    (``carbonev.inputs.resolve_inputs``); a spec naming such files without them is an error.
    ``keyed=False`` skips the content hash of the links (sweeps and Monte Carlo need none).
    """
    inputs = inputs if inputs is not None else NONE
    _check_resolved(spec, inputs, file)
    r = resolve(spec, cat, file)
    notes: list[str] = []
    stages = {
        "materials_and_parts": materials_and_parts(r, cat, inputs, file),
        "battery": battery(r, cat, notes, file, inputs),
        "vehicle_assembly": vehicle_assembly(r, cat, notes, inputs),
        "use_energy_upstream": use_energy_upstream(r, cat, notes, add_grid_electricity, require_activity),
        "use_direct": use_direct(r, cat),
        "maintenance": maintenance(r, cat, require_activity),
        "end_of_life": end_of_life(r, cat),
        "end_of_life_credit": end_of_life_credit(r, cat),
    }
    assert tuple(stages) == STAGES
    production_background(r, cat, stages, notes)
    return Foreground(
        key=foreground_key(spec.name, stages, cat) if keyed else "", name=spec.name, lifetime_km=r.lifetime_km,
        stages=stages, notes=merge_notes(notes), assumptions=r.assumptions,
    )


def _check_resolved(spec: VehicleSpec, inputs: ExternalInputs, file: str | None) -> None:
    """Files the spec names must come resolved (the inventory reads no file)."""
    named = [("manufacturing.plant_file", spec.manufacturing.plant_file, inputs.assembly_plant),
             ("battery.plant_file", spec.battery.plant_file if spec.battery else None, inputs.battery_plant)]
    for field, value, given in named:
        if value is not None and given is None:
            raise SpecError("names a file that was not resolved before building (use carbonev.inputs."
                            "resolve_inputs, or the carbonev API, which does)", file=file, field=field)
    if len(spec.supplied) != len(inputs.supplied):
        raise SpecError("names footprint files that were not resolved before building", file=file, field="supplied")
