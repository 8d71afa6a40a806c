"""The vehicle-model specification: one YAML file describes one vehicle model.

Quantities are strings with units (``"1650 kg"``, ``"15.2 kWh/100km"``); they
are stored as floats in the unit named in each field's docstring. Defaults that
are *data* (lifetime, real-world factor, charging efficiency) are left ``None``
here and filled from the shipped parameters when the inventory is built, so the
number always comes with its source.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from carbonev.errors import UnknownName
from carbonev.regions import region
from carbonev.specs.quantities import Distance, Duration, ElectricityUse, Energy, Fraction, FuelUse, Mass

# How far the parts may miss the curb mass before it is an error [kg/kg].
MASS_TOLERANCE = 0.02


class Powertrain(StrEnum):
    BEV = "BEV"
    PHEV = "PHEV"
    HEV = "HEV"
    ICEV_GASOLINE = "ICEV-gasoline"

    @property
    def electric(self) -> bool:
        return self in (Powertrain.BEV, Powertrain.PHEV)

    @property
    def fuelled(self) -> bool:
        return self is not Powertrain.BEV


class Chemistry(StrEnum):
    """Cell chemistries with a shipped pack inventory (``battery-pack-materials-<chemistry>``)."""

    NMC111 = "NMC111"
    NMC622 = "NMC622"
    NMC811 = "NMC811"
    NCA = "NCA"
    LFP = "LFP"
    LMFP = "LMFP"
    SODIUM_ION = "sodium-ion"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _region_code(value: str) -> str:
    try:
        return region(value).code
    except UnknownName as exc:
        raise ValueError(str(exc)) from None


RegionCode = Annotated[str, AfterValidator(_region_code)]


class Place(Model):
    """Where and when something happens."""

    region: RegionCode = Field(description="province, grid or 'China' (e.g. 'Zhejiang', '浙江', 'cn-zj')")
    year: int = Field(ge=2000, le=2060)


class MassBreakdown(Model):
    """Curb mass and its parts [kg]. The traction battery's mass is under ``battery``."""

    curb: Mass = Field(description="curb mass [kg]")
    glider: Mass | None = Field(default=None, description="body, chassis, interior [kg]; default: the rest")
    electric_drive: Mass = Field(default=0.0, description="motor, inverter, power electronics [kg]")
    combustion_powertrain: Mass = Field(default=0.0, description="engine, transmission, fuel and exhaust [kg]")

    @field_validator("curb")
    @classmethod
    def _curb_positive(cls, v: float) -> float:
        if v <= 0:
            raise ValueError("must be positive")
        return v


class Battery(Model):
    """Traction battery pack."""

    chemistry: Chemistry
    capacity: Energy = Field(description="nominal pack energy [kWh]")
    mass: Mass | None = Field(default=None, description="pack mass [kg]; default: capacity / pack specific energy")
    replacements: int = Field(default=0, ge=0, le=5, description="packs replaced over the vehicle's life")
    plant: Place | None = Field(default=None, description="where the pack is made; default: the vehicle plant")
    plant_file: str | None = Field(
        default=None, description="factory spec of the cell/pack plant (relative to this file); its per-kWh "
        "energy replaces the generic cell and pack making data"
    )
    plant_product: str | None = Field(default=None, description="product id in plant_file (per kWh)")

    @model_validator(mode="after")
    def _plant_product(self):
        if (self.plant_file is None) != (self.plant_product is None):
            raise ValueError("plant_product: give plant_file and plant_product together")
        return self

    @field_validator("chemistry", mode="before")
    @classmethod
    def _chemistry(cls, v):
        if isinstance(v, str):
            for c in Chemistry:
                if c.value.lower() == v.strip().lower():
                    return c
            raise ValueError(f"unknown chemistry {v!r}; valid: {', '.join(c.value for c in Chemistry)}")
        return v


class EnergyUse(Model):
    """Energy use on a named test cycle, and how it is turned into real-world use."""

    cycle: Literal["CLTC", "WLTC", "NEDC", "real-world"] = "CLTC"
    electricity: ElectricityUse | None = Field(
        default=None, description="[kWh/km]; BEV, and PHEV in charge-depleting mode"
    )
    fuel: FuelUse | None = Field(
        default=None, description="gasoline [L/km]; ICEV, HEV, and PHEV in charge-sustaining mode"
    )
    utility_factor: Fraction | None = Field(default=None, description="PHEV: share of km driven on electricity [-]")
    real_world_factor: Fraction | None = Field(
        default=None, description="real-world / test-cycle energy use [-]; default: shipped parameter for the cycle"
    )
    electricity_measured_at: Literal["plug", "battery"] = Field(
        default="plug",
        description="'plug' (grid side, as GB/T 18386.1 measures it) or 'battery' "
        "(charging losses are then added)",
    )
    charging_efficiency: Fraction | None = Field(
        default=None, description="wall-to-battery [-]; default: shipped parameter"
    )

    @model_validator(mode="after")
    def _ranges(self):
        if self.utility_factor is not None and not 0 <= self.utility_factor <= 1:
            raise ValueError("utility_factor must lie between 0 and 1")
        if self.charging_efficiency is not None and not 0 < self.charging_efficiency <= 1:
            raise ValueError("charging_efficiency must lie in (0, 1]")
        if self.real_world_factor is not None and not 0.5 <= self.real_world_factor <= 3:
            raise ValueError("real_world_factor must lie between 0.5 and 3")
        if self.cycle == "real-world" and self.real_world_factor not in (None, 1.0):
            raise ValueError("a 'real-world' cycle takes no real_world_factor")
        return self


class Use(Model):
    """How long, where and from when the vehicle is used."""

    lifetime: Distance | None = Field(default=None, description="lifetime distance [km]; default: shipped parameter")
    years: Duration | None = Field(default=None, description="service life [year]; default: shipped parameter")
    region: RegionCode = Field(default="cn", description="where it is driven and charged (grid region)")
    first_year: int = Field(default=2025, ge=2000, le=2060)
    electricity_factor: Literal["life-cycle", "co2"] = Field(
        default="life-cycle",
        description="life-cycle electricity footprint factors (products) or CO2 emission factors (scope 2)",
    )
    grid_outlook: Literal["official", "trajectory"] = Field(
        default="official",
        description="years after the last official grid factor: hold it ('official') or follow the shipped "
        "scenario trajectory ('trajectory', prospective)",
    )


class Manufacturing(Model):
    """Where and when the vehicle is assembled."""

    region: RegionCode = "cn"
    year: int = Field(default=2024, ge=2000, le=2060)
    plant_file: str | None = Field(
        default=None, description="factory spec of the assembly plant (relative to this file); its per-vehicle "
        "energy and emissions replace the generic assembly data"
    )
    plant_product: str | None = Field(default=None, description="product id in plant_file (per vehicle)")

    @model_validator(mode="after")
    def _plant_product(self):
        if (self.plant_file is None) != (self.plant_product is None):
            raise ValueError("plant_product: give plant_file and plant_product together")
        return self

    @property
    def place(self) -> Place:
        return Place(region=self.region, year=self.year)


class EndOfLife(Model):
    """End-of-life treatment; burdens are cut off at the recycling gate in this version."""

    battery_route: Literal["hydrometallurgy", "pyrometallurgy"] = "hydrometallurgy"
    modelling: Literal["cut-off"] = "cut-off"


class FieldUncertainty(Model):
    """Uncertainty of one numeric spec field, for Monte Carlo (``uncertainty:`` section).

    ``sd``, ``min`` and ``max`` are quantities in any unit of the field's dimension
    (``"0.8 kWh/100km"``), or a share of the field's value (``"5%"``, ``sd`` only).
    """

    distribution: Literal["normal", "uniform", "triangular", "lognormal"]
    sd: str | None = None
    min: str | None = None
    max: str | None = None
    gsd: float | None = Field(default=None, gt=1.0)
    basis: str = Field(min_length=3, description="where the spread comes from")

    @model_validator(mode="after")
    def _parameters(self):
        need = {"normal": ("sd",), "uniform": ("min", "max"), "triangular": ("min", "max"), "lognormal": ("gsd",)}
        for key in need[self.distribution]:
            if getattr(self, key) is None:
                raise ValueError(f"{key}: required for a {self.distribution} distribution")
        return self


class VehicleSpec(Model):
    """A vehicle model, as a manufacturer or researcher describes it."""

    name: str = Field(min_length=1)
    powertrain: Powertrain
    segment: Literal["A0", "A", "B", "C", "SUV"] | None = None
    mass: MassBreakdown
    battery: Battery | None = None
    energy: EnergyUse
    use: Use = Use()
    manufacturing: Manufacturing = Manufacturing()
    refrigerant: Literal["R134a", "R1234yf", "R744"] = "R134a"
    end_of_life: EndOfLife = EndOfLife()
    uncertainty: dict[str, FieldUncertainty] = Field(
        default_factory=dict, description="Monte Carlo spread of numeric fields, by key path (battery.capacity)"
    )
    description: str | None = None

    @field_validator("powertrain", mode="before")
    @classmethod
    def _powertrain(cls, v):
        if isinstance(v, str):
            for p in Powertrain:
                if p.value.lower() == v.strip().lower():
                    return p
            raise ValueError(f"unknown powertrain {v!r}; valid: {', '.join(p.value for p in Powertrain)}")
        return v

    @model_validator(mode="after")
    def _consistent(self):
        p = self.powertrain
        if p is not Powertrain.ICEV_GASOLINE and self.battery is None:
            raise ValueError(f"battery: required for a {p.value}")
        if p.electric and self.energy.electricity is None:
            raise ValueError(f"energy.electricity: required for a {p.value}")
        if p.fuelled and self.energy.fuel is None:
            raise ValueError(f"energy.fuel: required for a {p.value}")
        if p is Powertrain.BEV and self.energy.fuel is not None:
            raise ValueError("energy.fuel: a BEV uses no fuel")
        if p in (Powertrain.ICEV_GASOLINE, Powertrain.HEV) and self.energy.electricity is not None:
            raise ValueError(f"energy.electricity: a {p.value} is not charged from the grid")
        if p is Powertrain.PHEV and self.energy.utility_factor is None:
            raise ValueError("energy.utility_factor: required for a PHEV (share of km on electricity)")
        if p is not Powertrain.PHEV and self.energy.utility_factor is not None:
            raise ValueError("energy.utility_factor: only a PHEV has one")
        if p is not Powertrain.BEV and self.mass.combustion_powertrain <= 0:
            raise ValueError(f"mass.combustion_powertrain: required (> 0 kg) for a {p.value}")
        if p is not Powertrain.ICEV_GASOLINE and self.mass.electric_drive <= 0:
            raise ValueError(f"mass.electric_drive: required (> 0 kg) for a {p.value}")
        if p is Powertrain.BEV and self.mass.combustion_powertrain > 0:
            raise ValueError("mass.combustion_powertrain: a BEV has none")
        return self

    @property
    def battery_plant(self) -> Place:
        if self.battery is not None and self.battery.plant is not None:
            return self.battery.plant
        return self.manufacturing.place
