"""A plant's own per-unit energy and emissions (a resolved :class:`PlantShare`) as links of a stage.

The share is accounted from the plant file before the inventory is built (``carbonev.inputs``);
here its amounts become links: grid electricity priced with the grid of the plant's region and year,
evidenced renewable electricity at its technology's life-cycle factor (product footprints) or left
out (scope-2 factors: market-based at 0), fuels through their supply activities, direct emissions
as flows. Every link's origin is ``plant`` with the share's key.
"""

from __future__ import annotations

from carbonev.data.catalog import Catalog
from carbonev.inventory import grid
from carbonev.inventory.external import PlantShare
from carbonev.inventory.foreground import Stage

LIQUID = ("diesel", "gasoline")


def plant_links(share: PlantShare, cat: Catalog, electricity_basis: str = "life-cycle"
                ) -> list[tuple[float, str, str | None, str | None]]:
    """(amount per unit, basis, activity code, flow) for each input of ``share``; ``electricity_basis``
    is 'life-cycle' (product footprints) or 'co2' (scope-2 factors)."""
    out: list[tuple[float, str, str | None, str | None]] = []
    choice = grid.choose(cat.activity_codes, share.region, share.year, grid.BASIS[electricity_basis])
    g = share.grid_electricity
    out.append((g.value, f"{g.basis}; grid {choice.code}", choice.code, None))
    for tech, a in share.renewable_by_technology.items():
        if electricity_basis == "life-cycle" and a.code:
            out.append((a.value, f"{a.basis}; {tech} life-cycle factor {a.code}", a.code, None))
    for carrier, a in share.fuels.items():
        if a.code is None:
            continue
        if carrier in LIQUID:
            litres = a.value / (cat.value(f"{carrier}_lhv", "MJ/kg") * cat.value(f"{carrier}_density", "kg/L"))
            out.append((litres, f"{a.basis}; {litres:.4g} L", a.code, None))
        else:
            out.append((a.value, a.basis, a.code, None))
    for flow, a in share.direct_emissions.items():
        out.append((a.value, a.basis, None, flow))
    return [x for x in out if x[0] != 0]


def add_plant_links(stage: Stage, cat: Catalog, share: PlantShare, unit: str, units: float,
                    electricity_basis: str) -> str:
    """Add ``units`` [``unit``] × the plant's per-unit links to ``stage``; return a one-line description."""
    for amount, basis, code, flow in plant_links(share, cat, electricity_basis):
        stage.add(amount * units, f"{units:g} {unit} × ({basis})", code=code, flow=flow, kind="plant", key=share.key)
    return share.describe()
