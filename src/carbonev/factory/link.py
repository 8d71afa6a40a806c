"""A plant's per-unit share (:class:`~carbonev.inventory.external.PlantShare`), to replace generic
assembly or cell-making data in a vehicle or a pack.

    share = assembly_footprint("examples/factories/zj-vehicle-assembly-pass.yaml", "zj-suv-ev")
    share.grid_electricity.value      # kWh per vehicle from the public grid (priced with the grid of
    share.region, share.year          #   share.region in share.year, as the vehicle model does)

Only physical amounts (kWh, MJ, kg of each flow) per unit; the vehicle or pack prices them.
"""

from __future__ import annotations

from pathlib import Path

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.factory.allocation import functional_unit
from carbonev.factory.pipeline import PlantLike, evaluate_plant
from carbonev.inventory.external import Amount, PlantShare

FUEL_CODE = {"natural_gas": "heat-natural-gas-cn", "purchased_heat": "heat-steam-cn",
             "diesel": "diesel-supply-cn", "gasoline": "gasoline-supply-cn", "lpg": None}


def assembly_footprint(plant: PlantLike, product: str, catalog: Catalog | None = None,
                       method: str | None = None, store: str | Path | None = None) -> PlantShare:
    """The per-unit share of ``product`` made in ``plant`` (a plant file path or a Factory).

    Every amount is the plant's input total × the product's allocation share ÷ the units
    produced; its ``basis`` says so and names the file and rule. Raises UnknownName for an
    unknown product and SpecError for an invalid plant file.
    """
    cat = catalog or shipped_catalog()
    res = evaluate_plant(plant, cat, method, store)
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

