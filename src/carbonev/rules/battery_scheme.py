"""Declaration schemes as data: ``methods/battery-schemes/<name>.yaml`` and values files.

A scheme states its functional unit (the lifetime-energy formula and its parameters),
how carbonev's pack stages map onto the scheme's life-cycle stages, which stages it
excludes, how it treats contractual electricity instruments and its performance classes.
Every number or choice (a *slot*) is either sourced (``value`` + ``source`` + ``locator``),
read from the pack file (``from_pack``), looked up by vehicle category, or ``required_input``:
not public, supplied by the user in a values file (``--values``) — never guessed.
Schema: docs/battery-declaration.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carbonev.data.records import Source, Text
from carbonev.data.resources import data_dir
from carbonev.errors import SpecError
from carbonev.inventory.pack import PACK_STAGES
from carbonev.io.files import load
from carbonev.rules import required_inputs as ri
from carbonev.rules.required_inputs import REQUIRED, ValuesHeader
from carbonev.specs.pack import PackSpec

FORMULAS = ("capacity_x_cycles", "capacity_x_cycles_per_year_x_years")
BATTERYPASS_STAGES = ("RawMaterialExtraction", "MainProduction", "Distribution", "Recycling")
SlotValue = float | str | dict[str, float]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Slot(Model):
    """One number or choice of a scheme, and where it comes from."""

    value: SlotValue | None = None
    by_vehicle_category: dict[str, float] | None = None
    from_pack: str | None = Field(default=None, description="pack-file field, e.g. warranty_years, cycles.total")
    default: SlotValue | None = Field(default=None, description="from_pack only: used when the pack file "
                                      "leaves the field out (needs source and locator)")
    default_parameter: str | None = Field(default=None, description="from_pack only: shipped parameter used "
                                          "when the pack file leaves the field out (its own source applies)")
    choices: list[str] | None = None
    unit: str | None = None
    optional: bool = Field(default=False, description="without it the output says 'not determined' (no error)")
    source: str | None = None
    locator: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_origin(self):
        given = [k for k in ("value", "by_vehicle_category", "from_pack") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"value: give one of value, by_vehicle_category, from_pack (got {given or 'none'})")
        if (self.default is not None or self.default_parameter is not None) and self.from_pack is None:
            raise ValueError("default: only a from_pack slot has a default")
        sourced = (self.value is not None and self.value != REQUIRED or self.by_vehicle_category is not None
                   or self.default is not None)
        if sourced and not (self.source and self.locator):
            raise ValueError("source: a published value needs source and locator")
        if self.choices and self.value not in (None, REQUIRED, *self.choices):
            raise ValueError(f"value: {self.value!r} is not one of {self.choices}")
        return self


class FunctionalUnit(Model):
    description: Text
    formula: Slot
    capacity_basis: Slot
    cycles: Slot | None = None
    cycles_per_year: Slot | None = None
    service_years: Slot | None = None


class SchemeStage(Model):
    id: Literal["RawMaterialExtraction", "MainProduction", "Distribution", "Recycling"]
    label: Text
    includes: list[Literal["raw_materials", "production", "distribution", "end_of_life"]]
    source: str
    locator: str = Field(min_length=1)
    note: str | None = None


class Excluded(Model):
    name: str
    source: str
    locator: str = Field(min_length=1)


class Electricity(Model):
    contractual_instruments: Slot


class DistributionRule(Model):
    """Transport of the finished pack from the pack plant to the vehicle plant."""

    mode: Slot
    distance: Slot


class Submission(Model):
    """What a declaring company submits (e.g. how many typical packs in a trial phase)."""

    min_packs: Slot | None = None


class PerformanceClass(Model):
    thresholds: Slot


class Scheme(Model):
    format: Literal["carbonev-battery-scheme/1"]
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    title: Text
    status: str = Field(min_length=5, description="legal status of the scheme text, in words")
    description: str
    sources: dict[str, Source]
    functional_unit: FunctionalUnit
    stages: list[SchemeStage] = Field(min_length=1)
    excluded: list[Excluded] = []
    electricity: Electricity
    distribution: DistributionRule | None = None
    submission: Submission | None = None
    performance_class: PerformanceClass
    deviations: list[str] = Field(default=[], description="where carbonev's model departs from the scheme text")

    @model_validator(mode="after")
    def _consistent(self):
        for key, slot in slots(self).items():
            if slot.source is not None and slot.source not in self.sources:
                raise ValueError(f"{key}.source: {slot.source!r} is not under sources")
        allowed = {"functional_unit.formula": FORMULAS, "functional_unit.capacity_basis": ("usable", "nominal"),
                   "electricity.contractual_instruments": ("recognised", "not_recognised")}
        for key, valid in allowed.items():
            slot = slots(self)[key]
            offered = [*(slot.choices or []), *([slot.value] if slot.value not in (None, REQUIRED) else [])]
            bad = [c for c in offered if c not in valid]
            if bad or (slot.value == REQUIRED and not slot.choices):
                raise ValueError(f"{key}: choices must come from {', '.join(valid)} (got {bad or 'no choices'})")
        for i, st in enumerate(self.stages):
            if st.source not in self.sources:
                raise ValueError(f"stages[{i}].source: {st.source!r} is not under sources")
        mapped = [s for st in self.stages for s in st.includes]
        for s in PACK_STAGES:
            if mapped.count(s) != 1:
                raise ValueError(f"stages: carbonev stage {s!r} must be mapped exactly once (found {mapped.count(s)})")
        return self


def slots(scheme: Scheme) -> dict[str, Slot]:
    """Every slot of a scheme by key (``functional_unit.formula``, ...)."""
    fu = scheme.functional_unit
    out = {f"functional_unit.{k}": getattr(fu, k) for k in
           ("formula", "capacity_basis", "cycles", "cycles_per_year", "service_years") if getattr(fu, k) is not None}
    out["electricity.contractual_instruments"] = scheme.electricity.contractual_instruments
    if scheme.distribution is not None:
        out["distribution.mode"] = scheme.distribution.mode
        out["distribution.distance"] = scheme.distribution.distance
    if scheme.submission is not None and scheme.submission.min_packs is not None:
        out["submission.min_packs"] = scheme.submission.min_packs
    out["performance_class.thresholds"] = scheme.performance_class.thresholds
    return out


# Where a pack file states the same parameter a scheme may fix: a fixed value overrides the
# pack's own statement, and the declaration reports it.
PACK_FIELDS = {"functional_unit.cycles": "cycles.total", "functional_unit.cycles_per_year": "cycles.per_year",
               "functional_unit.service_years": "warranty_years", "distribution.mode": "distribution.mode",
               "distribution.distance": "distribution.distance"}


def pack_value(pack: PackSpec, dotted: str) -> Any:
    """The pack file's value at ``dotted`` (None where it leaves it out)."""
    value: Any = pack
    for part in dotted.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def required_inputs(scheme: Scheme) -> list[tuple[str, Slot]]:
    return [(k, s) for k, s in slots(scheme).items() if s.value == REQUIRED]


class ValuesFile(ValuesHeader):
    """Values a user supplies for a scheme's ``required_input`` slots."""

    SECTION = "schemes"
    format: Literal["carbonev-battery-values/1"]
    schemes: dict[str, dict[str, SlotValue]] = Field(min_length=1)


def shipped() -> dict[str, Path]:
    """Shipped schemes by name (``methods/battery-schemes/<name>.yaml``)."""
    return ri.shipped_files(data_dir("methods") / "battery-schemes")


def load_scheme(name_or_path: str | Path) -> tuple[Scheme, Path]:
    """A shipped scheme by name, or a scheme file by path [raises SpecError / UnknownName]."""
    path = ri.find_file(name_or_path, shipped(), "battery declaration scheme")
    return load(Scheme, path), path


def load_values(path: str | Path) -> ValuesFile:
    """A values file [raises SpecError naming file and key, never echoing a value]."""
    return ri.quiet_load(ValuesFile, path)


@dataclass
class Resolver:
    """Resolves slots against the pack file and the values file, raising a SpecError that
    names the file and field of whatever is missing; records where each value came from."""

    scheme: Scheme
    scheme_file: Path
    pack: PackSpec
    pack_file: str | None
    values: ValuesFile | None = None
    values_file: str | None = None
    catalog: Any = None  # carbonev.data.catalog.Catalog, for default_parameter slots
    used: dict[str, dict[str, Any]] = field(default_factory=dict)
    overridden: dict[str, dict[str, Any]] = field(default_factory=dict)  # pack statement replaced by the scheme

    def __post_init__(self) -> None:
        known = {k: s.value for k, s in slots(self.scheme).items()}
        ri.reject_unrequested(self.supplied(), known, owner=self.scheme.name, noun="scheme",
                              section=ValuesFile.SECTION, file=self.values_file, hint=self._hint())

    def _hint(self) -> str:
        return f"carbonev battery schemes {self.scheme.name}"

    def supplied(self) -> dict[str, SlotValue]:
        return ri.supplied(self.values, self.scheme.name)

    def get(self, key: str) -> SlotValue | None:
        """The value of slot ``key``; None only for an optional slot nobody supplied."""
        slot = slots(self.scheme)[key]
        cite = {"source": slot.source, "locator": slot.locator} if slot.source else {}
        if slot.by_vehicle_category is not None:
            cat = self.pack.vehicle_category
            if cat is None:
                raise SpecError(f"required by scheme {self.scheme.name} ({key} depends on the vehicle category)",
                                file=self.pack_file, field="vehicle_category")
            if cat not in slot.by_vehicle_category:
                raise SpecError(f"the scheme gives no value for vehicle category {cat}", file=str(self.scheme_file),
                                field=f"{key}.by_vehicle_category")
            value: SlotValue = slot.by_vehicle_category[cat]
            origin = f"scheme, vehicle category {cat}"
        elif slot.from_pack is not None:
            value = pack_value(self.pack, slot.from_pack)
            origin, cite = f"pack file ({slot.from_pack})", {}
            if value is None and slot.default is not None:
                value, origin = slot.default, "scheme default (the pack file leaves it out)"
                cite = {"source": slot.source, "locator": slot.locator}
            elif value is None and slot.default_parameter is not None and self.catalog is not None:
                name = slot.default_parameter
                param = self.catalog.parameter(name)
                value = self.catalog.value(name, slot.unit or param.unit)
                src = self.catalog.inventories[self.catalog.parameter_origin[name]].sources[param.source]
                origin = f"shipped parameter {name} (the pack file leaves it out)"
                cite = {"source": f"{src.citation} [{src.tag}]", "locator": param.locator}
            if value is None:
                raise SpecError(f"required by scheme {self.scheme.name} ({key})", file=self.pack_file,
                                field=slot.from_pack)
        elif slot.value == REQUIRED:
            given = self.supplied()
            if key not in given:
                if slot.optional:
                    return None
                raise ri.missing_error([key], why="the scheme does not publish it, the user must supply it",
                                       where=f"the values file has no schemes.{self.scheme.name}.{key}",
                                       given=bool(self.values), file=str(self.scheme_file), hint=self._hint())
            value = given[key]
            if slot.choices and value not in slot.choices:
                raise SpecError(f"must be one of {', '.join(slot.choices)}", file=self.values_file,
                                field=f"schemes.{self.scheme.name}.{key}")
            origin, cite = f"required input supplied by {self.values.supplied_by} ({self.values.status})", {}
        else:
            value, origin = slot.value, "scheme"
        stated = pack_value(self.pack, PACK_FIELDS[key]) if key in PACK_FIELDS else None
        if slot.from_pack is None and stated is not None and stated != value:
            self.overridden[key] = {"pack_field": PACK_FIELDS[key], "pack": stated, "scheme": value,
                                    "unit": slot.unit}
        self.used[key] = {"value": value, "unit": slot.unit, "origin": origin, **cite}
        return value

    def number(self, key: str) -> float:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SpecError("must be a number", file=self.values_file or str(self.scheme_file), field=key)
        return float(value)


def lifetime_energy(formula: str, capacity: float, cycles: float | None = None, cycles_per_year: float | None = None,
                    years: float | None = None) -> tuple[float, str]:
    """Total energy over the service life [kWh] and the formula written out.

    ``capacity_x_cycles``:                  E = C × N
    ``capacity_x_cycles_per_year_x_years``: E = C × n × Y
    with C [kWh], N full-equivalent cycles, n [cycles/year], Y [year].
    """
    if formula == "capacity_x_cycles":
        energy = capacity * cycles
        return energy, f"{capacity:g} kWh × {cycles:g} cycles = {energy:,.6g} kWh"
    if formula == "capacity_x_cycles_per_year_x_years":
        energy = capacity * cycles_per_year * years
        return energy, f"{capacity:g} kWh × {cycles_per_year:g} cycles/year × {years:g} years = {energy:,.6g} kWh"
    raise SpecError(f"unknown functional-unit formula {formula!r}; valid: {', '.join(FORMULAS)}",
                    field="functional_unit.formula")


def performance_class(value: float, thresholds: dict[str, float]) -> str | None:
    """The first class (in ascending order of its upper bound [kg CO2e/kWh]) whose bound is
    not exceeded; None above the last bound."""
    for name, bound in sorted(thresholds.items(), key=lambda kv: kv[1]):
        if value <= bound:
            return name
    return None
