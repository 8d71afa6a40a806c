"""Schema of impact-method files and of the elementary-flow list (``methods/``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from carbonev.data.inventory_file import CODE
from carbonev.data.records import Source, SourcedValue, Strict


class Flow(Strict):
    """An elementary flow (an emission to air) that inventories may emit."""

    name: str
    compartment: tuple[str, str] = ("air", "unspecified")
    unit: str = Field(description="unit of the flow, e.g. 'kg'")
    formula: str | None = None
    biosphere3: str | None = Field(
        default=None, description="UUID of the same flow in ecoinvent/biosphere3, for exchange"
    )
    comment: str | None = None


class FlowsFile(Strict):
    format: Literal["carbonev-flows/1"]
    name: str
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    title: str
    flows: dict[str, Flow] = Field(min_length=1)


class Factor(SourcedValue):
    """A characterisation factor: ``amount`` CO2e per unit of ``flow``."""

    flow: str


class MethodFile(Strict):
    format: Literal["carbonev-method/1"]
    name: str = Field(pattern=CODE.pattern)
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    title: str
    description: str
    brightway_name: tuple[str, ...] = Field(min_length=2)
    unit: str = Field(description="unit of the score, e.g. 'kg CO2e'")
    default: bool = False
    sources: dict[str, Source] = Field(min_length=1)
    factors: list[Factor] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self):
        seen: set[str] = set()
        for i, f in enumerate(self.factors):
            if f.source not in self.sources:
                raise ValueError(f"factors[{i}].source {f.source!r} is not in 'sources'")
            if f.flow in seen:
                raise ValueError(f"factors[{i}].flow {f.flow!r} appears twice")
            seen.add(f.flow)
        return self
