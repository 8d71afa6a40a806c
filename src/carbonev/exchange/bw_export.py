"""A vehicle's foreground inventory as a bw2io LCI spreadsheet (Activity Browser, openLCA via
Brightway's Excel importer).

The foreground database (one activity per life-cycle stage plus the vehicle's life cycle)
is written to carbonev's Brightway project as ``footprint`` does, then exported with
``bw2io.export.write_lci_excel``. Its exchanges link to the databases ``carbonev-background``
and ``carbonev-biosphere`` by code; export the background too (``database="background"``)
so a user without carbonev can link them. Works offline.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import Literal

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.engine.brightway import brightway, bw2io, use_project
from carbonev.engine.project import BACKGROUND, ensure_project, foreground_db, project_name, write_foreground
from carbonev.engine.store import default_store
from carbonev.errors import SpecError
from carbonev.inventory.vehicle import build
from carbonev.io.files import require_folder
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
    fg = build(load_vehicle(spec), cat, str(spec))
    store_path = Path(store) if store else default_store()
    ensure_project(cat, store_path)
    write_foreground([fg], store_path, cat)
    bd, _ = brightway(store_path)
    use_project(bd, project_name(cat))
    name = foreground_db(fg) if database == "foreground" else BACKGROUND
    bi = bw2io()
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".carbonev-bw-") as tmp:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            written = bi.export.write_lci_excel(name, dirpath=tmp)
        os.replace(written, out)
    return out, name
