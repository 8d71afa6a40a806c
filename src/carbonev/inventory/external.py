"""Data a spec takes from other files — a plant's per-unit share, a supplier's footprint — as plain values.

The files are read and accounted once, before the inventory is built (``carbonev.inputs``), and
passed in as these frozen records: building an inventory never reads a file, so Monte Carlo and
sweeps reuse them for every variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Amount:
    """``value`` [``unit``] per functional unit; ``basis`` cites the plant file and the allocation
    rule; ``code`` / ``flow`` name the catalog activity or elementary flow to link."""

    value: float
    unit: str
    basis: str
    code: str | None = None
    flow: str | None = None


@dataclass(frozen=True)
class PlantShare:
    """Per-unit amounts of one product of one plant (one functional unit: a vehicle, a kWh of battery
    capacity, an item), from ``carbonev.factory.link.assembly_footprint``.

    - ``grid_electricity`` [kWh/unit]: public-grid electricity not covered by evidenced renewable
      instruments (plus self-consumed PV whose certificates were sold), priced with the grid of
      ``region`` in ``year``.
    - ``renewable_electricity`` [kWh/unit]: evidenced certificates, green-power contracts, direct line
      and claimable on-site PV; ``renewable_by_technology`` splits it by technology, with a life-cycle
      activity code where the catalog has one. grid + renewable = all electricity the product used.
    - ``fuels`` [MJ/unit]: natural_gas (heat-natural-gas-cn: combustion and supply), purchased_heat
      (heat-steam-cn), diesel / gasoline (supply only), lpg (no supply activity).
    - ``direct_emissions`` [kg/unit] by flow: combustion CO2 of liquid fuels and LPG, refrigerant
      leaks (blends without a flow as co2e_aggregated), process emissions.
    """

    plant: str
    file: str | None
    sha256: str | None
    product: str
    functional_unit: str
    region: str
    year: int
    allocation: str
    grid_electricity: Amount
    renewable_electricity: Amount
    renewable_factor: Amount
    renewable_by_technology: dict[str, Amount] = field(default_factory=dict)
    fuels: dict[str, Amount] = field(default_factory=dict)
    direct_emissions: dict[str, Amount] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Identity of this share in link origins: file and product."""
        return f"{self.file or self.plant}#{self.product}"

    def describe(self) -> str:
        """One line naming the plant, its file and hash, product, allocation, region and year."""
        return (f"{self.plant} ({self.file}, sha256 {self.sha256[:12] if self.sha256 else 'n/a'}), product "
                f"{self.product}, allocation {self.allocation}, {self.region} {self.year}")


@dataclass(frozen=True)
class SuppliedFootprint:
    """A supplier's cradle-to-gate footprint (PACT) replacing the generic inventory of ``part``."""

    part: str  # battery | glider | electric_drive | combustion_powertrain
    kg_co2e_per_unit: float  # [kg CO2e per declared unit], excluding biogenic uptake (PACT)
    declared_unit: str  # PACT declaredUnit: piece, kilogram, kilowatt hour, ...
    product: str
    spec_version: str
    pcf_id: str
    path: str
    sha256: str
    field: str  # the spec's key path naming the file (for errors): supplied[i]


@dataclass(frozen=True)
class ExternalInputs:
    """Everything a vehicle spec takes from other files, resolved."""

    assembly_plant: PlantShare | None = None
    battery_plant: PlantShare | None = None
    supplied: tuple[SuppliedFootprint, ...] = ()

    def supplied_part(self, part: str) -> SuppliedFootprint | None:
        return next((s for s in self.supplied if s.part == part), None)


NONE = ExternalInputs()
