"""The vehicle-model specification: one YAML file describes one vehicle model.

Quantities are strings with units (``"1650 kg"``, ``"15.2 kWh/100km"``); they
are stored as floats in the unit named in each field's docstring. Defaults that
are *data* (lifetime, real-world factor, charging efficiency) are left ``None``
here and filled from the shipped parameters when the inventory is built, so the
number always comes with its source.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal, Self, cast, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, TypeAdapter, model_validator

from carbonev.data.regions import RegionCode
from carbonev.errors import preview
from carbonev.specs import bounds as B
from carbonev.specs.charging import Charging
from carbonev.specs.quantities import (
    Distance,
    Duration,
    ElectricityUse,
    Energy,
    Fraction,
    FuelUse,
    Mass,
    MassUse,
    PositiveMass,
    Power,
)

# How far the parts may miss the curb mass before it is an error [kg/kg].
MASS_TOLERANCE = 0.02


class Powertrain(StrEnum):
    BEV = "BEV"
    PHEV = "PHEV"
    HEV = "HEV"
    ICEV_GASOLINE = "ICEV-gasoline"
    ICEV_DIESEL = "ICEV-diesel"
    ICEV_METHANOL = "ICEV-methanol"
    FCEV = "FCEV"

    @property
    def electric(self) -> bool:
        """Charged from the grid."""
        return self in (Powertrain.BEV, Powertrain.PHEV)

    @property
    def liquid_fuel(self) -> str | None:
        """The liquid fuel burnt, by volume ('gasoline', 'diesel'), if any."""
        return {Powertrain.PHEV: "gasoline", Powertrain.HEV: "gasoline", Powertrain.ICEV_GASOLINE: "gasoline",
                Powertrain.ICEV_DIESEL: "diesel"}.get(self)

    @property
    def combustion(self) -> bool:
        """Has a combustion engine."""
        return self in (Powertrain.PHEV, Powertrain.HEV, Powertrain.ICEV_GASOLINE, Powertrain.ICEV_DIESEL,
                        Powertrain.ICEV_METHANOL)

    @property
    def needs_battery(self) -> bool:
        return self in (Powertrain.BEV, Powertrain.PHEV, Powertrain.HEV)


# Vehicle classes: passenger-car segments and the commercial vehicles of the Zhejiang plan.
# Class-specific defaults (lifetime) are parameters named after the class
# (lifetime_distance_city_bus); a class without them takes the passenger-car defaults.
Segment = Literal["A0", "A", "B", "C", "SUV", "city-bus", "light-van", "heavy-truck"]
SEGMENTS: tuple[str, ...] = get_args(Segment)
HydrogenRoute = Literal["coal-gasification", "coal-gasification-ccs", "smr", "byproduct-coke-oven",
                        "byproduct-chlor-alkali", "electrolysis-alkaline-grid", "electrolysis-pem-grid",
                        "electrolysis-renewable"]
HYDROGEN_ROUTES: tuple[str, ...] = get_args(HydrogenRoute)


class Chemistry(StrEnum):
    """Cell chemistries with a shipped pack inventory (``battery-pack-materials-<chemistry>``)."""

    NMC111 = "NMC111"
    NMC622 = "NMC622"
    NMC811 = "NMC811"
    NCA = "NCA"
    LFP = "LFP"
    LMFP = "LMFP"
    SODIUM_ION = "sodium-ion"


def _by_value(enum: type[StrEnum], kind: str) -> BeforeValidator:
    """Read a member of ``enum`` from its value, ignoring case and surrounding blanks."""

    def parse(v: Any) -> Any:
        if isinstance(v, str):
            for member in enum:
                if member.value.lower() == v.strip().lower():
                    return member
            raise ValueError(f"unknown {kind} {preview(v)}; valid: {', '.join(m.value for m in enum)}")
        return v

    return BeforeValidator(parse)


ChemistryName = Annotated[Chemistry, _by_value(Chemistry, "chemistry")]
PowertrainName = Annotated[Powertrain, _by_value(Powertrain, "powertrain")]


def check_plant_pair(plant_file: str | None, plant_product: str | None) -> None:
    """A plant file needs the product it makes, and vice versa [raises ValueError]."""
    if (plant_file is None) != (plant_product is None):
        raise ValueError("plant_product: give plant_file and plant_product together")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Place(Model):
    """Where and when something happens."""

    region: RegionCode = Field(description="province, grid or 'China' (e.g. 'Zhejiang', '浙江', 'cn-zj')")
    year: int = Field(ge=2000, le=2060)


class MassBreakdown(Model):
    """Curb mass and its parts [kg]. The traction battery's mass is under ``battery``."""

    curb: Mass = Field(gt=0, le=B.MAX_VEHICLE_KG, description="curb mass [kg]")
    glider: Mass | None = Field(default=None, le=B.MAX_VEHICLE_KG,
                                description="body, chassis, interior [kg]; default: the rest")
    electric_drive: Mass = Field(default=0.0, le=B.MAX_PART_KG, description="motor, inverter, power electronics [kg]")
    combustion_powertrain: Mass = Field(default=0.0, le=B.MAX_PART_KG,
                                        description="engine, transmission, fuel and exhaust [kg]")


class Battery(Model):
    """Traction battery pack."""

    chemistry: ChemistryName
    capacity: Energy = Field(ge=B.MIN_PACK_KWH, le=B.MAX_PACK_KWH, description="nominal pack energy [kWh]")
    mass: Mass | None = Field(default=None, gt=0, le=B.MAX_PART_KG,
                              description="pack mass [kg]; default: capacity / pack specific energy")
    replacements: int = Field(default=0, ge=0, le=5, description="packs replaced over the vehicle's life")
    swap_packs: float = Field(
        default=0.0, ge=0.0, le=5.0,
        description="battery swapping: extra packs in the swap-station pool per vehicle [-] (user input)",
    )
    plant: Place | None = Field(default=None, description="where the pack is made; default: the vehicle plant")
    plant_file: str | None = Field(
        default=None, min_length=1, max_length=B.MAX_PATH, description="factory spec of the cell/pack plant "
        "(relative to this file); its per-kWh energy replaces the generic cell and pack making data"
    )
    plant_product: str | None = Field(default=None, max_length=B.MAX_CODE,
                                      description="product id in plant_file (per kWh)")

    @model_validator(mode="after")
    def _plant_product(self) -> Self:
        check_plant_pair(self.plant_file, self.plant_product)
        return self


class EnergyUse(Model):
    """Energy use on a named test cycle, and how it is turned into real-world use."""

    cycle: Literal["CLTC", "WLTC", "NEDC", "real-world"] = "CLTC"
    electricity: ElectricityUse | None = Field(
        default=None, le=B.MAX_KWH_PER_KM, description="[kWh/km]; BEV, and PHEV in charge-depleting mode"
    )
    fuel: FuelUse | None = Field(
        default=None, le=B.MAX_L_PER_KM, description="gasoline [L/km]; ICEV, HEV, and PHEV in charge-sustaining mode"
    )
    utility_factor: Fraction | None = Field(
        default=None, ge=0, le=1, description="PHEV: share of km driven on electricity [-]; default: shipped parameter"
    )
    hydrogen: MassUse | None = Field(default=None, le=B.MAX_KG_PER_KM,
                                                         description="FCEV hydrogen use [kg/km]")
    hydrogen_route: HydrogenRoute = Field(
        default="byproduct-chlor-alkali", description="how the hydrogen is made: " + ", ".join(HYDROGEN_ROUTES)
    )
    methanol: MassUse | None = Field(
        default=None, le=B.MAX_KG_PER_KM, description="methanol use [kg/km] (ICEV-methanol)"
    )
    methanol_route: Literal["renewable"] = Field(
        default="renewable", description="methanol route; only renewable methanol has a shipped inventory"
    )
    real_world_factor: Fraction | None = Field(
        default=None, ge=0.5, le=3,
        description="real-world / test-cycle energy use [-]; default: shipped parameter for the cycle"
    )
    electricity_measured_at: Literal["plug", "battery"] = Field(
        default="plug",
        description="'plug' (grid side, as GB/T 18386.1 measures it) or 'battery' "
        "(charging losses are then added)",
    )
    charging_efficiency: Fraction | None = Field(
        default=None, gt=0, le=1, description="wall-to-battery [-]; default: shipped parameter"
    )

    @model_validator(mode="after")
    def _ranges(self) -> Self:
        if self.cycle == "real-world" and self.real_world_factor not in (None, 1.0):
            raise ValueError("a 'real-world' cycle takes no real_world_factor")
        return self


class Use(Model):
    """How long, where and from when the vehicle is used."""

    lifetime: Distance | None = Field(default=None, ge=B.MIN_LIFETIME_KM, le=B.MAX_LIFETIME_KM,
                                      description="lifetime distance [km]; default: shipped parameter")
    years: Duration | None = Field(default=None, ge=B.MIN_YEARS, le=B.MAX_YEARS,
                                   description="service life [year]; default: shipped parameter")
    region: RegionCode = Field(default="cn", description="where it is driven and charged (grid region)")
    first_year: int = Field(default=2025, ge=2000, le=2060)
    electricity_factor: Literal["life-cycle", "co2"] = Field(
        default="life-cycle",
        description="life-cycle electricity footprint factors (products) or CO2 emission factors (scope 2)",
    )
    grid_outlook: Literal["official", "trajectory"] = Field(
        default="trajectory",
        description="years after the last official grid factor: follow the shipped, labelled scenario trajectory "
        "('trajectory', default, prospective) or hold the last official factor ('official': where a standard "
        "prescribes official factors)",
    )
    regional_factor: Literal["derived", "official"] = Field(
        default="derived",
        description="region without an official life-cycle grid factor: national factor x the region's official "
        "CO2-factor ratio ('derived', default, labelled) or the national factor unchanged ('official')",
    )
    charging: Charging | None = Field(
        default=None, description="when and where it charges (profile, own 24×12 matrix, station_file) and V2G; "
        "default: every kWh at the annual grid factor (docs/charging.md)",
    )


class Manufacturing(Model):
    """Where and when the vehicle is assembled."""

    region: RegionCode = "cn"
    year: int = Field(default=2024, ge=2000, le=2060)
    plant_file: str | None = Field(
        default=None, min_length=1, max_length=B.MAX_PATH, description="factory spec of the assembly plant "
        "(relative to this file); its per-vehicle energy and emissions replace the generic assembly data"
    )
    plant_product: str | None = Field(default=None, max_length=B.MAX_CODE,
                                      description="product id in plant_file (per vehicle)")
    background: Literal["current", "prospective"] = Field(
        default="current",
        description="grid electricity of the production stages: 'current' (default: the background inventories "
        "keep the grid year they ship with) or 'prospective' (opt-in: the grid electricity inside the parts' "
        "background inventories and the plants' own generic electricity take the labelled scenario trajectory's "
        "factor of the production year, manufacturing.year / battery.plant.year; energy intensities unchanged; "
        "plant files keep their own data)",
    )

    @model_validator(mode="after")
    def _plant_product(self) -> Self:
        check_plant_pair(self.plant_file, self.plant_product)
        return self

    @property
    def place(self) -> Place:
        return Place(region=self.region, year=self.year)


class EndOfLife(Model):
    """End-of-life treatment and how recycling is credited.

    ``cut-off``: treatment burdens only, no credit. ``avoided-burden``: the traction
    battery's recycled materials displace primary ones (credit = shipped GHG reduction
    of the route × the pack-materials burden). ``cff``: the end-of-life term of the EU
    Circular Footprint Formula, credit × (1 − A); A is an input (PEF Annex C values
    are not shipped). Credits are reported as their own stage, apart from burdens.
    """

    battery_route: Literal["hydrometallurgy", "pyrometallurgy"] = "hydrometallurgy"
    modelling: Literal["cut-off", "avoided-burden", "cff"] = "cut-off"
    cff_a: Fraction | None = Field(default=None, ge=0, le=1,
                                   description="CFF allocation factor A [-] (required for cff)")
    cff_quality_ratio: Fraction = Field(default=1.0, ge=0, le=1,
                                        description="CFF Qs,out/Qp of recovered materials [-] (at most 1)")
    second_life_share: Fraction = Field(
        default=0.0, ge=0, le=1, description="share of retired traction packs reused (e.g. in stationary storage) "
        "before recycling [-]; their recycling burden and credit belong to the second life (cut-off at hand-over)"
    )

    @model_validator(mode="after")
    def _cff(self) -> Self:
        if self.modelling == "cff" and self.cff_a is None:
            raise ValueError("cff_a: required for the Circular Footprint Formula (from the applicable PEFCR / "
                             "Annex C of Recommendation (EU) 2021/2279; not shipped)")
        return self


class FuelCell(Model):
    """Fuel-cell system (stack and balance of plant)."""

    power: Power = Field(le=B.MAX_FUEL_CELL_KW, description="rated net power [kW]")
    mass: Mass | None = Field(default=None, gt=0, le=B.MAX_PART_KG,
                              description="[kg]; default: power × shipped mass per kW")


class HydrogenTank(Model):
    """Hydrogen storage (type IV, carbon fibre)."""

    mass: Mass = Field(gt=0, le=B.MAX_PART_KG, description="tank system mass [kg]")
    capacity: PositiveMass | None = Field(default=None, le=B.MAX_TANK_H2_KG,
                                                      description="usable hydrogen [kg]")


class Components(Model):
    """Which shipped inventory (activity code, per kg) stands for each part: e.g. the glider
    ``glider-aluminium-intensive`` instead of ``glider-steel``, the drive ``motor-pmsm``.
    ``carbonev inventories`` lists the files; the codes are in them."""

    glider: str = Field(default="glider-steel", description="per-kg inventory of the glider")
    body: Literal["steel", "aluminium-intensive", "mixed"] | None = Field(
        default=None, description="body material: picks the glider glider-steel, glider-aluminium-intensive or "
        "glider-mixed (half of each) unless 'glider' names another inventory; default: steel for every segment "
        "(no sourced segment rule), stated in the result's assumptions")
    electric_drive: str = Field(default="electric-drive", description="per-kg inventory of the electric drive")
    combustion_powertrain: str = Field(default="combustion-powertrain",
                                       description="per-kg inventory of the combustion powertrain")


class Maintenance(Model):
    """Maintenance inputs that depend on the vehicle."""

    tyres: int = Field(default=4, ge=2, le=30, description="number of tyres")
    tyre_mass: Mass | None = Field(default=None, gt=0, le=B.MAX_TYRE_KG,
                                   description="[kg] per tyre; default: shipped figure for the class")


class SuppliedPart(Model):
    """A supplier's own footprint (PACT v2.3/v3.0 JSON) replacing the generic inventory of a part."""

    replaces: Literal["battery", "glider", "electric_drive", "combustion_powertrain"]
    footprint: str = Field(min_length=1, max_length=B.MAX_PATH,
                           description="path to the PACT ProductFootprint JSON (relative to this file)")


class FieldUncertainty(Model):
    """Uncertainty of one numeric spec field, for Monte Carlo (``uncertainty:`` section).

    ``sd``, ``min`` and ``max`` are quantities in any unit of the field's dimension
    (``"0.8 kWh/100km"``), or a share of the field's value (``"5%"``, ``sd`` only).
    """

    distribution: Literal["normal", "uniform", "triangular", "lognormal"]
    sd: str | None = Field(default=None, max_length=B.MAX_CODE)
    min: str | None = Field(default=None, max_length=B.MAX_CODE)
    max: str | None = Field(default=None, max_length=B.MAX_CODE)
    gsd: float | None = Field(default=None, gt=1.0, le=100.0)
    basis: str = Field(min_length=3, max_length=B.MAX_TEXT, description="where the spread comes from")

    @model_validator(mode="after")
    def _parameters(self) -> Self:
        need = {"normal": ("sd",), "uniform": ("min", "max"), "triangular": ("min", "max"), "lognormal": ("gsd",)}
        for key in need[self.distribution]:
            if getattr(self, key) is None:
                raise ValueError(f"{key}: required for a {self.distribution} distribution")
        return self


class VehicleSpec(Model):
    """A vehicle model, as a manufacturer or researcher describes it."""

    name: str = Field(min_length=1, max_length=B.MAX_NAME)
    powertrain: PowertrainName
    segment: Segment | None = Field(default=None, description="vehicle class: " + ", ".join(SEGMENTS))
    mass: MassBreakdown
    battery: Battery | None = None
    energy: EnergyUse
    use: Use = Use()
    manufacturing: Manufacturing = Manufacturing()
    fuel_cell: FuelCell | None = None
    hydrogen_tank: HydrogenTank | None = None
    maintenance: Maintenance = Maintenance()
    components: Components = Components()
    supplied: list[SuppliedPart] = Field(default_factory=list, max_length=10, description="suppliers' PACT footprints")
    refrigerant: Literal["R134a", "R1234yf", "R744"] | None = Field(
        default=None, description="air-conditioning refrigerant; default by model year (manufacturing.year): "
        "R134a before China's GWP <= 150 requirement for new M1 type approvals, R1234yf from then (shipped parameter)"
    )
    end_of_life: EndOfLife = EndOfLife()
    uncertainty: dict[str, FieldUncertainty] = Field(
        default_factory=dict, max_length=100,
        description="Monte Carlo spread of numeric fields, by key path (battery.capacity)"
    )
    description: str | None = Field(default=None, max_length=B.MAX_TEXT)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        self.check_consistent()
        return self

    def check_consistent(self) -> None:
        """The fields a powertrain needs, and none it cannot have [raises ValueError 'key.path: what']."""
        p, e, m = self.powertrain, self.energy, self.mass
        name = p.value
        if p.needs_battery and self.battery is None:
            raise ValueError(f"battery: required for a {name}")
        if p.electric != (e.electricity is not None):
            raise ValueError(f"energy.electricity: {'required' if p.electric else 'not used'} for a {name}")
        if (p.liquid_fuel is not None) != (e.fuel is not None):
            raise ValueError(f"energy.fuel: {'required' if p.liquid_fuel else 'not used'} for a {name}")
        if (p is Powertrain.FCEV) != (e.hydrogen is not None):
            raise ValueError(f"energy.hydrogen: {'required' if p is Powertrain.FCEV else 'not used'} for a {name}")
        if (p is Powertrain.ICEV_METHANOL) != (e.methanol is not None):
            raise ValueError(f"energy.methanol: {'required' if p is Powertrain.ICEV_METHANOL else 'not used'} "
                             f"for a {name}")
        if p is not Powertrain.PHEV and e.utility_factor is not None:
            raise ValueError("energy.utility_factor: only a PHEV has one")
        if p.combustion != (m.combustion_powertrain > 0):
            raise ValueError(f"mass.combustion_powertrain: {'required (> 0 kg)' if p.combustion else 'none'} "
                             f"for a {name}")
        has_motor = p not in (Powertrain.ICEV_GASOLINE, Powertrain.ICEV_DIESEL, Powertrain.ICEV_METHANOL)
        if has_motor and m.electric_drive <= 0:
            raise ValueError(f"mass.electric_drive: required (> 0 kg) for a {name}")
        if p is Powertrain.FCEV and (self.fuel_cell is None or self.hydrogen_tank is None):
            raise ValueError("fuel_cell: an FCEV needs fuel_cell and hydrogen_tank")
        if p is not Powertrain.FCEV and (self.fuel_cell is not None or self.hydrogen_tank is not None):
            raise ValueError(f"fuel_cell: a {name} has no fuel cell or hydrogen tank")

    @classmethod
    def model_validate(cls, obj: Any, *, strict: bool | None = None, extra: Any = None,
                       from_attributes: bool | None = None, context: Any | None = None, by_alias: bool | None = None,
                       by_name: bool | None = None) -> Self:
        """Validate ``obj``; on ``VehicleSpec`` itself, into the model of its powertrain (a
        :class:`BatteryElectricSpec` for a BEV, ...)."""
        if cls is VehicleSpec:
            return cast(Self, vehicle_adapter().validate_python(
                obj, strict=strict, extra=extra, from_attributes=from_attributes, context=context, by_alias=by_alias,
                by_name=by_name))
        return super().model_validate(obj, strict=strict, extra=extra, from_attributes=from_attributes,
                                      context=context, by_alias=by_alias, by_name=by_name)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, *, strict: bool | None = None,
                            extra: Any = None, context: Any | None = None, by_alias: bool | None = None,
                            by_name: bool | None = None) -> Self:
        """As :meth:`model_validate`, from JSON text."""
        if cls is VehicleSpec:
            return cast(Self, vehicle_adapter().validate_json(json_data, strict=strict, extra=extra, context=context,
                                                              by_alias=by_alias, by_name=by_name))
        return super().model_validate_json(json_data, strict=strict, extra=extra, context=context, by_alias=by_alias,
                                           by_name=by_name)

    @property
    def battery_plant(self) -> Place:
        if self.battery is not None and self.battery.plant is not None:
            return self.battery.plant
        return self.manufacturing.place


# One model per powertrain (a discriminated union on ``powertrain``): what a powertrain must have is in
# its model's types (a BEV's ``battery`` is a Battery, never None), so checkers and editors see it.
# ``VehicleSpec.model_validate`` returns the model of the spec's powertrain; errors name the key path
# without the union's tag (carbonev.io.inputs).


class BatteryElectricSpec(VehicleSpec):
    """A battery-electric vehicle (BEV): a traction battery charged from the grid, an electric drive."""

    powertrain: Annotated[Literal[Powertrain.BEV], _by_value(Powertrain, "powertrain")]
    battery: Battery


class PlugInHybridSpec(VehicleSpec):
    """A plug-in hybrid (PHEV): a traction battery charged from the grid, and a combustion engine."""

    powertrain: Annotated[Literal[Powertrain.PHEV], _by_value(Powertrain, "powertrain")]
    battery: Battery


class HybridSpec(VehicleSpec):
    """A hybrid (HEV): a traction battery charged on board, and a combustion engine."""

    powertrain: Annotated[Literal[Powertrain.HEV], _by_value(Powertrain, "powertrain")]
    battery: Battery


class CombustionSpec(VehicleSpec):
    """A combustion vehicle (ICEV) burning gasoline, diesel or methanol."""

    powertrain: Annotated[Literal[Powertrain.ICEV_GASOLINE, Powertrain.ICEV_DIESEL, Powertrain.ICEV_METHANOL],
                          _by_value(Powertrain, "powertrain")]


class FuelCellSpec(VehicleSpec):
    """A fuel-cell electric vehicle (FCEV): a fuel-cell system and a hydrogen tank."""

    powertrain: Annotated[Literal[Powertrain.FCEV], _by_value(Powertrain, "powertrain")]
    fuel_cell: FuelCell
    hydrogen_tank: HydrogenTank


POWERTRAIN_MODELS: dict[str, type[VehicleSpec]] = {
    "BEV": BatteryElectricSpec, "PHEV": PlugInHybridSpec, "HEV": HybridSpec, "ICEV": CombustionSpec,
    "FCEV": FuelCellSpec,
}
UNKNOWN_TAG = "unknown"  # no or an unknown powertrain: the general model says what is wrong


def powertrain_tag(value: Any) -> str:
    """The union member of a spec (a mapping or a model): its powertrain, ignoring case; ICEV for the
    three combustion powertrains; 'unknown' when missing or not a powertrain."""
    raw = value.get("powertrain") if isinstance(value, dict) else getattr(value, "powertrain", None)
    text = raw.value if isinstance(raw, Powertrain) else raw.strip().lower() if isinstance(raw, str) else None
    for member in Powertrain:
        if member.value.lower() == text:
            return "ICEV" if member.value.startswith("ICEV") else member.value
    return UNKNOWN_TAG


AnyVehicleSpec = Annotated[
    Annotated[BatteryElectricSpec, Tag("BEV")]
    | Annotated[PlugInHybridSpec, Tag("PHEV")]
    | Annotated[HybridSpec, Tag("HEV")]
    | Annotated[CombustionSpec, Tag("ICEV")]
    | Annotated[FuelCellSpec, Tag("FCEV")]
    | Annotated[VehicleSpec, Tag(UNKNOWN_TAG)],
    Discriminator(powertrain_tag),
]
UNION_TAGS = frozenset([*POWERTRAIN_MODELS, UNKNOWN_TAG])
VehicleSpec.__union_tags__ = UNION_TAGS  # type: ignore[attr-defined]  # error paths drop the member's tag


@cache
def vehicle_adapter() -> TypeAdapter[VehicleSpec]:
    """Validates any vehicle spec into the model of its powertrain."""
    return TypeAdapter(AnyVehicleSpec)
