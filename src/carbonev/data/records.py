"""Building blocks shared by every data file: sources, uncertainty, sourced values.

A *sourced value* is a number with its unit, year, geography, source and
uncertainty. Inventory exchanges, parameters and characterisation factors are
all sourced values.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from carbonev.errors import UnitError
from carbonev.units import check_unit


class Strict(BaseModel):
    """Base model: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A name or description in English, optionally also in Chinese."""

    en: str = Field(min_length=1)
    zh: str | None = None


class Source(Strict):
    """A document a value comes from."""

    citation: str = Field(min_length=5, description="full reference (authors, title, year, publisher)")
    url: str | None = Field(default=None, description="DOI or web address")
    tag: Literal["verified", "secondary"] = Field(
        description="verified: read in the source itself; secondary: from a citing document"
    )
    note: str | None = None


class Lognormal(Strict):
    distribution: Literal["lognormal"]
    gsd: float = Field(gt=1.0, description="geometric standard deviation (GSD, not GSD²)")
    basis: str = Field(min_length=3, description="why this spread (published range, pedigree, ...)")


class Normal(Strict):
    distribution: Literal["normal"]
    sd: float = Field(gt=0.0, description="standard deviation, in the value's unit")
    basis: str = Field(min_length=3)


class _Bounded(Strict):
    """A distribution between ``min`` and ``max`` (in the value's unit)."""

    distribution: str
    min: float
    max: float
    basis: str = Field(min_length=3)

    @model_validator(mode="after")
    def _ordered(self):
        if not self.min < self.max:
            raise ValueError(f"{self.distribution} needs min < max")
        return self


class Uniform(_Bounded):
    distribution: Literal["uniform"]


class Triangular(_Bounded):
    distribution: Literal["triangular"]


class Exact(Strict):
    """No uncertainty by definition (e.g. the GWP of CO2, a unit conversion)."""

    distribution: Literal["exact"]
    basis: str = Field(min_length=3)


Uncertainty = Annotated[
    Lognormal | Normal | Uniform | Triangular | Exact, Field(discriminator="distribution")
]


class SourcedValue(Strict):
    """A number with everything needed to trace and doubt it."""

    amount: float
    unit: str = Field(description="unit expression, e.g. 'kg/kWh' (per unit of the activity)")
    year: int = Field(ge=1990, le=2100, description="reference year of the figure")
    geography: str = Field(min_length=2, description="ISO code or region key the figure describes")
    source: str = Field(description="key into the file's sources")
    locator: str = Field(min_length=1, description="table, page, figure or section in the source")
    uncertainty: Uncertainty
    comment: str | None = None

    @field_validator("unit")
    @classmethod
    def _unit_parses(cls, value: str) -> str:
        try:
            check_unit(value)
        except UnitError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("amount must be a finite number")
        return value

    @model_validator(mode="after")
    def _uncertainty_fits(self):
        u = self.uncertainty
        if isinstance(u, (Uniform, Triangular)) and not (u.min <= self.amount <= u.max):
            raise ValueError(f"amount {self.amount} lies outside its range [{u.min}, {u.max}]")
        if isinstance(u, Lognormal) and self.amount == 0:
            raise ValueError("a lognormal value cannot be 0")
        return self
