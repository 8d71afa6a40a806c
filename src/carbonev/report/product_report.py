"""Product carbon-footprint report of one vehicle, structured as GB/T 24067-2024 / ISO 14067:2018.

``build_report`` turns a :class:`FootprintResult` (and the spec and catalog behind it) into
one JSON-ready dict with every element ISO 14067:2018 §7 / GB/T 24067-2024 asks of a CFP study
report: study information (commissioner, practitioner, dates), goal and scope, functional unit
and reference flow, system boundary and cut-off criteria, GHGs and characterisation factors,
data sources with a pedigree rating per value, allocation, end-of-life and electricity rules,
results by stage and by gas with the fossil/biogenic split, sensitivity (tornado) and
alternative scenarios, uncertainty, interpretation (significant issues, completeness,
consistency, conclusions), limitations, the critical-review statement and provenance.
``render`` writes it as JSON, Markdown or a self-contained HTML page. Labels follow ``lang``
(``en`` or ``zh``); numbers are the result's own, unrounded. No timestamps: the same inputs give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from carbonev.data.catalog import Catalog
from carbonev.data.regions import REGIONS
from carbonev.errors import SpecError
from carbonev.inputs import resolve_inputs
from carbonev.inventory.external import ExternalInputs
from carbonev.inventory.resolve import resolve
from carbonev.report import i18n, sensitivity_section, study
from carbonev.report.datasources import collect, spec_inputs
from carbonev.results import PER_KM_UNIT, UNIT, FootprintResult
from carbonev.rules.rating import battery_packs
from carbonev.specs.vehicle import VehicleSpec

FORMAT = "carbonev-product-report/1"
FORMATS = ("html", "md", "json")

STANDARDS = (
    {"id": "GB/T 24067-2024", "title": "温室气体 产品碳足迹 量化要求和指南 (greenhouse gases — carbon footprint of "
     "products — requirements and guidelines for quantification), in force 2025-03-01",
     "use": "report structure followed"},
    {"id": "ISO 14067:2018", "title": "Greenhouse gases — Carbon footprint of products — Requirements and "
     "guidelines for quantification", "use": "report structure followed"},
    {"id": "QC/T 1249-2025", "title": "温室气体 产品碳足迹量化方法与要求 乘用车 (passenger cars), in force 2026-07-01",
     "use": "not applied: its functional unit, lifetime mileage, Annex D defaults and Annex E data-quality "
     "rating are not public"},
)


def _region(code: str, lang: str) -> str:
    r = REGIONS.get(code)
    if r is None:
        return code
    return f"{r.name_zh if lang == 'zh' else r.name} ({code})"


def _product(result: FootprintResult, spec: VehicleSpec, lang: str) -> dict[str, Any]:
    b = spec.battery
    plant = spec.battery_plant
    return {
        "title": i18n.t("product", lang),
        "name": result.name,
        "powertrain": spec.powertrain.value,
        "segment": spec.segment,
        "description": spec.description,
        "battery": None if b is None else {
            "chemistry": b.chemistry.value, "capacity_kwh": b.capacity, "replacements": b.replacements,
            "plant": {"region": plant.region, "label": _region(plant.region, lang), "year": plant.year}},
        "manufacturing": {"region": spec.manufacturing.region, "label": _region(spec.manufacturing.region, lang),
                          "year": spec.manufacturing.year},
        "use": {"region": spec.use.region, "label": _region(spec.use.region, lang), "first_year": spec.use.first_year},
        "method": result.provenance.get("method", {}),
    }


def _functional_unit(result: FootprintResult, spec: VehicleSpec, years: float, lang: str) -> dict[str, Any]:
    source = (i18n.t("fu_from_spec", lang) if spec.use.lifetime is not None
              else result.assumptions.get("use.lifetime", ""))
    packs = battery_packs(spec)
    flow = i18n.t("reference_flow_text", lang).format(spec.mass.curb)
    if spec.battery is not None:
        flow += i18n.t("reference_flow_battery", lang).format(packs, spec.battery.capacity)
    return {
        "title": i18n.t("functional_unit", lang),
        "per_vehicle": i18n.t("fu_vehicle", lang),
        "per_km": i18n.t("fu_per_km", lang),
        "reference_flow": flow,
        "lifetime_km": result.lifetime_km,
        "lifetime_years": years,
        "lifetime_source": source,
        "qc_t_1249": i18n.t("qct1249_note", lang),
    }


def _boundary(result: FootprintResult, spec: VehicleSpec, processes: dict[str, list[str]], lang: str) -> dict:
    excluded = i18n.excluded(lang)
    if spec.end_of_life.modelling == "cut-off":
        excluded.append(i18n.t("no_credit", lang))
    return {
        "title": i18n.t("system_boundary", lang),
        "type": "cradle-to-grave",
        "text": i18n.t("boundary_text", lang),
        "stages": [{"stage": s, "label": i18n.stage(s, lang), "included": i18n.stage_scope(s, lang),
                    "processes": processes.get(s, [])} for s in result.stages["stage"]],
        "excluded": excluded,
        "cut_offs": study.cut_offs(lang),
    }


def _results(result: FootprintResult, spec: VehicleSpec, units: dict[str, str], lang: str) -> dict[str, Any]:
    total = result.total
    flows = result.flows
    gases = []
    for flow, grp in flows.groupby("flow", sort=False):
        impact = float(grp["impact"].sum())
        gases.append({"flow": flow, "label": i18n.gas(flow, lang), "unit": units.get(flow, "kg"),
                      "inventory": float(grp["inventory"].sum()), "impact": impact,
                      "share": impact / total if total else 0.0})
    gases.sort(key=lambda g: -abs(g["impact"]))
    battery = None
    if spec.battery is not None:
        kwh = spec.battery.capacity * battery_packs(spec)
        amount = float(result.stages.loc[result.stages["stage"] == "battery", "amount"].sum())
        battery = {"label": i18n.t("battery_per_kwh", lang), "amount": amount / kwh, "unit": "kg CO2e/kWh",
                   "capacity_kwh": kwh}
    return {
        "title": i18n.t("results", lang),
        "carbon_split": study.carbon_split(result, lang),
        "unit": UNIT, "per_km_unit": PER_KM_UNIT,
        "total": total, "per_km": result.per_km, "lifetime_km": result.lifetime_km,
        "stages": [{"stage": r.stage, "label": i18n.stage(r.stage, lang), "amount": float(r.amount),
                    "per_km": float(r.per_km), "share": float(r.share)} for r in result.stages.itertuples()],
        "gases": gases,
        "stage_gas": [{"stage": r.stage, "flow": r.flow, "inventory": float(r.inventory), "impact": float(r.impact)}
                      for r in flows.itertuples()],
        "aggregated_co2e_share": result.aggregated_share,
        "battery_per_kwh": battery,
    }


def _uncertainty(result: FootprintResult, unc: Any, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"title": i18n.t("uncertainty", lang), "computed": unc is not None}
    if unc is None:
        out["text"] = i18n.t("unc_not_run", lang)
        return out
    options = unc.provenance.get("options", {})
    rows = unc.summary[unc.summary["vehicle"] == unc.summary["vehicle"].iloc[0]]
    out.update({
        "text": i18n.t("unc_run", lang),
        "iterations": options.get("iterations"), "seed": options.get("seed"),
        "rows": [{"stage": r["stage"],
                  "label": i18n.t("total", lang) if r["stage"] == "total" else i18n.stage(r["stage"], lang),
                  **{k: float(r[k]) for k in ("mean", "sd", "p5", "median", "p95")},
                  **{k: float(r[k]) for k in ("p5_per_km", "median_per_km", "p95_per_km") if k in r}}
                 for r in rows.to_dict(orient="records")],
    })
    return out


def _limitations(result: FootprintResult, summary: dict, lang: str) -> dict[str, Any]:
    return {
        "title": i18n.t("limitations", lang),
        "notes": list(result.notes),
        "assumptions": dict(result.assumptions),
        "aggregated_co2e_share": result.aggregated_share,
        "values_scored_4_or_5": summary.get("values_scored_4_or_5", 0),
        "general": i18n.t("generic_limits", lang),
        "qc_t_1249": i18n.t("qct1249_note", lang),
    }


def build_report(result: FootprintResult, spec: VehicleSpec, catalog: Catalog, lang: str = "en", *,
                 file: str | None = None, uncertainty: Any = None, inputs: ExternalInputs | None = None,
                 store: str | Path | None = None, info: study.StudyInfo | None = None, sensitivity: Any = None,
                 scenarios: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (see module doc).

    ``spec`` must be the spec ``result`` was computed from (its name must match);
    ``uncertainty`` is an optional :class:`carbonev.analysis.run.UncertaintyResult`, ``sensitivity`` a
    :class:`carbonev.analysis.run.SensitivityResult` and ``scenarios`` the rows of
    :func:`carbonev.report.sensitivity_section.scenarios`; ``info`` the study information file
    (commissioner, practitioner, dates, goal, critical review); ``inputs`` are the files the spec
    names, resolved (read here from ``file``'s folder when not given).
    """
    i18n.check(lang)
    if spec.name != result.name.split(" [", 1)[0]:
        raise SpecError(f"spec {spec.name!r} does not match the result {result.name!r}", file=file, field="name")
    years = resolve(spec, catalog, file).years
    if inputs is None:
        inputs = resolve_inputs(spec, file, catalog, result.provenance["method"]["name"], store)
    ds = collect(spec, catalog, file, inputs)
    summary = ds.summary()
    units = {k: f.unit.replace("kg_CO2e", "kg CO2e") for k, f in catalog.flows.flows.items()}
    goal = study.goal(info, lang)
    rep = {
        "format": FORMAT,
        "lang": lang,
        "title": i18n.t("title", lang),
        "subtitle": i18n.t("subtitle", lang),
        "study": study.study_section(info, lang),
        "product": _product(result, spec, lang),
        "goal_and_scope": {
            "title": i18n.t("goal_and_scope", lang), "goal": goal["intended_application"],
            "reasons": goal["reasons"], "audience": goal["audience"], "public_comparison": goal["public_comparison"],
            "study_type": i18n.t("study_type_value", lang), "reference_year": ds.study_year,
            "data_period": info.data_period if info else None, "validity": info.validity if info else None,
            "standards": list(STANDARDS), "qc_t_1249": i18n.t("qct1249_note", lang),
        },
        "functional_unit": _functional_unit(result, spec, years, lang),
        "system_boundary": _boundary(result, spec, ds.processes, lang),
        "ghgs": study.ghgs(result, catalog, lang),
        "data_sources": {
            "title": i18n.t("data_sources", lang), "text": i18n.t("data_text", lang),
            "study_year": ds.study_year, "regions": ds.regions, "summary": summary,
            "parameters": ds.parameters, "exchanges": ds.exchanges, "foreground_flows": ds.flows,
            "references": ds.references,
            "spec_inputs": spec_inputs(spec),
        },
        "allocation": {
            "title": i18n.t("allocation", lang),
            "rules": i18n.t("alloc_rules", lang),
            "end_of_life": {"modelling": spec.end_of_life.modelling,
                            "rule": i18n.end_of_life_rule(spec.end_of_life.modelling, lang)},
        },
        "results": _results(result, spec, units, lang),
        "sensitivity": sensitivity_section.section(sensitivity, scenarios, catalog, lang,
                                                   used={p["key"] for p in ds.parameters}),
        "uncertainty": _uncertainty(result, uncertainty, lang),
    }
    rep["interpretation"] = study.interpretation(rep, result, lang)
    rep["limitations"] = _limitations(result, summary, lang)
    rep["critical_review"] = study.critical_review(info, lang)
    rep["provenance"] = {"title": i18n.t("provenance", lang), **result.provenance}
    return rep


def render(report: dict[str, Any], fmt: str) -> str:
    """The report as ``json``, ``md`` or ``html`` text."""
    if fmt == "json":
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        from carbonev.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from carbonev.report.html import render_html

        return render_html(report)
    raise SpecError(f"unknown report format {fmt!r}; valid: {', '.join(FORMATS)}", field="--format")
