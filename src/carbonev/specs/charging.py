"""The ``use.charging`` section of a vehicle spec: when and where the vehicle charges, and V2G.

``profile`` names a shipped charging profile (``home-night``...) or ``matrix`` gives the
vehicle's own 24×12 relative charging power (24 rows = hours 0-23, 12 columns = months).
``station_file`` names a station spec (resolved when the spec is loaded; its kWh are then
priced per kWh delivered). ``grid_file`` / ``marginal_file`` are a user's own 8,760-row
hourly intensity series [kg CO2e/kWh] on the average and the marginal basis (kept apart).
"""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carbonev.specs.calendar import Matrix, check_matrix
from carbonev.specs.quantities import EnergyPerYear, Fraction, PositiveFraction
from carbonev.specs.station import StationSpec


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class V2G(_Model):
    """Vehicle-to-grid: energy the vehicle feeds back, its losses and the extra battery wear."""

    discharged: EnergyPerYear = Field(description="fed to the grid per year, grid side [kWh/year]")
    profile: str | None = Field(default=None, description="when it discharges: shipped profile name")
    matrix: Matrix | None = Field(default=None, description="own 24×12 discharge shape")
    round_trip_efficiency: Fraction | None = Field(
        default=None, description="grid → battery → grid [-]; default: shipped charging_efficiency squared "
        "(same converter both ways: an assumption, stated in the result)")
    capacity_fade_per_cycle: PositiveFraction = Field(
        description="capacity lost per full-equivalent cycle [-] (e.g. 0.0001 = 0.01 %/cycle)")
    end_of_life_capacity: Fraction = Field(description="capacity share at which the pack is replaced [-]")
    wear_source: str = Field(min_length=3, description="study the fade figure and end-of-life threshold come from")

    @model_validator(mode="after")
    def _checks(self) -> Self:
        if (self.profile is None) == (self.matrix is None):
            raise ValueError("give exactly one of profile or matrix (when the vehicle discharges)")
        if self.matrix is not None:
            check_matrix(self.matrix)
        if self.round_trip_efficiency is not None and not 0 < self.round_trip_efficiency <= 1:
            raise ValueError("round_trip_efficiency: must lie in (0, 1]")
        if not 0 < self.end_of_life_capacity < 1:
            raise ValueError("end_of_life_capacity: must lie in (0, 1)")
        return self


class Charging(_Model):
    """When and where the vehicle charges (use phase)."""

    profile: str | None = Field(default=None, description="shipped charging profile (home-night, public-dc, ...)")
    matrix: Matrix | None = Field(default=None, description="own 24×12 relative charging power")
    private: bool | None = Field(default=None, description="private pile, for the pilot's 80 % valley target; "
                                 "default: the shipped profile's kind")
    valley_hours: tuple[int, ...] | None = Field(default=None, description="valley-tariff hours (0-23); default: "
                                                 "the region's shipped valley window")
    station_file: str | None = Field(default=None, description="station spec (relative to this file)")
    station: StationSpec | None = Field(default=None, description="the station (filled from station_file)")
    grid_file: str | None = Field(default=None, description="own 8,760-row average-basis series [kg CO2e/kWh]")
    grid_matrix: Matrix | None = Field(default=None, description="24×12 means of grid_file (filled on load)")
    marginal_file: str | None = Field(default=None, description="own 8,760-row marginal series [kg CO2e/kWh]")
    marginal_matrix: Matrix | None = Field(default=None, description="24×12 means of marginal_file (filled on load)")
    v2g: V2G | None = None

    @model_validator(mode="after")
    def _checks(self) -> Self:
        if self.profile is not None and self.matrix is not None:
            raise ValueError("give profile or matrix, not both")
        at_station = self.station_file is not None or self.station is not None
        if at_station and (self.profile is not None or self.matrix is not None or self.grid_file is not None):
            raise ValueError("station_file: a station has its own load profile and grid; drop profile/matrix/grid_file")
        for m in (self.matrix, self.grid_matrix, self.marginal_matrix):
            if m is not None:
                check_matrix(m) if m is self.matrix else _check_intensity(m)
        if self.valley_hours is not None and any(not 0 <= h <= 23 for h in self.valley_hours):
            raise ValueError("valley_hours: hours 0-23")
        return self


def _check_intensity(m: Matrix) -> None:
    if len(m) != 24 or any(len(r) != 12 for r in m) or any(v < 0 for r in m for v in r):
        raise ValueError("grid matrix: 24×12 non-negative intensities [kg CO2e/kWh]")
