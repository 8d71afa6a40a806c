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


def derived_scale(cat: Catalog, region: str, year: int, basis: str, trajectory: bool = False
                  ) -> grid.RegionalScale | None:
    """The derived life-cycle factor's scale for ``region`` (:func:`grid.regional_scale`), when the
    basis is life-cycle and the region has no life-cycle factor of its own; else None."""
    if basis != "life-cycle":
        return None
    choice = grid.choose(cat.activity_codes, region, year, "lc", trajectory)
    return grid.regional_scale(cat, region, year) if choice.region != region else None


def add_grid_electricity(cat: Catalog, stage: Stage, kwh: float, region: str, year: int, basis: str, why: str,
                         notes: list[str], use_year: int | None = None, trajectory: bool = False,
                         detail: str = "", derived: bool = False) -> None:
    """Add ``kwh`` [kWh] of the grid activity for ``region`` and ``year`` (``basis``: 'life-cycle'
    or 'co2') to ``stage``; a substituted region or year becomes a note. ``detail`` ends the basis.
    ``derived``: a region without a life-cycle factor of its own takes the national one × its CO2 ratio
    (:func:`derived_scale`), noted."""
    choice = grid.choose(cat.activity_codes, region, year, grid.BASIS[basis], trajectory)
    scale = derived_scale(cat, region, year, basis, trajectory) if derived else None
    if scale is not None:
        kwh *= scale.scale
        detail += f" (x {scale.scale:.3f}, derived {scale.region} life-cycle factor)"
    stage.add(kwh, f"{why}: {kwh:.6g} kWh from {choice.code}{detail}", code=choice.code, year=use_year)
    if scale is not None:
        notes.append(f"{stage.name}: {scale.note}")
    elif choice.substituted:
        notes.append(f"{stage.name}: {why} ({region} {year}): {choice.substituted}")
