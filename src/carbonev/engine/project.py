"""What carbonev writes to Brightway: elementary flows, the background database, the impact methods.

:func:`payload` turns the catalog into plain JSON-ready data (in the user's process, where the
catalog is loaded and its units checked); :func:`write_all` writes that data with bw2data (in the
build process, :mod:`carbonev.engine.build`, which so needs neither the catalog nor pint). Every
exchange carries Brightway's uncertainty fields, converted from the data file's own unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carbonev.data.catalog import Catalog
    from carbonev.data.records import SourcedValue

BIOSPHERE = "carbonev-biosphere"
BACKGROUND = "carbonev-background"
FOREGROUND = "carbonev-foreground"
PROJECT = "carbonev"


def uncertainty_fields(value: SourcedValue, factor: float) -> dict[str, Any]:
    """Brightway uncertainty keys for ``value`` scaled by unit-conversion ``factor``."""
    from carbonev.data.records import Exact, Lognormal, Normal, Triangular, Uniform

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


def method_key(cat: Catalog, name: str | None) -> tuple[str, ...]:
    return tuple(cat.method(name).brightway_name)


def _flows(cat: Catalog) -> list[dict[str, Any]]:
    return [{"code": key, "name": f.name, "unit": f.unit, "categories": list(f.compartment), "type": "emission",
             "formula": f.formula, "biosphere3 code": f.biosphere3} for key, f in cat.flows.flows.items()]


def _activities(cat: Catalog) -> list[dict[str, Any]]:
    out = []
    for code, act in cat.activities.items():
        exchanges = [{"input": [BACKGROUND, code], "amount": 1.0, "type": "production"}]
        for j, exc in enumerate(act.exchanges):
            factor = cat.exchange_factor(act, j) / exc.amount if exc.amount else 1.0
            target = [BACKGROUND, exc.input] if exc.input else [BIOSPHERE, exc.flow]
            exchanges.append({"input": target, "amount": exc.amount * factor,
                              "type": "technosphere" if exc.input else "biosphere",
                              "comment": f"{exc.source}: {exc.locator}", **uncertainty_fields(exc, factor)})
        out.append({"code": code, "name": act.name, "unit": act.unit, "location": act.location,
                    "reference product": act.name, "year": act.year, "exchanges": exchanges,
                    "file": cat.activity_file[code]})
    return out


def _methods(cat: Catalog) -> list[dict[str, Any]]:
    return [{"name": meth.name, "key": list(meth.brightway_name), "unit": meth.unit, "title": meth.title,
             "version": meth.version,
             "factors": [{"flow": f.flow, "amount": f.amount, **uncertainty_fields(f, 1.0)} for f in meth.factors]}
            for meth in cat.methods.values()]


def payload(cat: Catalog) -> dict[str, Any]:
    """Everything the build writes, as JSON-ready data (flows, activities, methods, the data identity)."""
    return {"data_sha256": cat.sha256, "versions": cat.versions(), "flows": _flows(cat),
            "activities": _activities(cat), "methods": _methods(cat)}


def write_all(bd: Any, data: dict[str, Any], checkpoint: Callable[[str], None] = lambda _name: None) -> None:
    """Write flows, background and methods of a :func:`payload` into bw2data's current project."""
    bio = {(BIOSPHERE, f["code"]): {**{k: v for k, v in f.items() if k != "code"},
                                    "categories": tuple(f["categories"]), "exchanges": []} for f in data["flows"]}
    bd.Database(BIOSPHERE).write(bio, searchable=False, check_typos=False)
    checkpoint("biosphere")
    background = {(BACKGROUND, a["code"]): {**{k: v for k, v in a.items() if k != "code"},
                                            "exchanges": [{**e, "input": tuple(e["input"])} for e in a["exchanges"]]}
                  for a in data["activities"]}
    bd.Database(BACKGROUND).write(background, searchable=False, check_typos=False)
    checkpoint("background")
    for meth in data["methods"]:
        cfs = [((BIOSPHERE, f["flow"]), {k: v for k, v in f.items() if k != "flow"}) for f in meth["factors"]]
        m = bd.Method(tuple(meth["key"]))
        m.register(unit=meth["unit"], description=meth["title"], carbonev_version=meth["version"])
        m.write(cfs)
    checkpoint("methods")
