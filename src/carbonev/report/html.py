"""The product report as one self-contained HTML page: inline CSS and SVG, no script, no network.

Reads the dict of :func:`carbonev.report.product_report.build_report`; prints to PDF legibly
(A4, tables kept together where they fit, charts never split). Every field passes through
:mod:`carbonev.report.escape` (``tag`` escapes children and attributes), so no text from a spec,
a data file or an info file can inject markup.
"""

from __future__ import annotations

from typing import Any

from carbonev.report import i18n, svg
from carbonev.report.escape import Html, join, raw, tag, void

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
.key .big{font-size:20px;font-weight:bold}.warn{color:#a31515}
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
        return str(v)
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.4g}"


def _table(header: list[Any], rows: list[list[Any]], numeric: set[int] = frozenset(), cls: str | None = None,
           total_last: bool = False, poor: dict[int, set[int]] | None = None, keep: set[int] = frozenset()) -> Html:
    """Every cell through :func:`html` (an :class:`Html` cell is kept); ``numeric`` columns align right,
    ``keep`` columns never wrap."""
    body = []
    for i, r in enumerate(rows):
        cells = []
        for j, c in enumerate(r):
            classes = (["n"] if j in numeric else []) + (["k"] if j in keep else []) \
                + (["poor"] if poor and j in poor.get(i, ()) else [])
            cells.append(tag("td", c, cls=" ".join(classes) or None))
        body.append(tag("tr", *cells, cls="total" if total_last and i == len(rows) - 1 else None))
    return tag("table", tag("thead", tag("tr", *(tag("th", h) for h in header))), tag("tbody", *body), cls=cls)


def _kv(pairs: list[tuple[Any, Any]]) -> Html:
    return tag("table", *(tag("tr", tag("th", k), tag("td", v)) for k, v in pairs), cls="kv")


def _ul(items: list[Any]) -> Html:
    return tag("ul", *(tag("li", x) for x in items))


def _code(text: Any) -> Html:
    return tag("code", text)


def _study(r: dict, lang: str) -> Html:
    s = r["study"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    if not s["given"]:
        return join([tag("h2", s["title"]), tag("p", s["text"], cls="warn")])

    def party(p: dict) -> str:
        return ", ".join(x for x in (p["name"], p.get("organisation"), p.get("contact")) if x)

    pairs = [(t("report_id"), s["report_id"] or t("not_stated")), (t("commissioner"), party(s["commissioner"])),
             (t("practitioner"), party(s["practitioner"])), (t("report_date"), s["report_date"]),
             (t("data_period"), s["data_period"] or t("not_stated")), (t("validity"), s["validity"] or t("not_stated"))]
    return join([tag("h2", s["title"]), _kv(pairs), _ul(s["notes"]) if s["notes"] else ""])


def _product(r: dict, lang: str) -> Html:
    p = r["product"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    pairs = [(t("name"), p["name"]), (t("powertrain"), p["powertrain"]), (t("segment"), p["segment"] or "–")]
    if p["battery"]:
        b = p["battery"]
        pairs.append((t("battery"), f"{b['chemistry']}, {b['capacity_kwh']:g} kWh, {t('replacements')}: "
                                    f"{b['replacements']}"))
        pairs.append((t("battery_plant"), f"{b['plant']['label']}, {b['plant']['year']}"))
    pairs += [(t("manufacturing"), f"{p['manufacturing']['label']}, {p['manufacturing']['year']}"),
              (t("use_region"), f"{p['use']['label']}, {p['use']['first_year']}"),
              (t("method"), p["method"].get("title", p["method"].get("name", "")))]
    desc = tag("p", p["description"], cls="note") if p.get("description") else ""
    return join([tag("h2", p["title"]), _kv(pairs), desc])


def _goal(r: dict, lang: str) -> Html:
    g = r["goal_and_scope"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    goal = [(t("intended_application"), g["goal"]), (t("reasons"), g["reasons"] or t("not_stated")),
            (t("audience"), g["audience"] or t("not_stated")),
            (t("public_comparison"), t("yes") if g["public_comparison"] else t("no")),
            (t("study_type"), g["study_type"]), (t("reference_year"), str(g["reference_year"])),
            (t("data_period"), g["data_period"] or t("not_stated")), (t("validity"), g["validity"] or t("not_stated"))]
    std = _kv([(s["id"], f"{s['title']} — {s['use']}") for s in g["standards"]])
    return join([tag("h2", g["title"]), _kv(goal), tag("h3", t("standards")), std,
                 tag("p", g["qc_t_1249"], cls="note")])


def _fu(r: dict, lang: str) -> Html:
    f = r["functional_unit"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return join([tag("h2", f["title"]),
                 _kv([(t("fu_main"), f["per_vehicle"]), (t("fu_alt"), f["per_km"]),
                      (t("reference_flow"), f["reference_flow"]), (t("lifetime_km"), f"{f['lifetime_km']:,.0f} km"),
                      (t("lifetime_years"), f"{f['lifetime_years']:g} a"), (t("fu_source"), f["lifetime_source"])])])


def _shorten(items: list[str], keep: int = 6) -> list[str]:
    """At most ``keep`` lines: the first ones, an ellipsis with the count left out, the last one."""
    if len(items) <= keep:
        return items
    return [*items[:keep - 2], f"… (+{len(items) - keep + 1})", items[-1]]


def _boundary(r: dict, lang: str) -> Html:
    b = r["system_boundary"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = [[s["label"], s["included"], join(_shorten(s["processes"]), "<br>") or "–"] for s in b["stages"]]
    return join([tag("h2", b["title"]), tag("p", b["text"]),
                 _table([t("stage"), t("included"), t("processes")], rows),
                 tag("h3", t("excluded")), _ul(b["excluded"]),
                 tag("h3", b["cut_offs"]["title"]), _ul(b["cut_offs"]["rules"])])


def _ghgs(r: dict, lang: str) -> Html:
    g = r["ghgs"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = [[x["label"], _n(x["factor"]), x["unit"], x["locator"], t("yes") if x["emitted"] else t("no")]
            for x in g["gases"]]
    return join([tag("h2", g["title"]), tag("p", f"{g['method']}. {g['text']}", cls="note"),
                 _table([t("gas"), t("col_factor"), t("col_unit"), t("col_source"), t("col_emitted")], rows, {1},
                        "data")])


def _data(r: dict, lang: str) -> Html:
    d = r["data_sources"]
    s = d["summary"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out: list[Any] = [tag("h2", d["title"]), tag("p", d["text"], cls="note"), tag("h3", t("dq_summary"))]
    if s.get("values"):
        means = ", ".join(f"{k[:4]}. {v:.2f}" for k, v in s["mean_scores"].items())
        out.append(_kv([(t("values"), f"{s['values']} ({t('parameters')} {s['parameters']}, "
                                      f"{t('activities')} {s['exchanges']})"),
                        (t("verified_share"), f"{s['verified_share']:.0%}"),
                        (t("mean_score"), f"{s['mean_score']:.2f} ({means})"),
                        (t("poor_values"), str(s["values_scored_4_or_5"]))]))
    cols = [t("col_amount"), t("col_unit"), t("col_year"), t("col_geo"), t("col_for"), t("col_source"),
            t("col_tag"), t("col_pedigree")]

    def cells(v: dict) -> list[Any]:
        return [_n(v["amount"]), v["unit"], str(v["year"]), v["geography"], v["applied_to"],
                f"[{v['reference']}] {v['locator']}", v["tag"], v["pedigree_text"]]

    def poor(rows: list[dict], col: int) -> dict[int, set[int]]:
        return {i: {col} for i, v in enumerate(rows) if v["worst"] >= 4}

    prow = [[_code(v["key"]), *cells(v)] for v in d["parameters"]]
    out += [tag("h3", t("parameters")),
            _table([t("col_key"), *cols], prow, {1}, "data", poor=poor(d["parameters"], 8), keep={3, 4, 7, 8})]
    erow = [[_code(v["activity"]), _code(v["target"]), *cells(v)] for v in d["exchanges"]]
    out += [tag("h3", t("activities")),
            _table([t("col_activity"), t("col_input"), *cols], erow, {2}, "data", poor=poor(d["exchanges"], 9),
                   keep={4, 5, 8, 9})]
    frow = [[i18n.stage(x["stage"], lang), i18n.gas(x["flow"], lang), _n(x["amount"]), x["unit"], x["basis"]]
            for x in d["foreground_flows"]]
    out += [tag("h3", t("fg_flows")),
            _table([t("stage"), t("gas"), t("col_amount"), t("col_unit"), t("col_basis")], frow, {2}, "data"),
            tag("h3", t("inputs")),
            _table([t("col_key"), t("col_value")], [[_code(x["key"]), str(x["value"])] for x in d["spec_inputs"]],
                   cls="data"),
            tag("p", f"{t('references')}: [n] → {t('appendix_refs')}", cls="note")]
    return join(out)


def _references(r: dict, lang: str) -> Html:
    refs = [[f"[{x['id']}]", join([x["citation"], join([raw("<br>"), _code(x["url"])]) if x.get("url") else ""]),
             x["tag"], _code(f"{x['file']}#{x['key']}")] for x in r["data_sources"]["references"]]
    return join([tag("h2", i18n.t("appendix_refs", lang)),
                 _table(["", i18n.t("col_source", lang), i18n.t("col_tag", lang), ""], refs, cls="data")])


def _summary(r: dict, lang: str) -> Html:
    res = r["results"]
    key = tag("div", tag("span", f"{res['total']:,.0f} {res['unit']}", cls="big"),
              f" {i18n.t('fu_vehicle', lang)} · ", tag("span", f"{res['per_km']:,.1f} {res['per_km_unit']}", cls="big"),
              f" ({res['lifetime_km']:,.0f} km)", cls="key")
    return join([key, raw(svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]],
                                        i18n.t("chart_stages", lang)))])


def _allocation(r: dict) -> Html:
    a = r["allocation"]
    return join([tag("h2", a["title"]), _ul([*a["rules"], a["end_of_life"]["rule"]])])


def _results(r: dict, lang: str) -> Html:
    res = r["results"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = [[s["label"], _n(s["amount"]), f"{s['per_km']:,.1f}", f"{s['share']:.1%}"] for s in res["stages"]]
    rows.append([t("total"), _n(res["total"]), f"{res['per_km']:,.1f}", "100.0%"])
    out: list[Any] = [
        tag("h2", res["title"]),
        tag("p", tag("b", f"{res['total']:,.0f} {res['unit']}"), f" / {t('fu_vehicle')}; ",
            tag("b", f"{res['per_km']:,.1f} {res['per_km_unit']}"), f" ({res['lifetime_km']:,.0f} km)"),
        tag("h3", t("results_by_stage")),
        raw(svg.bar_chart([(s["label"], s["amount"]) for s in res["stages"]], t("chart_stages"))),
        _table([t("stage"), t("per_vehicle"), t("per_km"), t("share")], rows, {1, 2, 3}, total_last=True),
        tag("h3", t("results_by_gas")),
        raw(svg.bar_chart([(g["label"], g["impact"]) for g in res["gases"]], t("chart_gases"))),
        _table([t("gas"), t("inventory"), t("impact"), t("share")],
               [[g["label"], f"{_n(g['inventory'])} {g['unit']}", _n(g["impact"]), f"{g['share']:.1%}"]
                for g in res["gases"]], {1, 2, 3})]
    if res["aggregated_co2e_share"] > 0:
        out.append(tag("p", f"{t('aggregated_note')}: {res['aggregated_co2e_share']:.1%}", cls="note"))
    if res["battery_per_kwh"]:
        b = res["battery_per_kwh"]
        out.append(tag("p", f"{b['label']}: ", tag("b", f"{b['amount']:,.1f} {b['unit']}"),
                       f" ({b['capacity_kwh']:g} kWh)"))
    gases = [g["flow"] for g in res["gases"]]
    cell = {(x["stage"], x["flow"]): x["impact"] for x in res["stage_gas"]}
    matrix = [[s["label"]] + [_n(cell[(s["stage"], g)]) if (s["stage"], g) in cell else "–" for g in gases]
              for s in res["stages"]]
    out += [tag("h3", t("results_matrix")),
            _table([t("stage")] + [i18n.gas(g, lang) for g in gases], matrix, set(range(1, len(gases) + 1)), "data")]
    split = res["carbon_split"]
    out += [tag("h3", t("results_split")),
            _table([t("gas"), t("impact"), t("share")],
                   [[x["label"], _n(x["impact"]), f"{x['share']:.1%}"] for x in split["rows"]], {1, 2}),
            tag("p", f"{t('split_biogenic_co2')}: {_n(split['biogenic_co2_kg'])}", cls="note"),
            tag("p", split["not_assessed"], cls="note")]
    return join(out)


def _sensitivity(r: dict, lang: str) -> Html:
    s = r["sensitivity"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out: list[Any] = [tag("h2", s["title"]), tag("p", s["text"])]
    if s["computed"] and s["tornado"]:
        rows = s["tornado"]
        out.append(_kv([(t("iterations"), str(s["iterations"])), (t("seed"), str(s["seed"]))]))
        out.append(raw(svg.tornado_chart([(x["label"], x["output_low"], x["output_high"]) for x in rows],
                                         rows[0]["base"], t("chart_tornado"))))
        out.append(_table([t("col_input_name"), t("col_low"), t("col_high"), t("col_out_low"), t("col_out_high"),
                           t("col_swing")],
                          [[x["label"], _n(x["low_value"]), _n(x["high_value"]), _n(x["output_low"]),
                            _n(x["output_high"]), f"{x['swing_share']:.1%}"] for x in rows], {1, 2, 3, 4, 5}, "data"))
    if s["scenarios"]:
        out += [tag("h3", t("scenarios")),
                _table([t("col_scenario"), t("per_vehicle"), t("per_km"), t("col_change"), t("col_change_km")],
                       [[x["label"], _n(x["total"]), f"{x['per_km']:,.1f}", f"{x['change']:+.1%}",
                         f"{x['change_per_km']:+.1%}"] for x in s["scenarios"]], {1, 2, 3, 4})]
    return join(out)


def _uncertainty(r: dict, lang: str) -> Html:
    u = r["uncertainty"]
    out: list[Any] = [tag("h2", u["title"]), tag("p", u["text"])]
    if u["computed"]:
        t = lambda k: i18n.t(k, lang)  # noqa: E731
        out.append(_kv([(t("iterations"), str(u["iterations"])), (t("seed"), str(u["seed"]))]))
        out.append(raw(svg.range_chart([(x["label"], x["p5"], x["median"], x["p95"]) for x in u["rows"]],
                                       t("chart_uncertainty"))))
        out.append(_table([t("stage"), t("p5"), t("median"), t("p95")],
                          [[x["label"], _n(x["p5"]), _n(x["median"]), _n(x["p95"])] for x in u["rows"]],
                          {1, 2, 3}, total_last=True))
    return join(out)


def _interpretation(r: dict, lang: str) -> Html:
    i = r["interpretation"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return join([tag("h2", i["title"]),
                 tag("h3", t("significant_issues")), _ul(i["significant_issues"]),
                 tag("h3", t("completeness")), _ul(i["completeness"]),
                 tag("h3", t("consistency")), _ul(i["consistency"]),
                 tag("h3", t("conclusions")), _ul(i["conclusions"])])


def _limitations(r: dict, lang: str) -> Html:
    lim = r["limitations"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out: list[Any] = [tag("h2", lim["title"]), _ul(lim["general"])]
    if lim["aggregated_co2e_share"] > 0:
        out.append(tag("p", f"{t('aggregated_note')}: {lim['aggregated_co2e_share']:.1%}"))
    out.append(tag("p", f"{t('poor_values')}: {lim['values_scored_4_or_5']}"))
    out.append(tag("h3", t("notes")))
    out.append(_ul(lim["notes"]) if lim["notes"] else tag("p", t("none")))
    out += [tag("h3", t("assumptions")),
            _table([t("col_key"), t("col_value")], [[_code(k), v] for k, v in lim["assumptions"].items()], cls="data"),
            tag("p", lim["qc_t_1249"], cls="note")]
    return join(out)


def _review(r: dict, lang: str) -> Html:
    c = r["critical_review"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out: list[Any] = [tag("h2", c["title"]), tag("p", c["text"])]
    if c.get("warning"):
        out.append(tag("p", c["warning"], cls="warn"))
    if c["performed"]:
        out.append(_kv([(t("reviewer"), c["reviewer"] or t("not_stated")),
                        (t("review_kind"), c["kind"] or t("not_stated")),
                        (t("review_date"), c["date"] or t("not_stated")),
                        (t("statement"), c["statement"] or t("not_stated"))]))
    return join(out)


def _provenance(r: dict, lang: str) -> Html:
    p = r["provenance"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    inp = p.get("input", {})
    meth = p.get("method", {})
    pairs = [(t("input_file"), _code(inp.get("file"))), (t("input_sha"), _code(inp.get("sha256"))),
             (t("method"), f"{meth.get('name')} {meth.get('version')} ({meth.get('sha256', '')[:16]})"),
             (t("data_sha"), _code(p.get("data", {}).get("sha256"))), (t("spec_key"), _code(p.get("spec_key"))),
             (t("software"), ", ".join(f"{k} {v}" for k, v in p.get("software", {}).items()))]
    files = [[_code(k), v["version"], _code(v["sha256"][:16])] for k, v in p.get("data", {}).get("files", {}).items()]
    return join([tag("h2", p["title"]), _kv(pairs), tag("h3", t("data_files")),
                 _table(["", "version", "sha256"], files, cls="data")])


def render_html(r: dict[str, Any]) -> str:
    """One self-contained HTML page (UTF-8)."""
    lang = r["lang"]
    body = [tag("h1", r["title"]), tag("p", r["subtitle"], cls="sub"), _summary(r, lang), _study(r, lang),
            _product(r, lang), _goal(r, lang), _fu(r, lang), _boundary(r, lang), _ghgs(r, lang), _data(r, lang),
            _allocation(r), _results(r, lang), _sensitivity(r, lang), _uncertainty(r, lang),
            _interpretation(r, lang), _limitations(r, lang), _review(r, lang), _provenance(r, lang),
            _references(r, lang)]
    head = join([void("meta", charset="utf-8"),
                 void("meta", name="viewport", content="width=device-width, initial-scale=1"),
                 tag("title", f"{r['title']} — {r['product']['name']}"), tag("style", raw(CSS))])
    page = tag("html", tag("head", head), tag("body", *body), lang="zh-CN" if lang == "zh" else "en")
    return f"<!DOCTYPE html>{page}\n"
