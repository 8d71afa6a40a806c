"""Per-unit footprints: split a plant's account between its products.

Rules (the plant file's ``allocation.rule``):

    units    share = product quantity / total quantity (all products in the same unit)
    mass     share = product mass produced / total mass
    value    share = product output value / total output value
    metered  energy carriers: each line's metered energy goes to the products made on it
             (split within the line by the ``remainder`` rule); what the lines do not meter
             (common services) and all non-energy sources (refrigerants, process, scope 3)
             are split by the ``remainder`` rule over all products

Each product's functional unit follows from its quantity: vehicles → ``vehicle``,
battery capacity → ``kWh``, items → ``item``, masses → ``kg``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from carbonev.data.catalog import shipped_catalog
from carbonev.errors import SpecError
from carbonev.factory.accounting import Account, fuel_use
from carbonev.factory.spec import TOLERANCE, Factory, Product
from carbonev.units import magnitude_in, quantity

ENERGY_CARRIERS = ("electricity", "natural_gas", "diesel", "lpg", "gasoline", "purchased_heat")


def functional_unit(product: Product, file: str | None = None) -> tuple[str, float]:
    """(functional unit, quantity produced in it) of a product."""
    q = quantity(product.quantity)
    for unit, dim in (("vehicle", "[vehicle]"), ("kWh", "[energy]"), ("item", "[item]"), ("kg", "[mass]")):
        if q.check(dim):
            return unit, magnitude_in(q, unit)
    raise SpecError(f"{product.quantity!r}: give vehicles, battery capacity (kWh), items or a mass",
                    file=file, field=f"products[{product.id}].quantity")


@dataclass
class Allocation:
    """Shares of each product in each carrier, and per-unit results."""

    rule: str
    shares: pd.DataFrame  # index product id, columns carriers; each column sums to 1
    per_unit: pd.DataFrame  # one row per product
    basis: dict[str, str] = field(default_factory=dict)  # product id → rule in words

    def share(self, product: str, carrier: str) -> float:
        return float(self.shares.loc[product, carrier])


def _weights(factory: Factory, rule: str, products: list[Product], file: str | None) -> dict[str, float]:
    if rule == "units":
        units = {functional_unit(p)[0] for p in products}
        if len(units) > 1:
            raise SpecError(f"allocation by units needs one unit for all products, got {', '.join(sorted(units))}; "
                            "use mass, value or metered", file=file, field="allocation.rule")
        w = {p.id: functional_unit(p)[1] for p in products}
    else:
        w = {p.id: float(getattr(p, rule)) for p in products}
    if sum(w.values()) <= 0:
        raise SpecError(f"total {rule} of the products is zero", file=file, field="allocation.rule")
    return w


def _normalise(w: dict[str, float]) -> dict[str, float]:
    total = sum(w.values())
    return {k: v / total for k, v in w.items()}


def _line_energy(factory: Factory, acc: Account, file: str | None) -> dict[str, dict[str, float]]:
    """Metered energy by line and carrier [kWh for electricity, MJ otherwise]."""
    cat = acc.catalog or shipped_catalog()
    out: dict[str, dict[str, float]] = {}
    for i, ln in enumerate(factory.lines):
        e = {"electricity": ln.electricity, "purchased_heat": ln.purchased_heat}
        for carrier, amount in ln.fuels.items():
            e[carrier] = fuel_use(cat, carrier, amount, f"lines[{i}].fuels.{carrier}", file).mj
        out[ln.id] = e
    return out


def allocate(factory: Factory, acc: Account, file: str | None = None) -> Allocation:
    """Shares and per-unit footprints of every product (pure)."""
    products = factory.products
    rule = factory.allocation.rule
    base_rule = factory.allocation.remainder if rule == "metered" else rule
    base = _normalise(_weights(factory, base_rule, products, file))
    carriers = (*ENERGY_CARRIERS, "refrigerant", "process", "scope3")
    shares = {c: dict(base) for c in carriers}
    totals = {"electricity": acc.electricity.consumed, **{c: acc.energy_mj.get(c, 0.0) for c in ENERGY_CARRIERS[1:]}}
    if rule == "metered":
        lines = _line_energy(factory, acc, file)
        on_line = {ln: [p for p in products if p.line == ln] for ln in lines}
        for i, ln in enumerate(factory.lines):
            if any(lines[ln.id].values()) and not on_line[ln.id]:
                raise SpecError("no product is made on this line", file=file, field=f"lines[{i}]")
        for c in ENERGY_CARRIERS:
            metered = sum(e.get(c, 0.0) for e in lines.values())
            unit = "kWh" if c == "electricity" else "MJ"
            if metered > totals[c] * (1 + TOLERANCE) + 1e-9:
                raise SpecError(f"metered {c} of the lines ({metered:,.0f} {unit}) exceeds the plant total "
                                f"({totals[c]:,.0f} {unit})", file=file, field="lines")
            if totals[c] <= 0:
                continue
            s = {p.id: base[p.id] * (totals[c] - metered) / totals[c] for p in products}
            for ln, made in on_line.items():
                if made and lines[ln].get(c, 0.0):
                    within = _normalise(_weights(factory, base_rule, made, file))
                    for p in made:
                        s[p.id] += lines[ln][c] / totals[c] * within[p.id]
            shares[c] = s
    frame = pd.DataFrame(shares).reindex([p.id for p in products])
    rows, basis = [], {}
    where = file or "plant file"
    for p in products:
        unit, n = functional_unit(p)
        part = acc.rows.assign(share=acc.rows["carrier"].map(lambda c, pid=p.id: frame.loc[pid, c]))
        part = part.assign(alloc=part["co2e"] * part["share"])

        def tot(scope: int, basis_: str = "location", part=part) -> float:
            r = part[part["scope"] == scope]
            return float(r.loc[r["basis"].isin(("both", basis_)), "alloc"].sum())

        s1, s2l, s2m, s3 = tot(1), tot(2, "location"), tot(2, "market"), tot(3)
        e_share = frame.loc[p.id, "electricity"]
        rows.append({
            "product": p.id, "name": p.name, "unit": unit, "quantity": n,
            "share_electricity": e_share,
            "scope1": s1 / n, "scope2_location": s2l / n, "scope2_market": s2m / n, "scope3": s3 / n,
            "scope12_market": (s1 + s2m) / n, "scope12_location": (s1 + s2l) / n,
            "electricity_kwh": acc.electricity.consumed * e_share / n,
            "heat_mj": sum(acc.energy_mj.get(c, 0.0) * frame.loc[p.id, c] for c in ENERGY_CARRIERS[1:]) / n,
        })
        if rule == "metered":
            how = (f"metered lines (line {p.line}) for energy, {base_rule} for unmetered energy and other sources"
                   if p.line else f"{base_rule} (no metered line) for all sources")
        else:
            how = f"{rule} ({base[p.id]:.2%} of the plant)"
        period = f"{factory.period.start}–{factory.period.end}"
        basis[p.id] = f"{where}: allocation by {how}; {n:,.6g} {unit} produced in {period}"
    return Allocation(rule=rule, shares=frame, per_unit=pd.DataFrame(rows), basis=basis)
