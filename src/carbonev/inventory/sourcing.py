"""Take amounts from the catalog with their source: parameters, activities, grid electricity.

Every default a stage takes from data is recorded (``assumptions``) with the parameter and source
it came from, and every substituted grid region or year becomes a note, so results state them.
"""

from __future__ import annotations

from carbonev.data.catalog import Catalog
from carbonev.errors import DataError
from carbonev.inventory import grid
from carbonev.inventory.foreground import Stage
from carbonev.units import same_dimension


def param(cat: Catalog, name: str, unit: str, assumptions: dict[str, str], label: str) -> float:
    """Parameter ``name`` in ``unit``, recorded in ``assumptions[label]`` with its source."""
    value = cat.value(name, unit)
    cite = cat.parameter_source(name).citation
    assumptions[label] = f"{value:g} {unit} (parameter {name}: {cite[:80]}; {cat.parameter(name).locator})"
    return value


def require_activity(cat: Catalog, code: str, unit: str) -> str:
    """``code`` if the catalog has it with reference unit ``unit`` [raises DataError]."""
    if code not in cat.activities:
        raise DataError(f"no inventory for activity {code!r}", file="inventories/")
    if not same_dimension(cat.activities[code].unit, unit):
        raise DataError(f"activity {code!r} must be per {unit}, is per {cat.activities[code].unit}",
                        file=cat.activity_file[code])
    return code


def add_grid_electricity(cat: Catalog, stage: Stage, kwh: float, region: str, year: int, basis: str, why: str,
                         notes: list[str], use_year: int | None = None, trajectory: bool = False,
                         detail: str = "") -> None:
    """Add ``kwh`` [kWh] of the grid activity for ``region`` and ``year`` (``basis``: 'life-cycle'
    or 'co2') to ``stage``; a substituted region or year becomes a note. ``detail`` ends the basis."""
    choice = grid.choose(cat.activity_codes, region, year, grid.BASIS[basis], trajectory)
    stage.add(kwh, f"{why}: {kwh:.6g} kWh from {choice.code}{detail}", code=choice.code, year=use_year)
    if choice.substituted:
        notes.append(f"{stage.name}: {why} ({region} {year}): {choice.substituted}")
