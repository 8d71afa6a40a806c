"""Pack → life-cycle stages of links (pure: no file, no Brightway).

The same background activities and parameters as the vehicle model's battery stage
(``carbonev.inventory.vehicle.battery`` / ``end_of_life``), for ONE pack:

    raw_materials  pack mass × battery-pack-materials-<chemistry>            [kg]
    production     capacity × battery_manufacturing_electricity (grid of the plant's region
                   and year) + capacity × battery_manufacturing_steam (heat-steam-cn);
                   or, with a plant file, capacity × the plant's per-kWh links
    distribution   pack mass [t] × distance × transport-<mode>                [t*km]
    end_of_life    pack mass × eol-battery-<route>                            [kg]

Every amount is per pack; every link keeps a basis saying how it was derived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from carbonev.battery.spec import PackSpec
from carbonev.data.catalog import Catalog
from carbonev.factory.link import PlantShare
from carbonev.inventory import grid
from carbonev.inventory.foreground import Link, Stage
from carbonev.inventory.vehicle import add_grid_electricity, require_activity

PACK_STAGES: tuple[str, ...] = ("raw_materials", "production", "distribution", "end_of_life")
PACK_STAGE_LABELS = {
    "raw_materials": "Pack materials, cradle to gate",
    "production": "Cell and pack making",
    "distribution": "Distribution to the vehicle plant",
    "end_of_life": "End of life (recycling process)",
}
TRANSPORT = {"truck": "transport-truck-cn", "rail": "transport-rail-cn", "ship": "transport-ship-sea"}


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


def _param(cat: Catalog, name: str, unit: str, assumptions: dict[str, str], label: str) -> float:
    value = cat.value(name, unit)
    cite = cat.parameter_source(name).citation
    assumptions[label] = f"{value:g} {unit} (parameter {name}: {cite[:80]}; {cat.parameter(name).locator})"
    return value


def pack_mass(pack: PackSpec, cat: Catalog, assumptions: dict[str, str]) -> float:
    """Pack mass [kg]: given, or capacity / the shipped pack specific energy of the chemistry."""
    if pack.mass is not None:
        return pack.mass
    chem = pack.chemistry.value.lower()
    wh_per_kg = _param(cat, f"battery_pack_specific_energy_{chem}", "Wh/kg", assumptions, "specific_energy")
    mass = pack.capacity * 1000.0 / wh_per_kg
    assumptions["mass"] = f"{mass:.1f} kg (capacity / pack specific energy)"
    return mass


def _generic_production(pack: PackSpec, cat: Catalog, notes: list[str]) -> list[PackItem]:
    place = pack.plant
    s = Stage("production")
    kwh = cat.value("battery_manufacturing_electricity", "kWh/kWh") * pack.capacity
    add_grid_electricity(cat, s, kwh, place.region, place.year, "life-cycle", "cell and pack making", notes,
                         detail=f" ({pack.capacity:g} kWh × battery_manufacturing_electricity)")
    if "battery_manufacturing_steam" in cat.parameters:
        mj = cat.value("battery_manufacturing_steam", "MJ/kWh") * pack.capacity
        s.add(mj, f"cell and pack making steam {mj:.6g} MJ ({pack.capacity:g} kWh × battery_manufacturing_steam)",
              code=require_activity(cat, "heat-steam-cn", "MJ"))
    return [PackItem("production", link) for link in s.links]


def _plant_production(pack: PackSpec, cat: Catalog, share: PlantShare, recognise_instruments: bool,
                      notes: list[str]) -> list[PackItem]:
    units = pack.capacity
    links = share.links("life-cycle", cat)
    if not recognise_instruments and share.renewable_electricity.value > 0:
        renewable_codes = {a.code for a in share.renewable_by_technology.values() if a.code}
        links = [x for x in links if x[2] not in renewable_codes]
        choice = grid.choose(cat.activity_codes, share.region, share.year, "lc")
        r = share.renewable_electricity
        links.append((r.value, f"{r.basis}; priced at the grid ({choice.code}): the scheme does not recognise "
                      "contractual instruments", choice.code, None))
        notes.append(f"production: {r.value:.4g} kWh/kWh covered by renewable instruments or on-site generation "
                     "priced at the grid factor (scheme rule); carbonev's plant link does not separate on-site "
                     "generation from certificates, so this is conservative for on-site PV")
    return [PackItem("production", Link(amount * units, f"{units:g} kWh × ({basis})", code, flow), True)
            for amount, basis, code, flow in links]


def build_pack(pack: PackSpec, cat: Catalog, plant: PlantShare | None = None,
               recognise_instruments: bool = True) -> PackInventory:
    """The stages of one pack (see module doc). ``plant`` (from ``carbonev.factory.link.
    assembly_footprint``, per kWh) replaces the generic cell and pack making data."""
    a: dict[str, str] = {}
    notes: list[str] = []
    mass = pack_mass(pack, cat, a)
    chem = pack.chemistry.value.lower()
    items = [PackItem("raw_materials", Link(mass, f"{mass:.1f} kg pack materials (battery-pack-materials-{chem})",
                                            require_activity(cat, f"battery-pack-materials-{chem}", "kg")))]
    if plant is not None:
        items += _plant_production(pack, cat, plant, recognise_instruments, notes)
        a["production"] = (f"the plant's own data: {plant.plant} ({plant.file}, sha256 "
                           f"{(plant.sha256 or 'n/a')[:12]}), product {plant.product}, allocation {plant.allocation}, "
                           f"{plant.region} {plant.year}")
    else:
        items += _generic_production(pack, cat, notes)
    d = pack.distribution
    km = d.distance if d.distance is not None else _param(cat, "materials_transport_distance", "km", a,
                                                           "distribution.distance")
    code = require_activity(cat, TRANSPORT[d.mode], "t*km")
    items.append(PackItem("distribution", Link(mass / 1000.0 * km, f"{mass / 1000:.4f} t × {km:g} km by {d.mode}",
                                               code)))
    route = pack.end_of_life.route
    items.append(PackItem("end_of_life", Link(mass, f"{route} of {mass:.1f} kg (cut-off: no recycling credit)",
                                              require_activity(cat, f"eol-battery-{route}", "kg"))))
    return PackInventory(items=[i for i in items if i.link.amount != 0], mass=mass, assumptions=a, notes=notes)
