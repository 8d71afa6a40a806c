"""The product report as one self-contained HTML page: inline CSS and SVG, no script, no network.

Reads the dict of :func:`carbonev.report.product_report.build_report`; prints to PDF legibly
(A4, tables kept together where they fit, charts never split).
"""

from __future__ import annotations

from html import escape
from typing import Any

from carbonev.report import i18n, svg

CSS = """
body{font-family:Arial,'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',
 sans-serif;
 color:#1d1d1d;max-width:1080px;margin:24px auto;padding:0 20px;line-height:1.45;font-size:14px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #3b6ea5;padding-bottom:3px;margin-top:28px}
h3{font-size:15px;margin:18px 0 6px}.sub{color:#555;margin:0 0 14px}
table{border-collapse:collapse;margin:6px 0 12px;font-size:12.5px}th,td{border:1px solid #c8c8c8;padding:3px 6px;
 vertical-align:top;text-align:left}th{background:#eef2f7}td.n{text-align:right;font-variant-numeric:tabular-nums;
 white-space:nowrap}td.k{white-space:nowrap}tr.total td{font-weight:bold;background:#f6f6f6}td.poor{background:#fde7d9}
table.data{font-size:11px}table.data td{max-width:320px;overflow-wrap:anywhere}
.kv th{width:260px}.key{border:1px solid #3b6ea5;background:#f4f7fb;padding:8px 14px;margin:12px 0}
.key .big{font-size:20px;font-weight:bold}
.note{color:#444;font-size:12.5px}.chart{display:block;margin:8px 0 14px;max-width:100%;height:auto}
ul{margin:4px 0 10px}code{font-size:.92em;overflow-wrap:anywhere}
@page{size:A4;margin:14mm}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}.chart,tr{break-inside:avoid}
 table{font-size:10px}table.data{font-size:8.5px}}
"""


def _n(v: Any) -> str:
    """A number for a table: whole above 100, four significant digits below, 0 for round-off noise."""
    if v is None:
        return "–"
    if not isinstance(v, (int, float)):
        return escape(str(v))
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.4g}"


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), cls: str = "",
           total_last: bool = False, poor: dict[int, set[int]] | None = None, keep: set[int] = frozenset()) -> str:
    """Rows are already-escaped HTML cells; columns in ``numeric`` align right, in ``keep`` never wrap."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for i, r in enumerate(rows):
        cells = []
        for j, c in enumerate(r):
            classes = (["n"] if j in numeric else []) + (["k"] if j in keep else []) \
                + (["poor"] if poor and j in poor.get(i, ()) else [])
            cells.append(f"<td class='{' '.join(classes)}'>{c}</td>" if classes else f"<td>{c}</td>")
        attr = " class='total'" if total_last and i == len(rows) - 1 else ""
        body.append(f"<tr{attr}>{''.join(cells)}</tr>")
    return f"<table class='{cls}'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _kv(pairs: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in pairs)
    return f"<table class='kv'>{rows}</table>"


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(str(x))}</li>" for x in items) + "</ul>"


def _product(r: dict, lang: str) -> str:
    p = r["product"]
    pairs = [(i18n.t("name", lang), escape(p["name"])), (i18n.t("powertrain", lang), escape(p["powertrain"])),
             (i18n.t("segment", lang), escape(str(p["segment"] or "–")))]
    if p["battery"]:
        b = p["battery"]
        pairs.append((i18n.t("battery", lang), escape(f"{b['chemistry']}, {b['capacity_kwh']:g} kWh, "
                                                      f"{i18n.t('replacements', lang)}: {b['replacements']}")))
        pairs.append((i18n.t("battery_plant", lang), escape(f"{b['plant']['label']}, {b['plant']['year']}")))
    pairs += [(i18n.t("manufacturing", lang), escape(f"{p['manufacturing']['label']}, {p['manufacturing']['year']}")),
              (i18n.t("use_region", lang), escape(f"{p['use']['label']}, {p['use']['first_year']}")),
              (i18n.t("method", lang), escape(str(p["method"].get("title", p["method"].get("name", "")))))]
    desc = f"<p class='note'>{escape(p['description'])}</p>" if p.get("description") else ""
    return f"<h2>{escape(p['title'])}</h2>{_kv(pairs)}{desc}"


def _goal(r: dict, lang: str) -> str:
    g = r["goal_and_scope"]
    std = _kv([(s["id"], escape(s["title"] + " — " + s["use"])) for s in g["standards"]])
    return (f"<h2>{escape(g['title'])}</h2><p>{escape(g['goal'])}</p>"
            + _kv([(i18n.t("study_type", lang), escape(g["study_type"])),
                   (i18n.t("reference_year", lang), str(g["reference_year"]))])
            + f"<h3>{escape(i18n.t('standards', lang))}</h3>{std}<p class='note'>{escape(g['qc_t_1249'])}</p>")


def _fu(r: dict, lang: str) -> str:
    f = r["functional_unit"]
    return (f"<h2>{escape(f['title'])}</h2>"
            + _kv([(i18n.t("fu_main", lang), escape(f["per_vehicle"])), (i18n.t("fu_alt", lang), escape(f["per_km"])),
                   (i18n.t("lifetime_km", lang), f"{f['lifetime_km']:,.0f} km"),
                   (i18n.t("lifetime_years", lang), f"{f['lifetime_years']:g} a"),
                   (i18n.t("fu_source", lang), escape(f["lifetime_source"]))]))


def _shorten(items: list[str], keep: int = 6) -> list[str]:
    """At most ``keep`` lines: the first ones, an ellipsis with the count left out, the last one."""
    if len(items) <= keep:
        return items
    return [*items[:keep - 2], f"… (+{len(items) - keep + 1})", items[-1]]


def _boundary(r: dict, lang: str) -> str:
    b = r["system_boundary"]
    rows = [[escape(s["label"]), escape(s["included"]), "<br>".join(escape(p) for p in _shorten(s["processes"])) or "–"]
            for s in b["stages"]]
    return (f"<h2>{escape(b['title'])}</h2><p>{escape(b['text'])}</p>"
            + _table([i18n.t("stage", lang), i18n.t("included", lang), i18n.t("processes", lang)], rows)
            + f"<h3>{escape(i18n.t('excluded', lang))}</h3>{_ul(b['excluded'])}")


def _data(r: dict, lang: str) -> str:
    d = r["data_sources"]
    s = d["summary"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out = [f"<h2>{escape(d['title'])}</h2><p class='note'>{escape(d['text'])}</p>",
           f"<h3>{escape(t('dq_summary'))}</h3>"]
    if s.get("values"):
        means = ", ".join(f"{k[:4]}. {v:.2f}" for k, v in s["mean_scores"].items())
        out.append(_kv([(t("values"), f"{s['values']} ({t('parameters')} {s['parameters']}, "
                                      f"{t('activities')} {s['exchanges']})"),
                        (t("verified_share"), f"{s['verified_share']:.0%}"),
                        (t("mean_score"), escape(f"{s['mean_score']:.2f} ({means})")),
                        (t("poor_values"), str(s["values_scored_4_or_5"]))]))
    cols = [t("col_amount"), t("col_unit"), t("col_year"), t("col_geo"), t("col_for"), t("col_source"),
            t("col_tag"), t("col_pedigree")]

    def cells(v: dict) -> list[str]:
        return [_n(v["amount"]), escape(v["unit"]), str(v["year"]), escape(v["geography"]), escape(v["applied_to"]),
                f"[{v['reference']}] {escape(v['locator'])}", escape(v["tag"]), escape(v["pedigree_text"])]

    def poor(rows: list[dict], col: int) -> dict[int, set[int]]:
        return {i: {col} for i, v in enumerate(rows) if v["worst"] >= 4}

    prow = [[f"<code>{escape(v['key'])}</code>"] + cells(v) for v in d["parameters"]]
    out.append(f"<h3>{escape(t('parameters'))}</h3>"
               + _table([t("col_key"), *cols], prow, {1}, "data", poor=poor(d["parameters"], 8), keep={3, 4, 7, 8}))
    erow = [[f"<code>{escape(v['activity'])}</code>", f"<code>{escape(v['target'])}</code>"] + cells(v)
            for v in d["exchanges"]]
    out.append(f"<h3>{escape(t('activities'))}</h3>"
               + _table([t("col_activity"), t("col_input"), *cols], erow, {2}, "data", poor=poor(d["exchanges"], 9),
                        keep={4, 5, 8, 9}))
    frow = [[escape(i18n.stage(x["stage"], lang)), escape(i18n.gas(x["flow"], lang)), _n(x["amount"]),
             escape(x["unit"]), escape(x["basis"])] for x in d["foreground_flows"]]
    out.append(f"<h3>{escape(t('fg_flows'))}</h3>"
               + _table([t("stage"), t("gas"), t("col_amount"), t("col_unit"), t("col_basis")], frow, {2}, "data"))
    inputs = [[f"<code>{escape(x['key'])}</code>", escape(str(x["value"]))] for x in d["spec_inputs"]]
    out.append(f"<h3>{escape(t('inputs'))}</h3>" + _table([t("col_key"), t("col_value")], inputs, cls="data"))
    out.append(f"<p class='note'>{escape(t('references'))}: [n] → {escape(t('appendix_refs'))}</p>")
    return "".join(out)


def _references(r: dict, lang: str) -> str:
    refs = [[f"[{x['id']}]", escape(x["citation"]) + (f"<br><code>{escape(x['url'])}</code>" if x.get("url") else ""),
             escape(x["tag"]), f"<code>{escape(x['file'])}#{escape(x['key'])}</code>"]
            for x in r["data_sources"]["references"]]
    return (f"<h2>{escape(i18n.t('appendix_refs', lang))}</h2>"
            + _table(["", i18n.t("col_source", lang), i18n.t("col_tag", lang), ""], refs, cls="data"))


def _summary(r: dict, lang: str) -> str:
    res = r["results"]
    return (f"<div class='key'><span class='big'>{res['total']:,.0f} {escape(res['unit'])}</span> "
            f"{escape(i18n.t('fu_vehicle', lang))} · <span class='big'>{res['per_km']:,.1f} "
            f"{escape(res['per_km_unit'])}</span> ({res['lifetime_km']:,.0f} km)</div>"
            + svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]], i18n.t("chart_stages", lang)))


def _allocation(r: dict) -> str:
    a = r["allocation"]
    return f"<h2>{escape(a['title'])}</h2>{_ul([*a['rules'], a['end_of_life']['rule']])}"


def _results(r: dict, lang: str) -> str:
    res = r["results"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = [[escape(s["label"]), _n(s["amount"]), f"{s['per_km']:,.1f}", f"{s['share']:.1%}"] for s in res["stages"]]
    rows.append([escape(t("total")), _n(res["total"]), f"{res['per_km']:,.1f}", "100.0%"])
    out = [f"<h2>{escape(res['title'])}</h2>",
           f"<p><b>{res['total']:,.0f} {escape(res['unit'])}</b> / {escape(t('fu_vehicle'))}; "
           f"<b>{res['per_km']:,.1f} {escape(res['per_km_unit'])}</b> ({res['lifetime_km']:,.0f} km)</p>",
           f"<h3>{escape(t('results_by_stage'))}</h3>",
           svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]], t("chart_stages")),
           _table([t("stage"), t("per_vehicle"), t("per_km"), t("share")], rows, {1, 2, 3}, total_last=True),
           f"<h3>{escape(t('results_by_gas'))}</h3>",
           svg.bar_chart([(g["label"], g["impact"]) for g in res["gases"]], t("chart_gases")),
           _table([t("gas"), t("inventory"), t("impact"), t("share")],
                  [[escape(g["label"]), f"{_n(g['inventory'])} {escape(g['unit'])}", _n(g["impact"]),
                    f"{g['share']:.1%}"] for g in res["gases"]], {1, 2, 3})]
    if res["aggregated_co2e_share"] > 0:
        out.append(f"<p class='note'>{escape(t('aggregated_note'))}: {res['aggregated_co2e_share']:.1%}</p>")
    if res["battery_per_kwh"]:
        b = res["battery_per_kwh"]
        out.append(f"<p>{escape(b['label'])}: <b>{b['amount']:,.1f} {escape(b['unit'])}</b> "
                   f"({b['capacity_kwh']:g} kWh)</p>")
    gases = [g["flow"] for g in res["gases"]]
    cell = {(x["stage"], x["flow"]): x["impact"] for x in res["stage_gas"]}
    matrix = [[escape(s["label"])] + [_n(cell[(s["stage"], g)]) if (s["stage"], g) in cell else "–" for g in gases]
              for s in res["stages"]]
    out.append(f"<h3>{escape(t('results_matrix'))}</h3>"
               + _table([t("stage")] + [i18n.gas(g, lang) for g in gases], matrix, set(range(1, len(gases) + 1)),
                        "data"))
    return "".join(out)


def _uncertainty(r: dict, lang: str) -> str:
    u = r["uncertainty"]
    out = [f"<h2>{escape(u['title'])}</h2><p>{escape(u['text'])}</p>"]
    if u["computed"]:
        t = lambda k: i18n.t(k, lang)  # noqa: E731
        out.append(_kv([(t("iterations"), str(u["iterations"])), (t("seed"), str(u["seed"]))]))
        out.append(svg.range_chart([(x["label"], x["p5"], x["median"], x["p95"]) for x in u["rows"]],
                                   t("chart_uncertainty")))
        out.append(_table([t("stage"), t("p5"), t("median"), t("p95")],
                          [[escape(x["label"]), _n(x["p5"]), _n(x["median"]), _n(x["p95"])] for x in u["rows"]],
                          {1, 2, 3}, total_last=True))
    return "".join(out)


def _limitations(r: dict, lang: str) -> str:
    lim = r["limitations"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out = [f"<h2>{escape(lim['title'])}</h2>", _ul(lim["general"])]
    if lim["aggregated_co2e_share"] > 0:
        out.append(f"<p>{escape(t('aggregated_note'))}: {lim['aggregated_co2e_share']:.1%}</p>")
    out.append(f"<p>{escape(t('poor_values'))}: {lim['values_scored_4_or_5']}</p>")
    out.append(f"<h3>{escape(t('notes'))}</h3>" + (_ul(lim["notes"]) if lim["notes"] else f"<p>{t('none')}</p>"))
    out.append(f"<h3>{escape(t('assumptions'))}</h3>"
               + _table([t("col_key"), t("col_value")],
                        [[f"<code>{escape(k)}</code>", escape(v)] for k, v in lim["assumptions"].items()], cls="data"))
    out.append(f"<p class='note'>{escape(lim['qc_t_1249'])}</p>")
    return "".join(out)


def _provenance(r: dict, lang: str) -> str:
    p = r["provenance"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    inp = p.get("input", {})
    meth = p.get("method", {})
    pairs = [(t("input_file"), f"<code>{escape(str(inp.get('file')))}</code>"),
             (t("input_sha"), f"<code>{escape(str(inp.get('sha256')))}</code>"),
             (t("method"), escape(f"{meth.get('name')} {meth.get('version')} ({meth.get('sha256', '')[:16]})")),
             (t("data_sha"), f"<code>{escape(str(p.get('data', {}).get('sha256')))}</code>"),
             (t("spec_key"), f"<code>{escape(str(p.get('spec_key')))}</code>"),
             (t("software"), escape(", ".join(f"{k} {v}" for k, v in p.get("software", {}).items())))]
    files = [[f"<code>{escape(k)}</code>", escape(v["version"]), f"<code>{escape(v['sha256'][:16])}</code>"]
             for k, v in p.get("data", {}).get("files", {}).items()]
    return (f"<h2>{escape(p['title'])}</h2>{_kv(pairs)}<h3>{escape(t('data_files'))}</h3>"
            + _table(["", "version", "sha256"], files, cls="data"))


def render_html(r: dict[str, Any]) -> str:
    """One self-contained HTML page (UTF-8)."""
    lang = r["lang"]
    body = [f"<h1>{escape(r['title'])}</h1><p class='sub'>{escape(r['subtitle'])}</p>", _summary(r, lang),
            _product(r, lang), _goal(r, lang), _fu(r, lang), _boundary(r, lang), _data(r, lang), _allocation(r),
            _results(r, lang), _uncertainty(r, lang), _limitations(r, lang), _provenance(r, lang),
            _references(r, lang)]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f"<!DOCTYPE html><html lang='{html_lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(r['title'])} — {escape(r['product']['name'])}</title><style>{CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")
