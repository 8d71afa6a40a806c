"""Avoided emissions under a benefit methodology (T/CSAE 235-2021 and others, as rule-set files) of a
vehicle model, a fleet or a factory project, valued at dated carbon prices; the PBoC disclosure table.

Avoided emissions are a voluntary claim, never an offset: every result carries the methodology's claim
label, and a valuation is a yardstick, not a sale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from carbonev.errors import SpecError

if TYPE_CHECKING:
    import pandas as pd

BenefitKind = Literal["vehicle", "fleet", "project"]
DEFAULT_METHOD = "tcsae-235-2021"
FLEET_COLUMNS = ["year", "stock_end", "vehicle_km", "baseline_operation", "operation", "leakage",
                 "reduction_operation", "reduction_life_cycle"]


@dataclass
class BenefitResult:
    """Avoided emissions [t CO2e]: ``table`` year by year (vehicle, fleet) or one row a year (project)."""

    kind: BenefitKind
    method: str
    claim: str  # the methodology's label: what this number may be called
    reduction_operation: float  # [t CO2e] the standard's (operation-only) total; a project: per year
    reduction_life_cycle: float | None  # [t CO2e] with production, maintenance and end of life (carbonev's view)
    table: pd.DataFrame
    valuation: list[dict[str, Any]] = field(default_factory=list)  # one per market: price, date, source, value
    details: dict[str, Any] = field(default_factory=dict)  # model, baseline, region, km, factors, assumptions

    def to_frame(self) -> pd.DataFrame:
        return self.table


@dataclass
class DisclosureResult:
    """The PBoC carbon-emission-reduction facility (碳减排支持工具) disclosure of a bank's loans."""

    bank: str
    status: str
    quarter: tuple[int, int]
    table: pd.DataFrame  # the disclosure table
    loans: pd.DataFrame  # per loan: amount, project reduction, attributed reduction [t CO2e/year]
    attribution: dict[str, Any]

    def to_frame(self) -> pd.DataFrame:
        return self.table


def valuation(tonnes: float, markets: Sequence[str], on: dt.date | None = None) -> list[dict[str, Any]]:
    """``tonnes`` valued at each market's shipped price on ``on`` (default: the latest)."""
    from carbonev.benefit.prices import load_prices, worth

    if not markets:
        return []
    prices, _ = load_prices()
    return [worth(tonnes, prices, m, on) for m in markets]


def _engine(store: str | Path | None) -> Any:
    from carbonev.fleet.factors import Engine

    return Engine(store)


def vehicle_benefit(spec: str | Path, method: str = "tcsae-235-2021", values: str | Path | None = None, *,
                    region: str = "Zhejiang", first_year: int | None = None, km_per_year: float | None = None,
                    prices: Sequence[str] = (), price_date: dt.date | None = None,
                    store: str | Path | None = None) -> BenefitResult:
    from carbonev.benefit.methods import load_method
    from carbonev.benefit.trips import vehicle

    m, _ = load_method(method, values)
    t = vehicle(spec, m, _engine(store), region, first_year, None, km_per_year)
    total = float(t["reduction_operation"].sum())
    return BenefitResult("vehicle", m.name, str(t.attrs["claim"]), total, float(t["reduction_life_cycle"].sum()), t,
                         valuation(total, prices, price_date), dict(t.attrs))


def fleet_benefit(registrations: str | Path, method: str = "tcsae-235-2021", values: str | Path | None = None, *,
                  province: str = "Zhejiang", end: int | None = None, models: str | Path | None = None,
                  prices: Sequence[str] = (), price_date: dt.date | None = None, scheduler: str | None = None,
                  store: str | Path | None = None) -> BenefitResult:
    from carbonev.benefit.methods import load_method
    from carbonev.benefit.trips import fleet
    from carbonev.fleet.pipeline import Options

    m, _ = load_method(method, values)
    r = fleet(registrations, m, Options(province=province, end=end, models=models, store=store, scheduler=scheduler))
    by = r.by_year()[FLEET_COLUMNS]
    total = float(by["reduction_operation"].sum())
    return BenefitResult("fleet", m.name, m.label("en"), total, float(by["reduction_life_cycle"].sum()), by,
                         valuation(total, prices, price_date), {"vehicles": r.vehicles, "assumptions": r.assumptions})


def project_benefit(path: str | Path, method: str | None = None, values: str | Path | None = None, *,
                    prices: Sequence[str] = (), price_date: dt.date | None = None,
                    store: str | Path | None = None) -> BenefitResult:
    import pandas as pd

    from carbonev.benefit.pipeline import project

    r = project(path, _engine(store), values, method)
    table = pd.DataFrame([{k: r[k] for k in ("name", "kind", "region", "year", "baseline", "project", "leakage",
                                             "reduction")}])
    return BenefitResult("project", str(r["method"]), str(r["claim"]), float(r["reduction"]), None, table,
                         valuation(float(r["reduction"]), prices, price_date), r)


def parse_quarter(text: str) -> tuple[int, int]:
    """'2025Q3' → (2025, 3) [raises SpecError naming --quarter]."""
    import re

    m = re.fullmatch(r"(\d{4})Q([1-4])", text.strip())
    if not m:
        raise SpecError(f"{text[:20]!r} must look like 2025Q3", field="--quarter")
    return int(m.group(1)), int(m.group(2))


def disclosure(loans: str | Path, quarter: str | tuple[int, int], values: str | Path | None = None, *,
               store: str | Path | None = None) -> DisclosureResult:
    from carbonev.benefit.pipeline import disclose

    q = parse_quarter(quarter) if isinstance(quarter, str) else quarter
    per_loan, table, lf = disclose(loans, q, _engine(store) if store is not None else None, values)
    return DisclosureResult(lf.bank, lf.status, q, table, per_loan, lf.attribution.model_dump())
