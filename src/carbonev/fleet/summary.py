"""A fleet summary in Chinese or English, as Markdown or self-contained HTML."""

from __future__ import annotations

import html

import pandas as pd

from carbonev.fleet.pipeline import FleetResult

TEXT = {
    "en": {
        "title": "Fleet carbon account",
        "scope": "{vehicles:,.0f} vehicles in {cohorts:,} cohorts; calendar years {start}–{end}; method {method}.",
        "label": "Savings are avoided emissions against a combustion baseline (T/CSAE 235-2021: reduction = "
                 "baseline − project − leakage): a voluntary claim, not CCER and not allowances.",
        "by_year": "By calendar year (kt CO2e; vehicles)",
        "totals": "Totals over the period",
        "assumptions": "Assumptions",
        "inputs": "Inputs (SHA-256)",
        "cols": {"year": "year", "stock_end": "stock (end of year)", "new_registrations": "new",
                 "exits": "leaving", "operation": "operation", "life_cycle": "life cycle",
                 "baseline_operation": "baseline operation", "baseline_life_cycle": "baseline life cycle",
                 "reduction_operation": "saved (operation)", "reduction_life_cycle": "saved (life cycle)"},
        "total_lines": ["operation {operation:,.1f} kt CO2e; life cycle {life_cycle:,.1f} kt CO2e",
                        "saved against the baseline: {reduction_operation:,.1f} kt CO2e (operation only), "
                        "{reduction_life_cycle:,.1f} kt CO2e (life cycle)"],
    },
    "zh": {
        "title": "车队碳排放核算",
        "scope": "共 {vehicles:,.0f} 辆车，{cohorts:,} 个注册批次；核算年份 {start}–{end}；方法 {method}。",
        "label": "减排量为相对燃油车基准情景的避免排放（T/CSAE 235-2021：减排量 = 基准线排放 − 项目排放 − 泄漏），"
                 "属自愿性声明，不是 CCER，也不是配额。",
        "by_year": "分年度结果（千吨 CO2e；辆）",
        "totals": "核算期合计",
        "assumptions": "假设",
        "inputs": "输入文件（SHA-256）",
        "cols": {"year": "年份", "stock_end": "年末保有量", "new_registrations": "新注册", "exits": "退出",
                 "operation": "运行排放", "life_cycle": "全生命周期排放", "baseline_operation": "基准线运行排放",
                 "baseline_life_cycle": "基准线全生命周期排放", "reduction_operation": "减排量（运行）",
                 "reduction_life_cycle": "减排量（全生命周期）"},
        "total_lines": ["运行排放 {operation:,.1f} 千吨 CO2e；全生命周期排放 {life_cycle:,.1f} 千吨 CO2e",
                        "相对基准线减排：{reduction_operation:,.1f} 千吨 CO2e（仅运行），"
                        "{reduction_life_cycle:,.1f} 千吨 CO2e（全生命周期）"],
    },
}
VEHICLE_COLS = ("stock_end", "new_registrations", "exits")


def _table(result: FleetResult, t: dict) -> pd.DataFrame:
    by = result.by_year()
    cols = list(t["cols"])
    out = by[cols].copy()
    for c in cols[1:]:
        out[c] = out[c].map(lambda v, c=c: f"{v:,.0f}" if c in VEHICLE_COLS else f"{v / 1e3:,.1f}")
    return out.rename(columns=t["cols"])


def render(result: FleetResult, lang: str = "en", fmt: str = "md", hashes: dict[str, str] | None = None) -> str:
    """The summary text (``lang`` 'en' or 'zh', ``fmt`` 'md' or 'html')."""
    t = TEXT[lang]
    by = result.by_year()
    totals = {k: by[k].sum() / 1e3 for k in ("operation", "life_cycle", "reduction_operation", "reduction_life_cycle")}
    scope = t["scope"].format(vehicles=result.vehicles, cohorts=result.cohorts, start=int(by["year"].min()),
                              end=int(by["year"].max()), method=result.method)
    sections = [(t["title"], [scope, t["label"]], None), (t["by_year"], [], _table(result, t)),
                (t["totals"], [line.format(**totals) for line in t["total_lines"]], None),
                (t["assumptions"], result.assumptions, None),
                (t["inputs"], [f"{k}: {v}" for k, v in {**(hashes or {}), **result.provenance}.items()], None)]
    return _html(sections, lang) if fmt == "html" else _markdown(sections)


def _markdown(sections) -> str:
    lines = []
    for i, (head, paras, table) in enumerate(sections):
        lines.append(("# " if i == 0 else "## ") + head)
        lines.append("")
        if table is not None:
            lines.append("| " + " | ".join(table.columns) + " |")
            lines.append("|" + "---|" * len(table.columns))
            lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
        elif i in (3, 4):
            lines += [f"- {p}" for p in paras]
        else:
            lines += [p + "\n" for p in paras]
        lines.append("")
    return "\n".join(lines)


def _html(sections, lang: str) -> str:
    e = html.escape
    body = []
    for i, (head, paras, table) in enumerate(sections):
        body.append(f"<h{1 if i == 0 else 2}>{e(head)}</h{1 if i == 0 else 2}>")
        if table is not None:
            body.append(table.to_html(index=False, border=0, escape=True))
        elif i in (3, 4):
            body.append("<ul>" + "".join(f"<li>{e(p)}</li>" for p in paras) + "</ul>")
        else:
            body += [f"<p>{e(p)}</p>" for p in paras]
    style = "body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:collapse}" \
            "td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #ddd}"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(sections[0][0])}</title>'
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n")
