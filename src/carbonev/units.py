"""The package's one pint registry and helpers to parse quantities.

Greenhouse-gas results are masses of CO2-equivalent; they get their own
dimension (``[co2e]``) so a kg of CO2e can never be added to a kg of steel.
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache

import pint

from carbonev.errors import UnitError, preview

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


# A quantity is a number and a unit, nothing else: no arithmetic, no exponent outside the number's
# own float literal. The unit is checked token by token before pint sees it (pint would evaluate
# '9**9**9 kWh' as an expression and never return).
_NUMBER = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*")
_TOKEN = re.compile(r"\s+|[A-Za-z_][A-Za-z_0-9]*|%|\d+|\*\*|[-\^/*·()]")
MAX_UNIT_CHARS = 64
MAX_UNIT_INT = 1_000_000  # a scale inside a unit ('kWh/100km', '10^4 CNY')
MAX_EXPONENT = 12  # 'm^3', '10^4'; never an exponent of an exponent
MAX_POWERS = 6
TINY = sys.float_info.min  # smaller non-zero magnitudes are denormal: refused


def _bad(text: str, why: str) -> UnitError:
    return UnitError(f"cannot read {preview(text)}: {why}")


def check_unit_syntax(text: str) -> None:
    """Refuse a unit expression that is more than names, '/', '*', parentheses, small integer
    scales and single small exponents ('kg CO2e/kWh', 'kWh/100km', 'm^3', '10^4 CNY/m2')
    [raises UnitError]."""
    if len(text) > MAX_UNIT_CHARS:
        raise _bad(text, f"a unit has at most {MAX_UNIT_CHARS} characters")
    pos, prev, powers, depth = 0, "start", 0, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _bad(text, f"unexpected character {preview(text[pos])} in the unit")
        tok, pos = m.group(0), m.end()
        if tok.isspace():
            continue
        if tok in ("^", "**"):
            if prev not in ("name", "int"):
                raise _bad(text, "an exponent must follow a unit name or a number")
            e = _TOKEN.match(text, pos)
            if e is not None and e.group(0) == "-":
                e = _TOKEN.match(text, e.end())
            if e is None or not e.group(0).isdigit() or int(e.group(0)) > MAX_EXPONENT:
                raise _bad(text, f"an exponent must be a whole number up to {MAX_EXPONENT}")
            powers += 1
            if powers > MAX_POWERS:
                raise _bad(text, "too many exponents")
            pos, prev = e.end(), "exponent"
            continue
        if tok == "-":
            raise _bad(text, "write a quantity as a number and a unit, like '78 kWh' (no arithmetic)")
        if tok.isdigit():
            if len(tok) > 7 or int(tok) > MAX_UNIT_INT:
                raise _bad(text, f"a number inside a unit may be at most {MAX_UNIT_INT:,}")
            prev = "int"
        elif tok == "(":
            depth += 1
            if depth > 3:
                raise _bad(text, "too many parentheses")
            prev = "open"
        elif tok == ")":
            depth -= 1
            if depth < 0:
                raise _bad(text, "unbalanced parentheses")
            prev = "close"
        elif tok in ("/", "*", "·"):
            prev = "op"
        else:
            prev = "name"
    if depth:
        raise _bad(text, "unbalanced parentheses")


def _normalise(text: str) -> str:
    text = re.sub(r"\s*CO2e\b", "_CO2e", text.strip()).replace("__", "_").replace("·", "*")
    # "kWh/100km" means per (100 km), not (kWh/100)*km
    return re.sub(r"/\s*(\d+(?:\.\d+)?)\s*([A-Za-z_][A-Za-z_0-9]*)", r"/(\1 \2)", text)


@lru_cache(maxsize=4096)
def _parse_unit(text: str) -> pint.Quantity:
    """The size of a unit expression (checked by :func:`check_unit_syntax`) as a Quantity."""
    check_unit_syntax(text)
    try:
        parsed = ureg.parse_expression(_normalise(text)) if text.strip() else Quantity(1.0, ureg.dimensionless)
    except Exception as exc:  # pint raises several unrelated types
        raise _bad(text, _pint_reason(exc)) from None
    if not isinstance(parsed, pint.Quantity):
        parsed = Quantity(float(parsed), ureg.dimensionless)
    if not math.isfinite(float(parsed.magnitude)):
        raise _bad(text, "the unit's size is out of range")
    return parsed


def _pint_reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    m = re.search(r"'([^']{0,40})' is not defined in the unit registry", text)
    if m:
        return f"unknown unit {preview(m.group(1))}"
    return "not a unit expression"


def unit(text: str) -> pint.Quantity:
    """Parse a unit expression such as ``"kg/kWh"`` or ``"kWh/100km"`` into a
    Quantity of the unit's size [raises UnitError]."""
    if not isinstance(text, str):
        raise UnitError(f"expected a unit like 'kg/kWh', got {type(text).__name__}")
    if re.match(r"^\s*[-+0-9.]", text) and not re.match(r"^\s*1\s*/\s*[A-Za-z(]", text):
        raise UnitError(f"expected a unit, got a quantity {preview(text)}")
    return _parse_unit(text)


def _finite(value: float, text: str) -> float:
    if not math.isfinite(value):
        raise _bad(text, "the number is out of range (not finite)")
    if value != 0 and abs(value) < TINY:
        raise _bad(text, "the number is too small (denormal)")
    return value


def quantity(text: str | float | int, default_unit: str | None = None) -> pint.Quantity:
    """Parse ``"1650 kg"`` or ``"15.2 kWh/100km"`` into a Quantity: a number and a unit only.

    Bare numbers take ``default_unit``; without one they are an error. The magnitude must be
    finite and not denormal [raises UnitError].
    """
    if isinstance(text, bool) or not isinstance(text, (int, float, str)):
        raise UnitError(f"expected a quantity like '1650 kg', got {type(text).__name__}")
    if isinstance(text, (int, float)):
        if default_unit is None:
            raise UnitError(f"{preview(text)} has no unit")
        try:
            number = float(text)
        except OverflowError:
            raise _bad(str(text), "the number is out of range") from None
        return _finite(number, str(text)) * unit(default_unit)
    m = _NUMBER.match(text)
    if m is None:
        raise UnitError(f"expected a quantity like '1650 kg', got {preview(text)}")
    number = _finite(float(m.group(1)), text)
    rest = text[m.end():].strip()
    if not rest:
        if default_unit is None:
            raise UnitError(f"{preview(text)} has no unit")
        return number * unit(default_unit)
    if rest.startswith(("*", "/", "^", "e", "E")) and not re.match(r"^[eE][A-Za-z]", rest):
        raise _bad(text, "write a quantity as a number and a unit, like '78 kWh' (no arithmetic)")
    _parse_unit(rest)  # the unit alone: checked, known and of finite size
    if not re.search(r"[A-Za-z%]", rest):
        raise UnitError(f"{preview(text)} has no unit")
    q = _parse_quantity(m.group(1), rest)
    if not math.isfinite(float(q.magnitude)):
        raise _bad(text, "the number is out of range (not finite)")
    return q


@lru_cache(maxsize=4096)
def _parse_quantity(number: str, rest: str) -> pint.Quantity:
    """pint's reading of a checked number and unit (pint itself, so every digit is as before)."""
    try:
        parsed = ureg.parse_expression(_normalise(f"{number} {rest}"))
    except Exception as exc:  # pint raises several unrelated types
        raise _bad(f"{number} {rest}", _pint_reason(exc)) from None
    if not isinstance(parsed, pint.Quantity):
        parsed = Quantity(float(parsed), ureg.dimensionless)
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
        value = float(q.to(target.units).magnitude / target.magnitude)
    except pint.DimensionalityError:
        raise UnitError(
            f"{what} '{q:~}' has the wrong dimension: expected a unit like {to_unit!r}"
        ) from None
    except OverflowError:
        raise UnitError(f"{what} is out of range in {to_unit}") from None
    if not math.isfinite(value):
        raise UnitError(f"{what} is out of range in {to_unit} (not finite)")
    return value


@lru_cache(maxsize=1024)
def same_dimension(a: str, b: str) -> bool:
    """True if unit expressions ``a`` and ``b`` measure the same thing."""
    return unit(a).dimensionality == unit(b).dimensionality
