"""The battery-pack file: one YAML file describes one pack model made in one plant.

Quantities are strings with units (``"78.4 kWh"``, ``"8 year"``). Numbers a declaration
scheme needs from the manufacturer (usable capacity, vehicle category, warranty years,
cycle life) are optional here and required only by the scheme that uses them; the error
then names this file and the field. See docs/battery-declaration.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carbonev.io.inputs import load
from carbonev.specs import bounds as B
from carbonev.specs.plausibility import pack_warnings, warn
from carbonev.specs.quantities import Distance, Duration, Energy, Mass
from carbonev.specs.vehicle import ChemistryName, Place, check_plant_pair

FORMAT = "carbonev-battery-pack/1"
VehicleCategory = Literal["M1", "N1", "L", "M2", "M3", "N2", "N3"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cycles(Model):
    """The manufacturer's cycle statement, in full-equivalent cycles (a cycle through the
    whole capacity basis the scheme uses)."""

    total: float | None = Field(default=None, gt=0, le=B.MAX_CYCLES,
                                description="full-equivalent cycles over the service life [-]")
    per_year: float | None = Field(default=None, gt=0, le=B.MAX_CYCLES_PER_YEAR,
                                   description="full-equivalent cycles per year [1/year]")


class Distribution(Model):
    """Transport of the finished pack from the pack plant to the vehicle plant."""

    distance: Distance | None = Field(default=None, le=50_000.0,
                                      description="[km]; default: shipped materials_transport_distance")
    mode: Literal["truck", "rail", "ship"] | None = Field(default=None, description="default: truck (road)")
    destination: str | None = Field(default=None, min_length=1, max_length=200,
                                    description="the vehicle plant the pack is delivered to (name or place)")


class EndOfLife(Model):
    route: Literal["hydrometallurgy", "pyrometallurgy"] = "hydrometallurgy"


class PackSpec(Model):
    """A traction-battery pack model, as its manufacturer describes it for a declaration."""

    format: Literal["carbonev-battery-pack/1"]
    name: str = Field(min_length=1, max_length=B.MAX_NAME)
    model_id: str | None = Field(default=None, max_length=B.MAX_CODE,
                                 description="manufacturer's pack model identifier")
    manufacturer: str | None = None
    description: str | None = None
    chemistry: ChemistryName
    capacity: Energy = Field(ge=B.MIN_PACK_KWH, le=B.MAX_PACK_KWH, description="nominal (rated) pack energy [kWh]")
    usable_capacity: Energy | None = Field(default=None, ge=B.MIN_PACK_KWH, le=B.MAX_PACK_KWH,
                                           description="usable energy at beginning of life [kWh]")
    mass: Mass | None = Field(default=None, gt=0, le=B.MAX_PART_KG,
                              description="pack mass [kg]; default: capacity / pack specific energy")
    plant: Place | None = Field(default=None, description="where cells and pack are made (generic plant data)")
    plant_file: str | None = Field(default=None, min_length=1, max_length=B.MAX_PATH,
                                   description="factory spec of the cell/pack plant, relative to this file; its "
                                   "per-kWh energy replaces the generic cell and pack making data")
    plant_product: str | None = Field(default=None, max_length=B.MAX_CODE,
                                      description="product id in plant_file (per kWh)")
    vehicle_category: VehicleCategory | None = Field(default=None, description="UNECE category of the vehicle")
    warranty_years: Duration | None = Field(default=None, ge=B.MIN_YEARS, le=B.MAX_WARRANTY_YEARS,
                                            description="service life covered by warranty [year]")
    cycles: Cycles = Cycles()
    distribution: Distribution = Distribution()
    end_of_life: EndOfLife = EndOfLife()
    study_url: str | None = Field(default=None, description="public carbon-footprint study (BatteryPass "
                                  "carbonFootprintStudy)")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_plant_pair(self.plant_file, self.plant_product)
        if self.plant is None and self.plant_file is None:
            raise ValueError("plant: required (region and year), or plant_file + plant_product")
        if self.usable_capacity is not None and self.usable_capacity > self.capacity * (1 + 1e-9):
            raise ValueError(f"usable_capacity: {self.usable_capacity:g} kWh exceeds the nominal capacity "
                             f"({self.capacity:g} kWh)")
        return self


def load_pack(path: str | Path) -> PackSpec:
    """Read and validate a pack file [raises SpecError naming file and key path]; an unusual
    specific energy gives a :class:`~carbonev.errors.PlausibilityWarning`."""
    pack = load(PackSpec, path)
    warn(pack_warnings(pack.capacity, pack.mass, str(path), "mass"))
    return pack
