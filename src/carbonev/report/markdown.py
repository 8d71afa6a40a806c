"""The product report as Markdown (tables, no charts), from the dict of ``build_report``."""

from __future__ import annotations

from typing import Any

from carbonev.report import i18n


def _cell(v: Any) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _n(v: float) -> str:
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.4g}"


def render_markdown(r: dict[str, Any]) -> str:
    lang = r["lang"]
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    p, g, f = r["product"], r["goal_and_scope"], r["functional_unit"]
    b, d, res = r["system_boundary"], r["data_sources"], r["results"]
    out = [f"# {r['title']}", "", f"_{r['subtitle']}_", "", f"## {p['title']}", "",
           _table(["", ""], [[t("name"), p["name"]], [t("powertrain"), p["powertrain"]],
                             [t("segment"), p["segment"] or "–"],
                             [t("manufacturing"), f"{p['manufacturing']['label']}, {p['manufacturing']['year']}"],
                             [t("use_region"), f"{p['use']['label']}, {p['use']['first_year']}"],
                             [t("method"), p["method"].get("title", "")]]),
           "", f"## {g['title']}", "", g["goal"], "", f"- {t('study_type')}: {g['study_type']}",
           f"- {t('reference_year')}: {g['reference_year']}"]
    out += [f"- {s['id']}: {s['title']} — {s['use']}" for s in g["standards"]]
    out += ["", f"> {g['qc_t_1249']}", "", f"## {f['title']}", "",
            f"- {t('fu_main')}: {f['per_vehicle']} ({f['lifetime_km']:,.0f} km, {f['lifetime_years']:g} a)",
            f"- {t('fu_alt')}: {f['per_km']}", f"- {t('fu_source')}: {f['lifetime_source']}",
            "", f"## {b['title']}", "", b["text"], "",
            _table([t("stage"), t("included"), t("processes")],
                   [[s["label"], s["included"], "; ".join(s["processes"]) or "–"] for s in b["stages"]]),
            "", f"**{t('excluded')}**", ""] + [f"- {x}" for x in b["excluded"]]
    s = d["summary"]
    out += ["", f"## {d['title']}", "", d["text"], ""]
    if s.get("values"):
        out += [f"- {t('values')}: {s['values']}", f"- {t('verified_share')}: {s['verified_share']:.0%}",
                f"- {t('mean_score')}: {s['mean_score']:.2f}", f"- {t('poor_values')}: {s['values_scored_4_or_5']}"]
    cols = [t("col_amount"), t("col_unit"), t("col_year"), t("col_geo"), t("col_for"), t("col_source"),
            t("col_tag"), t("col_pedigree")]

    def cells(v: dict) -> list:
        return [_n(v["amount"]), v["unit"], v["year"], v["geography"], v["applied_to"],
                f"[{v['reference']}] {v['locator']}", v["tag"], v["pedigree_text"]]

    out += ["", f"### {t('parameters')}", "", _table([t("col_key"), *cols],
                                                     [[f"`{v['key']}`", *cells(v)] for v in d["parameters"]]),
            "", f"### {t('activities')}", "",
            _table([t("col_activity"), t("col_input"), *cols],
                   [[f"`{v['activity']}`", f"`{v['target']}`", *cells(v)] for v in d["exchanges"]]),
            "", f"### {t('fg_flows')}", "",
            _table([t("stage"), t("gas"), t("col_amount"), t("col_unit"), t("col_basis")],
                   [[i18n.stage(x["stage"], lang), i18n.gas(x["flow"], lang), _n(x["amount"]), x["unit"], x["basis"]]
                    for x in d["foreground_flows"]]),
            "", f"### {t('inputs')}", "", _table([t("col_key"), t("col_value")],
                                                 [[f"`{x['key']}`", x["value"]] for x in d["spec_inputs"]]),
            "", f"### {t('references')}", ""]
    out += [f"{x['id']}. {x['citation']}" + (f" <{x['url']}>" if x.get("url") else "") + f" ({x['tag']})"
            for x in d["references"]]
    a = r["allocation"]
    out += ["", f"## {a['title']}", ""] + [f"- {x}" for x in [*a["rules"], a["end_of_life"]["rule"]]]
    rows = [[x["label"], _n(x["amount"]), f"{x['per_km']:,.1f}", f"{x['share']:.1%}"] for x in res["stages"]]
    rows.append([f"**{t('total')}**", f"**{_n(res['total'])}**", f"**{res['per_km']:,.1f}**", "100.0%"])
    out += ["", f"## {res['title']}", "", f"### {t('results_by_stage')}", "",
            _table([t("stage"), t("per_vehicle"), t("per_km"), t("share")], rows),
            "", f"### {t('results_by_gas')}", "",
            _table([t("gas"), t("inventory"), t("impact"), t("share")],
                   [[x["label"], f"{_n(x['inventory'])} {x['unit']}", _n(x["impact"]), f"{x['share']:.1%}"]
                    for x in res["gases"]])]
    if res["battery_per_kwh"]:
        bk = res["battery_per_kwh"]
        out += ["", f"{bk['label']}: **{bk['amount']:,.1f} {bk['unit']}**"]
    u = r["uncertainty"]
    out += ["", f"## {u['title']}", "", u["text"]]
    if u["computed"]:
        out += ["", f"{t('iterations')}: {u['iterations']}, {t('seed')}: {u['seed']}", "",
                _table([t("stage"), t("p5"), t("median"), t("p95")],
                       [[x["label"], _n(x["p5"]), _n(x["median"]), _n(x["p95"])] for x in u["rows"]])]
    lim = r["limitations"]
    out += ["", f"## {lim['title']}", ""] + [f"- {x}" for x in lim["general"]]
    if lim["aggregated_co2e_share"] > 0:
        out.append(f"- {t('aggregated_note')}: {lim['aggregated_co2e_share']:.1%}")
    out += ["", f"**{t('notes')}**", ""] + ([f"- {x}" for x in lim["notes"]] or [f"- {t('none')}"])
    out += ["", f"**{t('assumptions')}**", ""] + [f"- `{k}`: {v}" for k, v in lim["assumptions"].items()]
    pv = r["provenance"]
    inp, meth = pv.get("input", {}), pv.get("method", {})
    out += ["", f"## {pv['title']}", "", f"- {t('input_file')}: `{inp.get('file')}`",
            f"- {t('input_sha')}: `{inp.get('sha256')}`", f"- {t('method')}: {meth.get('name')} {meth.get('version')}",
            f"- {t('data_sha')}: `{pv.get('data', {}).get('sha256')}`",
            f"- {t('software')}: " + ", ".join(f"{k} {v}" for k, v in pv.get("software", {}).items())]
    return "\n".join(out) + "\n"
