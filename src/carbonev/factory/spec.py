"""The factory specification: one YAML file describes one plant over one reporting period.

Quantities are strings with units (``"52 GWh"``, ``"1.2e6 m^3"``); money is written in CNY,
万元 or 亿元 (``"38 亿元"``). Every claim can cite evidence by key (``evidence: [gec-2024]``);
keys must resolve to the ``evidence`` section, or loading fails naming the field.
See docs/factory-spec.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from carbonev.data.regions import RegionCode
from carbonev.errors import UnitError, UnknownName, preview
from carbonev.factory import fields as F
from carbonev.factory.fields import Refs
from carbonev.io.inputs import load
from carbonev.specs import bounds as B
from carbonev.specs.quantities import Energy as PositiveEnergy
from carbonev.specs.quantities import PositiveHeat, PowerAmount
from carbonev.specs.vehicle import ChemistryName
from carbonev.units import quantity

# relative tolerance when comparing totals that should add up
TOLERANCE = 1e-6
# Physical bounds of a plant's yearly amounts, in the fields' units: wide of the largest plants (a year's
# electricity of the largest plants is ~1e10 kWh); beyond them a value is a typo, not a plant.
Energy = Annotated[F.Energy, Field(le=B.MAX_PLANT_KWH)]
Heat = Annotated[F.Heat, Field(le=B.MAX_PLANT_KWH * 3.6)]
Mass = Annotated[F.Mass, Field(le=1e12)]
Area = Annotated[F.Area, Field(le=1e10)]
Volume = Annotated[F.Volume, Field(le=1e12)]
CO2e = Annotated[F.CO2e, Field(le=1e12)]
Money = Annotated[F.Money, Field(le=B.MAX_MONEY_CNY)]
MAX_BASE_UNITS = 1e21  # a free-unit quantity, in SI base units (J, kg, m^3, ...)


def _in_range(value: str) -> str:
    magnitude = abs(float(quantity(value).to_base_units().magnitude))
    if not magnitude <= MAX_BASE_UNITS:
        raise ValueError(f"out of range for a plant (got {preview(value)})")
    return value


def _positive(value: str) -> str:
    if not quantity(value).magnitude > 0:
        raise ValueError(f"must be positive: a product made in no quantity has no per-unit footprint "
                         f"(got {preview(value)})")
    return value


AnyQty = Annotated[F.AnyQty, AfterValidator(_in_range)]
PositiveQty = Annotated[AnyQty, AfterValidator(_positive)]

class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Model):
    """A document backing a claim. ``kind`` is matched by rule sets (docs/factory-spec.md)."""

    kind: str = Field(min_length=2, description="e.g. energy-bill, gec-certificate, meter-readings")
    title: str = Field(min_length=2)
    issued_by: str | None = None
    date: dt.date | None = None
    document: str | None = Field(default=None, description="archive number, file name or URL")


class OutputValue(Model):
    amount: Money = Field(description="industrial output value of the period [CNY]")
    evidence: Refs = []


def _output_value(value: Any) -> Any:
    return {"amount": value} if isinstance(value, (str, int, float)) else value


class Site(Model):
    name: str = Field(min_length=1)
    province: RegionCode = Field(description="province (e.g. 'Zhejiang', '浙江', 'cn-zj')")
    city: str | None = None
    boundary: str = Field(min_length=10, description="organisational/operational boundary, in words")
    land_area: Area = Field(description="site land area [m2]")
    floor_area: Area | None = Field(default=None, description="total building floor area [m2]")
    building_footprint: Area | None = Field(default=None, description="ground area covered by buildings [m2]")
    evidence: Refs = []


class Period(Model):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError("end: must be after start")
        return self

    @property
    def year(self) -> int:
        return self.start.year


class Instrument(Model):
    """A renewable-electricity instrument: a green certificate (绿证), a green-power contract
    (绿电交易, delivered through the grid) or a direct line (绿电直连, not through the grid)."""

    id: str = Field(min_length=1, description="certificate batch / contract number (unique)")
    kind: Literal["certificate", "green_power_contract", "direct_line"]
    amount: PositiveEnergy
    technology: Literal["wind", "pv", "hydro", "biomass", "unspecified"] = "unspecified"
    vintage: int | None = Field(default=None, ge=2000, le=2100, description="generation year (in or before "
                                "the reporting period)")
    evidence: Refs = []


class OnsitePV(Model):
    capacity: PowerAmount | None = None
    generation: Energy
    self_consumed: Energy
    exported: Energy = 0.0
    certificates_sold: Energy = Field(default=0.0, description="green certificates of this PV sold to others")
    evidence: Refs = []

    @model_validator(mode="after")
    def _balance(self):
        if self.self_consumed + self.exported > self.generation * (1 + TOLERANCE):
            raise ValueError(f"self_consumed: self-consumed + exported ({self.self_consumed + self.exported:g} kWh) "
                             f"exceeds generation ({self.generation:g} kWh)")
        if self.certificates_sold > self.generation * (1 + TOLERANCE):
            raise ValueError("certificates_sold: exceeds generation")
        return self


class Storage(Model):
    capacity: Energy
    charged: Energy = 0.0
    discharged: Energy = 0.0
    evidence: Refs = []

    @model_validator(mode="after")
    def _balance(self):
        if self.discharged > self.charged * (1 + TOLERANCE):
            raise ValueError("discharged: exceeds charged")
        return self


class Electricity(Model):
    grid: Energy = Field(description="bought from the public grid [kWh], incl. green-power contracts")
    instruments: list[Instrument] = []
    onsite_pv: OnsitePV | None = None
    storage: Storage | None = None
    evidence: Refs = []

    @model_validator(mode="after")
    def _instruments(self):
        seen: dict[str, int] = {}
        for i, ins in enumerate(self.instruments):
            if ins.id in seen:
                raise ValueError(f"instruments[{i}].id: {ins.id!r} is listed twice (also at [{seen[ins.id]}]); "
                                 "an instrument is counted once only")
            seen[ins.id] = i
        on_grid = sum(x.amount for x in self.instruments if x.kind != "direct_line")
        if on_grid > self.grid * (1 + TOLERANCE):
            raise ValueError(f"instruments: certificates and green-power contracts ({on_grid:,.0f} kWh) exceed "
                             f"the grid electricity they would cover ({self.grid:,.0f} kWh)")
        return self


Carrier = Literal["natural_gas", "diesel", "lpg", "gasoline"]


class Fuel(Model):
    carrier: Carrier
    amount: AnyQty = Field(description="volume (m^3, L), mass (kg, t) or energy (MJ, GJ)")
    use: str | None = None
    evidence: Refs = []


class PurchasedHeat(Model):
    amount: PositiveHeat = Field(description="steam / hot water bought [MJ]")
    evidence: Refs = []


class EnergyUse(Model):
    electricity: Electricity
    fuels: list[Fuel] = []
    purchased_heat: PurchasedHeat | None = None


class Refrigerant(Model):
    gas: Literal["R134a", "R1234yf", "R744", "R32", "R125", "R410A", "SF6"]
    charge: Mass = Field(description="installed charge [kg]")
    leaked: Mass = Field(description="refilled to make up losses in the period [kg]")
    equipment: str | None = None
    evidence: Refs = []

    @model_validator(mode="after")
    def _leak(self):
        if self.leaked > self.charge * (1 + TOLERANCE):
            raise ValueError(f"leaked: {self.leaked:g} kg exceeds the installed charge ({self.charge:g} kg)")
        return self


class ProcessEmission(Model):
    gas: str = Field(description="an elementary flow of methods/flows.yaml, e.g. co2_fossil, n2o, co2e_aggregated")
    amount: Mass
    source: str = Field(min_length=2)
    evidence: Refs = []


class Water(Model):
    withdrawal: Volume = Field(description="fresh water taken in [m3]")
    reused: Volume = Field(default=0.0, description="water reused or recycled inside the plant [m3]")
    evidence: Refs = []


class Waste(Model):
    generated: Mass = Field(description="general industrial solid waste generated [kg]")
    utilised: Mass = Field(default=0.0, description="of which recycled or otherwise utilised [kg]")
    hazardous: Mass = 0.0
    evidence: Refs = []

    @model_validator(mode="after")
    def _balance(self):
        if self.utilised > self.generated * (1 + TOLERANCE):
            raise ValueError(f"utilised: {self.utilised:g} kg exceeds generated ({self.generated:g} kg)")
        return self


class Product(Model):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=B.MAX_CODE)
    name: str = Field(min_length=1, max_length=B.MAX_NAME)
    kind: Literal["vehicle", "battery", "component", "other"]
    quantity: PositiveQty = Field(description="'120000 vehicle', '8 GWh' (battery capacity) or '5000 item'")
    chemistry: ChemistryName | None = Field(default=None, description="battery products: the cell chemistry "
                                            "(a pack of another chemistry linked to this product is warned of)")
    mass: Mass | None = Field(default=None, description="total mass produced [kg]")
    value: Money | None = Field(default=None, description="output value of this product [CNY]")
    line: str | None = Field(default=None, description="id of the metered line that makes it")
    evidence: Refs = []


class Line(Model):
    """A metered production line (or workshop): energy measured at its own meters."""

    id: str = Field(min_length=1)
    name: str | None = None
    electricity: Energy = 0.0
    fuels: dict[Carrier, AnyQty] = {}
    purchased_heat: Heat = 0.0
    evidence: Refs = []


class Allocation(Model):
    rule: Literal["units", "mass", "value", "metered"]
    remainder: Literal["units", "mass", "value"] = Field(
        default="units", description="rule for what lines do not meter (metered rule only)")


class Credit(Model):
    id: str = Field(min_length=1, description="serial number(s)")
    kind: Literal["CCER", "CDM", "VCS", "GS", "other"]
    amount: CO2e
    vintage: int | None = Field(default=None, ge=2000, le=2100)
    retired: dt.date | None = Field(default=None, description="retirement date; not retired → not counted")
    removal: bool = Field(default=False, description="a removal credit (not an avoidance credit)")
    evidence: Refs = []


class Certification(Model):
    id: str = Field(min_length=2, description="e.g. green-factory-national, iso14001, iso50001")
    name: str | None = None
    year: int | None = None
    evidence: Refs = []


class Claim(Model):
    """A yes/no or numeric statement a prerequisite checks (e.g. no major accident in 3 years)."""

    value: bool | Annotated[float, Field(allow_inf_nan=False)]
    evidence: Refs = []
    note: str | None = None


class Measured(Model):
    """A measured value carbonev cannot compute from the rest of the file."""

    value: float = Field(allow_inf_nan=False)
    unit: str = Field(default="dimensionless", max_length=64)
    evidence: Refs = []
    note: str | None = None


class BaseYear(Model):
    year: int = Field(ge=2000, le=2100)
    scope1: CO2e
    scope2_market: CO2e
    evidence: Refs = []


class Scope3Item(Model):
    category: Literal["purchased_goods", "capital_goods", "upstream_transport", "waste",
                      "downstream_transport", "business_travel", "other"]
    description: str = Field(min_length=2)
    amount: AnyQty
    activity: str | None = Field(default=None, description="catalog activity code (per its unit)")
    factor: str | None = Field(default=None, description="supplier factor, e.g. '2.1 kg CO2e/kg'")
    evidence: Refs = []

    @model_validator(mode="after")
    def _one(self):
        if (self.activity is None) == (self.factor is None):
            raise ValueError("activity: give exactly one of 'activity' or 'factor'")
        if self.factor is not None:
            try:
                quantity(self.factor)
            except UnitError as exc:
                raise ValueError(f"factor: {exc}") from None
        return self


class Factory(Model):
    format: Literal["carbonev-factory/1"] = "carbonev-factory/1"
    name: str = Field(min_length=1)
    description: str | None = None
    site: Site
    period: Period
    output_value: Annotated[OutputValue, BeforeValidator(_output_value)] | None = Field(
        default=None, description="total industrial output value [CNY]: '207 亿元' or {amount, evidence}")
    energy: EnergyUse
    refrigerants: list[Refrigerant] = []
    process_emissions: list[ProcessEmission] = []
    water: Water | None = None
    waste: Waste | None = None
    products: list[Product] = Field(min_length=1)
    reference_product: str | None = Field(default=None, description="product for per-unit indicators")
    lines: list[Line] = []
    allocation: Allocation
    credits: list[Credit] = []
    certifications: list[Certification] = []
    claims: dict[str, Claim] = {}
    measured: dict[str, Measured] = {}
    base_year: BaseYear | None = None
    scope3: list[Scope3Item] = []
    evidence: dict[str, Evidence] = {}

    @model_validator(mode="after")
    def _consistent(self):
        end = self.period.end.year
        for i, ins in enumerate(self.energy.electricity.instruments):
            if ins.vintage is not None and ins.vintage > end:
                raise ValueError(f"energy.electricity.instruments[{i}].vintage: {ins.vintage} is after the reporting "
                                 f"period (ending {self.period.end}); an instrument counts only for electricity "
                                 "generated in or before the period")
        for key, m in self.measured.items():
            if key.endswith("_share"):
                _share(key, m)
        for path, ref in evidence_refs(self):
            if ref not in self.evidence:
                known = ", ".join(sorted(self.evidence)) or "none"
                raise ValueError(f"{path}: evidence {ref!r} is not defined under 'evidence' (defined: {known})")
        for name, items in (("products", self.products), ("lines", self.lines), ("credits", self.credits)):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    raise ValueError(f"{name}[{i}].id: {item.id!r} appears twice")
                seen.add(item.id)
        ids = {p.id for p in self.products}
        if self.reference_product is not None and self.reference_product not in ids:
            raise ValueError(f"reference_product: {self.reference_product!r} is not a product id ({', '.join(ids)})")
        lines = {ln.id for ln in self.lines}
        for i, p in enumerate(self.products):
            if p.line is not None and p.line not in lines:
                known = ", ".join(sorted(lines)) or "none"
                raise ValueError(f"products[{i}].line: {p.line!r} is not a line id (lines: {known})")
        rule = self.allocation.rule
        if rule == "metered":
            if not self.lines:
                raise ValueError("allocation.rule: 'metered' needs metered 'lines'")
            rule = self.allocation.remainder
        need = {"mass": "mass", "value": "value"}.get(rule)
        for i, p in enumerate(self.products):
            if need and getattr(p, need) is None:
                raise ValueError(f"products[{i}].{need}: required by allocation rule '{rule}'")
        return self

    @property
    def region(self) -> str:
        return self.site.province

    @property
    def year(self) -> int:
        return self.period.year

    def product(self, pid: str) -> Product:
        for p in self.products:
            if p.id == pid:
                return p
        raise UnknownName("product", pid, [p.id for p in self.products])

    @property
    def reference(self) -> Product:
        return self.product(self.reference_product) if self.reference_product else self.products[0]


def _share(key: str, m: Measured) -> None:
    """A measured ``*_share`` is a fraction: 0–100 % [raises ValueError naming the key]."""
    try:
        fraction = float(m.value) * float(quantity(f"1 {m.unit}").to("dimensionless").magnitude) \
            if m.unit not in ("-", "dimensionless") else float(m.value)
    except Exception:  # pint: a unit of another dimension, or no unit at all
        raise ValueError(f"measured.{key}.unit: a share is written in % or as a fraction, got "
                         f"{preview(m.unit)}") from None
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"measured.{key}.value: a share must lie between 0 and 100 % (got {m.value:g} {m.unit})")


def evidence_refs(model: BaseModel, path: str = "") -> list[tuple[str, str]]:
    """(key path, evidence key) for every ``evidence`` reference in ``model``, recursively."""
    out: list[tuple[str, str]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        if name == "evidence" and isinstance(value, list):
            out += [(f"{here}[{i}]", ref) for i, ref in enumerate(value)]
        elif isinstance(value, BaseModel):
            out += evidence_refs(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    out += evidence_refs(item, f"{here}[{i}]")
        elif isinstance(value, dict) and name != "evidence":
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    out += evidence_refs(item, f"{here}.{key}")
    return out


def load_factory(path: str) -> Factory:
    """Read and validate a plant file [raises SpecError naming file and key path]."""
    return load(Factory, path)
