"""A pack file → the one pack model (:mod:`carbonev.inventory.pack`), for declarations, reports and PACT."""

from __future__ import annotations

from carbonev.data.catalog import Catalog
from carbonev.inventory.external import PlantShare
from carbonev.inventory.pack import PACK_STAGE_LABELS, PACK_STAGES, PackDesign, PackInventory, PackItem, build_pack
from carbonev.specs.pack import PackSpec

__all__ = ["PACK_STAGES", "PACK_STAGE_LABELS", "PackInventory", "PackItem", "design", "pack_inventory"]


def design(pack: PackSpec) -> PackDesign:
    """The model's view of a pack file (generic plant: the file's ``plant`` place)."""
    place = pack.plant
    return PackDesign(chemistry=pack.chemistry.value.lower(), capacity=pack.capacity, mass=pack.mass,
                      region=place.region if place else "cn", year=place.year if place else 2024,
                      distribution_mode=pack.distribution.mode or "truck", distribution_km=pack.distribution.distance,
                      eol_route=pack.end_of_life.route)


def pack_inventory(pack: PackSpec, cat: Catalog, plant: PlantShare | None = None,
                   recognise_instruments: bool = True) -> PackInventory:
    """The stages of one pack of ``pack`` (``plant``: the plant's per-kWh share, if linked)."""
    return build_pack(design(pack), cat, plant, recognise_instruments)
