"""Fleet data files: survival curves, model catalogues, baselines, published statistics.

Shipped files live in ``inventories/fleet/``; a user may pass files of the same format. Every
number is a :class:`~carbonev.data.records.SourcedValue` (docs/data-format.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from carbonev.data.records import Source, SourcedValue, Strict, Text
from carbonev.data.resources import data_dir
from carbonev.io.files import load

REQUIRED = "required_input"


class Curve(Strict):
    """One class's survival: Weibull (``shape``, ``scale``) or a step at ``age``."""

    name: Text
    form: Literal["weibull", "step"]
    shape: SourcedValue | None = None
    scale: SourcedValue | None = None
    age: SourcedValue | None = None

    @model_validator(mode="after")
    def _complete(self):
        if self.form == "weibull" and (self.shape is None or self.scale is None):
            raise ValueError("shape: a weibull curve needs shape and scale")
        if self.form == "step" and self.age is None:
            raise ValueError("age: a step curve needs age")
        for part in (self.shape, self.scale, self.age):
            if part is not None and part.amount <= 0:
                raise ValueError("amount: survival parameters must be positive")
        return self


class SurvivalFile(Strict):
    format: Literal["carbonev-fleet-survival/1"]
    name: str
    version: str
    title: str
    description: str
    sources: dict[str, Source] = Field(min_length=1)
    curves: dict[str, Curve] = Field(min_length=1)
    segment_classes: dict[str, str] = {}

    @model_validator(mode="after")
    def _refs(self):
        for key, c in self.curves.items():
            for part in (c.shape, c.scale, c.age):
                if part is not None and part.source not in self.sources:
                    raise ValueError(f"curves.{key}: source {part.source!r} is not in 'sources'")
        for seg, cls in self.segment_classes.items():
            if cls not in self.curves:
                raise ValueError(f"segment_classes.{seg}: {cls!r} is not a curve ({', '.join(self.curves)})")
        return self


class ModelEntry(Strict):
    spec: str = Field(min_length=1, description="vehicle spec file, relative to the models file")
    note: str | None = None


class ModelsFile(Strict):
    format: Literal["carbonev-fleet-models/1"]
    name: str
    version: str | None = None
    title: str | None = None
    models: dict[str, ModelEntry] = Field(min_length=1)


class Leakage(Strict):
    share_of_baseline_operation: float = Field(ge=0, le=1)
    basis: str = Field(min_length=3)


class BaselineFile(Strict):
    format: Literal["carbonev-fleet-baseline/1"]
    name: str
    version: str | None = None
    title: str | None = None
    method: str = Field(min_length=3)
    sources: dict[str, Source] = {}
    vehicles: dict[str, str] = Field(min_length=1, description="segment -> model key or spec path")
    leakage: Leakage


class Figure(Strict):
    id: str
    kind: Literal["stock", "new_registrations", "share"]
    period: str
    value: SourcedValue


class StatisticsFile(Strict):
    format: Literal["carbonev-fleet-statistics/1"]
    name: str
    version: str
    title: str
    description: str
    sources: dict[str, Source] = Field(min_length=1)
    figures: list[Figure] = Field(min_length=1)

    def value(self, figure_id: str) -> float:
        return next(f.value.amount for f in self.figures if f.id == figure_id)


def fleet_dir() -> Path:
    """Folder of the shipped fleet data (``inventories/fleet``)."""
    return data_dir("inventories") / "fleet"


def _file(path: str | Path | None, default: str) -> Path:
    return Path(path) if path is not None else fleet_dir() / default


def load_survival(path: str | Path | None = None) -> tuple[SurvivalFile, Path]:
    p = _file(path, "survival-cn.yaml")
    return load(SurvivalFile, p), p


def load_models(path: str | Path | None = None) -> tuple[ModelsFile, Path]:
    p = _file(path, "segment-defaults.yaml")
    return load(ModelsFile, p), p


def load_baseline(path: str | Path | None = None) -> tuple[BaselineFile, Path]:
    p = _file(path, "baseline-icev.yaml")
    return load(BaselineFile, p), p


def load_statistics(path: str | Path | None = None) -> tuple[StatisticsFile, Path]:
    p = _file(path, "nev-statistics-zj.yaml")
    return load(StatisticsFile, p), p
