"""A vehicle's foreground inventory as a bw2io LCI spreadsheet (Activity Browser, openLCA via
Brightway's Excel importer).

The foreground database (one activity per life-cycle stage plus the vehicle's life cycle) links to
the databases ``carbonev-background`` and ``carbonev-biosphere`` by code; export the background too
(``database="background"``) so a user without carbonev can link them. Works offline; written by a
separate process from a copy of the store's Brightway project (:mod:`carbonev.engine.export`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.engine.evaluator import Engine
from carbonev.engine.export import export
from carbonev.errors import SpecError
from carbonev.inputs import resolve_inputs
from carbonev.inventory.vehicle import build
from carbonev.io.outputs import require_folder
from carbonev.specs.load import load_vehicle


def export_brightway(spec: str | Path, output: str | Path, store: str | Path | None = None,
                     database: Literal["foreground", "background"] = "foreground",
                     catalog: Catalog | None = None) -> tuple[Path, str]:
    """Write the spec's foreground (or the shared background) database to ``output`` (.xlsx);
    return (path, Brightway database name)."""
    out = Path(output)
    if out.suffix.lower() != ".xlsx":
        raise SpecError("the file name must end in .xlsx", file=str(out), field="--output")
    require_folder(out)
    cat = catalog or shipped_catalog()
    vehicle = load_vehicle(spec)
    fg = build(vehicle, cat, str(spec), inputs=resolve_inputs(vehicle, str(spec), cat, None, store))
    engine = Engine.open(cat, store)
    from carbonev.engine.build import ensure_build

    # a symlink is written through (its target replaced), as every output (carbonev.io.outputs)
    name = export(ensure_build(cat, engine.store), fg if database == "foreground" else None,
                  Path(os.path.realpath(out)))
    return out, name
