"""Import Brightway quietly, pointed at carbonev's store.

bw2data reads ``BRIGHTWAY2_DIR`` at import time and prints a line about it;
bw2calc and bw2io warn about optional packages. carbonev imports them here,
once, with stdout and those warnings captured, so CLI output stays clean
(JSON output must stay parseable).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from pathlib import Path
from types import ModuleType

_current_store: Path | None = None


def _quiet_import(name: str) -> ModuleType:
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("bw2io").setLevel(logging.ERROR)
        module = __import__(name)
    return module


def brightway(store: Path) -> tuple[ModuleType, ModuleType]:
    """(bw2data, bw2calc), with bw2data's base folder set to ``store``."""
    global _current_store
    store = Path(store).expanduser().resolve()
    store.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("BRIGHTWAY2_DIR", str(store))
    bd = _quiet_import("bw2data")
    bc = _quiet_import("bw2calc")
    if _current_store != store:
        with contextlib.redirect_stdout(io.StringIO()):
            bd.projects.change_base_directories(store, project_name="default", update=False)
        _current_store = store
    return bd, bc


def use_project(bd: ModuleType, name: str) -> None:
    """Switch to project ``name`` unless current (bw2data's switch runs gc.collect, ~0.2 s)."""
    if bd.projects.current != name:
        bd.projects.set_current(name)


def bw2io() -> ModuleType:
    """bw2io, imported quietly (only the exporters need it)."""
    return _quiet_import("bw2io")
