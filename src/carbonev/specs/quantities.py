"""Pydantic field types for quantities written with units (``"1650 kg"``).

A field declares the unit it is stored in; the input may use any unit of the
same dimension. Wrong dimensions and missing units are validation errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

from carbonev.errors import UnitError, preview
from carbonev.units import magnitude


@dataclass(frozen=True)
class CanonicalUnit:
    """Marks a quantity field with the unit it is stored in (error messages name it: 'must be at
    most 2000 kWh')."""

    unit: str


def _parser(canonical: str, allow_bare: bool, minimum: float | None, positive: bool):
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


def Qty(canonical: str, *, allow_bare: bool = False, minimum: float | None = 0.0, positive: bool = False):
    """A float stored in ``canonical`` units, parsed from ``"<number> <unit>"``. Bounds go on the
    field, in the canonical unit: ``Field(gt=0, le=2000)``."""
    return Annotated[
        float,
        CanonicalUnit(canonical),
        BeforeValidator(_parser(canonical, allow_bare, minimum, positive)),
        PlainSerializer(lambda v: f"{v!r} {canonical}", return_type=str),  # repr: round-trips exactly
    ]


Mass = Qty("kg")
PositiveMass = Qty("kg", positive=True)
Energy = Qty("kWh", positive=True)
Distance = Qty("km", positive=True)
Duration = Qty("year", positive=True)
ElectricityUse = Qty("kWh/km", positive=True)
FuelUse = Qty("L/km", positive=True)
Fraction = Qty("dimensionless", allow_bare=True)
