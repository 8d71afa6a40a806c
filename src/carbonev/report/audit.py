"""An audit as text, Markdown or one self-contained HTML page, in English or Chinese.

Names come from the rule set in the chosen language (English where it gives no Chinese);
the engine's sentences (the smallest changes) carry both languages. Markdown and HTML pass
every field through :mod:`carbonev.report.escape`.
"""

from __future__ import annotations

import json

from carbonev.factory.report import audit_dict
from carbonev.factory.result import PlantResult
from carbonev.factory.scoring import Audit, CheckResult, _fmt
from carbonev.report import escape as e
from carbonev.report.footprint import _table

LANGS = ("en", "zh")
_L: dict[str, tuple[str, str]] = {
    "verdict": ("Verdict", "结论"), "score": ("score", "得分"),
    "prereq": ("Prerequisites (must pass; any failure vetoes every grade)",
               "基本要求（须全部满足，任一不满足即一票否决）"),
    "indicators": ("Indicators", "评价指标"), "grades": ("Grades", "等级"),
    "missing": ("Missing evidence", "缺失的证据"),
    "changes": ("Smallest changes to reach '{}' (each alone, other things equal)",
                "达到“{}”所需的最小改变（单独一项，其他不变）"),
    "notes": ("Notes", "说明"), "none": ("none", "无"), "none_needed": ("none needed", "无需改变"),
    "pass": ("pass", "通过"), "fail": ("FAIL", "未通过"), "yes": ("yes", "是"), "no": ("no", "否"),
    "h_ind": ("Indicator", "指标"), "h_name": ("name", "名称"), "h_req": ("requirement", "类型"),
    "h_measured": ("measured", "实测值"), "h_unit": ("unit", "单位"),
    "h_range": ("baseline → leading", "基准值 → 引领值"),
    "h_points": ("points", "得分"), "h_status": ("status", "状态"), "h_grade": ("Grade", "等级"),
    "h_min": ("min score", "最低分"), "h_reached": ("reached", "达到"),
    "h_unmet": ("unmet requirements", "未满足的要求"),
    "mandatory": ("mandatory", "必选"), "optional": ("optional", "可选"),
    "scored": ("scored", "已评分"), "no data": ("no data", "无数据"),
    "missing evidence": ("missing evidence", "缺证据"),
    "not_qualified": ("not qualified", "不合格"), "below": ("below", "未达到"),
}


def label(key: str, lang: str) -> str:
    return _L[key][LANGS.index(lang)] if key in _L else key


def _name(x, lang: str) -> str:
    return (getattr(x, "name_zh", None) or x.name) if lang == "zh" else x.name


def _title(a: Audit, lang: str) -> str:
    return (a.title_zh or a.title) if lang == "zh" else a.title


def _words(text: str, lang: str) -> str:
    return getattr(text, "zh", text) if lang == "zh" else text


def check_text(c: CheckResult, lang: str) -> str:
    return c.text_zh if lang == "zh" else c.text


def verdict(a: Audit, lang: str) -> str:
    if lang == "en" or a.grade is not None:
        return a.verdict if lang == "en" else next(_name(g, lang) for g in a.grades if g.id == a.grade)
    if a.vetoed:
        failed = [_name(p, lang) for p in a.prerequisites if not p.passed]
        failed += [_name(r, lang) for r in a.indicators if r.requirement == "mandatory" and not r.met]
        return f"{label('not_qualified', lang)} — {'；'.join(failed)}"
    return f"{label('below', lang)} {_name(a.grades[0], lang)}"


def _range(r) -> str:
    return "yes" if r.scoring == "boolean" else f"{_fmt(r.baseline)} → {_fmt(r.leading)}"


def indicator_rows(a: Audit, lang: str) -> list[list[str]]:
    return [[r.id, _name(r, lang), label(r.requirement, lang), _fmt(r.measured), r.unit, _range(r),
             f"{r.points:.1f} / {r.max_points:.1f}", label(r.status, lang)] for r in a.indicators]


def _headers(lang: str) -> dict[str, list[str]]:
    t = lambda k: label(k, lang)  # noqa: E731
    return {"ind": [t("h_ind"), t("h_name"), t("h_req"), t("h_measured"), t("h_unit"), t("h_range"), t("h_points"),
                    t("h_status")],
            "grade": [t("h_grade"), t("h_min"), t("h_reached"), t("h_unmet")]}


def grade_rows(a: Audit, lang: str) -> list[list[str]]:
    return [[_name(g, lang), "—" if g.min_score is None else f"{g.min_score:g}",
             label("yes" if g.reached else "no", lang), "; ".join(check_text(c, lang) for c in g.unmet) or "—"]
            for g in a.grades]


def text(a: Audit, res: PlantResult, lang: str = "en") -> str:
    t = lambda k: label(k, lang)  # noqa: E731
    h = _headers(lang)
    out = [f"{res.factory.name} — {_title(a, lang)} ({a.rule_set} {a.version})", "",
           f"{t('verdict')}: {verdict(a, lang)}    {t('score')}: {a.score:.1f} / {a.scale:g}", "", t("prereq")]
    for p in a.prerequisites:
        out.append(f"  [{t('pass') if p.passed else t('fail')}] {_name(p, lang)} ({p.locator})")
        out += [f"         {check_text(c, lang)}" for c in p.checks if not p.passed]
    if not a.prerequisites:
        out.append(f"  ({t('none')})")
    out.append("")
    if a.indicators:
        out += [t("indicators"), _table(indicator_rows(a, lang), h["ind"], 3), ""]
    out += [t("grades"), _table(grade_rows(a, lang), h["grade"], 1), "", t("missing")]
    out += [f"  {m}" for m in a.missing_evidence] or [f"  {t('none')}"]
    out.append("")
    if a.next_grade:
        name = next(_name(g, lang) for g in a.grades if g.id == a.next_grade)
        out.append(t("changes").format(name))
        out += [f"  - {_words(c.text, lang)}" for c in a.changes] or [f"  {t('none_needed')}"]
        out.append("")
    if a.notes:
        out += [t("notes")] + [f"  {n}" for n in a.notes]
    return "\n".join(out).rstrip() + "\n"


def markdown(a: Audit, res: PlantResult, lang: str = "en") -> str:
    t = lambda k: label(k, lang)  # noqa: E731
    h = _headers(lang)
    out = [f"# {e.md(f'{res.factory.name} — {_title(a, lang)} ({a.rule_set} {a.version})')}", "",
           e.bold(f"{t('verdict')}: {verdict(a, lang)}") + e.md(f" — {t('score')} {a.score:.1f} / {a.scale:g}"),
           "", f"## {e.md(t('prereq'))}", ""]
    for p in a.prerequisites:
        mark = t("pass") if p.passed else t("fail")
        out.append(f"- {e.md(f'[{mark}] {_name(p, lang)} ({p.locator})')}")
        out += [f"    - {e.md(check_text(c, lang))}" for c in p.checks if not p.passed]
    if not a.prerequisites:
        out.append(f"- {e.md(t('none'))}")
    out.append("")
    if a.indicators:
        out += [f"## {e.md(t('indicators'))}", "", e.table(h["ind"], indicator_rows(a, lang), "lllrlrrl"), ""]
    out += [f"## {e.md(t('grades'))}", "", e.table(h["grade"], grade_rows(a, lang)), "",
            f"## {e.md(t('missing'))}", ""]
    out += [f"- {e.md(m)}" for m in a.missing_evidence] or [f"- {e.md(t('none'))}"]
    out.append("")
    if a.next_grade:
        name = next(_name(g, lang) for g in a.grades if g.id == a.next_grade)
        out += [f"## {e.md(t('changes').format(name))}", ""]
        out += [f"- {e.md(_words(c.text, lang))}" for c in a.changes] or [f"- {e.md(t('none_needed'))}"]
        out.append("")
    if a.notes:
        out += [f"## {e.md(t('notes'))}", ""] + [f"- {e.md(n)}" for n in a.notes]
    return "\n".join(out).rstrip() + "\n"


CSS = """body{font-family:system-ui,'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;margin:2em;
max-width:70em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;
padding:.3em .6em;text-align:left}th{background:#f3f3f3}.pass{color:#176317;font-weight:bold}
.fail{color:#a31515;font-weight:bold}
.verdict{font-size:1.3em;padding:.5em;border:2px solid #888;display:inline-block}"""


def _html_table(rows: list[list[str]], header: list[str]) -> e.Html:
    return e.tag("table", e.tag("tr", *(e.tag("th", x) for x in header)),
                 *(e.tag("tr", *(e.tag("td", c) for c in r)) for r in rows))


def _ul(items: list) -> e.Html:
    return e.tag("ul", *(e.tag("li", x) for x in items))


def html(a: Audit, res: PlantResult, lang: str = "en") -> str:
    t = lambda k: label(k, lang)  # noqa: E731
    h = _headers(lang)
    parts = [e.tag("h1", res.factory.name), e.tag("p", f"{_title(a, lang)} ({a.rule_set} {a.version})"),
             e.tag("p", f"{t('verdict')}: {verdict(a, lang)} — {t('score')} {a.score:.1f} / {a.scale:g}",
                   cls="verdict"),
             e.tag("h2", t("prereq"))]
    items = []
    for p in a.prerequisites:
        mark = e.tag("span", t("pass") if p.passed else t("fail"), cls="pass" if p.passed else "fail")
        detail = [check_text(c, lang) for c in p.checks if not p.passed]
        items.append(e.join([mark, f" {_name(p, lang)} ({p.locator})", _ul(detail) if detail else ""]))
    parts.append(_ul(items) if items else e.tag("p", t("none")))
    if a.indicators:
        parts += [e.tag("h2", t("indicators")), _html_table(indicator_rows(a, lang), h["ind"])]
    parts += [e.tag("h2", t("grades")), _html_table(grade_rows(a, lang), h["grade"]),
              e.tag("h2", t("missing")), _ul(a.missing_evidence or [t("none")])]
    if a.next_grade:
        name = next(_name(g, lang) for g in a.grades if g.id == a.next_grade)
        parts += [e.tag("h2", t("changes").format(name)),
                  _ul([_words(c.text, lang) for c in a.changes] or [t("none_needed")])]
    if a.notes:
        parts += [e.tag("h2", t("notes")), _ul(a.notes)]
    head = e.join([e.void("meta", charset="utf-8"), e.tag("title", f"{res.factory.name} — {a.rule_set}"),
                   e.tag("style", e.raw(CSS))])
    return "<!DOCTYPE html>" + e.tag("html", e.tag("head", head), e.tag("body", e.join(parts)), lang=lang) + "\n"


def render(a: Audit, res: PlantResult, fmt: str, lang: str = "en") -> str:
    if lang not in LANGS:
        from carbonev.errors import SpecError

        raise SpecError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}", field="--lang")
    if fmt == "html":
        return html(a, res, lang)
    if fmt == "md":
        return markdown(a, res, lang)
    return text(a, res, lang)


def render_audit(a: Audit, res: PlantResult, fmt: str, lang: str = "en") -> str:
    """The audit as ``json`` (language-neutral), or ``table``, ``md``, ``html`` in ``lang`` (en, zh)."""
    if fmt == "json":
        return json.dumps(audit_dict(a, res), indent=2, ensure_ascii=False, default=str, allow_nan=False) + "\n"
    return render(a, res, fmt, lang)
