"""Product carbon-footprint report of one component (a traction battery pack), GB/T 24067 / ISO 14067 structure.

The same sections as the vehicle report (:mod:`carbonev.report.product_report`) for the pack
of a ``carbonev-battery-pack/1`` file: functional unit one pack (and per kWh of nominal
capacity), system boundary the pack's stages (raw materials, production, distribution, end
of life: cradle to grave without use), every parameter and background exchange rated,
results by stage and by gas from the shared background solve, limitations, provenance.
Stage numbers are ``Engine.link_impact`` sums, as in ``carbonev battery declare``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from carbonev.battery.declare import load_plant_share
from carbonev.battery.inventory import PACK_STAGES, PackInventory, pack_inventory
from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.data.recorder import Recorder
from carbonev.data.regions import REGIONS
from carbonev.engine.evaluator import Engine
from carbonev.errors import SpecError
from carbonev.io.files import sha256_file
from carbonev.provenance.software import software_versions
from carbonev.report import component_i18n as ci
from carbonev.report.datasources import collect_links, spec_inputs
from carbonev.report.product_report import STANDARDS
from carbonev.report.study import cut_offs
from carbonev.results import UNIT
from carbonev.specs.pack import PackSpec, load_pack

FORMAT = "carbonev-component-report/1"
FORMATS = ("html", "md", "json")
PER_KWH_UNIT = "kg CO2e/kWh"


def _region(code: str, lang: str) -> str:
    r = REGIONS.get(code)
    return code if r is None else f"{r.name_zh if lang == 'zh' else r.name} ({code})"


def _gases(ev, inv: PackInventory) -> list[dict[str, Any]]:
    """Per stage and flow: emitted [kg] and impact [kg CO2e] (inventory columns × cfs)."""
    it = ev.intensities
    rows: dict[tuple[str, str], list[float]] = {}
    for item in inv.items:
        link = item.link
        if link.code is not None:
            emitted = link.amount * it.inventory[:, ev.column[link.code]]
        else:
            emitted = np.zeros(len(it.flows))
            emitted[it.flows.index(link.flow)] = link.amount
        for k, flow in enumerate(it.flows):
            if emitted[k] != 0:
                acc = rows.setdefault((item.stage, flow), [0.0, 0.0])
                acc[0] += float(emitted[k])
                acc[1] += float(emitted[k] * it.cfs[k])
    return [{"stage": s, "flow": f, "inventory": v[0], "impact": v[1]} for (s, f), v in rows.items()]


def _results(ev, inv: PackInventory, pack: PackSpec, units: dict[str, str], lang: str) -> dict[str, Any]:
    amounts = {s: 0.0 for s in PACK_STAGES}
    for item in inv.items:
        amounts[item.stage] += float(ev.link_impact(item.link))
    total = sum(amounts.values())
    stage_gas = _gases(ev, inv)
    gases: dict[str, dict[str, Any]] = {}
    for x in stage_gas:
        g = gases.setdefault(x["flow"], {"flow": x["flow"], "label": ci.i18n.gas(x["flow"], lang),
                                         "unit": units.get(x["flow"], "kg"), "inventory": 0.0, "impact": 0.0})
        g["inventory"] += x["inventory"]
        g["impact"] += x["impact"]
    for g in gases.values():
        g["share"] = g["impact"] / total if total else 0.0
    by_stage = {s: sum(x["impact"] for x in stage_gas if x["stage"] == s) for s in PACK_STAGES}
    aggregated = gases.get("co2e_aggregated", {}).get("impact", 0.0)
    return {
        "title": ci.t("results", lang), "unit": UNIT, "per_kwh_unit": PER_KWH_UNIT,
        "total": total, "per_kwh": total / pack.capacity, "capacity_kwh": pack.capacity, "mass_kg": inv.mass,
        "stages": [{"stage": s, "label": ci.stage(s, lang), "amount": a, "per_kwh": a / pack.capacity,
                    "share": a / total if total else 0.0} for s, a in amounts.items()],
        "gases": sorted(gases.values(), key=lambda g: -abs(g["impact"])),
        "stage_gas": stage_gas,
        "gas_sum_check": {"max_abs_difference": max(abs(by_stage[s] - amounts[s]) for s in PACK_STAGES),
                          "unit": UNIT},
        "aggregated_co2e_share": aggregated / total if total else 0.0,
    }


def _product(pack: PackSpec, mass: float, region: str, year: int, method: dict, lang: str) -> dict[str, Any]:
    return {
        "title": ci.t("product", lang), "kind": "traction battery pack", "name": pack.name,
        "model_id": pack.model_id, "manufacturer": pack.manufacturer, "description": pack.description,
        "chemistry": pack.chemistry.value, "capacity_kwh": pack.capacity, "usable_capacity_kwh": pack.usable_capacity,
        "mass_kg": mass, "mass_source": "pack file" if pack.mass is not None else "capacity / pack specific energy",
        "plant": {"region": region, "label": _region(region, lang), "year": year, "file": pack.plant_file},
        "method": method,
    }


def build_component_report(pack_file: str | Path, catalog: Catalog | None = None, lang: str = "en", *,
                           store: str | Path | None = None, method: str | None = None,
                           plant: str | Path | None = None, product: str | None = None) -> dict[str, Any]:
    """The pack report as a JSON-ready dict (see module doc). ``plant``/``product`` override
    the pack's own plant_file/plant_product."""
    ci.i18n.check(lang)
    cat = catalog or shipped_catalog()
    meth = cat.method(method)
    file = str(pack_file)
    pack = load_pack(pack_file)
    rec = Recorder(cat)
    share, share_file = load_plant_share(pack, file, rec, plant, product, meth.name, store)  # type: ignore[arg-type]
    inv = pack_inventory(pack, rec, share)  # type: ignore[arg-type]
    region, year = (share.region, share.year) if share is not None else (pack.plant.region, pack.plant.year)
    items = [(i.stage, i.link) for i in inv.items]
    ds = collect_links(items, rec.used, cat, year, {s: region for s in PACK_STAGES}, {"battery": region})
    summary = ds.summary()
    units = {k: f.unit.replace("kg_CO2e", "kg CO2e") for k, f in cat.flows.flows.items()}
    method_file = cat.files_by_name[("methods", meth.name)]
    method_info = {"name": meth.name, "title": meth.title, "version": meth.version, "sha256": method_file.sha256}
    ev = Engine.open(cat, store, meth.name)
    notes = list(inv.notes)
    if share is None:
        notes.append("production uses generic cell and pack making data (catalog parameters), not the plant's own")
    inputs = {"pack": file} | ({"plant": share_file} if share_file else {})
    results = _results(ev, inv, pack, units, lang)
    return {
        "format": FORMAT, "lang": lang, "title": ci.t("title", lang), "subtitle": ci.t("subtitle", lang),
        "product": _product(pack, inv.mass, region, year, method_info, lang),
        "goal_and_scope": {
            "title": ci.t("goal_and_scope", lang), "goal": ci.t("goal_text", lang), "reasons": None,
            "audience": None, "public_comparison": False, "data_period": None, "validity": None,
            "study_type": ci.t("study_type_value", lang), "reference_year": year,
            "standards": list(STANDARDS[:2]), "qc_t_1249": ci.t("scheme_note", lang),
        },
        "functional_unit": {"title": ci.t("functional_unit", lang), "per_pack": ci.t("fu_pack", lang),
                            "per_kwh": ci.t("fu_per_kwh", lang), "capacity_kwh": pack.capacity,
                            "mass_kg": inv.mass},
        "system_boundary": {
            "title": ci.t("system_boundary", lang), "type": "cradle-to-grave without use",
            "text": ci.t("boundary_text", lang),
            "stages": [{"stage": s, "label": ci.stage(s, lang), "included": ci.stage_scope(s, lang),
                        "processes": ds.processes.get(s, [])} for s in PACK_STAGES],
            "excluded": ci.t("excluded_list", lang),
            "cut_offs": cut_offs(lang),
        },
        "data_sources": {
            "title": ci.t("data_sources", lang), "text": ci.t("data_text", lang), "study_year": ds.study_year,
            "regions": ds.regions, "summary": summary, "parameters": ds.parameters, "exchanges": ds.exchanges,
            "foreground_flows": ds.flows, "references": ds.references, "spec_inputs": spec_inputs(pack),
        },
        "allocation": {"title": ci.t("allocation", lang), "rules": ci.t("alloc_rules", lang),
                       "end_of_life": {"modelling": "cut-off", "route": pack.end_of_life.route,
                                       "rule": ci.eol_rule(pack.end_of_life.route, lang)}},
        "results": results,
        "uncertainty": {"title": ci.t("uncertainty", lang), "computed": False, "text": ci.t("unc_text", lang)},
        "limitations": {"title": ci.t("limitations", lang), "notes": notes, "assumptions": dict(inv.assumptions),
                        "general": ci.t("model_gaps", lang),
                        "aggregated_co2e_share": results["aggregated_co2e_share"],
                        "values_scored_4_or_5": summary.get("values_scored_4_or_5", 0),
                        "qc_t_1249": ci.t("scheme_note", lang)},
        "provenance": {"title": ci.t("provenance", lang),
                       "inputs": {k: {"file": v, "sha256": sha256_file(Path(v))} for k, v in inputs.items()},
                       "method": method_info, "data": {"sha256": cat.sha256, "files": cat.versions()},
                       "software": software_versions()},
    }


def render(report: dict[str, Any], fmt: str) -> str:
    """The component report as ``json``, ``md`` or ``html`` text."""
    if fmt == "json":
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if fmt in ("md", "html"):
        from carbonev.report import component_render

        return component_render.render_markdown(report) if fmt == "md" else component_render.render_html(report)
    raise SpecError(f"unknown report format {fmt!r}; valid: {', '.join(FORMATS)}", field="--format")
