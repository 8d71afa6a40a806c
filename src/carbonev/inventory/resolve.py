"""Fill a vehicle spec's open fields from the shipped parameters and check it.

Every default taken from data is recorded with the parameter and source it came
from, so a result states its assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from carbonev.data.catalog import Catalog
from carbonev.errors import SpecError
from carbonev.inventory.pack import pack_mass
from carbonev.inventory.sourcing import param as _param
from carbonev.specs.vehicle import MASS_TOLERANCE, Powertrain, VehicleSpec


@dataclass
class Resolved:
    """A spec with every number needed to build its inventory [SI-ish units]."""

    spec: VehicleSpec
    lifetime_km: float
    years: float
    battery_mass: float  # [kg] one pack
    glider_mass: float  # [kg]
    electricity_per_km: float  # real-world, at the plug, averaged over all km [kWh/km]
    fuel_per_km: float  # real-world liquid fuel (gasoline or diesel), averaged over all km [L/km]
    hydrogen_per_km: float = 0.0  # real-world [kg/km]
    methanol_per_km: float = 0.0  # real-world [kg/km]
    fuel_cell_mass: float = 0.0  # [kg]
    tank_mass: float = 0.0  # [kg]
    vehicle_class: str = "passenger_car"  # parameter suffix of class defaults
    refrigerant: str = "R134a"  # air-conditioning refrigerant (spec, or default by model year)
    glider_code: str = "glider-steel"  # per-kg glider inventory (components.glider or components.body)
    assumptions: dict[str, str] = field(default_factory=dict)


def _first_param(cat: Catalog, names: list[str]) -> str | None:
    return next((n for n in names if n in cat.parameters), None)


def resolve(spec: VehicleSpec, cat: Catalog, file: str | None = None) -> Resolved:
    """Fill defaults from data and check the mass balance [raises SpecError]."""
    a: dict[str, str] = {}
    use = spec.use
    cls = (spec.segment or "").lower().replace("-", "_")

    def by_class(stem: str) -> str:
        return f"{stem}_{cls}" if cls and f"{stem}_{cls}" in cat.parameters else f"{stem}_passenger_car"

    lifetime = use.lifetime if use.lifetime is not None else _param(
        cat, by_class("lifetime_distance"), "km", a, "use.lifetime")
    years = use.years if use.years is not None else _param(
        cat, by_class("lifetime_years"), "year", a, "use.years")
    battery_mass, fuel_cell_mass, tank_mass, glider = _masses(spec, cat, a, file)
    electricity, fuel, hydrogen, methanol = _energy_per_km(spec, cls, cat, a, file)
    refrigerant = spec.refrigerant or _default_refrigerant(cat, spec.manufacturing.year, a)
    glider_code = _glider(spec, a, file)
    _grid_assumptions(cat, spec, a)
    return Resolved(
        refrigerant=refrigerant, glider_code=glider_code, spec=spec,
        lifetime_km=lifetime, years=years, battery_mass=battery_mass, glider_mass=glider,
        electricity_per_km=electricity, fuel_per_km=fuel, hydrogen_per_km=hydrogen, methanol_per_km=methanol,
        fuel_cell_mass=fuel_cell_mass, tank_mass=tank_mass, vehicle_class=cls or "passenger_car", assumptions=a,
    )


def _masses(spec: VehicleSpec, cat: Catalog, a: dict[str, str], file: str | None) -> tuple[Any, Any, Any, Any]:
    """(battery, fuel cell, hydrogen tank, glider) masses [kg]; the glider is the rest of the curb mass
    unless given, and then the parts must add up to the curb mass [raises SpecError]."""
    battery_mass = 0.0
    if spec.battery is not None:
        b = spec.battery
        battery_mass = pack_mass(b.chemistry.value.lower(), b.capacity, b.mass, cat, a, "battery")
    fuel_cell_mass = tank_mass = 0.0
    if spec.fuel_cell is not None and spec.hydrogen_tank is not None:
        fuel_cell_mass = spec.fuel_cell.mass if spec.fuel_cell.mass is not None else spec.fuel_cell.power * _param(
            cat, "fuel_cell_stack_mass_per_kw", "kg/kW", a, "fuel_cell.mass per kW")
        tank_mass = spec.hydrogen_tank.mass
    m = spec.mass
    known = m.electric_drive + m.combustion_powertrain + battery_mass + fuel_cell_mass + tank_mass
    if m.glider is None:
        glider = m.curb - known
        if glider <= 0:
            raise SpecError(
                f"curb mass {m.curb:g} kg is not more than battery + drive masses ({known:g} kg)",
                file=file, field="mass.curb",
            )
        a["mass.glider"] = f"{glider:.1f} kg (curb minus battery and drive masses)"
    else:
        glider = m.glider
        total = glider + known
        if abs(total - m.curb) > MASS_TOLERANCE * m.curb:
            raise SpecError(
                f"parts add up to {total:g} kg (glider {glider:g} + drives "
                f"{m.electric_drive + m.combustion_powertrain:g} + battery {battery_mass:g} + fuel cell and tank "
                f"{fuel_cell_mass + tank_mass:g}) "
                f"but curb is {m.curb:g} kg (tolerance {MASS_TOLERANCE:.0%})",
                file=file, field="mass",
            )
    return battery_mass, fuel_cell_mass, tank_mass, glider


def _real_world_factor(spec: VehicleSpec, cls: str, kind: str, cat: Catalog, a: dict[str, str],
                       file: str | None) -> Any:
    """Real-world / test-cycle energy use of ``kind`` (bev, icev, fcev) on the spec's cycle [-]."""
    e = spec.energy
    if e.cycle == "real-world":
        return 1.0
    if e.real_world_factor is not None:
        return e.real_world_factor
    cyc = e.cycle.lower()
    candidates = [f"real_world_factor_{cyc}_{kind}"]
    # the generic factor was measured on passenger cars with batteries or engines only
    if cls not in ("city_bus", "light_van", "heavy_truck") and kind in ("bev", "icev"):
        candidates.append(f"real_world_factor_{cyc}")
    name = _first_param(cat, candidates)
    if name is None:
        what = "an FCEV" if kind == "fcev" else f"a {cls.replace('_', ' ') or 'vehicle'}"
        raise SpecError(
            f"no shipped real-world factor for {what} on the {e.cycle} cycle; give one, "
            "or use cycle: real-world with an on-road figure",
            file=file, field="energy.real_world_factor",
        )
    return _param(cat, name, "dimensionless", a, f"energy.real_world_factor ({kind})")


def _energy_per_km(spec: VehicleSpec, cls: str, cat: Catalog, a: dict[str, str],
                   file: str | None) -> tuple[Any, Any, Any, Any]:
    """Real-world (electricity at the plug [kWh/km], liquid fuel [L/km], hydrogen and methanol [kg/km]),
    averaged over all km (a PHEV's split by its utility factor)."""
    e, pt = spec.energy, spec.powertrain

    def rwf(kind: str) -> Any:
        return _real_world_factor(spec, cls, kind, cat, a, file)

    share_elec = 1.0 if pt is Powertrain.BEV else 0.0
    if pt is Powertrain.PHEV:
        share_elec = e.utility_factor if e.utility_factor is not None else _param(
            cat, "phev_utility_factor_cn", "dimensionless", a, "energy.utility_factor")
    electricity = 0.0
    if e.electricity is not None:
        electricity = e.electricity * rwf("bev") * share_elec
        if e.electricity_measured_at == "battery":
            eff = e.charging_efficiency if e.charging_efficiency is not None else _param(
                cat, "charging_efficiency", "dimensionless", a, "energy.charging_efficiency")
            electricity /= eff
    fuel = 0.0
    if e.fuel is not None:
        fuel = e.fuel * rwf("icev") * (1.0 - share_elec)
    hydrogen = e.hydrogen * rwf("fcev") if e.hydrogen is not None else 0.0
    methanol = e.methanol * rwf("icev") if e.methanol is not None else 0.0
    return electricity, fuel, hydrogen, methanol


def _glider(spec: VehicleSpec, a: dict[str, str], file: str | None) -> str:
    """Glider inventory from components.glider or components.body [records the choice; SpecError if they
    disagree]. No sourced rule maps a segment to a body material, so an unstated body is steel; a body
    picks its glider unless ``glider`` names another inventory than the default."""
    c = spec.components
    default = type(c).model_fields["glider"].default
    if c.body is None:
        if c.glider == default:
            a["components.glider"] = (f"{c.glider} (body: steel, the default for segment {spec.segment or 'unstated'}; "
                                      "set components.body: aluminium-intensive or mixed for such bodies)")
        return c.glider
    code = f"glider-{c.body}"
    if c.glider not in (default, code):
        raise SpecError(f"glider {c.glider!r} contradicts body {c.body!r} (which means {code!r}); give one of them",
                        file=file, field="components.body")
    a["components.glider"] = f"{code} (components.body: {c.body})"
    return code


def _default_refrigerant(cat: Catalog, model_year: int, a: dict[str, str]) -> str:
    """R134a before the year from which new M1 type approvals need a refrigerant of GWP <= 150,
    R1234yf from then (the usual low-GWP choice; R744 is also allowed) [records the assumption]."""
    name = "mac_low_gwp_required_from"
    if name not in cat.parameters:
        return "R134a"
    from_year = cat.value(name, "dimensionless")
    refrigerant = "R1234yf" if model_year >= from_year else "R134a"
    par = cat.parameter(name)
    a["refrigerant"] = (f"{refrigerant} (model year {model_year}; GWP <= 150 required for new M1 type approvals from "
                        f"{from_year:.0f}: {cat.parameter_source(name).citation[:70]}; {par.locator})")
    return refrigerant


def _grid_assumptions(cat: Catalog, spec: VehicleSpec, a: dict[str, str]) -> None:
    """State the grid outlook and regional-factor choices in the result's assumptions."""
    use = spec.use
    if use.grid_outlook == "trajectory":
        a["use.grid_outlook"] = ("trajectory: use years after the last official life-cycle factor (2024) follow the "
                                 "shipped scenario (electricity-cn-trajectory: IEA China Roadmap 2021 coal share to "
                                 "2030, held flat after 2030); set 'official' where a standard prescribes official "
                                 "factors")
    else:
        a["use.grid_outlook"] = "official: the last official grid factor is held for every later use year"
    from carbonev.inventory import grid

    scale = grid.regional_scale(cat, use.region, use.first_year) if use.electricity_factor == "life-cycle" else None
    if use.regional_factor == "derived" and scale is not None:
        a["use.regional_factor"] = f"derived: {scale.note}"
    elif scale is not None:
        a["use.regional_factor"] = "official: national life-cycle factor (no official provincial life-cycle factor)"
