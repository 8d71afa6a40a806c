"""Site carbon accounting: scope 1, scope 2 (location- and market-based) and scope 3.

Every number comes from the plant file times a factor read from the shipped catalog
(never written here). The result is a tidy DataFrame, one row per source and basis:

    scope      1, 2 or 3
    basis      'both', 'location' or 'market' (scope 2 has one row per basis)
    category   e.g. 'stationary combustion', 'purchased electricity', 'cat. 3 fuel and energy'
    source     what was counted, in words
    carrier    allocation key: electricity, natural_gas, diesel, lpg, gasoline, purchased_heat,
               refrigerant, process, scope3
    activity, activity_unit, factor [kg CO2e per activity unit], co2e [kg CO2e], reference
    flow, flow_kg  scope 1 only: the elementary flow emitted and its mass [kg] (blends without
               a flow: co2e_aggregated, in kg CO2e)

Every factor is a price from the one engine (:class:`carbonev.engine.evaluator.Engine`): the impact per
unit of a background activity and the characterisation factor of a flow, exactly as a vehicle's links
are priced, so a plant's kWh and a vehicle's kWh of the same grid cost the same.

Rules (docs/factory-spec.md): location-based scope 2 = grid kWh × the province's MEE CO2
factor of the year; market-based = grid kWh covered by evidenced certificates or
green-power contracts at 0, the rest at the national factor excluding market-traded
non-fossil power (residual mix); each instrument counts once; more certificates than grid
electricity is a SpecError raised when the file is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.errors import DataError, SpecError, UnitError
from carbonev.factory.spec import Factory
from carbonev.inventory import grid
from carbonev.units import magnitude_in, quantity

COLUMNS = ["scope", "basis", "category", "source", "carrier", "activity", "activity_unit",
           "factor", "co2e", "reference", "flow", "flow_kg"]
RESIDUAL = re.compile(r"^electricity-co2-cn-exgreen-(\d{4})$")
REFRIGERANT_FLOW = {"R134a": "hfc134a", "R1234yf": "hfo1234yf", "R744": "r744", "SF6": "sf6"}


class Prices(Protocol):
    """What accounting needs of the engine (``carbonev.engine.evaluator.Engine`` provides it)."""

    method: str
    flow_index: dict[str, int]

    def unit_impact(self, code: str) -> float: ...  # kg CO2e per unit of activity
    def direct_impact(self, code: str, flows: Iterable[str]) -> float: ...  # its own emissions only
    def direct_amount(self, code: str, flow: str) -> float: ...  # kg of flow per unit, its own emission
    def cf(self, flow: str) -> float: ...  # kg CO2e per kg


@dataclass(frozen=True)
class FuelUse:
    mj: float  # final energy [MJ, LHV]
    litres: float | None  # liquid fuels only [L]


def fuel_use(cat: Catalog, carrier: str, amount: str, where: str, file: str | None) -> FuelUse:
    """Convert a fuel amount written in any unit to MJ (and litres for liquid fuels)."""
    q = quantity(amount)
    liquid = carrier in ("diesel", "gasoline")
    try:
        if q.check("[energy]"):
            mj = magnitude_in(q, "MJ")
            if not liquid:
                return FuelUse(mj, None)
            return FuelUse(mj, mj / (cat.value(f"{carrier}_lhv", "MJ/kg") * cat.value(f"{carrier}_density", "kg/L")))
        if q.check("[volume]"):
            if carrier == "natural_gas":
                return FuelUse(magnitude_in(q, "m^3") * cat.value("natural_gas_lhv", "MJ/m^3"), None)
            if liquid:
                litres = magnitude_in(q, "L")
                return FuelUse(litres * cat.value(f"{carrier}_density", "kg/L") * cat.value(f"{carrier}_lhv", "MJ/kg"),
                               litres)
        if q.check("[mass]"):
            if carrier == "lpg":
                return FuelUse(magnitude_in(q, "kg") * cat.value("lpg_lhv", "MJ/kg"), None)
            if liquid:
                kg = magnitude_in(q, "kg")
                return FuelUse(kg * cat.value(f"{carrier}_lhv", "MJ/kg"), kg / cat.value(f"{carrier}_density", "kg/L"))
    except UnitError as exc:
        raise SpecError(str(exc), file=file, field=where) from None
    expected = {"natural_gas": "m^3 or MJ", "lpg": "kg, t or MJ"}.get(carrier, "L, kg or MJ")
    raise SpecError(f"{amount!r}: {carrier} must be given in {expected}", file=file, field=where)


@dataclass
class ElectricityBalance:
    """Where the plant's electricity came from [kWh] and what may be claimed renewable."""

    grid: float
    pv_self: float = 0.0
    pv_claimable: float = 0.0  # self-consumed PV whose certificates were not sold
    certificates: float = 0.0  # evidenced unbundled certificates
    contracts: float = 0.0  # evidenced green-power contracts (grid-delivered)
    direct_line: float = 0.0  # evidenced direct line
    direct_line_unverified: float = 0.0
    not_counted: float = 0.0  # grid-delivered instruments without evidence
    renewable_by_technology: dict[str, float] = field(default_factory=dict)

    @property
    def consumed(self) -> float:
        """All electricity used on site [kWh]."""
        return self.grid + self.pv_self + self.direct_line + self.direct_line_unverified

    @property
    def renewable(self) -> float:
        """Electricity that may be claimed renewable [kWh]."""
        return self.pv_claimable + self.certificates + self.contracts + self.direct_line

    @property
    def residual(self) -> float:
        """Electricity accounted at the residual (market) factor [kWh]."""
        return self.consumed - self.renewable


@dataclass
class Account:
    """The carbon account of one plant over its reporting period."""

    factory: Factory
    file: str | None
    method: str
    rows: pd.DataFrame
    electricity: ElectricityBalance
    energy_mj: dict[str, float]  # final energy by carrier [MJ]
    credits: float  # retired, evidenced credits [kg CO2e]
    credits_removal: float  # of which removals [kg CO2e]
    residual_factor: float  # [kg CO2/kWh]
    location_factor: float  # [kg CO2/kWh]
    notes: list[str] = field(default_factory=list)
    catalog: Catalog | None = None
    evidence_gaps: list[str] = field(default_factory=list)  # claims not counted for lack of evidence

    def total(self, scope: int, basis: str = "location") -> float:
        """Emissions of ``scope`` [kg CO2e]; ``basis`` matters for scope 2 only."""
        r = self.rows[self.rows["scope"] == scope]
        return float(r.loc[r["basis"].isin(("both", basis)), "co2e"].sum())

    @property
    def totals(self) -> dict[str, float]:
        """Scope totals [kg CO2e]."""
        s1, s3 = self.total(1), self.total(3)
        s2l, s2m = self.total(2, "location"), self.total(2, "market")
        return {"scope1": s1, "scope2_location": s2l, "scope2_market": s2m, "scope3": s3,
                "scope12_location": s1 + s2l, "scope12_market": s1 + s2m, "credits": self.credits}


def _residual(cat: Catalog, year: int, location_code: str) -> tuple[str, str | None]:
    years = sorted(int(m.group(1)) for c in cat.activity_codes if (m := RESIDUAL.match(c)))
    if not years:
        return location_code, "no residual-mix factor in the data; market-based uses the location factor"
    earlier = [y for y in years if y <= year]
    chosen = earlier[-1] if earlier else years[0]
    note = None if chosen == year else f"residual factor: no {year} figure; used {chosen}"
    return f"electricity-co2-cn-exgreen-{chosen}", note


@dataclass
class _Ledger:
    """Rows of an account being built, with its notes, final energy by carrier [MJ] and evidence gaps."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    energy: dict[str, float] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)

    def add(self, scope: int, basis: str, category: str, source: str, carrier: str, activity: float, unit: str,
            factor: float, reference: str, flow: str | None = None, flow_kg: float | None = None) -> None:
        self.rows.append({"scope": scope, "basis": basis, "category": category, "source": source, "carrier": carrier,
                          "activity": activity, "activity_unit": unit, "factor": factor, "co2e": activity * factor,
                          "reference": reference, "flow": flow, "flow_kg": flow_kg})


def account(factory: Factory, prices: Prices, file: str | None = None, catalog: Catalog | None = None) -> Account:
    """Scope 1, 2 and 3 of ``factory``, priced by ``prices`` (the engine) under its method."""
    cat = catalog or shipped_catalog()
    meth = prices.method
    g = {flow: prices.cf(flow) for flow in prices.flow_index}
    led = _Ledger()
    _fuels(led, factory, cat, prices, g, file)
    _direct(led, factory, cat, meth, g, file)
    bal, loc_f, res_f = _electricity(led, factory, cat, prices)
    _scope3(led, factory, cat, prices, file)
    credits, removal = _credits(led, factory)
    frame = pd.DataFrame(led.rows, columns=COLUMNS)
    return Account(factory=factory, file=file, method=meth, rows=frame, electricity=bal, energy_mj=led.energy,
                   credits=credits, credits_removal=removal, residual_factor=res_f, location_factor=loc_f,
                   notes=led.notes, catalog=cat, evidence_gaps=led.gaps)


def _fuels(led: _Ledger, factory: Factory, cat: Catalog, prices: Prices, g: dict[str, float],
           file: str | None) -> None:
    """Fuels: scope 1 combustion, scope 3 upstream."""
    for i, fuel in enumerate(factory.energy.fuels):
        use: Any = fuel_use(cat, fuel.carrier, fuel.amount, f"energy.fuels[{i}].amount", file)
        led.energy[fuel.carrier] = led.energy.get(fuel.carrier, 0.0) + use.mj
        label = f"{fuel.carrier.replace('_', ' ')} ({fuel.amount})"
        if fuel.carrier == "natural_gas":
            code = "heat-natural-gas-cn"
            burn = prices.direct_impact(code, ("co2_fossil",))
            led.add(1, "both", "stationary combustion", label, fuel.carrier, use.mj, "MJ", burn,
                f"{code} [co2_fossil]", "co2_fossil", use.mj * prices.direct_amount(code, "co2_fossil"))
            led.add(3, "both", "cat. 3 fuel and energy", f"{label} upstream", fuel.carrier, use.mj, "MJ",
                prices.unit_impact(code) - burn, f"{code} minus its combustion CO2")
        elif fuel.carrier == "lpg":
            led.add(1, "both", "stationary combustion", label, fuel.carrier, use.mj, "MJ",
                cat.value("lpg_combustion_co2", "kg/MJ") * g["co2_fossil"], "lpg_combustion_co2",
                "co2_fossil", use.mj * cat.value("lpg_combustion_co2", "kg/MJ"))
            led.notes.append("scope 3: no upstream factor for LPG in the data (gap)")
        else:
            led.add(1, "both", "mobile and stationary combustion", label, fuel.carrier, use.litres, "L",
                cat.value(f"{fuel.carrier}_combustion_co2", "kg/L") * g["co2_fossil"],
                f"{fuel.carrier}_combustion_co2", "co2_fossil",
                use.litres * cat.value(f"{fuel.carrier}_combustion_co2", "kg/L"))
            code = f"{fuel.carrier}-supply-cn"
            led.add(3, "both", "cat. 3 fuel and energy", f"{label} well-to-tank", fuel.carrier, use.litres, "L",
                prices.unit_impact(code), code)


def _direct(led: _Ledger, factory: Factory, cat: Catalog, meth: str, g: dict[str, float], file: str | None) -> None:
    """Refrigerant leakage and process emissions: scope 1."""
    for i, ref in enumerate(factory.refrigerants):
        factor, reference = _refrigerant_gwp(cat, meth, g, ref.gas, f"refrigerants[{i}].gas", file)
        flow = REFRIGERANT_FLOW.get(ref.gas)
        where = f" ({ref.equipment})" if ref.equipment else ""
        led.add(1, "both", "refrigerant leakage", f"{ref.gas} refilled{where}",
            "refrigerant", ref.leaked, "kg", factor, reference, flow or "co2e_aggregated",
            ref.leaked if flow else ref.leaked * factor)
    for i, pe in enumerate(factory.process_emissions):
        if pe.gas not in g:
            raise SpecError(f"unknown gas {pe.gas!r}; valid: {', '.join(sorted(g))}", file=file,
                            field=f"process_emissions[{i}].gas")
        led.add(1, "both", "process", pe.source, "process", pe.amount, "kg", g[pe.gas], f"{meth} [{pe.gas}]",
            pe.gas, pe.amount)


def _electricity(led: _Ledger, factory: Factory, cat: Catalog, prices: Prices) -> tuple[ElectricityBalance, float,
                                                                                       float]:
    """Purchased electricity (location- and market-based) and heat: scope 2. Returns the balance and the
    location and residual factors [kg CO2e/kWh]."""
    el = factory.energy.electricity
    region, year = factory.region, factory.year
    loc = grid.choose(cat.activity_codes, region, year, "co2")
    if loc.substituted:
        led.notes.append(f"location factor: {loc.substituted}")
    loc_f = prices.unit_impact(loc.code)
    res_code, why = _residual(cat, year, loc.code)
    if why:
        led.notes.append(why)
    res_f = prices.unit_impact(res_code)
    bal = _balance(factory, led.notes, led.gaps)
    led.energy["electricity"] = bal.consumed * 3.6
    led.add(2, "location", "purchased electricity", "grid electricity", "electricity", el.grid, "kWh", loc_f, loc.code)
    if bal.direct_line_unverified:
        led.add(2, "location", "purchased electricity", "direct-line electricity without evidence", "electricity",
            bal.direct_line_unverified, "kWh", loc_f, loc.code)
    covered = bal.certificates + bal.contracts
    led.add(2, "market", "purchased electricity", "grid electricity covered by evidenced certificates/contracts",
        "electricity", covered, "kWh", 0.0, "green certificates (绿证), counted once")
    led.add(2, "market", "purchased electricity", "grid electricity not covered (residual mix)", "electricity",
        el.grid - covered, "kWh", res_f, res_code)
    for amount, what in ((bal.pv_self - bal.pv_claimable, "self-consumed PV whose certificates were sold"),
                         (bal.direct_line_unverified, "direct-line electricity without evidence")):
        if amount > 0:
            led.add(2, "market", "purchased electricity", what, "electricity", amount, "kWh", res_f, res_code)
    if factory.energy.purchased_heat is not None:
        mj = factory.energy.purchased_heat.amount
        led.energy["purchased_heat"] = mj
        led.add(2, "both", "purchased heat", "steam / hot water bought", "purchased_heat", mj, "MJ",
            prices.unit_impact("heat-steam-cn"), "heat-steam-cn")
        led.notes.append("scope 3: upstream of purchased heat not in the data (gap)")
    return bal, loc_f, res_f


def _scope3(led: _Ledger, factory: Factory, cat: Catalog, prices: Prices, file: str | None) -> None:
    """Scope 3: grid electricity upstream and the items the plant file lists."""
    el, year = factory.energy.electricity, factory.year
    up_f, up_ref = _electricity_upstream(cat, prices, year, led.notes)
    if up_f > 0 and el.grid > 0:
        led.add(3, "both", "cat. 3 fuel and energy", "grid electricity upstream and losses (national proxy)",
            "electricity", el.grid, "kWh", up_f, up_ref)
    for i, item in enumerate(factory.scope3):
        where = f"scope3[{i}]"
        amount = quantity(item.amount)
        if item.activity is not None:
            if item.activity not in cat.activities:
                raise SpecError(f"unknown catalog activity {item.activity!r} (see `carbonev inventories`)",
                                file=file, field=f"{where}.activity")
            unit = cat.activity(item.activity).unit
            try:
                n = magnitude_in(amount, unit, f"{where}.amount")
            except UnitError as exc:
                raise SpecError(str(exc), file=file, field=f"{where}.amount") from None
            led.add(3, "both", item.category.replace("_", " "), item.description, "scope3", n, unit,
                prices.unit_impact(item.activity), item.activity)
        else:
            try:
                kg = magnitude_in(amount * quantity(item.factor), "kg_CO2e", f"{where}.factor × amount")
            except UnitError as exc:
                raise SpecError(str(exc), file=file, field=f"{where}.factor") from None
            if not item.evidence:
                led.notes.append(f"{where}: supplier factor without evidence")
                led.gaps.append(f"{where}: supplier factor without evidence")
            led.add(3, "both", item.category.replace("_", " "), item.description, "scope3", 1.0, "item", kg,
                f"supplier factor {item.factor}")


def _credits(led: _Ledger, factory: Factory) -> tuple[float, float]:
    """Retired, evidenced credits and the removals among them [kg CO2e] (reported, never netted)."""
    credits = removal = 0.0
    for i, c in enumerate(factory.credits):
        if c.retired is None or not c.evidence:
            why = "not retired" if c.retired is None else "no evidence"
            led.notes.append(f"credits[{i}] ({c.id}): not counted — {why}")
            if c.retired is not None:
                led.gaps.append(f"credits[{i}] ({c.id}): retirement without evidence, not counted")
            continue
        credits += c.amount
        removal += c.amount if c.removal else 0.0
    return credits, removal


def _balance(factory: Factory, notes: list[str], gaps: list[str]) -> ElectricityBalance:
    el = factory.energy.electricity
    bal = ElectricityBalance(grid=el.grid)
    tech: dict[str, float] = {}
    if el.onsite_pv is not None:
        pv = el.onsite_pv
        bal.pv_self = pv.self_consumed
        sold_from_self = max(0.0, pv.certificates_sold - pv.exported)
        bal.pv_claimable = max(0.0, pv.self_consumed - sold_from_self)
        if sold_from_self > 0:
            notes.append(f"on-site PV: certificates for {sold_from_self:,.0f} kWh of self-consumed PV were sold; "
                         "that electricity is not claimed renewable")
        if not pv.evidence:
            notes.append("on-site PV: no metering evidence")
            gaps.append("energy.electricity.onsite_pv: no metering evidence")
        tech["pv"] = bal.pv_claimable
    for i, ins in enumerate(el.instruments):
        counted = bool(ins.evidence)
        if ins.kind == "direct_line":
            if counted:
                bal.direct_line += ins.amount
            else:
                bal.direct_line_unverified += ins.amount
        elif counted:
            if ins.kind == "certificate":
                bal.certificates += ins.amount
            else:
                bal.contracts += ins.amount
        else:
            bal.not_counted += ins.amount
        if not counted:
            notes.append(f"energy.electricity.instruments[{i}] ({ins.id}): no evidence — not counted as renewable")
            gaps.append(f"energy.electricity.instruments[{i}] ({ins.id}): {ins.kind} without evidence, not counted")
        else:
            tech[ins.technology] = tech.get(ins.technology, 0.0) + ins.amount
    bal.renewable_by_technology = tech
    return bal


def _refrigerant_gwp(cat: Catalog, meth: str, g: dict[str, float], gas: str, where: str,
                     file: str | None) -> tuple[float, str]:
    if gas in REFRIGERANT_FLOW:
        return g[REFRIGERANT_FLOW[gas]], f"{meth} [{REFRIGERANT_FLOW[gas]}]"
    try:
        hfc32 = cat.value(f"gwp_hfc32_{meth}", "kg_CO2e/kg")
        hfc125 = cat.value(f"gwp_hfc125_{meth}", "kg_CO2e/kg")
    except KeyError:
        raise SpecError(f"no GWP of {gas} for method {meth!r} in the data", file=file, field=where) from None
    if gas == "R32":
        return hfc32, f"gwp_hfc32_{meth}"
    if gas == "R125":
        return hfc125, f"gwp_hfc125_{meth}"
    x = cat.value("r410a_hfc32_mass_fraction", "dimensionless")
    return x * hfc32 + (1 - x) * hfc125, f"r410a_hfc32_mass_fraction × gwp_hfc32/hfc125_{meth}"


def _electricity_upstream(cat: Catalog, prices: Prices, year: int, notes: list[str]) -> tuple[float, str]:
    """National life-cycle factor minus national CO2 factor [kg CO2e/kWh]: upstream fuel chains,
    non-CO2 gases and grid losses, as a proxy for scope 3 category 3."""
    try:
        lc = grid.choose(cat.activity_codes, "cn", year, "lc")
        co2 = grid.choose(cat.activity_codes, "cn", lc.year, "co2")
    except DataError:
        notes.append("scope 3: no national life-cycle electricity factor; electricity upstream not counted")
        return 0.0, ""
    diff = prices.unit_impact(lc.code) - prices.unit_impact(co2.code)
    if lc.year != year or co2.year != lc.year:
        notes.append(f"electricity upstream: {lc.code} − {co2.code} used for {year}")
    return max(diff, 0.0), f"{lc.code} − {co2.code}"
