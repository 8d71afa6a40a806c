"""The one module that writes to Brightway: project, flows, background, methods, foreground.

The project is built from the shipped files alone (no download). Its state
file records the data hash it was built from; when the shipped data change,
the project is rebuilt, never used stale.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from carbonev import __version__
from carbonev.data.catalog import Catalog
from carbonev.data.records import Exact, Lognormal, Normal, SourcedValue, Triangular, Uniform
from carbonev.engine.brightway import brightway, use_project
from carbonev.engine.store import PROJECT
from carbonev.inventory.foreground import STAGE_LABELS, Foreground

BIOSPHERE = "carbonev-biosphere"
BACKGROUND = "carbonev-background"
FOREGROUND = "carbonev-foreground"
STATE_FILE = "carbonev-state.json"
KEEP_PROJECTS = 3  # data versions kept per store
KEEP_FOREGROUNDS = 200  # foreground databases (one per spec content) kept per project
# Bump when the way data are written to Brightway changes (forces a rebuild).
LAYOUT = 1

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ProjectInfo:
    store: Path
    project: str
    data_sha256: str
    rebuilt: bool


def uncertainty_fields(value: SourcedValue, factor: float) -> dict:
    """Brightway uncertainty keys for ``value`` scaled by unit-conversion ``factor``."""
    amount = value.amount * factor
    u = value.uncertainty
    if isinstance(u, Lognormal):
        return {"uncertainty type": 2, "loc": math.log(abs(amount)), "scale": math.log(u.gsd),
                "negative": amount < 0}
    if isinstance(u, Normal):
        return {"uncertainty type": 3, "loc": amount, "scale": abs(u.sd * factor)}
    if isinstance(u, (Uniform, Triangular)):
        lo, hi = sorted((u.min * factor, u.max * factor))
        return {"uncertainty type": 4 if isinstance(u, Uniform) else 5, "loc": amount,
                "minimum": lo, "maximum": hi}
    assert isinstance(u, Exact)
    return {"uncertainty type": 0, "loc": amount}


@contextlib.contextmanager
def _lock(store: Path) -> Iterator[None]:
    store.mkdir(parents=True, exist_ok=True)
    with open(store / "carbonev.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _silenced() -> Iterator[None]:
    """Keep bw2data's progress bars and notices out of carbonev's output."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        yield


def _state_path(bd) -> Path:
    return Path(bd.projects.dir) / STATE_FILE


def _read_state(bd) -> dict:
    try:
        return json.loads(_state_path(bd).read_text())
    except (OSError, ValueError):
        return {}


def _expected_state(cat: Catalog) -> dict:
    return {"data_sha256": cat.sha256, "layout": LAYOUT}


def method_key(cat: Catalog, name: str | None) -> tuple[str, ...]:
    return tuple(cat.method(name).brightway_name)


def _biosphere_data(cat: Catalog) -> dict:
    return {
        (BIOSPHERE, key): {
            "name": f.name, "unit": f.unit, "categories": tuple(f.compartment), "type": "emission",
            "formula": f.formula, "biosphere3 code": f.biosphere3, "exchanges": [],
        }
        for key, f in cat.flows.flows.items()
    }


def _background_data(cat: Catalog) -> dict:
    data = {}
    for code, act in cat.activities.items():
        exchanges = [{"input": (BACKGROUND, code), "amount": 1.0, "type": "production"}]
        for j, exc in enumerate(act.exchanges):
            factor = cat.exchange_factor(act, j) / exc.amount if exc.amount else 1.0
            target = (BACKGROUND, exc.input) if exc.input else (BIOSPHERE, exc.flow)
            exchanges.append({
                "input": target, "amount": exc.amount * factor,
                "type": "technosphere" if exc.input else "biosphere",
                "comment": f"{exc.source}: {exc.locator}",
                **uncertainty_fields(exc, factor),
            })
        data[(BACKGROUND, code)] = {
            "name": act.name, "unit": act.unit, "location": act.location,
            "reference product": act.name, "year": act.year, "exchanges": exchanges,
            "file": cat.activity_file[code],
        }
    return data


def _write_methods(bd, cat: Catalog) -> None:
    for key in list(bd.methods):
        if key and key[0] == "carbonev":
            bd.Method(key).deregister()
    for meth in cat.methods.values():
        cfs = []
        for f in meth.factors:
            factor = 1.0  # units checked by the catalog; CFs are stored per flow unit
            cfs.append(((BIOSPHERE, f.flow), {"amount": f.amount, **uncertainty_fields(f, factor)}))
        m = bd.Method(tuple(meth.brightway_name))
        m.register(unit=meth.unit, description=meth.title, carbonev_version=meth.version)
        m.write(cfs)


def project_name(cat: Catalog) -> str:
    """One Brightway project per data version: a change of the shipped data (its hash)
    gets a fresh project, and processes on different data never rebuild under each other."""
    return f"{PROJECT}-{cat.sha256[:12]}"


def _prune_projects(bd, keep: int = KEEP_PROJECTS) -> None:
    """Delete all but the ``keep`` most recently built carbonev projects of this store."""
    current = bd.projects.current
    # projects are numbered in creation order
    built = sorted(((ds.id, ds.name) for ds in bd.projects
                    if ds.name.startswith(f"{PROJECT}-") and ds.name != current), reverse=True)
    for _, name in built[keep - 1:]:
        with contextlib.suppress(Exception), _silenced():
            bd.projects.delete_project(name, delete_dir=True)
    use_project(bd, current)


def ensure_project(cat: Catalog, store: Path, progress: Progress | None = None) -> ProjectInfo:
    """Create the Brightway project of this data version if it is missing or incomplete."""
    say = progress or (lambda _msg: None)
    bd, _ = brightway(store)
    name = project_name(cat)
    with _lock(Path(store)):
        use_project(bd, name)
        state = _read_state(bd)
        if all(state.get(k) == v for k, v in _expected_state(cat).items()) and BACKGROUND in bd.databases:
            return ProjectInfo(Path(store), name, cat.sha256, rebuilt=False)
        say("building the Brightway project from the shipped data (first run for this data version)")
        with _silenced():
            for db_name in list(bd.databases):
                del bd.databases[db_name]
        say(f"writing {len(cat.flows.flows)} elementary flows")
        with _silenced():
            bd.Database(BIOSPHERE).write(_biosphere_data(cat), searchable=False, check_typos=False)
        say(f"writing {len(cat.activities)} background activities")
        with _silenced():
            bd.Database(BACKGROUND).write(_background_data(cat), searchable=False, check_typos=False)
        say(f"writing {len(cat.methods)} impact methods")
        with _silenced():
            _write_methods(bd, cat)
        _state_path(bd).write_text(json.dumps({**_expected_state(cat), "carbonev": __version__}))
        _prune_projects(bd)
        return ProjectInfo(Path(store), name, cat.sha256, rebuilt=True)


def root_code(fg: Foreground) -> str:
    return f"{fg.key}-vehicle"


def stage_code(fg: Foreground, stage: str) -> str:
    return f"{fg.key}-{stage}"


def foreground_db(fg: Foreground) -> str:
    """Each foreground (spec content + data version) has its own small database, so a
    repeated run reuses it and concurrent runs never overwrite each other."""
    return f"{FOREGROUND}-{fg.key}"


def _foreground_data(fg: Foreground) -> dict:
    db = foreground_db(fg)
    root = {"name": f"{fg.name}, life cycle", "unit": "vehicle", "location": "CN",
            "exchanges": [{"input": (db, root_code(fg)), "amount": 1.0, "type": "production"}]}
    data = {}
    for name, stage in fg.stages.items():
        code = stage_code(fg, name)
        root["exchanges"].append({"input": (db, code), "amount": 1.0, "type": "technosphere"})
        exchanges = [{"input": (db, code), "amount": 1.0, "type": "production"}]
        for link in stage.links:
            target = (BACKGROUND, link.code) if link.code else (BIOSPHERE, link.flow)
            exchanges.append({"input": target, "amount": link.amount, "comment": link.basis,
                              "type": "technosphere" if link.code else "biosphere"})
        data[(db, code)] = {"name": f"{fg.name}, {STAGE_LABELS[name]}", "unit": "vehicle",
                            "location": "CN", "exchanges": exchanges}
    data[(db, root_code(fg))] = root
    return data


def write_foreground(foregrounds: list[Foreground], store: Path, cat: Catalog) -> None:
    """Write each foreground's database unless it is already there; keep the newest few."""
    bd, _ = brightway(store)
    with _lock(Path(store)):
        use_project(bd, project_name(cat))
        for fg in foregrounds:
            name = foreground_db(fg)
            if name not in bd.databases:
                with _silenced():
                    bd.Database(name).write(_foreground_data(fg), searchable=False, check_typos=False)
        mine = {foreground_db(fg) for fg in foregrounds}
        others = sorted((bd.databases[n].get("modified", ""), n) for n in bd.databases
                        if n.startswith(f"{FOREGROUND}-") and n not in mine)
        for _, n in others[: max(0, len(others) - KEEP_FOREGROUNDS)]:
            with _silenced():
                del bd.databases[n]
