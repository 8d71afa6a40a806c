"""The package's one pint registry and helpers to parse quantities.

Greenhouse-gas results are masses of CO2-equivalent; they get their own
dimension (``[co2e]``) so a kg of CO2e can never be added to a kg of steel.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pint

from carbonev.errors import UnitError

ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=None)
ureg.define("gram_CO2e = [co2e] = g_CO2e = gCO2e")
ureg.define("kilogram_CO2e = 1000 * gram_CO2e = kg_CO2e = kgCO2e")
ureg.define("tonne_CO2e = 1e6 * gram_CO2e = t_CO2e = tCO2e")
ureg.define("vehicle = [vehicle] = veh")
ureg.define("unit = [item] = item = piece = pcs")
ureg.define("vehicle_kilometer = kilometer * vehicle = vkm")
ureg.define("tonne_kilometer = tonne * kilometer = tkm")
ureg.define("@alias tonne = t")
ureg.formatter.default_format = "~"

Quantity = ureg.Quantity


def _normalise(text: str) -> str:
    text = re.sub(r"\s*CO2e\b", "_CO2e", text.strip()).replace("__", "_")
    # "kWh/100km" means per (100 km), not (kWh/100)*km
    return re.sub(r"/\s*(\d+(?:\.\d+)?)\s*([A-Za-z_][A-Za-z_0-9]*)", r"/(\1 \2)", text)


@lru_cache(maxsize=4096)
def _parse(text: str) -> pint.Quantity:
    try:
        parsed = ureg.parse_expression(_normalise(text))
    except Exception as exc:  # pint raises several unrelated types
        raise UnitError(f"cannot read {text!r}: {exc}") from None
    if not isinstance(parsed, pint.Quantity):
        parsed = Quantity(float(parsed), ureg.dimensionless)
    return parsed


def unit(text: str) -> pint.Quantity:
    """Parse a unit expression such as ``"kg/kWh"`` or ``"kWh/100km"`` into a
    Quantity of the unit's size [raises UnitError]."""
    parsed = _parse(text)
    if isinstance(text, str) and re.match(r"^\s*[-+0-9.]", text):
        raise UnitError(f"expected a unit, got a quantity {text!r}")
    return parsed


def quantity(text: str | float | int, default_unit: str | None = None) -> pint.Quantity:
    """Parse ``"1650 kg"`` or ``"15.2 kWh/100km"`` into a Quantity.

    Bare numbers take ``default_unit``; without one they are an error.
    """
    if isinstance(text, bool) or not isinstance(text, (int, float, str)):
        raise UnitError(f"expected a quantity like '1650 kg', got {text!r}")
    if isinstance(text, (int, float)):
        if default_unit is None:
            raise UnitError(f"{text!r} has no unit")
        return float(text) * unit(default_unit)
    if not re.match(r"^\s*[-+]?(\d|\.\d)", text):
        raise UnitError(f"expected a quantity like '1650 kg', got {text!r}")
    parsed = _parse(text)
    if parsed.dimensionless and default_unit is None and not re.search(r"[A-Za-z%]", text):
        raise UnitError(f"{text!r} has no unit")
    return parsed


@lru_cache(maxsize=4096)
def factor(from_unit: str, to_unit: str) -> float:
    """Multiplier taking a magnitude in ``from_unit`` to ``to_unit`` [raises UnitError].

    carbonev's units are all multiplicative (no offsets), so one factor per pair
    suffices and is cached.
    """
    try:
        return float(unit(from_unit).to(unit(to_unit).units).magnitude / unit(to_unit).magnitude)
    except pint.DimensionalityError:
        raise UnitError(f"{from_unit!r} cannot be converted to {to_unit!r}") from None


def convert(value, from_unit: str, to_unit: str):
    """Convert a magnitude (float or numpy array) between two unit expressions [raises UnitError]."""
    return value * factor(from_unit, to_unit)


def magnitude_in(q: pint.Quantity, to_unit: str, what: str = "quantity") -> float:
    """Magnitude of ``q`` expressed in ``to_unit`` [raises UnitError on a wrong dimension]."""
    target = unit(to_unit)
    try:
        return float(q.to(target.units).magnitude / target.magnitude)
    except pint.DimensionalityError:
        raise UnitError(
            f"{what} '{q:~}' has the wrong dimension: expected a unit like {to_unit!r}"
        ) from None


@lru_cache(maxsize=1024)
def same_dimension(a: str, b: str) -> bool:
    """True if unit expressions ``a`` and ``b`` measure the same thing."""
    return unit(a).dimensionality == unit(b).dimensionality
