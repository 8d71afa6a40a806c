"""Factory projects (a PV roof, a retrofit) and their annual avoided emissions.

    reduction = baseline − project − leakage                                  [t CO2e/year]

grid-displacement: baseline = generation × grid CO2 factor (region, year); project = 0.
energy-saving:     baseline/project = Σ carrier use before/after × factor of the carrier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from carbonev.benefit.methods import Method, value
from carbonev.data.records import Strict
from carbonev.data.regions import RegionCode
from carbonev.errors import SpecError
from carbonev.factory.fields import Money
from carbonev.fleet.factors import Engine
from carbonev.io.files import load
from carbonev.specs.quantities import EnergyAmount, Litres, Volume

Energy = EnergyAmount
Gas = Volume


class Carriers(Strict):
    electricity: Energy = 0.0  # [kWh/year]
    natural_gas: Gas = 0.0  # [m3/year]
    diesel: Litres = 0.0  # [L/year]


class Project(Strict):
    format: Literal["carbonev-benefit-project/1"]
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    name: str = Field(min_length=2)
    kind: Literal["pv-roof", "retrofit", "other"]
    method: str = Field(min_length=2, description="benefit methodology (name or file)")
    region: RegionCode
    year: int = Field(ge=2000, le=2060, description="year of operation the factors are taken for")
    investment: Money | None = Field(default=None, description="total project investment [CNY]")
    generation: Energy | None = Field(default=None, description="renewable electricity generated a year [kWh]")
    before: Carriers | None = None
    after: Carriers | None = None
    evidence: list[str] = []
    note: str | None = None

    @model_validator(mode="after")
    def _data(self):
        if self.kind == "pv-roof" and self.generation is None:
            raise ValueError("generation: a PV roof needs its annual generation, e.g. '10.4 GWh'")
        if self.kind == "retrofit" and (self.before is None or self.after is None):
            raise ValueError("before: a retrofit needs energy use before and after")
        return self


def load_project(path: str | Path) -> Project:
    return load(Project, path)


def _carrier_factors(engine: Engine, region: str, year: int, basis: str) -> dict[str, tuple[float, str]]:
    """kg CO2e per kWh, m3 and L of each carrier, with what was used."""
    grid, code = engine.grid_factor(region, year, basis)
    gas = engine.activity_factor("heat-natural-gas-cn") * engine.parameter("natural_gas_lhv", "MJ/m^3")
    diesel = engine.activity_factor("diesel-supply-cn") + engine.parameter("diesel_combustion_co2", "kg/L")
    return {"electricity": (grid, f"{code} [kg/kWh]"),
            "natural_gas": (gas, "heat-natural-gas-cn × natural_gas_lhv [kg/m3]"),
            "diesel": (diesel, "diesel-supply-cn + diesel_combustion_co2 (CO2 only) [kg/L]")}


def annual_reduction(project: Project, method: Method, engine: Engine) -> dict:
    """Baseline, project, leakage and reduction [t CO2e/year] of one project under ``method``."""
    share = value(method, "leakage_share", 0.0)
    f = _carrier_factors(engine, project.region, project.year, method.electricity_factor)
    if method.applies_to == "grid-displacement":
        if project.generation is None:
            raise SpecError(f"method {method.name} needs `generation`", field="generation")
        baseline, proj = project.generation * f["electricity"][0], 0.0
        used = [f"electricity: {f['electricity'][1]} = {f['electricity'][0]:.4f}"]
    elif method.applies_to == "energy-saving":
        if project.before is None or project.after is None:
            raise SpecError(f"method {method.name} needs `before` and `after`", field="before")
        baseline = sum(getattr(project.before, c) * f[c][0] for c in f)
        proj = sum(getattr(project.after, c) * f[c][0] for c in f)
        used = [f"{c}: {f[c][1]} = {f[c][0]:.4f}" for c in f]
    else:
        raise SpecError(f"method {method.name} applies to {method.applies_to}, not to factory projects",
                        field="method")
    leak = share * baseline
    return {"id": project.id, "name": project.name, "kind": project.kind, "method": method.name,
            "region": project.region, "year": project.year, "baseline": baseline / 1000, "project": proj / 1000,
            "leakage": leak / 1000, "reduction": (baseline - proj - leak) / 1000, "factors": used,
            "claim": method.label("en"), "investment": project.investment}
