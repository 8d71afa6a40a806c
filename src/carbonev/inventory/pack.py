"""The traction-battery pack: one model for the vehicle's battery stage, declarations, reports and PACT.

One pack (pure: no file, no Brightway)::

    mass           given, or capacity [kWh] × 1000 / pack specific energy of the chemistry [Wh/kg]
    raw_materials  mass × battery-pack-materials-<chemistry>                              [kg]
    production     capacity × battery_manufacturing_electricity (grid of the plant's region and
                   year) + capacity × battery_manufacturing_steam (heat-steam-cn);
                   or, with a plant file, capacity × the plant's per-kWh links
    distribution   mass [t] × distance × transport-<mode>                                 [t*km]
    end_of_life    mass × eol-battery-<route>                                             [kg]

A vehicle uses ``packs_over_life`` packs: 1 + replacements + swap-station packs per vehicle.
Every amount is per pack; every link keeps a basis saying how it was derived and an origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from carbonev.data.catalog import Catalog
from carbonev.inventory import grid
from carbonev.inventory.external import PlantShare
from carbonev.inventory.foreground import Link, Origin, Stage
from carbonev.inventory.plants import plant_links
from carbonev.inventory.sourcing import add_grid_electricity, param, require_activity

PACK_STAGES: tuple[str, ...] = ("raw_materials", "production", "distribution", "end_of_life")
PACK_STAGE_LABELS = {
    "raw_materials": "Pack materials, cradle to gate",
    "production": "Cell and pack making",
    "distribution": "Distribution to the vehicle plant",
    "end_of_life": "End of life (recycling process)",
}
TRANSPORT = {"truck": "transport-truck-cn", "rail": "transport-rail-cn", "ship": "transport-ship-sea"}


@dataclass(frozen=True)
class PackDesign:
    """What the model needs to know of one pack."""

    chemistry: str  # lower case, e.g. nmc811
    capacity: float  # nominal energy [kWh]
    mass: float | None  # [kg]; None: from the chemistry's pack specific energy
    region: str  # where cells and pack are made (generic data)
    year: int
    distribution_mode: str = "truck"
    distribution_km: float | None = None  # None: shipped materials_transport_distance
    eol_route: str = "hydrometallurgy"
    derived: bool = False  # a province without its own life-cycle grid factor takes the derived one
    trajectory: bool = False  # a plant year after the last official grid factor follows the outlook


class PackItem(NamedTuple):
    """One link of one stage; ``primary`` marks amounts from the plant's own data."""

    stage: str
    link: Link
    primary: bool = False


@dataclass
class PackInventory:
    items: list[PackItem]
    mass: float  # [kg]
    assumptions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def links(self, stage: str) -> list[Link]:
        return [i.link for i in self.items if i.stage == stage]


def packs_over_life(replacements: int, swap_packs: float = 0.0) -> float:
    """Packs a vehicle uses over its life [-]: the first, replacements and its share of a swap pool."""
    return 1 + replacements + swap_packs


def pack_mass(chemistry: str, capacity: float, mass: float | None, cat: Catalog,
              assumptions: dict[str, str], label: str = "") -> float:
    """Pack mass [kg]: given, or capacity / the shipped pack specific energy of ``chemistry``;
    assumptions are recorded under ``<label>.specific_energy`` and ``<label>.mass``."""
    if mass is not None:
        return mass
    prefix = f"{label}." if label else ""
    wh_per_kg = param(cat, f"battery_pack_specific_energy_{chemistry}", "Wh/kg", assumptions,
                      f"{prefix}specific_energy")
    out = capacity * 1000.0 / wh_per_kg
    assumptions[f"{prefix}mass"] = f"{out:.1f} kg (capacity / pack specific energy)"
    return out


def _generic_production(p: PackDesign, cat: Catalog, notes: list[str], basis: str, notes_as: str) -> list[Link]:
    s = Stage(notes_as)
    kwh = cat.value("battery_manufacturing_electricity", "kWh/kWh") * p.capacity
    add_grid_electricity(cat, s, kwh, p.region, p.year, basis, "cell and pack making", notes,
                         detail=f" ({p.capacity:g} kWh × battery_manufacturing_electricity)", derived=p.derived,
                         trajectory=p.trajectory)
    if "battery_manufacturing_steam" in cat.parameters:
        mj = cat.value("battery_manufacturing_steam", "MJ/kWh") * p.capacity
        s.add(mj, f"cell and pack making steam {mj:.6g} MJ ({p.capacity:g} kWh × battery_manufacturing_steam)",
              code=require_activity(cat, "heat-steam-cn", "MJ"))
    return s.links


def _plant_production(p: PackDesign, cat: Catalog, share: PlantShare, basis: str, recognise_instruments: bool,
                      notes: list[str]) -> list[Link]:
    links = plant_links(share, cat, basis)
    if not recognise_instruments and share.renewable_electricity.value > 0:
        renewable_codes = {a.code for a in share.renewable_by_technology.values() if a.code}
        links = [x for x in links if x[2] not in renewable_codes]
        choice = grid.choose(cat.activity_codes, share.region, share.year, grid.BASIS[basis])
        r = share.renewable_electricity
        links.append((r.value, f"{r.basis}; priced at the grid ({choice.code}): the scheme does not recognise "
                      "contractual instruments", choice.code, None))
        notes.append(f"production: {r.value:.4g} kWh/kWh covered by renewable instruments or on-site generation "
                     "priced at the grid factor (scheme rule); carbonev's plant link does not separate on-site "
                     "generation from certificates, so this is conservative for on-site PV")
    s = Stage("production")
    for amount, why, code, flow in links:
        s.add(amount * p.capacity, f"{p.capacity:g} kWh × ({why})", code=code, flow=flow, kind="plant",
              key=share.key)
    return s.links


def build_pack(p: PackDesign, cat: Catalog, plant: PlantShare | None = None, recognise_instruments: bool = True,
               electricity_basis: str = "life-cycle", label: str = "", notes_as: str = "production") -> PackInventory:
    """The stages of one pack (see module doc). ``plant`` (a per-kWh share) replaces the generic cell and
    pack making data; ``electricity_basis`` is 'life-cycle' (products) or 'co2' (scope-2 factors);
    ``label`` prefixes the assumption keys and ``notes_as`` names the stage in notes."""
    a: dict[str, str] = {}
    notes: list[str] = []
    mass = pack_mass(p.chemistry, p.capacity, p.mass, cat, a, label)
    items = [PackItem("raw_materials", Link(mass, f"{mass:.1f} kg pack materials (battery-pack-materials-"
                                                  f"{p.chemistry})",
                                            require_activity(cat, f"battery-pack-materials-{p.chemistry}", "kg"),
                                            origin=_origin("raw_materials", f"battery-pack-materials-{p.chemistry}")))]
    if plant is not None:
        items += [PackItem("production", x, True)
                  for x in _plant_production(p, cat, plant, electricity_basis, recognise_instruments, notes)]
        a["production"] = f"the plant's own data: {plant.describe()}"
    else:
        items += [PackItem("production", x) for x in _generic_production(p, cat, notes, electricity_basis, notes_as)]
    km = p.distribution_km if p.distribution_km is not None else param(
        cat, "materials_transport_distance", "km", a, "distribution.distance")
    code = require_activity(cat, TRANSPORT[p.distribution_mode], "t*km")
    items.append(PackItem("distribution", Link(mass / 1000.0 * km, f"{mass / 1000:.4f} t × {km:g} km by "
                                                                    f"{p.distribution_mode}", code,
                                               origin=_origin("distribution", "pack-distribution"))))
    route = p.eol_route
    items.append(PackItem("end_of_life", Link(mass, f"{route} of {mass:.1f} kg (cut-off: no recycling credit)",
                                              require_activity(cat, f"eol-battery-{route}", "kg"),
                                              origin=_origin("end_of_life", f"eol-battery-{route}"))))
    return PackInventory(items=[i for i in items if i.link.amount != 0], mass=mass, assumptions=a, notes=notes)


def _origin(stage: str, key: str) -> Origin:
    return Origin(stage, "generic", key)
