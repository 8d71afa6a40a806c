"""The package's one pint registry and helpers to parse quantities.

Greenhouse-gas results are masses of CO2-equivalent; they get their own
dimension (``[co2e]``) so a kg of CO2e can never be added to a kg of steel.

Every conversion is a ratio of two units' sizes in base units (:func:`size`), read by pint. The
sizes of the units carbonev's own files and examples use are shipped, computed by pint, in
``data/unit_table.json`` (:mod:`carbonev.data.unit_table`; a test recomputes them), so most runs never
build the registry: it is created on first need, for any other unit.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carbonev.errors import UnitError, preview


@dataclass(frozen=True)
class CanonicalUnit:
    """Marks a quantity field with the unit it is stored in (error messages name it: 'must be at
    most 2000 kWh')."""

    unit: str


if TYPE_CHECKING:
    import pint


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The one pint registry (built on first use: about 0.3 s)."""
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=None)
    ureg.define("gram_CO2e = [co2e] = g_CO2e = gCO2e")
    ureg.define("kilogram_CO2e = 1000 * gram_CO2e = kg_CO2e = kgCO2e")
    ureg.define("tonne_CO2e = 1e6 * gram_CO2e = t_CO2e = tCO2e")
    ureg.define("vehicle = [vehicle] = veh")
    ureg.define("unit = [item] = item = piece = pcs")
    ureg.define("vehicle_kilometer = kilometer * vehicle = vkm")
    ureg.define("tonne_kilometer = tonne * kilometer = tkm")
    ureg.define("@alias tonne = t")
    ureg.formatter.default_format = "~"
    return ureg


def __getattr__(name: str) -> Any:  # ``units.ureg`` and ``units.Quantity`` build the registry on demand
    if name == "ureg":
        return registry()
    if name == "Quantity":
        return registry().Quantity
    raise AttributeError(name)


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
    import pint

    check_unit_syntax(text)
    ureg = registry()
    try:
        parsed = ureg.parse_expression(_normalise(text)) if text.strip() else ureg.Quantity(1.0, ureg.dimensionless)
    except Exception as exc:  # pint raises several unrelated types
        raise _bad(text, _pint_reason(exc)) from None
    if not isinstance(parsed, pint.Quantity):
        parsed = ureg.Quantity(float(parsed), ureg.dimensionless)
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
    import pint

    ureg = registry()
    try:
        parsed = ureg.parse_expression(_normalise(f"{number} {rest}"))
    except Exception as exc:  # pint raises several unrelated types
        raise _bad(f"{number} {rest}", _pint_reason(exc)) from None
    if not isinstance(parsed, pint.Quantity):
        parsed = ureg.Quantity(float(parsed), ureg.dimensionless)
    return parsed


Size = tuple[float, tuple[tuple[str, float], ...]]  # (magnitude in base units, dimensionality)
UNIT_TABLE = Path(__file__).parent / "data" / "unit_table.json"  # written by carbonev.data.unit_table


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Size]:
    """unit expression → size, as shipped (empty if the table is missing)."""
    try:
        raw = json.loads(UNIT_TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: (float(v[0]), tuple((d, float(e)) for d, e in v[1])) for k, v in raw.items()}
_RATIO = re.compile(r"\(([^()]+)\)/\(([^()]+)\)")


@lru_cache(maxsize=4096)
def size(text: str) -> Size:
    """The size of unit expression ``text`` in base units and its dimensionality: from the shipped
    table when it lists ``text``, else read by pint [raises UnitError]."""
    known = _shipped().get(text)
    if known is not None:
        return known
    ratio = _RATIO.fullmatch(text)
    if ratio:  # "(A)/(B)", as the catalog writes per-unit conversions: from the two parts' sizes
        (a, da), (b, db) = size(ratio.group(1)), size(ratio.group(2))
        dims: dict[str, float] = dict(da)
        for d, e in db:
            dims[d] = dims.get(d, 0.0) - e
        return a / b, tuple(sorted((d, e) for d, e in dims.items() if e != 0))
    return measure(unit(text))


def measure(q: pint.Quantity) -> Size:
    """(magnitude in base units, sorted dimensionality) of a pint quantity."""
    base = q.to_base_units()
    magnitude: Any = base.magnitude
    return float(magnitude), tuple(sorted((str(k), float(v)) for k, v in base.dimensionality.items()))


def check_unit(text: str) -> None:
    """Raise UnitError unless ``text`` is a unit expression carbonev can read."""
    if not isinstance(text, str):
        raise UnitError(f"expected a unit like 'kg/kWh', got {type(text).__name__}")
    size(text)


@lru_cache(maxsize=4096)
def factor(from_unit: str, to_unit: str) -> float:
    """Multiplier taking a magnitude in ``from_unit`` to ``to_unit``: the ratio of their sizes in
    base units [raises UnitError on different dimensions]. carbonev's units are all multiplicative
    (no offsets), so one factor per pair suffices and is cached."""
    (a, dims_a), (b, dims_b) = size(from_unit), size(to_unit)
    if dims_a != dims_b:
        raise UnitError(f"{from_unit!r} cannot be converted to {to_unit!r}")
    return a / b


def magnitude(value: str | float | int, to_unit: str, allow_bare: bool = False, what: str = "value") -> float:
    """The magnitude of quantity ``value`` (``"78.4 kWh"``) in ``to_unit``: the checks of
    :func:`quantity`, without building pint's registry when the unit is a shipped one. Bare numbers
    are in ``to_unit`` when ``allow_bare`` [raises UnitError]."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise UnitError(f"expected a quantity like '1650 kg', got {type(value).__name__}")
    if isinstance(value, (int, float)):
        if not allow_bare:
            raise UnitError(f"{preview(value)} has no unit")
        try:
            return _finite(float(value), str(value))
        except OverflowError:
            raise _bad(str(value), "the number is out of range") from None
    m = _NUMBER.match(value)
    rest = value[m.end():].strip() if m else ""
    if m is None or not rest or not re.search(r"[A-Za-z%]", rest):
        return magnitude_in(quantity(value, to_unit if allow_bare else None), to_unit, what)  # pint's errors
    if rest.startswith(("*", "/", "^", "e", "E")) and not re.match(r"^[eE][A-Za-z]", rest):
        raise _bad(value, "write a quantity as a number and a unit, like '78 kWh' (no arithmetic)")
    number = _finite(float(m.group(1)), value)
    (a, dims), (b, target) = size(rest), size(to_unit)
    if dims != target:
        raise UnitError(f"{what} {preview(value)} has the wrong dimension: expected a unit like {to_unit!r}")
    result = number * (a / b)
    if not math.isfinite(result):
        raise UnitError(f"{what} is out of range in {to_unit} (not finite)")
    return result


def convert(value, from_unit: str, to_unit: str):
    """Convert a magnitude (float or numpy array) between two unit expressions [raises UnitError]."""
    return value * factor(from_unit, to_unit)


def magnitude_in(q: pint.Quantity, to_unit: str, what: str = "quantity") -> float:
    """Magnitude of ``q`` expressed in ``to_unit`` [raises UnitError on a wrong dimension]."""
    import pint

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
    return size(a)[1] == size(b)[1]
