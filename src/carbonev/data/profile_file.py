"""Schema of a profile data file (``inventories/profiles/*.yaml``, format ``carbonev-profiles/1``).

Three optional sections: ``grid_shapes`` (monthly generation by source of a region and
year, from which an hourly intensity shape is derived), ``charging_profiles`` (named
clock-time windows) and ``valley_windows`` / ``pilot_targets`` (the valley-charging check).
See docs/charging.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from carbonev.data.inventory_file import CODE
from carbonev.data.records import Source, Strict

SOURCES = ("thermal", "hydro", "nuclear", "wind", "solar")


class Series(Strict):
    values: list[float]
    locator: str = Field(min_length=1)
    comment: str | None = None


class GridShapeData(Strict):
    """Monthly generation by source of ``region`` in ``year`` [``unit``], per NBS period."""

    region: str
    year: int = Field(ge=2000, le=2100)
    latitude: float = Field(ge=-66, le=66, description="[degree N], places the solar day")
    latitude_source: str
    periods: list[list[int]] = Field(min_length=1, description="months (1-12) each value covers")
    unit: str
    source: str
    series: dict[Literal[SOURCES], Series]

    @model_validator(mode="after")
    def _complete(self):
        months = sorted(m for p in self.periods for m in p)
        if months != list(range(1, 13)):
            raise ValueError("periods must cover months 1-12 exactly once")
        if set(self.series) != set(SOURCES):
            raise ValueError(f"series needs {', '.join(SOURCES)}")
        for name, s in self.series.items():
            if len(s.values) != len(self.periods):
                raise ValueError(f"series.{name}: {len(s.values)} values for {len(self.periods)} periods")
            if any(v < 0 for v in s.values):
                raise ValueError(f"series.{name}: negative generation")
        return self


class Window(Strict):
    """Relative charging power ``power`` from hour ``from`` to hour ``to`` (clock, wraps past 24)."""

    start: int = Field(ge=0, le=23, alias="from")
    end: int = Field(ge=1, le=24, alias="to")
    power: float = Field(default=1.0, gt=0)


class ChargingProfileData(Strict):
    description: str = Field(min_length=3)
    windows: list[Window] = Field(min_length=1)
    source: str
    kind: Literal["private", "public"] = "public"


class ValleyWindow(Strict):
    hours: list[int] = Field(min_length=1)
    source: str
    locator: str


class Target(Strict):
    share: float = Field(gt=0, le=1)
    source: str
    locator: str


class ProfileFile(Strict):
    format: Literal["carbonev-profiles/1"]
    name: str = Field(pattern=CODE.pattern)
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")
    title: str
    description: str
    sources: dict[str, Source] = Field(min_length=1)
    grid_shapes: list[GridShapeData] = []
    charging_profiles: dict[str, ChargingProfileData] = {}
    valley_windows: dict[str, ValleyWindow] = {}
    pilot_targets: dict[Literal["all", "private"], Target] = {}

    @model_validator(mode="after")
    def _sources_known(self):
        cited = [g.source for g in self.grid_shapes] + [g.latitude_source for g in self.grid_shapes]
        cited += [p.source for p in self.charging_profiles.values()]
        cited += [v.source for v in self.valley_windows.values()] + [t.source for t in self.pilot_targets.values()]
        missing = sorted({s for s in cited if s not in self.sources})
        if missing:
            raise ValueError(f"source {missing[0]!r} is not in 'sources'")
        return self
