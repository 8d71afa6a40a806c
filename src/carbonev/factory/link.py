"""A plant's per-unit share, to replace the generic ``vehicle_assembly`` stage.

    share = assembly_footprint("examples/factories/zj-vehicle-assembly-pass.yaml", "zj-suv-ev")
    share.grid_electricity.value      # kWh per vehicle from the public grid (pick the grid of
    share.region, share.year          #   share.region in share.year, as the vehicle model does)
    share.links("life-cycle")         # (amount, basis, code, flow) ready for Stage.add
"""

from __future__ import annotations

from dataclasses import dataclass, field

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.factory.allocation import functional_unit
from carbonev.factory.pipeline import PlantLike, evaluate_plant
from carbonev.inventory import grid

FUEL_CODE = {"natural_gas": "heat-natural-gas-cn", "purchased_heat": "heat-steam-cn",
             "diesel": "diesel-supply-cn", "gasoline": "gasoline-supply-cn", "lpg": None}


@dataclass(frozen=True)
class Amount:
    """``value`` [``unit``] per functional unit; ``basis`` cites the plant file and the
    allocation rule; ``code`` / ``flow`` name the catalog activity or elementary flow to link."""

    value: float
    unit: str
    basis: str
    code: str | None = None
    flow: str | None = None


@dataclass(frozen=True)
class PlantShare:
    """Per-unit amounts of one product of one plant (one functional unit: a vehicle, a kWh
    of battery capacity, an item).

    - ``grid_electricity`` [kWh/unit]: public-grid electricity not covered by evidenced
      renewable instruments (plus self-consumed PV whose certificates were sold); the
      vehicle model prices it with the grid of ``region`` in ``year``.
    - ``renewable_electricity`` [kWh/unit]: evidenced certificates, green-power contracts,
      direct line and claimable on-site PV; ``renewable_factor`` [kg CO2e/kWh] is 0 under the
      scope-2 market-based rule; ``renewable_by_technology`` gives the same kWh split by
      technology, with a life-cycle activity code where the catalog has one.
      grid_electricity + renewable_electricity = all electricity the product used.
    - ``fuels`` [MJ/unit]: natural_gas (code heat-natural-gas-cn, includes combustion and
      supply), purchased_heat (heat-steam-cn), diesel / gasoline (supply only: codes are per
      litre, see ``links``), lpg (no supply activity).
    - ``direct_emissions`` [kg/unit] by flow: combustion CO2 of liquid fuels and LPG,
      refrigerant leaks (blends without a flow as co2e_aggregated), process emissions.
      Natural-gas combustion is NOT here (it is inside heat-natural-gas-cn).
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

    def links(self, electricity_basis: str = "life-cycle", catalog: Catalog | None = None
              ) -> list[tuple[float, str, str | None, str | None]]:
        """(amount per unit, basis, activity code, flow) for each input, ready for
        ``Stage.add(amount, basis, code=..., flow=...)``. ``electricity_basis`` is
        'life-cycle' (product footprints) or 'co2' (scope-2 factors)."""
        cat = catalog or shipped_catalog()
        out: list[tuple[float, str, str | None, str | None]] = []
        choice = grid.choose(cat.activity_codes, self.region, self.year, grid.BASIS[electricity_basis])
        g = self.grid_electricity
        out.append((g.value, f"{g.basis}; grid {choice.code}", choice.code, None))
        for tech, a in self.renewable_by_technology.items():
            if electricity_basis == "life-cycle" and a.code:
                out.append((a.value, f"{a.basis}; {tech} life-cycle factor {a.code}", a.code, None))
        for carrier, a in self.fuels.items():
            if a.code is None:
                continue
            if carrier in ("diesel", "gasoline"):
                litres = a.value / (cat.value(f"{carrier}_lhv", "MJ/kg") * cat.value(f"{carrier}_density", "kg/L"))
                out.append((litres, f"{a.basis}; {litres:.4g} L", a.code, None))
            else:
                out.append((a.value, a.basis, a.code, None))
        for flow, a in self.direct_emissions.items():
            out.append((a.value, a.basis, None, flow))
        return [x for x in out if x[0] != 0]


def assembly_footprint(plant: PlantLike, product: str, catalog: Catalog | None = None,
                       method: str | None = None) -> PlantShare:
    """The per-unit share of ``product`` made in ``plant`` (a plant file path or a Factory).

    Every amount is the plant's input total × the product's allocation share ÷ the units
    produced; its ``basis`` says so and names the file and rule. Raises UnknownName for an
    unknown product and SpecError for an invalid plant file.
    """
    cat = catalog or shipped_catalog()
    res = evaluate_plant(plant, cat, method)
    f, acc, alloc = res.factory, res.account, res.allocation
    p = f.product(product)
    fu, n = functional_unit(p, res.file)
    rule = alloc.basis[p.id]
    per = f"{fu}"
    bal = acc.electricity

    def amount(total: float, carrier: str, unit: str, what: str, **kw) -> Amount:
        share = alloc.share(p.id, carrier)
        return Amount(total * share / n, f"{unit}/{per}",
                      f"{what} {total:,.6g} {unit} × share {share:.4f} ÷ {n:,.6g} {fu} — {rule}", **kw)

    grid_kwh = bal.consumed - bal.renewable
    renewable = bal.renewable
    by_tech = {}
    for tech, kwh in bal.renewable_by_technology.items():
        code = next((c for c in sorted(cat.activity_codes, reverse=True)
                     if c.startswith(f"electricity-lc-{tech}-cn-")), None)
        by_tech[tech] = amount(kwh, "electricity", "kWh", f"{tech} renewable electricity", code=code)
    fuels = {c: amount(mj, c, "MJ", c.replace("_", " "), code=FUEL_CODE.get(c))
             for c, mj in acc.energy_mj.items() if c != "electricity"}
    direct: dict[str, float] = {}
    why: dict[str, list[str]] = {}
    for r in acc.rows[acc.rows["scope"] == 1].itertuples():
        if r.carrier == "natural_gas":  # inside heat-natural-gas-cn
            continue
        share = alloc.share(p.id, r.carrier)
        direct[r.flow] = direct.get(r.flow, 0.0) + r.flow_kg * share / n
        unit = "kg CO2e" if r.flow == "co2e_aggregated" else f"kg {r.flow}"
        why.setdefault(r.flow, []).append(f"{r.source}: {r.flow_kg:,.6g} {unit} × share {share:.4f}")
    emissions = {flow: Amount(v, f"kg/{per}", f"{'; '.join(why[flow])} ÷ {n:,.6g} {fu} — {rule}", flow=flow)
                 for flow, v in direct.items()}
    return PlantShare(
        plant=f.name, file=res.file, sha256=res.sha256, product=p.id, functional_unit=fu,
        region=f.region, year=f.year, allocation=alloc.rule,
        grid_electricity=amount(grid_kwh, "electricity", "kWh", "grid electricity (not covered by instruments)"),
        renewable_electricity=amount(renewable, "electricity", "kWh", "evidenced renewable electricity"),
        renewable_factor=Amount(0.0, "kg CO2e/kWh", "market-based rule: evidenced renewable instruments count at 0 "
                                "(GHG Protocol scope 2 / GB/T 24067 contractual instruments)"),
        renewable_by_technology=by_tech, fuels=fuels, direct_emissions=emissions, notes=tuple(acc.notes),
    )

