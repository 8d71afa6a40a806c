"""Render a plant's footprint (table | json | csv) and an audit (table | json | md | html).

HTML is one self-contained file: inline CSS, no scripts, no network.
"""

from __future__ import annotations

import dataclasses
import html
import io
import json

import pandas as pd

from carbonev.factory.result import PlantResult
from carbonev.factory.scoring import Audit, _fmt


def _table(rows: list[list[str]], header: list[str], right_from: int = 1) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i >= right_from else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def _t(kg: float) -> str:
    return f"{kg / 1000:,.1f}"


# ------------------------------------------------------------------ footprint
def footprint_dict(res: PlantResult) -> dict:
    acc, f, bal = res.account, res.factory, res.account.electricity
    cat = acc.catalog
    return {
        "plant": f.name, "site": f.site.name, "region": f.region,
        "period": [str(f.period.start), str(f.period.end)], "method": acc.method,
        "unit": "kg CO2e",
        "totals": acc.totals,
        "electricity_kwh": {"consumed": bal.consumed, "grid": bal.grid, "onsite_pv_self_consumed": bal.pv_self,
                            "renewable_claimed": bal.renewable, "not_counted_without_evidence": bal.not_counted},
        "factors_kg_per_kwh": {"location": acc.location_factor, "residual": acc.residual_factor},
        "sources": json.loads(acc.rows.to_json(orient="records")),
        "allocation": {"rule": res.allocation.rule, "basis": res.allocation.basis},
        "per_unit": json.loads(res.allocation.per_unit.to_json(orient="records")),
        "metrics": {k: {"value": m.value, "unit": m.unit} for k, m in res.metrics.items()
                    if not k.startswith("evidence.")},
        "notes": acc.notes,
        "provenance": {"input": {"file": res.file, "sha256": res.sha256},
                       "data_sha256": cat.sha256 if cat else None},
    }


def render_footprint(res: PlantResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(footprint_dict(res), indent=2, ensure_ascii=False, default=str) + "\n"
    acc, f = res.account, res.factory
    tot = acc.totals
    if fmt == "csv":
        rows = [{"product": "(plant)", "item": k, "amount": v, "unit": "kg CO2e"} for k, v in tot.items()]
        for r in res.allocation.per_unit.to_dict("records"):
            for k in ("scope1", "scope2_location", "scope2_market", "scope3", "scope12_market"):
                rows.append({"product": r["product"], "item": k, "amount": r[k], "unit": f"kg CO2e/{r['unit']}"})
            rows.append({"product": r["product"], "item": "electricity", "amount": r["electricity_kwh"],
                         "unit": f"kWh/{r['unit']}"})
            rows.append({"product": r["product"], "item": "heat_and_fuels", "amount": r["heat_mj"],
                         "unit": f"MJ/{r['unit']}"})
        buf = io.StringIO()
        pd.DataFrame(rows).to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue()
    bal = acc.electricity
    out = [f"{f.name} — {f.site.name}, {f.region}, {f.period.start} to {f.period.end}; method {acc.method}", "",
           _table([["Scope 1", _t(tot["scope1"])],
                   ["Scope 2, location-based", _t(tot["scope2_location"])],
                   ["Scope 2, market-based", _t(tot["scope2_market"])],
                   ["Scope 3 (counted)", _t(tot["scope3"])],
                   ["Scope 1 + 2, market-based", _t(tot["scope12_market"])],
                   ["Credits retired (not netted)", _t(tot["credits"])]], ["Plant total", "t CO2e"]),
           "",
           f"Electricity: {bal.consumed / 1000:,.0f} MWh used, {bal.grid / 1000:,.0f} MWh from the grid, "
           f"{bal.renewable / 1000:,.0f} MWh claimed renewable ({100 * bal.renewable / bal.consumed:.1f} %)"
           if bal.consumed else "Electricity: none", "",
           _table([[r.source[:58], f"{r.scope}{'' if r.basis == 'both' else ' ' + r.basis[:3]}",
                    f"{r.activity:,.4g} {r.activity_unit}", f"{r.factor:.4g}", _t(r.co2e), r.reference[:44]]
                   for r in acc.rows.itertuples()],
                  ["Source", "Scope", "Activity", "kg CO2e/unit", "t CO2e", "Factor"], right_from=1),
           "", f"Per unit (allocation: {res.allocation.rule}):", "",
           _table([[r["product"], r["unit"], f"{r['quantity']:,.0f}", f"{r['scope1']:,.2f}",
                    f"{r['scope2_location']:,.2f}", f"{r['scope2_market']:,.2f}", f"{r['scope3']:,.1f}",
                    f"{r['electricity_kwh']:,.1f}", f"{r['heat_mj']:,.1f}"]
                   for r in res.allocation.per_unit.to_dict("records")],
                  ["Product", "unit", "made", "S1 kg/u", "S2 loc kg/u", "S2 mkt kg/u", "S3 kg/u", "kWh/u", "MJ/u"])]
    out += ["", "Allocation:"] + [f"  {k}: {v}" for k, v in res.allocation.basis.items()]
    if acc.notes:
        out += ["", "Notes:"] + [f"  {n}" for n in acc.notes]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ audit
def _range(r) -> str:
    if r.scoring == "boolean":
        return "yes"
    return f"{_fmt(r.baseline)} → {_fmt(r.leading)}"


def _indicator_rows(a: Audit) -> list[list[str]]:
    return [[r.id, r.name, _fmt(r.measured), r.unit, _range(r), f"{r.points:.1f} / {r.max_points:.1f}", r.status]
            for r in a.indicators]


IND_HEADER = ["Indicator", "name", "measured", "unit", "baseline → leading", "points", "status"]


def audit_dict(a: Audit, res: PlantResult) -> dict:
    d = dataclasses.asdict(a)
    d["plant"] = {"name": res.factory.name, "file": res.file, "sha256": res.sha256}
    return d


def render_audit(a: Audit, res: PlantResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(audit_dict(a, res), indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "html":
        return _html(a, res)
    md = fmt == "md"
    head = f"{res.factory.name} — {a.title} ({a.rule_set} {a.version})"
    lines = [f"# {head}" if md else head, "",
             f"**Verdict: {a.verdict}** — score {a.score:.1f} / {a.scale:g}" if md
             else f"Verdict: {a.verdict}    Score: {a.score:.1f} / {a.scale:g}", ""]
    sec = (lambda t: [f"## {t}", ""]) if md else (lambda t: [t])
    lines += sec("Prerequisites (must pass; any failure vetoes every grade)")
    for p in a.prerequisites:
        mark = "pass" if p.passed else "FAIL"
        lines.append(f"- [{mark}] {p.name} ({p.locator})" if md else f"  [{mark}] {p.name} ({p.locator})")
        lines += [f"    - {c.text}" if md else f"         {c.text}" for c in p.checks if not p.passed]
    if not a.prerequisites:
        lines.append("  (none)")
    lines.append("")
    if a.indicators:
        lines += sec("Indicators")
        lines.append(_md_table(_indicator_rows(a), IND_HEADER) if md else _table(_indicator_rows(a), IND_HEADER, 2))
        lines.append("")
    lines += sec("Grades")
    grade_rows = [[g.name, "—" if g.min_score is None else f"{g.min_score:g}", "yes" if g.reached else "no",
                   "; ".join(c.text for c in g.unmet) or "—"] for g in a.grades]
    lines.append(_md_table(grade_rows, ["Grade", "min score", "reached", "unmet requirements"]) if md
                 else _table(grade_rows, ["Grade", "min score", "reached", "unmet requirements"], 1))
    lines.append("")
    lines += sec("Missing evidence")
    lines += [f"- {m}" if md else f"  {m}" for m in a.missing_evidence] or ["  none"]
    lines.append("")
    if a.next_grade:
        name = next(g.name for g in a.grades if g.id == a.next_grade)
        lines += sec(f"Smallest changes to reach '{name}' (each alone, other things equal)")
        lines += [f"- {c.text}" if md else f"  - {c.text}" for c in a.changes] or ["  none needed"]
        lines.append("")
    if a.notes:
        lines += sec("Notes")
        lines += [f"- {n}" if md else f"  {n}" for n in a.notes]
    return "\n".join(lines).rstrip() + "\n"


def _md_table(rows: list[list[str]], header: list[str]) -> str:
    esc = [[str(c).replace("|", "\\|") for c in r] for r in rows]
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
                      *("| " + " | ".join(r) + " |" for r in esc)])


CSS = """body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
th{background:#f3f3f3}.pass{color:#176317;font-weight:bold}.fail{color:#a31515;font-weight:bold}
.verdict{font-size:1.3em;padding:.5em;border:2px solid #888;display:inline-block}"""


def _html(a: Audit, res: PlantResult) -> str:
    e = html.escape

    def table(rows: list[list[str]], header: list[str]) -> str:
        head = "".join(f"<th>{e(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><tr>{head}</tr>{body}</table>"

    parts = [f"<h1>{e(res.factory.name)}</h1>",
             f"<p>{e(a.title)} ({e(a.rule_set)} {e(a.version)})</p>",
             f"<p class='verdict'>Verdict: {e(a.verdict)} — score {a.score:.1f} / {a.scale:g}</p>",
             "<h2>Prerequisites</h2><ul>"]
    for p in a.prerequisites:
        cls, mark = ("pass", "pass") if p.passed else ("fail", "FAIL")
        detail = "".join(f"<li>{e(c.text)}</li>" for c in p.checks if not p.passed)
        parts.append(f"<li><span class='{cls}'>{mark}</span> {e(p.name)} ({e(p.locator)})"
                     + (f"<ul>{detail}</ul>" if detail else "") + "</li>")
    parts.append("</ul>")
    if a.indicators:
        parts += ["<h2>Indicators</h2>", table(_indicator_rows(a), IND_HEADER)]
    parts += ["<h2>Grades</h2>", table([[g.name, "—" if g.min_score is None else f"{g.min_score:g}",
                                         "yes" if g.reached else "no", "; ".join(c.text for c in g.unmet) or "—"]
                                        for g in a.grades], ["Grade", "min score", "reached", "unmet requirements"])]
    parts += ["<h2>Missing evidence</h2><ul>", *(f"<li>{e(m)}</li>" for m in a.missing_evidence or ["none"]), "</ul>"]
    if a.next_grade:
        parts += ["<h2>Smallest changes to reach the next grade</h2><ul>",
                  *(f"<li>{e(c.text)}</li>" for c in a.changes or []), "</ul>"]
    if a.notes:
        parts += ["<h2>Notes</h2><ul>", *(f"<li>{e(n)}</li>" for n in a.notes), "</ul>"]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{e(res.factory.name)} — {e(a.rule_set)}</title><style>{CSS}</style></head><body>"
            + "".join(parts) + "</body></html>\n")
