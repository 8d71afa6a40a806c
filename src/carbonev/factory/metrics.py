"""The measured values a rule set can read, computed from a plant's account.

A rule set names a metric in ``reads:`` (indicators) or ``metric:`` (checks). Names:

computed (unit in brackets; "unit" = the reference product's functional unit)
    scope1, scope2_location, scope2_market, scope3, emissions_location, emissions_market [t CO2e]
    comprehensive_energy [tce]; energy_per_unit [kgce/unit]; energy_per_output_value [tce/10^4 CNY]
    carbon_per_unit, carbon_per_unit_location [kg CO2e/unit]; carbon_per_output_value [t CO2e/10^4 CNY]
    renewable_electricity_share, renewable_energy_share [%]
    water_per_unit [m3/unit]; water_per_output_value [m3/10^4 CNY]; water_reuse_rate [%]
    waste_per_unit [kg/unit]; waste_utilisation_rate [%]
    floor_area_ratio [-]; building_density [%]; output_value_per_land_area [10^4 CNY/m2]
    offset_coverage, offset_coverage_with_scope3, removal_share [%]; reduction_vs_base_year [%]
supplied by the plant file
    measured.<name> (its own unit), claims.<name> (yes/no or number),
    certifications.<id> (held: yes/no), evidence.<kind> (a document of that kind exists)

Each metric carries the evidence kinds attached to the fields it reads, so a rule set can
require e.g. ``gec-certificate`` for the renewable share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from carbonev.factory.accounting import Account
from carbonev.factory.allocation import Allocation
from carbonev.factory.spec import Factory, evidence_refs
from carbonev.rules.metric_names import COMPUTED, PREFIXES, RATIO, known

__all__ = ["COMPUTED", "PREFIXES", "RATIO", "Metric", "Words", "known", "lookup"]

class Words(str):
    """English text (the string itself) that also carries its Chinese version (``.zh``)."""

    zh: str

    def __new__(cls, en: str, zh: str | None = None) -> Words:
        obj = super().__new__(cls, en)
        obj.zh = en if zh is None else zh
        return obj


@dataclass
class Metric:
    name: str
    value: float | bool | None  # None: not measured (the plant file lacks the data)
    unit: str
    description: str
    evidence: set[str] = field(default_factory=set)  # evidence kinds behind the value
    lever: Callable[[float], str] | None = None  # target value → what it takes, in words (a Words: en and zh)


def _kinds(factory: Factory, *parts: BaseModel | None) -> set[str]:
    refs = {ref for p in parts if p is not None for _, ref in evidence_refs(p)}
    return {factory.evidence[r].kind for r in refs if r in factory.evidence}


def compute(factory: Factory, acc: Account, alloc: Allocation) -> dict[str, Metric]:
    """Every computed metric (value None where the plant file lacks the data), keyed by name."""
    f, tot, bal = factory, acc.totals, acc.electricity
    el, energy = f.energy.electricity, f.energy
    ref = f.reference
    row = alloc.per_unit.set_index("product").loc[ref.id]
    n = row["quantity"]
    mj = sum(acc.energy_mj.values())
    kgce_per_mj = 1.0 / acc.catalog.value("coal_equivalent_lhv", "MJ/kg") if acc.catalog else None
    tce = mj * kgce_per_mj / 1000 if kgce_per_mj else None
    wan = f.output_value.amount / 1e4 if f.output_value else None
    money = _kinds(f, f.output_value)
    all_energy = _kinds(f, energy)
    emissions = _kinds(f, energy, *f.refrigerants, *f.process_emissions)
    s12m = tot["scope12_market"]
    v: dict[str, tuple[float | None, set[str]]] = {
        "scope1": (tot["scope1"] / 1000, emissions),
        "scope2_location": (tot["scope2_location"] / 1000, _kinds(f, el)),
        "scope2_market": (tot["scope2_market"] / 1000, _kinds(f, el)),
        "scope3": (tot["scope3"] / 1000, _kinds(f, *f.scope3) | all_energy),
        "emissions_location": (tot["scope12_location"] / 1000, emissions),
        "emissions_market": (s12m / 1000, emissions),
        "comprehensive_energy": (tce, all_energy),
        "energy_per_unit": (_energy_per_unit(acc, alloc, ref.id, kgce_per_mj), all_energy | _kinds(f, ref)),
        "energy_per_output_value": (tce / wan if tce is not None and wan else None, all_energy | money),
        "carbon_per_unit": (row["scope12_market"], emissions | _kinds(f, ref)),
        "carbon_per_unit_location": (row["scope12_location"], emissions | _kinds(f, ref)),
        "carbon_per_output_value": (s12m / 1000 / wan if wan else None, emissions | money),
        "renewable_electricity_share": (100 * bal.renewable / bal.consumed if bal.consumed else None, _kinds(f, el)),
        "renewable_energy_share": (100 * bal.renewable * 3.6 / mj if mj else None, _kinds(f, el)),
        "water_per_unit": (f.water.withdrawal * alloc.share(ref.id, "process") / n if f.water else None,
                           _kinds(f, f.water)),
        "water_per_output_value": (f.water.withdrawal / wan if f.water and wan else None,
                                   _kinds(f, f.water) | money),
        "water_reuse_rate": (_pct(f.water.reused, f.water.reused + f.water.withdrawal) if f.water else None,
                             _kinds(f, f.water)),
        "waste_per_unit": (f.waste.generated * alloc.share(ref.id, "process") / n if f.waste else None,
                           _kinds(f, f.waste)),
        "waste_utilisation_rate": (_pct(f.waste.utilised, f.waste.generated) if f.waste else None, _kinds(f, f.waste)),
        "floor_area_ratio": (f.site.floor_area / f.site.land_area if f.site.floor_area is not None else None,
                             _kinds(f, f.site)),
        "building_density": (_pct(f.site.building_footprint, f.site.land_area)
                             if f.site.building_footprint is not None else None, _kinds(f, f.site)),
        "output_value_per_land_area": (wan / f.site.land_area if wan else None, _kinds(f, f.site) | money),
        "offset_coverage": (_pct(acc.credits, s12m), _kinds(f, *f.credits)),
        "offset_coverage_with_scope3": (_pct(acc.credits, s12m + tot["scope3"]), _kinds(f, *f.credits)),
        "removal_share": (_pct(acc.credits_removal, acc.credits), _kinds(f, *f.credits)),
        "reduction_vs_base_year": (_reduction(f, s12m), _kinds(f, f.base_year) if f.base_year else set()),
        "carbon_per_value_added": _per_value_added(f, acc, emissions),
    }
    out = {name: Metric(name, value, COMPUTED[name][0], COMPUTED[name][1], kinds)
           for name, (value, kinds) in v.items()}
    _levers(out, acc, alloc, ref.id, n)
    for key, m in f.measured.items():
        out[f"measured.{key}"] = Metric(f"measured.{key}", m.value, m.unit, m.note or key, _kinds(f, m))
    for key, c in f.claims.items():
        out[f"claims.{key}"] = Metric(f"claims.{key}", c.value, "-", c.note or key, _kinds(f, c))
    for c in f.certifications:
        out[f"certifications.{c.id}"] = Metric(f"certifications.{c.id}", True, "-", c.name or c.id, _kinds(f, c))
    for ev in f.evidence.values():
        name = f"evidence.{ev.kind}"
        out.setdefault(name, Metric(name, True, "-", f"a document of kind {ev.kind}", set()))
        out[name].evidence.add(ev.kind)
    return out


def lookup(metrics: dict[str, Metric], name: str) -> Metric:
    """The metric ``name``; supplied metrics the plant file lacks read as not measured (or 'no')."""
    if name in metrics:
        return metrics[name]
    if name.startswith(("certifications.", "evidence.")):
        return Metric(name, False, "-", f"{name.split('.', 1)[1]} (not in the plant file)")
    return Metric(name, None, COMPUTED.get(name, ("-", ""))[0], "not in the plant file")


def _pct(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None


def _per_value_added(f: Factory, acc: Account, kinds: set[str]) -> tuple[float | None, set[str]]:
    """Energy-related CO2 [t] per 10^4 CNY of value added (DB33/T 1347-2023 碳效, as described in
    secondary sources: energy-consumption CO2, own zero-carbon generation not counted, per value
    added); None without ``measured.value_added``."""
    m = f.measured.get("value_added")
    if m is None:
        return None, set()
    from pydantic import TypeAdapter

    from carbonev.errors import SpecError
    from carbonev.factory.fields import Money

    try:
        cny = TypeAdapter(Money).validate_python(f"{m.value} {m.unit}")
    except ValueError:
        raise SpecError(f"unit {m.unit!r} is not money (CNY, 万元, 亿元)", field="measured.value_added") from None
    rows = acc.rows
    energy = rows[(rows["scope"] == 1) & rows["category"].str.contains("combustion")]["co2e"].sum() + \
        rows[(rows["scope"] == 2) & rows["basis"].isin(("both", "location"))]["co2e"].sum()
    return (float(energy) / 1000 / (cny / 1e4) if cny else None), kinds | _kinds(f, m)


def _reduction(f: Factory, now: float) -> float | None:
    if f.base_year is None:
        return None
    base = f.base_year.scope1 + f.base_year.scope2_market
    return 100.0 * (base - now) / base if base else None


def _energy_per_unit(acc: Account, alloc: Allocation, pid: str, kgce_per_mj: float | None) -> float | None:
    if kgce_per_mj is None:
        return None
    n = alloc.per_unit.set_index("product").loc[pid, "quantity"]
    electricity = acc.electricity.consumed * 3.6 * alloc.share(pid, "electricity")
    other = sum(mj * alloc.share(pid, c) for c, mj in acc.energy_mj.items() if c != "electricity")
    return (electricity + other) * kgce_per_mj / n


def _more_renewable(kwh: float) -> Words:
    mwh = f"{kwh / 1000:,.0f}"
    return Words(f"≈ {mwh} MWh more renewable electricity a year (evidenced certificates or contracts, on-site PV "
                 "or a direct line)", f"每年约多用 {mwh} MWh 可再生电力（有证据的绿证或绿电合同、厂内光伏或直供）")


def _cut(product_t: float, plant_t: float, mwh: float, share: float) -> Words:
    """Words for a cut of ``product_t`` t CO2e allocated to the product, which takes ``plant_t``
    t at the plant (the product carries ``share`` of it) or ``mwh`` MWh of residual-mix electricity."""
    if share >= 1 - 1e-9:
        return Words(f"cut {plant_t:,.0f} t CO2e a year, e.g. ≈ {mwh:,.0f} MWh of residual-mix electricity replaced "
                     "by evidenced renewable electricity",
                     f"每年减排 {plant_t:,.0f} t CO2e，例如约 {mwh:,.0f} MWh 剩余组合电力改为有证据的可再生电力")
    return Words(f"cut the product's allocated emissions by {product_t:,.0f} t CO2e a year: the product carries "
                 f"{share:.1%} of the plant's electricity, so ≈ {mwh:,.0f} MWh of residual-mix electricity replaced "
                 f"by evidenced renewable electricity plant-wide (or {plant_t:,.0f} t CO2e cut at the plant)",
                 f"该产品分摊排放每年需减少 {product_t:,.0f} t CO2e：该产品分摊工厂电力的 {share:.1%}，即全厂约 "
                 f"{mwh:,.0f} MWh 剩余组合电力改为有证据的可再生电力（或全厂减排 {plant_t:,.0f} t CO2e）")


def _levers(out: dict[str, Metric], acc: Account, alloc: Allocation, pid: str, n: float) -> None:
    bal = acc.electricity
    mj = sum(acc.energy_mj.values())
    if out["renewable_electricity_share"].value is not None:
        s = out["renewable_electricity_share"].value
        out["renewable_electricity_share"].lever = lambda t, s=s: _more_renewable((t - s) / 100 * bal.consumed)
    if out["renewable_energy_share"].value is not None:
        s = out["renewable_energy_share"].value
        out["renewable_energy_share"].lever = lambda t, s=s: _more_renewable((t - s) / 100 * mj / 3.6)
    for name, whole in (("offset_coverage", acc.totals["scope12_market"]),
                        ("offset_coverage_with_scope3", acc.totals["scope12_market"] + acc.totals["scope3"])):
        if out[name].value is not None:
            s = out[name].value
            out[name].lever = lambda t, s=s, w=whole: Words(f"≈ {(t - s) / 100 * w / 1000:,.0f} t CO2e more retired "
                                                            "credits",
                                                            f"约多注销 {(t - s) / 100 * w / 1000:,.0f} t CO2e 减排量")
    if acc.residual_factor > 0:
        # a kWh replaced at the plant lowers the product's allocated scope 2 by its electricity share only
        share = alloc.share(pid, "electricity")
        for name, scale, part in (("carbon_per_unit", n / 1000, share), ("emissions_market", 1.0, 1.0)):
            m = out[name]
            if m.value is not None and part > 0:
                out[name].lever = lambda t, v=m.value, k=scale, p=part: _cut(
                    (v - t) * k, (v - t) * k / p, (v - t) * k / p / acc.residual_factor, p)
