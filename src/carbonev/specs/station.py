"""A charging station or PV–storage–charging (光储充) site, as one YAML file (``carbonev station``).

Quantities carry units; values that are not shipped data (charger embodied footprint,
standby power, efficiencies, storage life) are inputs the site owner supplies, each
with the source it came from (``*_source``). See docs/charging.md.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carbonev.data.regions import RegionCode
from carbonev.specs import bounds as B
from carbonev.specs.quantities import Duration, Energy, Fraction, Hours, Mass, StandbyPower
from carbonev.specs.quantities import Power as Power

Source = Field(min_length=3, description="where the figure comes from (document, table, page)")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PV(_Model):
    """On-site photovoltaics; its kWh are priced at ``factor`` (shipped: MEE 2023 PV life-cycle factor)."""

    capacity: Power = Field(le=B.MAX_SITE_KW, description="[kW] peak")
    full_load_hours: Hours = Field(le=B.HOURS_PER_YEAR,
                                                        description="annual yield [kWh per kW] = full-load hours")
    full_load_hours_source: str = Source
    factor: str = Field(default="electricity-lc-pv-cn-2023", description="activity code of 1 kWh of PV electricity")


class Storage(_Model):
    """Stationary battery: embodied footprint from the shipped LFP pack inventory, losses from its efficiency."""

    capacity: Energy = Field(le=B.MAX_SITE_KWH, description="usable energy [kWh]")
    power: Power = Field(le=B.MAX_SITE_KW, description="charge and discharge limit [kW]")
    round_trip_efficiency: Fraction = Field(gt=0, le=1)
    round_trip_efficiency_source: str = Source
    lifetime: Duration = Field(ge=B.MIN_YEARS, le=B.MAX_YEARS, description="[year]")
    lifetime_source: str = Source
    chemistry: Literal["LFP"] = "LFP"


class Chargers(_Model):
    """A group of identical chargers."""

    count: int = Field(ge=1, le=10_000)
    power: Power = Field(le=B.MAX_CHARGER_KW, description="[kW] rated")
    efficiency: Fraction = Field(description="grid (AC) side to vehicle [-]")
    efficiency_source: str = Source
    standby: StandbyPower = Field(le=B.MAX_CHARGER_KW * 1000,
                                  description="standby draw per charger [W], drawn every hour")
    standby_source: str = Source
    embodied: Mass = Field(le=B.MAX_PART_KG * 100, description="cradle-to-gate footprint per charger [kg CO2e]")
    embodied_source: str = Source
    lifetime: Duration = Field(ge=B.MIN_YEARS, le=B.MAX_YEARS, description="[year]")
    lifetime_source: str = Source

    @model_validator(mode="after")
    def _efficiency(self) -> Self:
        if not 0 < self.efficiency <= 1:
            raise ValueError("efficiency: must lie in (0, 1]")
        return self


class Load(_Model):
    """Energy delivered to vehicles and when."""

    annual_energy: Energy = Field(le=B.MAX_SITE_KWH,
                                                     description="delivered to vehicles per year [kWh]")
    profile: str | None = Field(default=None, description="shipped charging profile name")
    matrix: tuple[tuple[float, ...], ...] | None = Field(default=None, description="24 rows (hours) × 12 (months)")

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.profile is None) == (self.matrix is None):
            raise ValueError("give exactly one of profile or matrix")
        if self.matrix is not None:
            from carbonev.specs.calendar import check_matrix

            check_matrix(self.matrix)
        return self


class StationSpec(_Model):
    """A charging site: grid connection, optional PV and storage, chargers, load."""

    name: str = Field(min_length=1)
    region: RegionCode = Field(description="grid region of the connection")
    year: int = Field(ge=2000, le=2060, description="year of operation (grid factor)")
    electricity_factor: Literal["life-cycle", "co2"] = "life-cycle"
    pv: PV | None = None
    storage: Storage | None = None
    chargers: list[Chargers] = Field(min_length=1)
    load: Load
    description: str | None = None

    @model_validator(mode="after")
    def _storage_rte(self) -> Self:
        if self.storage is not None and not 0 < self.storage.round_trip_efficiency <= 1:
            raise ValueError("storage.round_trip_efficiency: must lie in (0, 1]")
        return self
