"""The product report as Markdown (tables, no charts), from the dict of ``build_report``.

Every field passes through :mod:`carbonev.report.escape` (``md``, ``table``): raw HTML, ``|`` and
line breaks in names or notes cannot break the page.
"""

from __future__ import annotations

from typing import Any

from carbonev.report import i18n
from carbonev.report.escape import Markdown, bold, code, md, table


def _n(v: float) -> str:
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.4g}"


def _h(level: int, text: Any) -> str:
    return f"{'#' * level} {md(text)}"


def _items(items: list[Any]) -> list[str]:
    return [f"- {md(x)}" for x in items]


def _study(r: dict, t) -> list[str]:
    s = r["study"]
    if not s["given"]:
        return [_h(2, s["title"]), "", md(s["text"])]

    def party(p: dict) -> str:
        return ", ".join(x for x in (p["name"], p.get("organisation"), p.get("contact")) if x)

    rows = [[t("report_id"), s["report_id"] or t("not_stated")], [t("commissioner"), party(s["commissioner"])],
            [t("practitioner"), party(s["practitioner"])], [t("report_date"), s["report_date"]],
            [t("data_period"), s["data_period"] or t("not_stated")], [t("validity"), s["validity"] or t("not_stated")]]
    return [_h(2, s["title"]), "", table(["", ""], rows), *([""] + _items(s["notes"]) if s["notes"] else [])]


def _front(r: dict, t) -> list[str]:
    p, g, f = r["product"], r["goal_and_scope"], r["functional_unit"]
    out = [_h(1, r["title"]), "", Markdown(f"_{md(r['subtitle'])}_"), "", *_study(r, t), "", _h(2, p["title"]), "",
           table(["", ""], [[t("name"), p["name"]], [t("powertrain"), p["powertrain"]],
                            [t("segment"), p["segment"] or "–"],
                            [t("manufacturing"), f"{p['manufacturing']['label']}, {p['manufacturing']['year']}"],
                            [t("use_region"), f"{p['use']['label']}, {p['use']['first_year']}"],
                            [t("method"), p["method"].get("title", "")]]),
           "", _h(2, g["title"]), "",
           table(["", ""], [[t("intended_application"), g["goal"]], [t("reasons"), g["reasons"] or t("not_stated")],
                            [t("audience"), g["audience"] or t("not_stated")],
                            [t("public_comparison"), t("yes") if g["public_comparison"] else t("no")],
                            [t("study_type"), g["study_type"]], [t("reference_year"), g["reference_year"]],
                            [t("data_period"), g["data_period"] or t("not_stated")],
                            [t("validity"), g["validity"] or t("not_stated")]]), ""]
    out += _items([f"{s['id']}: {s['title']} — {s['use']}" for s in g["standards"]])
    out += ["", f"> {md(g['qc_t_1249'])}", "", _h(2, f["title"]), "",
            *_items([f"{t('fu_main')}: {f['per_vehicle']} ({f['lifetime_km']:,.0f} km, {f['lifetime_years']:g} a)",
                     f"{t('fu_alt')}: {f['per_km']}", f"{t('reference_flow')}: {f['reference_flow']}",
                     f"{t('fu_source')}: {f['lifetime_source']}"])]
    return out


def _boundary(r: dict, t) -> list[str]:
    b, g = r["system_boundary"], r["ghgs"]
    return ["", _h(2, b["title"]), "", md(b["text"]), "",
            table([t("stage"), t("included"), t("processes")],
                  [[s["label"], s["included"], "; ".join(s["processes"]) or "–"] for s in b["stages"]]),
            "", bold(t("excluded")), "", *_items(b["excluded"]), "", bold(b["cut_offs"]["title"]), "",
            *_items(b["cut_offs"]["rules"]), "", _h(2, g["title"]), "", md(f"{g['method']}. {g['text']}"), "",
            table([t("gas"), t("col_factor"), t("col_unit"), t("col_source"), t("col_emitted")],
                  [[x["label"], _n(x["factor"]), x["unit"], x["locator"], t("yes") if x["emitted"] else t("no")]
                   for x in g["gases"]], "lrlll")]


def _data(r: dict, lang: str, t) -> list[str]:
    d = r["data_sources"]
    s = d["summary"]
    out = ["", _h(2, d["title"]), "", md(d["text"]), ""]
    if s.get("values"):
        out += _items([f"{t('values')}: {s['values']}", f"{t('verified_share')}: {s['verified_share']:.0%}",
                       f"{t('mean_score')}: {s['mean_score']:.2f}", f"{t('poor_values')}: {s['values_scored_4_or_5']}"])
    cols = [t("col_amount"), t("col_unit"), t("col_year"), t("col_geo"), t("col_for"), t("col_source"),
            t("col_tag"), t("col_pedigree")]

    def cells(v: dict) -> list:
        return [_n(v["amount"]), v["unit"], v["year"], v["geography"], v["applied_to"],
                f"[{v['reference']}] {v['locator']}", v["tag"], v["pedigree_text"]]

    out += ["", _h(3, t("parameters")), "", table([t("col_key"), *cols], [[code(v["key"]), *cells(v)]
                                                                        for v in d["parameters"]]),
            "", _h(3, t("activities")), "",
            table([t("col_activity"), t("col_input"), *cols],
                  [[code(v["activity"]), code(v["target"]), *cells(v)] for v in d["exchanges"]]),
            "", _h(3, t("fg_flows")), "",
            table([t("stage"), t("gas"), t("col_amount"), t("col_unit"), t("col_basis")],
                  [[i18n.stage(x["stage"], lang), i18n.gas(x["flow"], lang), _n(x["amount"]), x["unit"], x["basis"]]
                   for x in d["foreground_flows"]]),
            "", _h(3, t("inputs")), "", table([t("col_key"), t("col_value")],
                                              [[code(x["key"]), x["value"]] for x in d["spec_inputs"]]),
            "", _h(3, t("references")), ""]
    out += [md(f"{x['id']}. {x['citation']}") + (Markdown(f" <{x['url']}>") if _plain_url(x.get("url")) else "")
            + md(f" ({x['tag']})") for x in d["references"]]
    a = r["allocation"]
    out += ["", _h(2, a["title"]), "", *_items([*a["rules"], a["end_of_life"]["rule"]])]
    return out


def _plain_url(url: str | None) -> bool:
    """A URL that is safe inside <…> as a Markdown autolink (no spaces, brackets or quotes)."""
    return bool(url) and url.startswith(("http://", "https://")) and not any(c in url for c in " <>\"'`\n\r|")


def _results(r: dict, t) -> list[str]:
    res = r["results"]
    rows = [[x["label"], _n(x["amount"]), f"{x['per_km']:,.1f}", f"{x['share']:.1%}"] for x in res["stages"]]
    rows.append([bold(t("total")), bold(_n(res["total"])), bold(f"{res['per_km']:,.1f}"), "100.0%"])
    out = ["", _h(2, res["title"]), "", _h(3, t("results_by_stage")), "",
           table([t("stage"), t("per_vehicle"), t("per_km"), t("share")], rows, "lrrr"),
           "", _h(3, t("results_by_gas")), "",
           table([t("gas"), t("inventory"), t("impact"), t("share")],
                 [[x["label"], f"{_n(x['inventory'])} {x['unit']}", _n(x["impact"]), f"{x['share']:.1%}"]
                  for x in res["gases"]], "lrrr")]
    if res["battery_per_kwh"]:
        bk = res["battery_per_kwh"]
        out += ["", md(f"{bk['label']}: ") + bold(f"{bk['amount']:,.1f} {bk['unit']}")]
    split = res["carbon_split"]
    out += ["", _h(3, t("results_split")), "",
            table([t("gas"), t("impact"), t("share")],
                  [[x["label"], _n(x["impact"]), f"{x['share']:.1%}"] for x in split["rows"]], "lrr"),
            "", md(f"{t('split_biogenic_co2')}: {_n(split['biogenic_co2_kg'])}"), "", md(split["not_assessed"])]
    return out


def _sensitivity(r: dict, t) -> list[str]:
    s, u = r["sensitivity"], r["uncertainty"]
    out = ["", _h(2, s["title"]), "", md(s["text"])]
    if s["computed"] and s["tornado"]:
        out += ["", md(f"{t('iterations')}: {s['iterations']}, {t('seed')}: {s['seed']}"), "",
                table([t("col_input_name"), t("col_low"), t("col_high"), t("col_out_low"), t("col_out_high"),
                       t("col_swing")],
                      [[x["label"], _n(x["low_value"]), _n(x["high_value"]), _n(x["output_low"]),
                        _n(x["output_high"]), f"{x['swing_share']:.1%}"] for x in s["tornado"]], "lrrrrr")]
    if s["scenarios"]:
        out += ["", _h(3, t("scenarios")), "",
                table([t("col_scenario"), t("per_vehicle"), t("per_km"), t("col_change"), t("col_change_km")],
                      [[x["label"], _n(x["total"]), f"{x['per_km']:,.1f}", f"{x['change']:+.1%}",
                        f"{x['change_per_km']:+.1%}"] for x in s["scenarios"]], "lrrrr")]
    out += ["", _h(2, u["title"]), "", md(u["text"])]
    if u["computed"]:
        out += ["", md(f"{t('iterations')}: {u['iterations']}, {t('seed')}: {u['seed']}"), "",
                table([t("stage"), t("p5"), t("median"), t("p95")],
                      [[x["label"], _n(x["p5"]), _n(x["median"]), _n(x["p95"])] for x in u["rows"]], "lrrr")]
    return out


def _closing(r: dict, t) -> list[str]:
    i, lim, c = r["interpretation"], r["limitations"], r["critical_review"]
    out = ["", _h(2, i["title"])]
    for key in ("significant_issues", "completeness", "consistency", "conclusions"):
        out += ["", _h(3, t(key)), "", *_items(i[key])]
    out += ["", _h(2, lim["title"]), "", *_items(lim["general"])]
    if lim["aggregated_co2e_share"] > 0:
        out.append(f"- {md(t('aggregated_note'))}: {lim['aggregated_co2e_share']:.1%}")
    out += ["", bold(t("notes")), "", *(_items(lim["notes"]) or [f"- {md(t('none'))}"])]
    out += ["", bold(t("assumptions")), "", *[f"- {code(k)}: {md(v)}" for k, v in lim["assumptions"].items()]]
    out += ["", _h(2, c["title"]), "", md(c["text"])]
    if c.get("warning"):
        out += ["", bold(c["warning"])]
    if c["performed"]:
        out += ["", table(["", ""], [[t("reviewer"), c["reviewer"] or t("not_stated")],
                                     [t("review_kind"), c["kind"] or t("not_stated")],
                                     [t("review_date"), c["date"] or t("not_stated")],
                                     [t("statement"), c["statement"] or t("not_stated")]])]
    pv = r["provenance"]
    inp, meth = pv.get("input", {}), pv.get("method", {})
    out += ["", _h(2, pv["title"]), "", f"- {md(t('input_file'))}: {code(inp.get('file'))}",
            f"- {md(t('input_sha'))}: {code(inp.get('sha256'))}",
            f"- {md(t('method'))}: {md(meth.get('name'))} {md(meth.get('version'))}",
            f"- {md(t('data_sha'))}: {code(pv.get('data', {}).get('sha256'))}",
            f"- {md(t('software'))}: " + md(", ".join(f"{k} {v}" for k, v in pv.get("software", {}).items()))]
    return out


def render_markdown(r: dict[str, Any]) -> str:
    lang = r["lang"]

    def t(key: str) -> Any:
        return i18n.t(key, lang)

    out = [*_front(r, t), *_boundary(r, t), *_data(r, lang, t), *_results(r, t), *_sensitivity(r, t), *_closing(r, t)]
    return "\n".join(str(x) for x in out) + "\n"
