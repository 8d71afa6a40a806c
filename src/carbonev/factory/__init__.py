"""Factories: site carbon accounting, per-unit footprints and audits against criteria.

    spec.py        the plant file (pydantic): energy, refrigerants, production, evidence ...
    fields.py      its field types (money, quantities in any unit, regions)
    accounting.py  scope 1, scope 2 (location- and market-based), scope 3 → tidy DataFrame
    allocation.py  per-unit footprints (units, mass, value or metered lines)
    metrics.py     the measured values rule sets read (names in rules/metric_names.py; rule sets in
                   rules/criteria.py)
    scoring.py     the pure scoring engine (veto, linear scoring, grades, next-grade changes)
    report.py      the footprint as table / json / csv; an audit as data (rendered in report/audit.py)
    link.py        a plant's per-unit share for the vehicle model (replaces generic assembly)
    pipeline.py    plant file in → account, allocation, metrics, audit (what the CLI calls)

No Brightway here: factors come from the shipped catalog.
"""

from __future__ import annotations

from carbonev.factory.spec import Factory, load_factory

__all__ = ["Factory", "load_factory"]
