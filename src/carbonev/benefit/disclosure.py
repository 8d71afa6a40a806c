"""A bank's carbon-emission-reduction facility (碳减排支持工具) disclosure table.

PBoC rules (as the banks' public notices state them) require disclosing, for the quarter, the
year to date and since joining the facility: the number of carbon-reduction projects, the
carbon-reduction loan amount and its weighted average rate, and the annual carbon reduction
the loans drive (带动的年度碳减排量), plus the projects with the largest effect.

How a loan's share of a project's reduction is counted is not public; carbonev states and
applies a configurable rule:

    full        attributed = reduction
    loan-share  attributed = reduction × min(cap, loan amount / project investment)

Weighted average rate = Σ (amount × rate) / Σ amount.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import Field, model_validator

from carbonev.data.records import Strict
from carbonev.errors import SpecError
from carbonev.factory.fields import Money
from carbonev.io.files import load
from carbonev.specs.quantities import TonnesCO2e

Tonnes = TonnesCO2e


class Attribution(Strict):
    rule: Literal["loan-share", "full"] = "loan-share"
    cap: float = Field(default=1.0, gt=0, le=1)
    basis: str = Field(min_length=3, description="why this rule (the official rule is not public)")


class Loan(Strict):
    id: str = Field(min_length=1)
    project: str | None = Field(default=None, description="benefit project file (relative to the loans file)")
    project_name: str | None = None
    annual_reduction: Tonnes | None = Field(default=None, description="if no project file: t CO2e a year")
    reduction_source: str | None = Field(default=None, description="where annual_reduction comes from")
    investment: Money | None = Field(default=None, description="project investment, if no project file [CNY]")
    amount: Money = Field(description="loan amount [CNY]")
    rate: float = Field(ge=0, le=30, description="annual interest rate [%]")
    date: dt.date = Field(description="date the loan was granted")

    @model_validator(mode="after")
    def _source(self):
        if self.project is None and (self.annual_reduction is None or not self.reduction_source):
            raise ValueError("project: give a benefit project file, or annual_reduction with its reduction_source")
        if self.project is None and not self.project_name:
            raise ValueError("project_name: needed when no project file is given")
        return self


class LoansFile(Strict):
    format: Literal["carbonev-benefit-loans/1"]
    bank: str = Field(min_length=2)
    status: str = Field(min_length=2, description="e.g. 'illustrative, not a real bank's loans'")
    joined: dt.date | None = Field(default=None, description="date the bank joined the facility")
    attribution: Attribution
    loans: list[Loan] = Field(min_length=1)


def load_loans(path: str | Path) -> LoansFile:
    return load(LoansFile, path)


def attributed(reduction: float, amount: float, investment: float | None, att: Attribution, where: str) -> float:
    """The loan's share of a project's annual reduction [t CO2e/year] under the stated rule."""
    if att.rule == "full":
        return reduction
    if not investment:
        raise SpecError("the loan-share rule needs the project's investment", field=f"{where}.investment")
    return reduction * min(att.cap, amount / investment)


def _period(rows: pd.DataFrame, label: str) -> dict:
    amount = rows["amount"].sum() / 1e4
    top = rows.sort_values("attributed", ascending=False)["project"].head(3).tolist()
    return {"period": label, "projects": int(rows["project"].nunique()), "loan_amount_10k_cny": amount,
            "weighted_rate_pct": (rows["amount"] * rows["rate"]).sum() / rows["amount"].sum() if len(rows) else None,
            "annual_reduction_t": rows["attributed"].sum(), "largest_effect": "; ".join(top)}


def table(loans: pd.DataFrame, quarter: tuple[int, int]) -> pd.DataFrame:
    """Quarter, year to date and since joining, from per-loan rows (project, amount [CNY], rate
    [%], date, attributed [t CO2e/year])."""
    year, q = quarter
    d = pd.to_datetime(loans["date"])
    end = pd.Timestamp(year, 3 * q, 1) + pd.offsets.MonthEnd(0)
    start = pd.Timestamp(year, 3 * q - 2, 1)
    parts = [(loans[(d >= start) & (d <= end)], f"{year}Q{q}"),
             (loans[(d >= pd.Timestamp(year, 1, 1)) & (d <= end)], f"{year} year to date"),
             (loans[d <= end], "since joining")]
    return pd.DataFrame([_period(rows, label) for rows, label in parts])


ZH = ("{period}，{bank}在碳减排支持工具支持下，合计向{projects}个项目发放碳减排贷款{amount:,.2f}万元，"
      "贷款加权平均利率{rate}，带动的年度碳减排量为{red:,.2f}吨二氧化碳当量{top}。")
EN = ("{period}: with the support of the carbon emission reduction facility, {bank} granted carbon-reduction loans "
      "of {amount:,.2f} ten-thousand CNY to {projects} project(s) at a weighted average rate of {rate}, driving an "
      "annual carbon reduction of {red:,.2f} t CO2e{top}.")


def sentences(t: pd.DataFrame, bank: str, lang: str = "zh") -> list[str]:
    """The disclosure sentences, in the wording banks use."""
    out = []
    for r in t.itertuples():
        rate = "—" if r.weighted_rate_pct is None or pd.isna(r.weighted_rate_pct) else f"{r.weighted_rate_pct:.2f}%"
        if lang == "zh":
            top = f"，其中碳减排效应最为显著的项目有{r.largest_effect}" if r.largest_effect else ""
            period = {"year to date": "本年度", "since joining": "获得碳减排支持工具支持以来"}
            p = next((v for k, v in period.items() if r.period.endswith(k)), r.period.replace("Q", "年第") + "季度")
        else:
            top = f"; largest effect: {r.largest_effect}" if r.largest_effect else ""
            p = r.period
        out.append((ZH if lang == "zh" else EN).format(period=p, bank=bank, projects=r.projects,
                                                       amount=r.loan_amount_10k_cny, rate=rate,
                                                       red=r.annual_reduction_t, top=top))
    return out
