"""Footprints of parts at the factory gate, for exchange (PACT) with a customer.

    part_from_pack(PACK)                      a battery pack: materials + cell and pack making
    part_from_vehicle(SPEC, "battery")        one traction pack of a vehicle (its battery stage ÷ packs)
    part_from_vehicle(SPEC, "vehicle-cradle-to-gate")
                                              materials and parts + one pack + assembly,
                                              without the distribution to the customer
    part_from_vehicle(SPEC, "vehicle-cradle-to-grave")
                                              every life-cycle stage (Catena-X only: PACT
                                              footprints are cradle-to-gate)

All numbers per piece [kg CO2e], computed with the shared background solve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from carbonev.battery.declare import load_plant_share
from carbonev.battery.inventory import pack_inventory
from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.engine.evaluator import Engine
from carbonev.errors import SpecError
from carbonev.factory.spec import load_factory
from carbonev.inputs import input_files, plant_path, resolve_inputs
from carbonev.inventory.foreground import Link
from carbonev.inventory.pack import packs_over_life
from carbonev.io.files import read_mapping
from carbonev.specs.pack import load_pack

PARTS = ("battery", "vehicle-cradle-to-gate", "vehicle-cradle-to-grave")


@dataclass
class PartFootprint:
    """A part's footprint per piece and what a PACT document needs to describe it."""

    part: str
    name: str
    description: str
    boundary: str  # "Cradle-to-gate" | "Cradle-to-grave" (Catena-X partialFullPcf)
    kg_co2e: float  # [kg CO2e per piece]
    biogenic_kg_co2e: float  # [kg CO2e per piece] from biogenic flows (included in kg_co2e)
    primary_kg_co2e: float  # [kg CO2e per piece] from the plant's own data
    mass_kg: float
    region: str
    year: int
    boundary_processes: str
    method: str
    reference_period: tuple[dt.date, dt.date] | None = None
    allocation: str | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def is_pack_file(path: str | Path) -> bool:
    return read_mapping(path).get("format") == "carbonev-battery-pack/1"


def _period(plant_file: str | None) -> tuple[dt.date, dt.date] | None:
    if plant_file is None:
        return None
    period = load_factory(plant_file).period
    return period.start, period.end + dt.timedelta(days=1)  # PACT: end exclusive


def _sum(ev: Engine, links: list[Link], primary: list[bool]) -> tuple[float, float, float]:
    total, biogenic = ev.biogenic_share(links)
    prim = sum(ev.link_impact(x) for x, p in zip(links, primary, strict=True) if p)
    return total, biogenic, prim


def part_from_pack(pack: str | Path, plant: str | Path | None = None, product: str | None = None,
                   store: str | Path | None = None, method: str | None = None,
                   catalog: Catalog | None = None) -> PartFootprint:
    """Cradle-to-gate footprint of one pack (materials, cell and pack making)."""
    cat = catalog or shipped_catalog()
    meth = cat.method(method).name
    spec = load_pack(pack)
    share, share_file = load_plant_share(spec, str(pack), cat, plant, product, meth, store)
    inv = pack_inventory(spec, cat, share)
    items = [i for i in inv.items if i.stage in ("raw_materials", "production")]
    total, bio, prim = _sum(Engine.open(cat, store, meth), [i.link for i in items], [i.primary for i in items])
    region, year = (share.region, share.year) if share else (spec.plant.region, spec.plant.year)
    inputs = {"pack": str(pack), **({"plant": share_file} if share_file else {})}
    return PartFootprint(
        part="battery", name=spec.name, description=spec.description or
        f"{spec.chemistry.value} traction battery pack, {spec.capacity:g} kWh, {inv.mass:.1f} kg",
        boundary="Cradle-to-gate", kg_co2e=total, biogenic_kg_co2e=bio, primary_kg_co2e=prim, mass_kg=inv.mass,
        region=region, year=year, method=meth, reference_period=_period(share_file),
        allocation=share.allocation if share else None, inputs=inputs, notes=list(inv.notes),
        boundary_processes="1) Materials: cradle-to-gate production of all pack materials (active materials, cell "
        "components, module and pack housing, BMS, thermal management); 2) Production: electricity, heat and "
        "direct emissions of cell and pack making" + (" (the plant's own data)" if share else " (generic data)"))


def part_from_vehicle(spec_path: str | Path, part: str, store: str | Path | None = None,
                      method: str | None = None, catalog: Catalog | None = None) -> PartFootprint:
    """A vehicle's battery pack or the whole vehicle, at the gate or over its life (see module doc)."""
    from carbonev.inventory.resolve import resolve
    from carbonev.inventory.vehicle import build
    from carbonev.specs.load import load_vehicle

    if part not in PARTS:
        raise SpecError(f"unknown part {part!r}; valid: {', '.join(PARTS)}", field="--part")
    cat = catalog or shipped_catalog()
    meth = cat.method(method).name
    file = str(spec_path)
    spec = load_vehicle(spec_path)
    fg = build(spec, cat, file, keyed=False, inputs=resolve_inputs(spec, file, cat, meth, store))
    plants = [str(plant_path(p.plant_file, file)) for p in (spec.battery, spec.manufacturing)
              if p is not None and getattr(p, "plant_file", None)]
    b = spec.battery
    packs = packs_over_life(b.replacements, b.swap_packs) if b is not None else 1.0
    notes: list[str] = []

    def scaled(stage: str, factor: float = 1.0, skip=lambda link: False) -> list[Link]:
        return [link._replace(amount=link.amount * factor) for link in fg.stages[stage].links if not skip(link)]

    def distribution(link: Link) -> bool:
        return link.origin is not None and link.origin.key == "vehicle-distribution"

    if part == "battery":
        if b is None:
            raise SpecError("the vehicle has no traction battery", file=file, field="battery")
        links = scaled("battery", 1.0 / packs)
        mass = resolve(spec, cat, file).battery_mass
        name, boundary = f"{b.chemistry.value} traction battery pack of {spec.name}", "Cradle-to-gate"
        place = spec.battery_plant
        what = "1) Materials: cradle-to-gate production of all pack materials; 2) Production: cell and pack making"
    elif part == "vehicle-cradle-to-gate":
        links = (scaled("materials_and_parts") + (scaled("battery", 1.0 / packs) if b is not None else [])
                 + scaled("vehicle_assembly", skip=distribution))
        if packs != 1:
            notes.append(f"battery stage divided by {packs:g} packs: replacement packs belong to the use stage")
        mass, name, boundary = spec.mass.curb, spec.name, "Cradle-to-gate"
        place = spec.manufacturing.place
        what = ("1) Materials and parts (glider, drives, traction pack) with inbound transport; 2) Vehicle "
                "assembly; distribution to the customer excluded")
    else:
        links = [link for stage in fg.stages.values() for link in stage.links]
        mass, name, boundary = spec.mass.curb, spec.name, "Cradle-to-grave"
        place = spec.manufacturing.place
        what = "All life-cycle stages: materials and parts, battery, assembly and distribution, use, maintenance, " \
               "end of life"
    primary = [link.origin is not None and link.origin.kind == "plant" for link in links]
    total, bio, prim = _sum(Engine.open(cat, store, meth), links, primary)
    return PartFootprint(part=part, name=name, description=spec.description or name, boundary=boundary,
                         kg_co2e=total, biogenic_kg_co2e=bio, primary_kg_co2e=prim, mass_kg=mass,
                         region=place.region, year=place.year, boundary_processes=what, method=meth,
                         reference_period=_period(plants[0]) if len(plants) == 1 else None,
                         inputs={"spec": file, **_named_files(spec, file)},
                         notes=notes + list(fg.notes))


def _named_files(spec, file: str) -> dict[str, str]:
    """plant1, plant2, supplied1, ... → path (the keys PACT exports record)."""
    named = input_files(spec, file, "x")
    plants = [named[k] for k in ("x.battery_plant", "x.plant") if k in named]
    supplied = [v for k, v in named.items() if k.startswith("x.supplied")]
    return {**{f"plant{i + 1}": str(p) for i, p in enumerate(plants)},
            **{f"supplied{i + 1}": str(p) for i, p in enumerate(supplied)}}


def part_footprint(path: str | Path, part: str | None = None, plant: str | Path | None = None,
                   product: str | None = None, store: str | Path | None = None,
                   method: str | None = None) -> PartFootprint:
    """A pack file → its pack; a vehicle spec → ``part`` (default: vehicle-cradle-to-gate)."""
    if is_pack_file(path):
        if part not in (None, "battery"):
            raise SpecError(f"a pack file exports the battery part only (got --part {part})", field="--part")
        return part_from_pack(path, plant, product, store, method)
    if plant is not None:
        raise SpecError("--plant applies to pack files; a vehicle spec names its plants itself", field="--plant")
    return part_from_vehicle(path, part or "vehicle-cradle-to-gate", store, method)

