"""The component (battery-pack) report as a self-contained HTML page or as Markdown.

Reads the dict of :func:`carbonev.report.component_report.build_component_report`. The
sections shared with the vehicle report (goal, boundary, data sources, allocation,
uncertainty, limitations, references) are drawn by :mod:`carbonev.report.html`; the
product, functional unit, results and provenance are per pack and per kWh here.
"""

from __future__ import annotations

from typing import Any

from carbonev.report import html as h
from carbonev.report import svg
from carbonev.report.component_i18n import t as ct
from carbonev.report.escape import Html, Markdown, bold, code, join, md, raw, table, tag, void
from carbonev.report.markdown import _n as mn


def _product_pairs(r: dict, lang: str) -> list[tuple[str, str]]:
    p = r["product"]
    cap = f"{p['capacity_kwh']:g} kWh"
    pairs = [(ct("name", lang), p["name"]), (ct("chemistry", lang), p["chemistry"]), (ct("capacity", lang), cap)]
    if p["usable_capacity_kwh"] is not None:
        pairs.append((ct("usable_capacity", lang), f"{p['usable_capacity_kwh']:g} kWh"))
    pairs += [(ct("mass", lang), f"{p['mass_kg']:,.1f} kg ({p['mass_source']})"),
              (ct("manufacturer", lang), f"{p['manufacturer'] or '–'} / {p['model_id'] or '–'}"),
              (ct("plant", lang), f"{p['plant']['label']}, {p['plant']['year']}"),
              (ct("method", lang), str(p["method"].get("title", p["method"].get("name", ""))))]
    if p["plant"]["file"]:
        pairs.append((ct("plant_file", lang), p["plant"]["file"]))
    return pairs


def _stage_rows(res: dict, lang: str, fmt) -> list[list[str]]:
    rows = [[s["label"], fmt(s["amount"]), f"{s['per_kwh']:,.2f}", f"{s['share']:.1%}"] for s in res["stages"]]
    return rows + [[ct("total", lang), fmt(res["total"]), f"{res['per_kwh']:,.2f}", "100.0%"]]


def _prov_pairs(r: dict, lang: str) -> list[tuple[str, str]]:
    p = r["provenance"]
    m = p["method"]
    pairs = [(f"{ct('input_' + role, lang)} ({x['file']})", x["sha256"]) for role, x in p["inputs"].items()]
    return pairs + [(ct("method", lang), f"{m['name']} {m['version']} ({m['sha256'][:16]})"),
                    (ct("data_sha", lang), p["data"]["sha256"]),
                    (ct("software", lang), ", ".join(f"{k} {v}" for k, v in p["software"].items()))]


def _html_results(r: dict, lang: str) -> Html:
    res = r["results"]
    cell = {(x["stage"], x["flow"]): x["impact"] for x in res["stage_gas"]}
    gases = [g["flow"] for g in res["gases"]]
    matrix = [[s["label"]] + [h._n(cell[(s["stage"], g)]) if (s["stage"], g) in cell else "–" for g in gases]
              for s in res["stages"]]
    return join([
        tag("h2", res["title"]), tag("h3", ct("results_by_stage", lang)),
        raw(svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]], ct("chart_stages", lang))),
        h._table([ct("stage", lang), ct("per_pack", lang), ct("per_kwh", lang), ct("share", lang)],
                 _stage_rows(res, lang, h._n), {1, 2, 3}, total_last=True),
        tag("h3", ct("results_by_gas", lang)),
        raw(svg.bar_chart([(g["label"], g["impact"]) for g in res["gases"]], ct("chart_gases", lang))),
        h._table([ct("gas", lang), ct("inventory", lang), ct("impact", lang), ct("share", lang)],
                 [[g["label"], f"{h._n(g['inventory'])} {g['unit']}", h._n(g["impact"]), f"{g['share']:.1%}"]
                  for g in res["gases"]], {1, 2, 3}),
        tag("h3", ct("results_matrix", lang)),
        h._table([ct("stage", lang)] + [h.i18n.gas(g, lang) for g in gases], matrix, set(range(1, len(gases) + 1)),
                 "data")])


def render_html(r: dict[str, Any]) -> str:
    """One self-contained HTML page (UTF-8): inline CSS and SVG, no script; every field escaped."""
    lang = r["lang"]
    res, f = r["results"], r["functional_unit"]
    key = tag("div", tag("span", f"{res['total']:,.0f} {res['unit']}", cls="big"), f" {f['per_pack']} · ",
              tag("span", f"{res['per_kwh']:,.1f} {res['per_kwh_unit']}", cls="big"), f" ({res['capacity_kwh']:g} kWh)",
              cls="key")
    desc = r["product"].get("description")
    body = [tag("h1", r["title"]), tag("p", r["subtitle"], cls="sub"), key,
            raw(svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]], ct("chart_stages", lang))),
            tag("h2", r["product"]["title"]), h._kv(_product_pairs(r, lang)),
            tag("p", desc, cls="note") if desc else "", h._goal(r, lang), tag("h2", f["title"]),
            h._kv([(ct("fu_main", lang), f["per_pack"]), (ct("fu_alt", lang), f["per_kwh"]),
                   (ct("capacity", lang), f"{f['capacity_kwh']:g} kWh"),
                   (ct("mass", lang), f"{f['mass_kg']:,.1f} kg")]),
            h._boundary(r, lang), h._data(r, lang), h._allocation(r), _html_results(r, lang),
            h._uncertainty(r, lang), h._limitations(r, lang), tag("h2", r["provenance"]["title"]),
            h._kv([(k, tag("code", v)) for k, v in _prov_pairs(r, lang)]), h._references(r, lang)]
    head = join([void("meta", charset="utf-8"),
                 void("meta", name="viewport", content="width=device-width, initial-scale=1"),
                 tag("title", f"{r['title']} — {r['product']['name']}"), tag("style", raw(h.CSS))])
    page = tag("html", tag("head", head), tag("body", *body), lang="zh-CN" if lang == "zh" else "en")
    return f"<!DOCTYPE html>{page}\n"


def _md_rated(d: dict, lang: str) -> list[str]:
    cols = [ct(k, lang) for k in ("col_amount", "col_unit", "col_year", "col_geo", "col_for", "col_source",
                                   "col_tag", "col_pedigree")]

    def cells(v: dict) -> list:
        return [mn(v["amount"]), v["unit"], v["year"], v["geography"], v["applied_to"],
                f"[{v['reference']}] {v['locator']}", v["tag"], v["pedigree_text"]]

    return ["", f"### {md(ct('parameters', lang))}", "",
            table([ct("col_key", lang), *cols], [[code(v["key"]), *cells(v)] for v in d["parameters"]]),
            "", f"### {md(ct('activities', lang))}", "",
            table([ct("col_activity", lang), ct("col_input", lang), *cols],
                  [[code(v["activity"]), code(v["target"]), *cells(v)] for v in d["exchanges"]]),
            "", f"### {md(ct('inputs', lang))}", "",
            table([ct("col_key", lang), ct("col_value", lang)],
                  [[code(x["key"]), x["value"]] for x in d["spec_inputs"]]),
            "", f"### {md(ct('references', lang))}", ""] + [
        md(f"{x['id']}. {x['citation']}") + md(f" ({x['tag']})") for x in d["references"]]


def render_markdown(r: dict[str, Any]) -> str:
    """The component report as Markdown (tables, no charts); every field escaped."""
    lang = r["lang"]
    g, f, b, d, res = (r[k] for k in ("goal_and_scope", "functional_unit", "system_boundary", "data_sources",
                                       "results"))
    s = d["summary"]
    out = [f"# {md(r['title'])}", "", Markdown(f"_{md(r['subtitle'])}_"), "", f"## {md(r['product']['title'])}", "",
           table(["", ""], [list(x) for x in _product_pairs(r, lang)]),
           "", f"## {md(g['title'])}", "", md(g["goal"]), "", f"- {md(ct('study_type', lang))}: {md(g['study_type'])}",
           f"- {md(ct('reference_year', lang))}: {md(g['reference_year'])}"]
    out += [f"- {md(x['id'])}: {md(x['title'])} — {md(x['use'])}" for x in g["standards"]]
    out += ["", f"> {md(g['qc_t_1249'])}", "", f"## {md(f['title'])}", "",
            f"- {md(ct('fu_main', lang))}: {md(f['per_pack'])}",
            f"- {md(ct('fu_alt', lang))}: {md(f['per_kwh'])} ({f['capacity_kwh']:g} kWh)", "",
            f"## {md(b['title'])}", "", md(b["text"]), "",
            table([ct("stage", lang), ct("included", lang), ct("processes", lang)],
                  [[x["label"], x["included"], "; ".join(x["processes"]) or "–"] for x in b["stages"]]),
            "", bold(ct("excluded", lang)), ""] + [f"- {md(x)}" for x in b["excluded"]]
    out += ["", f"## {md(d['title'])}", "", md(d["text"]), ""]
    if s.get("values"):
        out += [f"- {md(ct('values', lang))}: {s['values']}",
                f"- {md(ct('verified_share', lang))}: {s['verified_share']:.0%}",
                f"- {md(ct('mean_score', lang))}: {s['mean_score']:.2f}",
                f"- {md(ct('poor_values', lang))}: {s['values_scored_4_or_5']}"]
    out += _md_rated(d, lang)
    a = r["allocation"]
    out += ["", f"## {md(a['title'])}", ""] + [f"- {md(x)}" for x in [*a["rules"], a["end_of_life"]["rule"]]]
    out += ["", f"## {md(res['title'])}", "", f"### {md(ct('results_by_stage', lang))}", "",
            table([ct("stage", lang), ct("per_pack", lang), ct("per_kwh", lang), ct("share", lang)],
                  _stage_rows(res, lang, mn), "lrrr"),
            "", f"### {md(ct('results_by_gas', lang))}", "",
            table([ct("gas", lang), ct("inventory", lang), ct("impact", lang), ct("share", lang)],
                  [[x["label"], f"{mn(x['inventory'])} {x['unit']}", mn(x["impact"]), f"{x['share']:.1%}"]
                   for x in res["gases"]], "lrrr")]
    u, lim = r["uncertainty"], r["limitations"]
    out += ["", f"## {md(u['title'])}", "", md(u["text"]), "", f"## {md(lim['title'])}", ""]
    out += [f"- {md(x)}" for x in lim["general"]]
    out += ["", bold(ct("notes", lang)), ""] + ([f"- {md(x)}" for x in lim["notes"]] or [f"- {md(ct('none', lang))}"])
    out += ["", bold(ct("assumptions", lang)), ""] + [f"- {code(k)}: {md(v)}" for k, v in lim["assumptions"].items()]
    out += ["", f"## {md(r['provenance']['title'])}", ""] + [f"- {md(k)}: {code(v)}" for k, v in _prov_pairs(r, lang)]
    return "\n".join(str(x) for x in out) + "\n"
