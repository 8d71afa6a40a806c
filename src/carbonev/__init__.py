"""carbonev: life-cycle carbon footprints of new-energy vehicles and their factories.

Importing carbonev does no I/O and imports no Brightway; the calculation
modules load Brightway when first used.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("carbonev")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"

from carbonev.errors import CalculationError, CarbonevError, DataError, SpecError, UnitError, UnknownName


def footprint(*args, **kwargs):
    """Cradle-to-grave footprints of vehicle specs; see :func:`carbonev.api.footprint`."""
    from carbonev.api import footprint as _footprint

    return _footprint(*args, **kwargs)


__all__ = [
    "__version__",
    "footprint",
    "CarbonevError",
    "SpecError",
    "DataError",
    "UnitError",
    "UnknownName",
    "CalculationError",
]
