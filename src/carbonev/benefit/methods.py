"""Benefit methodologies as rule-set files (``methods/benefit/benefit-<name>.yaml``).

A methodology names what it applies to (EV trips, grid displacement by on-site renewables,
energy savings), its formula (always ``reduction = baseline − project − leakage``), its
baseline, its parameters — numbers or ``required_input`` an auditor supplies in a values file
— and the claim its results may carry. Results of a ``voluntary`` methodology are labelled
"avoided emissions, voluntary claim". A future CCER methodology plugs in as one more file with
``claim: ccer`` and its MEE methodology number; nothing in the code changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from carbonev.data.records import Source, Strict, Text
from carbonev.data.resources import data_dir
from carbonev.io.files import load
from carbonev.rules import required_inputs as ri
from carbonev.rules.required_inputs import ID, REQUIRED, Num, ValuesHeader

LABEL = {"voluntary": {"en": "avoided emissions, voluntary claim", "zh": "避免排放量（自愿性声明，非CCER）"},
         "ccer": {"en": "emission reductions under CCER methodology {id} (creditable only once the project is "
                        "registered and the reductions verified and issued)",
                  "zh": "按CCER方法学{id}核算的减排量（须经项目登记、核查和签发后方可作为CCER）"}}


class Parameter(Strict):
    value: Num
    unit: str = Field(min_length=1)
    description: str = Field(min_length=3)
    source: str | None = None
    locator: str | None = None
    basis: str | None = None


class Method(Strict):
    format: Literal["carbonev-benefit-method/1"]
    name: str = Field(pattern=ID)
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    title: Text
    applies_to: Literal["ev-trips", "grid-displacement", "energy-saving"]
    claim: Literal["voluntary", "ccer"] = "voluntary"
    ccer_methodology: str | None = Field(default=None, description="MEE CCER methodology number (claim: ccer)")
    formula: Literal["reduction = baseline - project - leakage"] = "reduction = baseline - project - leakage"
    status: str = Field(min_length=3, description="what of the methodology's text was read")
    electricity_factor: Literal["co2", "life-cycle"] = "co2"
    baseline: str | None = Field(default=None, description="ev-trips: fleet baseline file (name or path)")
    parameters: dict[str, Parameter] = {}
    sources: dict[str, Source] = Field(min_length=1)
    notes: list[str] = []

    @model_validator(mode="after")
    def _consistent(self):
        if self.claim == "ccer" and not self.ccer_methodology:
            raise ValueError("ccer_methodology: a CCER claim needs the MEE methodology number")
        if self.claim == "voluntary" and self.ccer_methodology:
            raise ValueError("ccer_methodology: only for claim: ccer")
        if "leakage_share" not in self.parameters:
            raise ValueError("parameters.leakage_share: every methodology states its leakage (a number or "
                             "required_input)")
        for key, p in self.parameters.items():
            if p.source is not None and p.source not in self.sources:
                raise ValueError(f"parameters.{key}.source: {p.source!r} is not in 'sources'")
        return self

    def label(self, lang: str = "en") -> str:
        return LABEL[self.claim][lang].format(id=self.ccer_methodology)


class ValuesFile(ValuesHeader):
    SECTION = "methods"
    format: Literal["carbonev-benefit-values/1"]
    methods: dict[str, dict[str, float]] = Field(min_length=1)


def shipped() -> dict[str, Path]:
    """Shipped methodologies by name."""
    return ri.shipped_files(data_dir("methods") / "benefit", "benefit-")


def load_method(name_or_path: str | Path, values: str | Path | None = None) -> tuple[Method, Path]:
    """A methodology with its required inputs filled from ``values`` [raises SpecError]."""
    path = ri.find_file(name_or_path, shipped(), "benefit methodology", "benefit-")
    method = load(Method, path)
    vals = load(ValuesFile, values) if values is not None else None
    given = ri.supplied(vals, method.name)
    slots = {f"parameters.{k}": p.value for k, p in method.parameters.items()}
    ri.reject_unrequested(given, slots, owner=method.name, noun="methodology", section=ValuesFile.SECTION,
                          file=str(values), hint=f"carbonev benefit methods {method.name}")
    missing = [k for k, v in slots.items() if v == REQUIRED and k not in given]
    if missing:
        raise ri.missing_error(missing, why="the methodology leaves it to the user", given=vals is not None,
                               where=f"the values file has no value under methods.{method.name}", file=str(path),
                               hint=f"carbonev benefit methods {method.name}")
    params = {k: p.model_copy(update={"value": float(given.get(f"parameters.{k}", p.value))})
              for k, p in method.parameters.items()}
    return method.model_copy(update={"parameters": params}), path


def required(method: Method) -> list[str]:
    """Keys of the values a user must supply."""
    return [f"parameters.{k}" for k, p in method.parameters.items() if p.value == REQUIRED]


def value(method: Method, key: str, default: float | None = None) -> float | None:
    p = method.parameters.get(key)
    return default if p is None else float(p.value)
