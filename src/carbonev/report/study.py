"""The parts of an ISO 14067:2018 §7 / GB/T 24067-2024 study report beyond the numbers.

- the study information file (``--info``, ``carbonev-study-info/1``): commissioner, practitioner,
  dates, the goal as the commissioner states it, and the critical-review statement;
- GHGs and characterisation factors, cut-off criteria, the fossil / biogenic split;
- the interpretation: significant issues, completeness check, consistency check, conclusions.

Everything here is derived from the footprint result, the catalog and the info file; nothing is
invented: what nobody stated is reported as not stated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from carbonev.data.catalog import Catalog
from carbonev.report import i18n
from carbonev.results import FootprintResult
from carbonev.rules.required_inputs import quiet_load

INFO_FORMAT = "carbonev-study-info/1"
Short = Field(min_length=1, max_length=300)
Long = Field(min_length=1, max_length=4000)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Party(_Model):
    name: str = Short
    organisation: str | None = Field(default=None, max_length=300)
    contact: str | None = Field(default=None, max_length=300)


class Goal(_Model):
    intended_application: str | None = Field(default=None, max_length=4000)
    reasons: str | None = Field(default=None, max_length=4000)
    audience: str | None = Field(default=None, max_length=4000)
    public_comparison: bool = Field(default=False, description="results meant for a comparison disclosed to the "
                                    "public (ISO 14067 asks for a critical review then)")


class Review(_Model):
    performed: bool
    kind: Literal["internal", "external", "panel"] | None = None
    reviewer: str | None = Field(default=None, max_length=300)
    date: dt.date | None = None
    statement: str | None = Field(default=None, max_length=4000)


class StudyInfo(_Model):
    """Who did the study, for whom, when, why, and its critical review."""

    format: Literal["carbonev-study-info/1"]
    report_id: str | None = Field(default=None, max_length=100)
    commissioner: Party
    practitioner: Party
    report_date: dt.date
    data_period: str | None = Field(default=None, max_length=100, description="period the data represent")
    validity: str | None = Field(default=None, max_length=300, description="how long the result is representative")
    goal: Goal = Goal()
    critical_review: Review = Review(performed=False)
    notes: list[str] = Field(default=[], max_length=50)


def load_info(path: str | Path) -> StudyInfo:
    """The study information file [raises SpecError naming file and key, never echoing a value]."""
    return quiet_load(StudyInfo, path)


def study_section(info: StudyInfo | None, lang: str) -> dict[str, Any]:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    if info is None:
        return {"title": t("study"), "given": False, "text": t("study_missing")}
    return {
        "title": t("study"), "given": True, "report_id": info.report_id,
        "commissioner": info.commissioner.model_dump(), "practitioner": info.practitioner.model_dump(),
        "report_date": str(info.report_date), "data_period": info.data_period, "validity": info.validity,
        "notes": list(info.notes),
    }


def goal(info: StudyInfo | None, lang: str) -> dict[str, Any]:
    g = info.goal if info else None
    return {
        "intended_application": (g.intended_application if g and g.intended_application else i18n.t("goal_text", lang)),
        "reasons": g.reasons if g else None,
        "audience": g.audience if g else None,
        "public_comparison": bool(g and g.public_comparison),
    }


def critical_review(info: StudyInfo | None, lang: str) -> dict[str, Any]:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out: dict[str, Any] = {"title": t("critical_review"), "performed": False}
    if info is None or not info.critical_review.performed:
        out["text"] = t("review_none")
        if info is not None and info.goal.public_comparison:
            out["warning"] = t("review_needed")
        return out
    r = info.critical_review
    out.update(performed=True, kind=r.kind, reviewer=r.reviewer, date=str(r.date) if r.date else None,
               statement=r.statement, text=t("review_done"))
    return out


def ghgs(result: FootprintResult, catalog: Catalog, lang: str) -> dict[str, Any]:
    """Every GHG the method characterises, with its factor and whether this product emits it."""
    meth = catalog.method(result.provenance["method"]["name"])
    emitted = set(result.flows["flow"])
    rows = [{"flow": f.flow, "label": i18n.gas(f.flow, lang), "factor": f.amount,
             "unit": f.unit.replace("kg_CO2e", "kg CO2e"), "locator": f.locator, "emitted": f.flow in emitted}
            for f in meth.factors]
    return {"title": i18n.t("ghgs", lang), "method": meth.title, "text": i18n.t("ghgs_text", lang), "gases": rows}


FOSSIL = {"co2_fossil", "ch4_fossil"}
BIOGENIC = {"co2_biogenic", "ch4_biogenic"}


def carbon_split(result: FootprintResult, lang: str) -> dict[str, Any]:
    """Fossil and biogenic GHG emissions separately (ISO 14067 7.2), and what is not assessed."""
    f = result.flows
    by = f.groupby("flow")["impact"].sum()
    inv = f.groupby("flow")["inventory"].sum()
    fossil = float(by[by.index.isin(FOSSIL)].sum())
    biogenic = float(by[by.index.isin(BIOGENIC)].sum())
    aggregated = float(by.get("co2e_aggregated", 0.0))
    other = float(result.total - fossil - biogenic - aggregated)
    rows = [("fossil", fossil), ("biogenic", biogenic), ("other_ghg", other), ("aggregated", aggregated)]
    return {
        "rows": [{"key": k, "label": i18n.t(f"split_{k}", lang), "impact": v,
                  "share": v / result.total if result.total else 0.0} for k, v in rows],
        "biogenic_co2_kg": float(inv.get("co2_biogenic", 0.0)),
        "not_assessed": i18n.t("split_not_assessed", lang),
    }


def cut_offs(lang: str) -> dict[str, Any]:
    return {"title": i18n.t("cut_offs", lang), "rules": i18n.t("cut_off_rules", lang)}


def interpretation(rep: dict[str, Any], result: FootprintResult, lang: str) -> dict[str, Any]:
    """Significant issues (stages, gases, inputs), completeness and consistency checks, conclusions."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    res = rep["results"]
    stages = sorted((s for s in res["stages"] if s["share"] >= 0.10), key=lambda s: -s["share"])
    gases = [g for g in res["gases"] if g["share"] >= 0.05]
    issues = [t("issue_stage").format(s["label"], s["share"]) for s in stages]
    issues += [t("issue_gas").format(g["label"], g["share"]) for g in gases]
    sens = rep.get("sensitivity", {})
    for row in (sens.get("tornado") or [])[:3]:
        issues.append(t("issue_input").format(row["label"], row["swing_share"]))
    data = rep["data_sources"]["summary"]
    completeness = [t("complete_stages").format(len(res["stages"])),
                    t("complete_excluded").format(len(rep["system_boundary"]["excluded"])),
                    t("complete_poor").format(data.get("values_scored_4_or_5", 0), data.get("values", 0))]
    if res["aggregated_co2e_share"] > 0:
        completeness.append(t("complete_aggregated").format(res["aggregated_co2e_share"]))
    years = [r["year"] for r in data_rows(rep)]
    consistency = [t("consistent_method").format(rep["product"]["method"].get("title", "")),
                   t("consistent_years").format(min(years), max(years)) if years else t("none"),
                   t("consistent_places").format(rep["product"]["manufacturing"]["label"],
                                                 rep["product"]["use"]["label"]),
                   t("consistent_eol").format(rep["allocation"]["end_of_life"]["modelling"])]
    top = stages[0] if stages else None
    conclusions = [t("conclusion_total").format(total=res["total"], per_km=res["per_km"], km=res["lifetime_km"])]
    if top is not None:
        conclusions.append(t("conclusion_top").format(top["label"], top["share"]))
    if not rep["uncertainty"]["computed"]:
        conclusions.append(t("conclusion_no_mc"))
    return {"title": t("interpretation"), "significant_issues": issues, "completeness": completeness,
            "consistency": consistency, "conclusions": conclusions}


def data_rows(rep: dict[str, Any]) -> list[dict[str, Any]]:
    d = rep["data_sources"]
    return [*d["parameters"], *d["exchanges"]]
