"""carbonev: life-cycle carbon footprints of new-energy vehicles and their factories.

    >>> import carbonev
    >>> bev, icev = carbonev.footprint(["examples/bev-midsize-nmc811.yaml",
    ...                                 "examples/icev-gasoline-midsize.yaml"])
    >>> bev.to_frame()           # kg CO2e per vehicle, by life-cycle stage

The functions of :mod:`carbonev.api` are available here (``carbonev.footprint``,
``carbonev.uncertainty``, ...), except ``report``, ``fleet``, ``benefit`` and ``charging``, whose names
are subpackages: call those as ``carbonev.api.report(...)``.

Importing carbonev does no I/O and imports neither Brightway nor pandas: each function is looked up
in :mod:`carbonev.api` when first used, and the calculation modules load when it is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from carbonev.errors import CalculationError, CarbonevError, DataError, SpecError, UnitError, UnknownName
from carbonev.version import __version__

if TYPE_CHECKING:  # what checkers and IDEs see; at run time __getattr__ below loads them
    from carbonev.api import (
        audit,
        compare,
        declare_batteries,
        declare_battery,
        disclose,
        export_pact,
        factory_footprint,
        footprint,
        hydrogen,
        import_pact,
        rate,
        schema,
        sensitivity,
        station,
        sweep,
        uncertainty,
        validate,
        verify,
        write_fleet,
    )
    from carbonev.extras import MissingExtra

# carbonev.api's functions, except report, fleet, benefit and charging: those names are carbonev's
# subpackages (carbonev.report, ...), which an import would put in their place; call them as
# carbonev.api.report(...) (or ``from carbonev import api``).
API = (
    "audit", "compare", "declare_batteries", "declare_battery", "disclose", "export_pact", "factory_footprint",
    "footprint", "hydrogen", "import_pact", "rate", "schema", "sensitivity", "station", "sweep", "uncertainty",
    "validate", "verify", "write_fleet",
)


def __getattr__(name: str) -> Any:
    """``carbonev.footprint`` and the other API functions, loaded from :mod:`carbonev.api` on first use."""
    if name in API:
        import carbonev.api

        value = getattr(carbonev.api, name)
        globals()[name] = value
        return value
    if name == "MissingExtra":
        from carbonev.extras import MissingExtra

        return MissingExtra
    raise AttributeError(f"module 'carbonev' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(API) | {"MissingExtra"})


__all__ = [
    "__version__",
    "audit",
    "compare",
    "declare_batteries",
    "declare_battery",
    "disclose",
    "export_pact",
    "factory_footprint",
    "footprint",
    "hydrogen",
    "import_pact",
    "rate",
    "schema",
    "sensitivity",
    "station",
    "sweep",
    "uncertainty",
    "validate",
    "verify",
    "write_fleet",
    "CarbonevError",
    "SpecError",
    "DataError",
    "UnitError",
    "UnknownName",
    "CalculationError",
    "MissingExtra",
]
