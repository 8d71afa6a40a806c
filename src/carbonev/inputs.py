"""Resolve the files a vehicle spec names, once, before its inventory is built.

A spec may name an assembly plant (``manufacturing.plant_file``), a cell/pack plant
(``battery.plant_file``) and suppliers' PACT footprints (``supplied[].footprint``). Here each is
read, validated and accounted (a plant's per-unit share through :mod:`carbonev.factory`, priced by
the engine), and handed to :func:`carbonev.inventory.vehicle.build` as plain records. Paths are
relative to the spec file. Errors name the spec file and the field.
"""

from __future__ import annotations

import os
from pathlib import Path

from carbonev.data.catalog import Catalog
from carbonev.errors import SpecError
from carbonev.inventory.external import ExternalInputs, PlantShare, SuppliedFootprint
from carbonev.io.inputs import require_file
from carbonev.specs.plausibility import warn
from carbonev.specs.vehicle import Chemistry, VehicleSpec


def plant_path(plant_file: str, spec_file: str | None) -> Path:
    """``plant_file`` resolved against the folder of the spec (or the working folder)."""
    path = Path(plant_file)
    if not path.is_absolute() and spec_file:
        path = Path(os.path.normpath(Path(spec_file).parent / path))
    return path


def anchored(spec: VehicleSpec, spec_file: str | None) -> VehicleSpec:
    """``spec`` with every file it names made absolute, as resolved against ``spec_file``: it then
    resolves the same without the spec's path (Monte Carlo workers, sweep variants)."""
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


def check_chemistry(plant: str | Path, product: str, chemistry: Chemistry | str | None, file: str | None,
                    field: str) -> None:
    """Warn (one line, :class:`~carbonev.errors.PlausibilityWarning`) when the plant product states a
    cell chemistry other than the pack's: the plant's energy per kWh is then another cell's."""
    from carbonev.factory.spec import load_factory

    if chemistry is None:
        return
    made = load_factory(str(plant)).product(product).chemistry
    pack = Chemistry(chemistry) if not isinstance(chemistry, Chemistry) else chemistry
    if made is not None and made is not pack:
        where = f"{file}: {field}" if file else field
        warn([f"{where}: plant product {product!r} of {plant} makes {made.value} cells, the pack is "
              f"{pack.value}; its per-kWh energy is used as given"])


def plant_share(plant_file: str, product: str, spec_file: str | None, field: str, unit: str, cat: Catalog,
                method: str | None = None, store: str | Path | None = None,
                chemistry: Chemistry | None = None) -> PlantShare:
    """The per-unit share of ``product`` of the plant file ``plant_file``, counted per ``unit``
    ('vehicle' or 'kWh') [raises SpecError naming ``field``]; a pack's ``chemistry`` is checked
    against the product's (:func:`check_chemistry`)."""
    from carbonev.factory.link import assembly_footprint

    path = require_file(plant_path(plant_file, spec_file), file=spec_file, field=f"{field}.plant_file",
                        what="plant file")
    share = assembly_footprint(path, product, cat, method, store)
    if unit == "kWh":
        check_chemistry(path, product, chemistry, spec_file, f"{field}.plant_product")
    if share.functional_unit != unit:
        raise SpecError(f"product {product!r} of {path} is counted per {share.functional_unit}, "
                        f"this stage needs a product per {unit}", file=spec_file, field=f"{field}.plant_product")
    return share


def supplied_footprints(spec: VehicleSpec, spec_file: str | None) -> tuple[SuppliedFootprint, ...]:
    """Every supplier footprint the spec lists, read and checked."""
    from carbonev.specs.pact_file import load_footprint

    out: list[SuppliedFootprint] = []
    for i, item in enumerate(spec.supplied):
        where = f"supplied[{i}]"
        if any(s.part == item.replaces for s in out):
            raise SpecError(f"{item.replaces!r} is supplied twice", file=spec_file, field=f"{where}.replaces")
        if item.replaces == "battery" and spec.battery is None:
            raise SpecError("the vehicle has no traction battery", file=spec_file, field=f"{where}.replaces")
        path = require_file(plant_path(item.footprint, spec_file), file=spec_file, field=f"{where}.footprint",
                            what="footprint file")
        fp = load_footprint(path)
        out.append(SuppliedFootprint(part=item.replaces, kg_co2e_per_unit=fp.kg_co2e_per_unit,
                                     declared_unit=fp.declared_unit, product=fp.product,
                                     spec_version=fp.spec_version, pcf_id=fp.pcf_id, path=str(path),
                                     sha256=fp.sha256, field=where))
    return tuple(out)


def resolve_inputs(spec: VehicleSpec, spec_file: str | None, cat: Catalog, method: str | None = None,
                   store: str | Path | None = None) -> ExternalInputs:
    """Plant shares and supplier footprints of ``spec`` (empty when it names no file)."""
    m, b = spec.manufacturing, spec.battery
    assembly = battery = None
    if m.plant_file is not None:
        assembly = plant_share(m.plant_file, m.plant_product, spec_file, "manufacturing", "vehicle", cat, method,
                               store)
    if b is not None and b.plant_file is not None:
        battery = plant_share(b.plant_file, b.plant_product, spec_file, "battery", "kWh", cat, method, store,
                              b.chemistry)
    supplied = supplied_footprints(spec, spec_file) if spec.supplied else ()
    return ExternalInputs(assembly, battery, supplied)


def input_files(spec: VehicleSpec, spec_file: str | None, role: str = "spec") -> dict[str, Path]:
    """Every file a spec names, by role (``spec.plant``, ``spec.battery_plant``, ``spec.supplied1``, ...)."""
    out: dict[str, Path] = {}
    if spec.manufacturing.plant_file:
        out[f"{role}.plant"] = plant_path(spec.manufacturing.plant_file, spec_file)
    if spec.battery is not None and spec.battery.plant_file:
        out[f"{role}.battery_plant"] = plant_path(spec.battery.plant_file, spec_file)
    for j, item in enumerate(spec.supplied, start=1):
        out[f"{role}.supplied{j}"] = plant_path(item.footprint, spec_file)
    ch = spec.use.charging
    if ch is not None:
        for name in ("station_file", "grid_file", "marginal_file"):
            if getattr(ch, name) is not None:
                out[f"{role}.charging_{name.removesuffix('_file')}"] = plant_path(getattr(ch, name), spec_file)
    return out
