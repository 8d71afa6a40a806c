"""Pydantic field types for quantities written with units (``"1650 kg"``).

A quantity type is ``Annotated[float, Unit("kg")]``: checkers read a float (the value in the canonical
unit); pydantic parses ``"<number> <unit>"`` in any unit of the same dimension, converts it, and writes
it back as ``"<float> <unit>"``. Wrong dimensions and missing units are validation errors. Bounds go on
the field, in the canonical unit: ``Field(gt=0, le=2000)``; error messages name the unit ('must be at
most 2000 kWh').
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from carbonev.errors import UnitError, preview
from carbonev.units import CanonicalUnit, magnitude

# "<number> <unit>" (the unit may follow without a space: "75kWh"); a share may be "5%"
PATTERN = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*\S.*$"
_BOUND_WORDS = (("exclusiveMinimum", "greater than"), ("minimum", "at least"), ("exclusiveMaximum", "less than"),
                ("maximum", "at most"))


def _parser(canonical: str, allow_bare: bool, minimum: float | None, positive: bool) -> Callable[[Any], float]:
    def parse(value: Any) -> float:
        if isinstance(value, bool) or value is None:
            raise ValueError(f"expected a quantity in {canonical}, got {'nothing' if value is None else value}")
        try:
            if isinstance(value, (int, float)) and not allow_bare:
                raise UnitError(f"{preview(value)} needs a unit, e.g. '{str(value)[:20]} {canonical}'")
            amount = magnitude(value, canonical, allow_bare)
        except UnitError as exc:
            raise ValueError(str(exc)) from None
        if positive and not amount > 0:
            raise ValueError(f"must be positive, got {preview(value)}")
        if minimum is not None and amount < minimum:
            raise ValueError(f"must be at least {minimum:g} {canonical}, got {preview(value)}")
        return amount

    return parse


@dataclass(frozen=True)
class Unit(CanonicalUnit):
    """Pydantic metadata of a quantity stored in ``unit``: parse ``"<number> <unit>"`` (a bare number only
    when ``allow_bare``), refuse values below ``minimum`` (or not above 0 when ``positive``), write
    ``"<float> <unit>"`` (repr: round-trips exactly)."""

    allow_bare: bool = False
    minimum: float | None = 0.0
    positive: bool = False

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        unit = self.unit
        return core_schema.no_info_before_validator_function(
            _parser(unit, self.allow_bare, self.minimum, self.positive), handler(source),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: f"{v!r} {unit}", return_schema=core_schema.str_schema()))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        inner = handler(schema)  # the float schema, with the field's bounds
        bounds = [f"{word} {inner[key]:g} {self.unit}" for key, word in _BOUND_WORDS if key in inner]
        if self.positive:
            bounds.insert(0, "positive")
        text = (f"a quantity '<number> <unit>' in any unit of the dimension of {self.unit} (stored in "
                f"{self.unit})" + (f"; {', '.join(bounds)}" if bounds else ""))
        # a field's own description replaces "description"; the unit and bounds stay in their own keys
        string: JsonSchemaValue = {"type": "string", "pattern": PATTERN, "description": text, "x-unit": self.unit}
        if bounds:
            string["x-bounds"] = ", ".join(bounds)
        if not self.allow_bare:
            return string
        number = {k: v for k, v in inner.items() if k != "description"}
        return {"anyOf": [number, {k: v for k, v in string.items() if k != "description"}],
                "description": text + "; or a bare number", "x-unit": self.unit}


def Qty(canonical: str, *, allow_bare: bool = False, minimum: float | None = 0.0, positive: bool = False) -> Any:
    """``Annotated[float, Unit(canonical, ...)]`` built at run time (checkers cannot read a call as a type:
    write ``Annotated[float, Unit("kg")]`` in annotations instead)."""
    return Annotated[float, Unit(canonical, allow_bare, minimum, positive)]


Mass = Annotated[float, Unit("kg")]
PositiveMass = Annotated[float, Unit("kg", positive=True)]
Energy = Annotated[float, Unit("kWh", positive=True)]
EnergyAmount = Annotated[float, Unit("kWh")]
EnergyPerYear = Annotated[float, Unit("kWh/year", positive=True)]
Heat = Annotated[float, Unit("MJ")]
PositiveHeat = Annotated[float, Unit("MJ", positive=True)]
Power = Annotated[float, Unit("kW", positive=True)]
PowerAmount = Annotated[float, Unit("kW")]
StandbyPower = Annotated[float, Unit("W")]
Distance = Annotated[float, Unit("km", positive=True)]
Duration = Annotated[float, Unit("year", positive=True)]
Hours = Annotated[float, Unit("hour", positive=True)]
ElectricityUse = Annotated[float, Unit("kWh/km", positive=True)]
FuelUse = Annotated[float, Unit("L/km", positive=True)]
MassUse = Annotated[float, Unit("kg/km", positive=True)]
Fraction = Annotated[float, Unit("dimensionless", allow_bare=True)]
PositiveFraction = Annotated[float, Unit("dimensionless", allow_bare=True, positive=True)]
Area = Annotated[float, Unit("m^2")]
Volume = Annotated[float, Unit("m^3")]
Litres = Annotated[float, Unit("L")]
CO2e = Annotated[float, Unit("kg_CO2e")]
TonnesCO2e = Annotated[float, Unit("t_CO2e")]
