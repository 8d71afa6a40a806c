"""Prospective background of the production stages: the grid of the production year (opt-in).

With ``manufacturing.background: prospective`` a vehicle built in a future year is not built on
today's plants' grid. The grid electricity that the shipped background inventories of its parts
carry (e.g. stamping electricity of ``glider-steel`` on ``electricity-lc-cn-2024``) is re-linked
to the grid factor of the production year from the labelled scenario trajectory
(``electricity-cn-trajectory.yaml``), the same outlook the use phase follows::

    E_g      = sum over the stage's generic links l of  a_l × e_g(code_l)           [kWh]
    e_g(c)   = direct kWh of grid activity g per unit of c
               + sum over inputs i of c:  a_ci × e_g(i)     (walk of the catalog)  [kWh/unit]
    re-link  = −E_g kWh of g  and  +E_g kWh of grid.choose(region of g, production year,
               trajectory=True)

Only linear re-linking of electricity is done: energy intensities are unchanged (no sourced
improvement rate read), and background totals that carry their electricity inside a CO2e or
per-gas figure (materials, battery materials, electronics, the coal and petroleum remainders of
part forming) cannot be re-linked. Links from a
plant file or a supplier's footprint are primary data and are never touched. Beyond the
trajectory's last year its last value is held (:func:`carbonev.inventory.grid.choose`).
Pure: reads the catalog only.
"""

from __future__ import annotations

from carbonev.data.catalog import Catalog
from carbonev.errors import DataError
from carbonev.inventory import grid
from carbonev.inventory.foreground import Link, Origin, Stage

KEY = "prospective-background"

_EMBEDDED: dict[tuple[str, str], dict[str, float]] = {}


def embedded_grid(cat: Catalog, code: str, path: tuple[str, ...] = ()) -> dict[str, float]:
    """Official life-cycle grid electricity in the supply chain of one unit of ``code``
    [kWh per unit, by grid code]; remembered per data version."""
    key = (cat.sha256, code)
    if key in _EMBEDDED:
        return _EMBEDDED[key]
    if code in path:
        raise DataError(f"activity {code!r} takes itself as an input (via {' -> '.join(path)})",
                        file=cat.activity_file.get(code, "inventories/"))
    act = cat.activities[code]
    out: dict[str, float] = {}
    for i, exc in enumerate(act.exchanges):
        if exc.input is None or (grid.is_grid(exc.input) and grid.official_lc(exc.input) is None):
            continue  # flows, trajectory and CO2-basis grid codes
        amount = cat.exchange_factor(act, i)
        inner = {exc.input: 1.0} if grid.official_lc(exc.input) else embedded_grid(cat, exc.input, (*path, code))
        for g, kwh in inner.items():
            out[g] = out.get(g, 0.0) + amount * kwh
    if len(_EMBEDDED) > 4096:
        _EMBEDDED.clear()
    _EMBEDDED[key] = out
    return out


def relink(cat: Catalog, stage: Stage, year: int, notes: list[str]) -> float:
    """Add the re-linking pair of links for each grid code embedded in ``stage``'s generic links
    (module doc) for production ``year``; returns the kWh re-linked. Direct grid links of the
    stage are not walked (they already take the production year's factor)."""
    totals: dict[str, float] = {}
    for link in stage.links:
        if link.code is None or (link.origin is not None and link.origin.kind != "generic"):
            continue
        if grid.is_grid(link.code) or (link.origin is not None and link.origin.key == KEY):
            continue
        for g, kwh in embedded_grid(cat, link.code).items():
            totals[g] = totals.get(g, 0.0) + link.amount * kwh
    moved = 0.0
    for old, kwh in sorted(totals.items()):
        region, old_year = grid.official_lc(old)  # type: ignore[misc]
        choice = grid.choose(cat.activity_codes, region, year, "lc", True)
        if choice.code == old or choice.year <= old_year or kwh == 0:
            continue
        origin = Origin(stage.name, "generic", KEY)
        why = f"prospective background ({year}): {kwh:.6g} kWh of grid electricity inside the stage's parts"
        stage.links.append(Link(-kwh, f"{why}, taken out of {old}", old, origin=origin))
        stage.links.append(Link(kwh, f"{why}, re-linked to {choice.code}", choice.code, origin=origin))
        held = f"; the trajectory ends in {choice.year}, its last value is held" if choice.year < year else ""
        notes.append(f"{stage.name}: prospective background: {kwh:.4g} kWh of background grid electricity "
                     f"moved from {old} to {choice.code} (scenario trajectory, not an official factor{held})")
        moved += kwh
    return moved
