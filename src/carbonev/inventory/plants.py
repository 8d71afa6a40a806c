"""Use a plant's own per-unit energy and emissions (a factory spec) in a vehicle's stages.

A vehicle spec names a plant file and a product of that plant; the plant's
accounting (``carbonev.factory``) gives per-unit amounts, each with a basis
citing the plant file and the allocation rule, which replace the generic
assembly or cell-making parameters. Paths are relative to the vehicle spec.
"""

from __future__ import annotations

import os
from pathlib import Path

from carbonev.data.catalog import Catalog
from carbonev.errors import SpecError
from carbonev.inventory.foreground import Stage
from carbonev.specs.vehicle import VehicleSpec


def plant_path(plant_file: str, spec_file: str | None) -> Path:
    """``plant_file`` resolved against the folder of the vehicle spec (or the working folder)."""
    path = Path(plant_file)
    if not path.is_absolute() and spec_file:
        path = Path(os.path.normpath(Path(spec_file).parent / path))
    return path


def anchored(spec: VehicleSpec, spec_file: str | None) -> VehicleSpec:
    """``spec`` with every file it names (plant files, suppliers' footprints) made absolute,
    as resolved against ``spec_file``: it then builds the same without the spec's path
    (Monte Carlo workers, sweep variants)."""
    if not spec_file:
        return spec

    def fix(name: str) -> str:
        return os.path.abspath(plant_path(name, spec_file))

    update: dict = {}
    m, b = spec.manufacturing, spec.battery
    if m.plant_file:
        update["manufacturing"] = m.model_copy(update={"plant_file": fix(m.plant_file)})
    if b is not None and b.plant_file:
        update["battery"] = b.model_copy(update={"plant_file": fix(b.plant_file)})
    if spec.supplied:
        update["supplied"] = [s.model_copy(update={"footprint": fix(s.footprint)}) for s in spec.supplied]
    return spec.model_copy(update=update) if update else spec


def add_plant_links(stage: Stage, cat: Catalog, plant_file: str, product: str, spec_file: str | None,
                    field: str, unit: str, units: float, electricity_basis: str) -> str:
    """Add ``units`` × the plant's per-unit links to ``stage``; return a one-line description.

    ``unit`` is the functional unit the stage needs ('vehicle' or 'kWh'); a product of
    the plant measured otherwise is an error naming ``field``.
    """
    from carbonev.factory.link import assembly_footprint

    path = plant_path(plant_file, spec_file)
    if not path.exists():
        raise SpecError(f"plant file {str(path)!r} not found", file=spec_file, field=f"{field}.plant_file")
    share = assembly_footprint(path, product, cat)
    if share.functional_unit != unit:
        raise SpecError(f"product {product!r} of {path} is counted per {share.functional_unit}, "
                        f"this stage needs a product per {unit}", file=spec_file, field=f"{field}.plant_product")
    for amount, basis, code, flow in share.links(electricity_basis, cat):
        stage.add(amount * units, f"{units:g} {unit} × ({basis})", code=code, flow=flow)
    return (f"{share.plant} ({path}, sha256 {share.sha256[:12] if share.sha256 else 'n/a'}), product {product}, "
            f"allocation {share.allocation}, {share.region} {share.year}")
