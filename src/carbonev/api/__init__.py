"""carbonev's public API: one function per task, each returning a typed result with ``.to_frame()``.

Vehicles
    :func:`footprint`, :func:`validate`, :func:`compare`, :func:`uncertainty`, :func:`sensitivity`,
    :func:`sweep`, :func:`charging`
Declarations, reports, exchange
    :func:`declare_battery`, :func:`declare_batteries`, :func:`report`, :func:`rate`,
    :func:`export_pact`, :func:`import_pact`, :func:`hydrogen`
Factories and stations
    :func:`factory_footprint`, :func:`audit`, :func:`station`
Fleets and benefits
    :func:`fleet`, :func:`write_fleet`, :func:`benefit`, :func:`disclose`
Checks
    :func:`verify`, :func:`schema`

Every function is also at the top level (``carbonev.footprint``) except ``report``, ``fleet``,
``benefit`` and ``charging``, whose names are carbonev's subpackages (use ``carbonev.api.report``).
Importing this module is cheap: the
calculation modules (Brightway, pandas, pint) load when a function is first called. The command line
(``carbonev ...``) calls these functions and only renders their results.
"""

from __future__ import annotations

from carbonev.api.checks import schema, verify
from carbonev.api.declarations import (
    declare_batteries,
    declare_battery,
    export_pact,
    hydrogen,
    import_pact,
    rate,
    report,
)
from carbonev.api.factories import audit, factory_footprint, station
from carbonev.api.regions import benefit, disclose, fleet, write_fleet
from carbonev.api.vehicles import charging, compare, footprint, sensitivity, sweep, uncertainty, validate

__all__ = [
    "audit",
    "benefit",
    "charging",
    "compare",
    "declare_batteries",
    "declare_battery",
    "disclose",
    "export_pact",
    "factory_footprint",
    "fleet",
    "footprint",
    "hydrogen",
    "import_pact",
    "rate",
    "report",
    "schema",
    "sensitivity",
    "station",
    "sweep",
    "uncertainty",
    "validate",
    "verify",
    "write_fleet",
]
