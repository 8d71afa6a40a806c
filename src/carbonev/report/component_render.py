"""The component (battery-pack) report as a self-contained HTML page or as Markdown.

Reads the dict of :func:`carbonev.report.component_report.build_component_report`. The
sections shared with the vehicle report (goal, boundary, data sources, allocation,
uncertainty, limitations, references) are drawn by :mod:`carbonev.report.html`; the
product, functional unit, results and provenance are per pack and per kWh here.
"""

from __future__ import annotations

from html import escape
from typing import Any

from carbonev.report import html as h
from carbonev.report import svg
from carbonev.report.component_i18n import t as ct
from carbonev.report.markdown import _n as mn
from carbonev.report.markdown import _table as mtable


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


def _html_results(r: dict, lang: str) -> str:
    res = r["results"]
    cell = {(x["stage"], x["flow"]): x["impact"] for x in res["stage_gas"]}
    gases = [g["flow"] for g in res["gases"]]
    matrix = [[escape(s["label"])] + [h._n(cell[(s["stage"], g)]) if (s["stage"], g) in cell else "–" for g in gases]
              for s in res["stages"]]
    rows = [[escape(c) if j == 0 else c for j, c in enumerate(row)] for row in _stage_rows(res, lang, h._n)]
    return "".join([
        f"<h2>{escape(res['title'])}</h2><h3>{escape(ct('results_by_stage', lang))}</h3>",
        svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]], ct("chart_stages", lang)),
        h._table([ct("stage", lang), ct("per_pack", lang), ct("per_kwh", lang), ct("share", lang)], rows, {1, 2, 3},
                 total_last=True),
        f"<h3>{escape(ct('results_by_gas', lang))}</h3>",
        svg.bar_chart([(g["label"], g["impact"]) for g in res["gases"]], ct("chart_gases", lang)),
        h._table([ct("gas", lang), ct("inventory", lang), ct("impact", lang), ct("share", lang)],
                 [[escape(g["label"]), f"{h._n(g['inventory'])} {escape(g['unit'])}", h._n(g["impact"]),
                   f"{g['share']:.1%}"] for g in res["gases"]], {1, 2, 3}),
        f"<h3>{escape(ct('results_matrix', lang))}</h3>",
        h._table([ct("stage", lang)] + [h.i18n.gas(g, lang) for g in gases], matrix, set(range(1, len(gases) + 1)),
                 "data")])


def render_html(r: dict[str, Any]) -> str:
    """One self-contained HTML page (UTF-8): inline CSS and SVG, no script."""
    lang = r["lang"]
    res, f = r["results"], r["functional_unit"]
    kv = lambda pairs: h._kv([(k, escape(v)) for k, v in pairs])  # noqa: E731
    key = (f"<div class='key'><span class='big'>{res['total']:,.0f} {escape(res['unit'])}</span> "
           f"{escape(f['per_pack'])} · <span class='big'>{res['per_kwh']:,.1f} {escape(res['per_kwh_unit'])}</span> "
           f"({res['capacity_kwh']:g} kWh)</div>")
    desc = r["product"].get("description")
    body = [f"<h1>{escape(r['title'])}</h1><p class='sub'>{escape(r['subtitle'])}</p>", key,
            svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]], ct("chart_stages", lang)),
            f"<h2>{escape(r['product']['title'])}</h2>", kv(_product_pairs(r, lang)),
            f"<p class='note'>{escape(desc)}</p>" if desc else "", h._goal(r, lang),
            f"<h2>{escape(f['title'])}</h2>",
            kv([(ct("fu_main", lang), f["per_pack"]), (ct("fu_alt", lang), f["per_kwh"]),
                (ct("capacity", lang), f"{f['capacity_kwh']:g} kWh"), (ct("mass", lang), f"{f['mass_kg']:,.1f} kg")]),
            h._boundary(r, lang), h._data(r, lang), h._allocation(r), _html_results(r, lang),
            h._uncertainty(r, lang), h._limitations(r, lang),
            f"<h2>{escape(r['provenance']['title'])}</h2>",
            h._kv([(k, f"<code>{escape(v)}</code>") for k, v in _prov_pairs(r, lang)]), h._references(r, lang)]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f"<!DOCTYPE html><html lang='{html_lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(r['title'])} — {escape(r['product']['name'])}</title><style>{h.CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def _md_rated(d: dict, lang: str) -> list[str]:
    cols = [ct(k, lang) for k in ("col_amount", "col_unit", "col_year", "col_geo", "col_for", "col_source",
                                   "col_tag", "col_pedigree")]

    def cells(v: dict) -> list:
        return [mn(v["amount"]), v["unit"], v["year"], v["geography"], v["applied_to"],
                f"[{v['reference']}] {v['locator']}", v["tag"], v["pedigree_text"]]

    return ["", f"### {ct('parameters', lang)}", "",
            mtable([ct("col_key", lang), *cols], [[f"`{v['key']}`", *cells(v)] for v in d["parameters"]]),
            "", f"### {ct('activities', lang)}", "",
            mtable([ct("col_activity", lang), ct("col_input", lang), *cols],
                   [[f"`{v['activity']}`", f"`{v['target']}`", *cells(v)] for v in d["exchanges"]]),
            "", f"### {ct('inputs', lang)}", "",
            mtable([ct("col_key", lang), ct("col_value", lang)],
                   [[f"`{x['key']}`", x["value"]] for x in d["spec_inputs"]]),
            "", f"### {ct('references', lang)}", ""] + [
        f"{x['id']}. {x['citation']}" + (f" <{x['url']}>" if x.get("url") else "") + f" ({x['tag']})"
        for x in d["references"]]


def render_markdown(r: dict[str, Any]) -> str:
    """The component report as Markdown (tables, no charts)."""
    lang = r["lang"]
    g, f, b, d, res = (r[k] for k in ("goal_and_scope", "functional_unit", "system_boundary", "data_sources",
                                       "results"))
    s = d["summary"]
    out = [f"# {r['title']}", "", f"_{r['subtitle']}_", "", f"## {r['product']['title']}", "",
           mtable(["", ""], [list(x) for x in _product_pairs(r, lang)]),
           "", f"## {g['title']}", "", g["goal"], "", f"- {ct('study_type', lang)}: {g['study_type']}",
           f"- {ct('reference_year', lang)}: {g['reference_year']}"]
    out += [f"- {x['id']}: {x['title']} — {x['use']}" for x in g["standards"]]
    out += ["", f"> {g['qc_t_1249']}", "", f"## {f['title']}", "",
            f"- {ct('fu_main', lang)}: {f['per_pack']}", f"- {ct('fu_alt', lang)}: {f['per_kwh']} "
            f"({f['capacity_kwh']:g} kWh)", "", f"## {b['title']}", "", b["text"], "",
            mtable([ct("stage", lang), ct("included", lang), ct("processes", lang)],
                   [[x["label"], x["included"], "; ".join(x["processes"]) or "–"] for x in b["stages"]]),
            "", f"**{ct('excluded', lang)}**", ""] + [f"- {x}" for x in b["excluded"]]
    out += ["", f"## {d['title']}", "", d["text"], ""]
    if s.get("values"):
        out += [f"- {ct('values', lang)}: {s['values']}", f"- {ct('verified_share', lang)}: {s['verified_share']:.0%}",
                f"- {ct('mean_score', lang)}: {s['mean_score']:.2f}",
                f"- {ct('poor_values', lang)}: {s['values_scored_4_or_5']}"]
    out += _md_rated(d, lang)
    a = r["allocation"]
    out += ["", f"## {a['title']}", ""] + [f"- {x}" for x in [*a["rules"], a["end_of_life"]["rule"]]]
    out += ["", f"## {res['title']}", "", f"### {ct('results_by_stage', lang)}", "",
            mtable([ct("stage", lang), ct("per_pack", lang), ct("per_kwh", lang), ct("share", lang)],
                   _stage_rows(res, lang, mn)),
            "", f"### {ct('results_by_gas', lang)}", "",
            mtable([ct("gas", lang), ct("inventory", lang), ct("impact", lang), ct("share", lang)],
                   [[x["label"], f"{mn(x['inventory'])} {x['unit']}", mn(x["impact"]), f"{x['share']:.1%}"]
                    for x in res["gases"]])]
    u, lim = r["uncertainty"], r["limitations"]
    out += ["", f"## {u['title']}", "", u["text"], "", f"## {lim['title']}", ""] + [f"- {x}" for x in lim["general"]]
    out += ["", f"**{ct('notes', lang)}**", ""] + ([f"- {x}" for x in lim["notes"]] or [f"- {ct('none', lang)}"])
    out += ["", f"**{ct('assumptions', lang)}**", ""] + [f"- `{k}`: {v}" for k, v in lim["assumptions"].items()]
    out += ["", f"## {r['provenance']['title']}", ""] + [f"- {k}: `{v}`" for k, v in _prov_pairs(r, lang)]
    return "\n".join(out) + "\n"
