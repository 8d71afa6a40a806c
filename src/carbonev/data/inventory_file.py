"""Schema of an inventory file (``inventories/*.yaml``); see docs/data-format.md."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from carbonev.data.records import Source, SourcedValue, Strict

CODE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class Exchange(SourcedValue):
    """One input from another activity (``input``) or one emission (``flow``).

    ``amount`` is per one unit of the activity that holds the exchange, and
    ``unit`` says so explicitly, e.g. ``kWh/kg`` for electricity per kg of product.
    """

    input: str | None = Field(default=None, description="code of the supplying activity")
    flow: str | None = Field(default=None, description="key of an elementary flow in methods/flows.yaml")

    @model_validator(mode="after")
    def _one_target(self):
        if (self.input is None) == (self.flow is None):
            raise ValueError("an exchange needs exactly one of 'input' or 'flow'")
        return self


class Activity(Strict):
    """A background process producing one unit of ``unit``."""

    code: str = Field(pattern=CODE.pattern)
    name: str = Field(min_length=3)
    unit: str
    location: str = Field(min_length=2)
    year: int = Field(ge=1990, le=2100)
    comment: str | None = None
    exchanges: list[Exchange] = Field(min_length=1)


class Parameter(SourcedValue):
    """A sourced scalar the foreground model uses (e.g. assembly energy per vehicle)."""

    description: str = Field(min_length=3)


class InventoryFile(Strict):
    format: Literal["carbonev-inventory/1"]
    name: str = Field(pattern=CODE.pattern)
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$", description="YYYY.MM.N")
    title: str
    description: str
    sources: dict[str, Source] = Field(min_length=1)
    activities: list[Activity] = []
    parameters: dict[str, Parameter] = {}

    @model_validator(mode="after")
    def _internal_references(self):
        codes: set[str] = set()
        for i, act in enumerate(self.activities):
            if act.code in codes:
                raise ValueError(f"activities[{i}].code {act.code!r} appears twice")
            codes.add(act.code)
            for j, exc in enumerate(act.exchanges):
                if exc.source not in self.sources:
                    raise ValueError(
                        f"activities[{i}].exchanges[{j}].source {exc.source!r} is not in 'sources'"
                    )
        for key, par in self.parameters.items():
            if not CODE.match(key.replace("_", "-")):
                raise ValueError(f"parameters.{key}: names use lower case, digits, '_', '-', '.'")
            if par.source not in self.sources:
                raise ValueError(f"parameters.{key}.source {par.source!r} is not in 'sources'")
        return self
