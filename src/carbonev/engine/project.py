"""What carbonev writes to Brightway: elementary flows, the background database, the impact methods.

Used by the build (:mod:`carbonev.engine.build`, in its own process) and by the Brightway export.
Every exchange carries Brightway's uncertainty fields, converted from the data file's own unit.
"""

from __future__ import annotations

import math
from typing import Any

from carbonev.data.catalog import Catalog
from carbonev.data.records import Exact, Lognormal, Normal, SourcedValue, Triangular, Uniform

BIOSPHERE = "carbonev-biosphere"
BACKGROUND = "carbonev-background"
FOREGROUND = "carbonev-foreground"
PROJECT = "carbonev"


def uncertainty_fields(value: SourcedValue, factor: float) -> dict[str, Any]:
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


def method_key(cat: Catalog, name: str | None) -> tuple[str, ...]:
    return tuple(cat.method(name).brightway_name)


def biosphere_data(cat: Catalog) -> dict:
    return {
        (BIOSPHERE, key): {
            "name": f.name, "unit": f.unit, "categories": tuple(f.compartment), "type": "emission",
            "formula": f.formula, "biosphere3 code": f.biosphere3, "exchanges": [],
        }
        for key, f in cat.flows.flows.items()
    }


def background_data(cat: Catalog) -> dict:
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


def write_methods(bd, cat: Catalog) -> None:
    """Register every shipped impact method (characterisation factors per flow unit)."""
    for meth in cat.methods.values():
        cfs = [((BIOSPHERE, f.flow), {"amount": f.amount, **uncertainty_fields(f, 1.0)}) for f in meth.factors]
        m = bd.Method(tuple(meth.brightway_name))
        m.register(unit=meth.unit, description=meth.title, carbonev_version=meth.version)
        m.write(cfs)


def write_all(bd, cat: Catalog, checkpoint=lambda _name: None) -> None:
    """Write flows, background and methods into bw2data's current project."""
    bd.Database(BIOSPHERE).write(biosphere_data(cat), searchable=False, check_typos=False)
    checkpoint("biosphere")
    bd.Database(BACKGROUND).write(background_data(cat), searchable=False, check_typos=False)
    checkpoint("background")
    write_methods(bd, cat)
    checkpoint("methods")
