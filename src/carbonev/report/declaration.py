"""Render a declaration (terminal table, Markdown, JSON, BatteryPass) and the summary of a batch.

Per-kWh figures are written with :func:`per_kwh_text` everywhere, so a headline and its table
agree to the digit. Markdown passes every field through :mod:`carbonev.report.escape`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from carbonev.battery.batterypass import batterypass, check
from carbonev.battery.declare import Declaration
from carbonev.report import escape as e
from carbonev.report.footprint import _table

SIGNIFICANT = 3  # significant figures of a per-kWh value, in headlines and tables alike


def per_kwh_text(value: float, digits: int = SIGNIFICANT) -> str:
    """A per-kWh value to ``digits`` significant figures, without an exponent (0.0654, 1.23, 45.6)."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}"


def _origin(item: dict) -> str:
    cite = f"; {item['source']}: {item['locator']}" if item.get("source") else ""
    return f"{item['origin']}{cite}"


def _fu_lines(d: Declaration) -> list[str]:
    fu = d.functional_unit
    out = [f"Functional unit: total energy over the service life = {fu['worked']}",
           f"  formula {fu['formula']}, capacity basis {fu['capacity_basis']} ({fu['capacity_kwh']:g} kWh)"]
    for key, item in d.scheme_inputs.items():
        if key.startswith(("functional_unit.", "distribution.")):
            unit = f" {item['unit']}" if item.get("unit") else ""
            out.append(f"  {key.split('.', 1)[1] if key.startswith('functional_unit.') else key} = "
                       f"{item['value']}{unit} — {_origin(item)}")
    return out


def _g(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _override_lines(d: Declaration) -> list[str]:
    return [f"{k}: the pack file states {_g(v['pack'])}{' ' + v['unit'] if v.get('unit') else ''} "
            f"({v['pack_field']}); the scheme fixes {_g(v['scheme'])}" for k, v in d.overridden.items()]


def _class_line(d: Declaration) -> str:
    pc = d.performance_class
    if pc.get("class") is None and pc.get("thresholds") is None:
        return f"Performance class: {pc['basis']}"
    return f"Performance class: {pc.get('class') or 'above every supplied bound'} ({pc['basis']})"


def headline(d: Declaration) -> str:
    return (f"{per_kwh_text(d.per_kwh)} kg CO2e per kWh of total energy over the service life "
            f"({d.total:,.0f} kg CO2e per pack)")


def table(d: Declaration) -> str:
    rows = [[s.label, f"{s.kg:,.1f}", per_kwh_text(s.per_kwh), f"{s.share:.1%}"] for s in d.stages]
    rows.append(["Total", f"{d.total:,.1f}", per_kwh_text(d.per_kwh), "100.0%"])
    out = [f"{d.pack.name} — battery carbon-footprint declaration, {d.scheme.title.en}",
           f"Scheme {d.scheme.name} {d.scheme.version}: {d.scheme.status}", "", *_fu_lines(d), "",
           _table(rows, ["Stage", "kg CO2e/pack", "kg CO2e/kWh", "share"]), "",
           f"Declared footprint: {headline(d)}; pack of {d.mass:,.1f} kg; {d.method['title']}",
           _class_line(d),
           f"Excluded: {', '.join(x.name for x in d.scheme.excluded) or 'none'}"]
    if d.plant:
        p = d.plant
        out.append(f"Plant: {p['name']} ({p['file']}), product {p['product']}, {p['region']} {p['year']}, "
                   f"allocation {p['allocation']}; contractual instruments {p['contractual_instruments']}")
    if d.overridden:
        out += ["", "Pack statements the scheme replaces:"] + [f"  {x}" for x in _override_lines(d)]
    supplied = {k: v for k, v in d.scheme_inputs.items() if v["origin"].startswith("required input")}
    if supplied:
        out += ["", "Inputs the scheme does not publish (supplied by the user):"]
        out += [f"  {k} = {v['value']} — {v['origin']}" for k, v in supplied.items()]
    if d.scheme.deviations:
        out += ["", "Where carbonev's model departs from the scheme text:"] + [f"  - {x}" for x in d.scheme.deviations]
    if d.assumptions:
        out += ["", "Defaults taken from data:"] + [f"  {k}: {v}" for k, v in d.assumptions.items()]
    if d.notes:
        out += ["", "Notes:"] + [f"  {n}" for n in d.notes]
    return "\n".join(out) + "\n"


def markdown(d: Declaration) -> str:
    p = d.pack
    pack_cell = f"{p.name}; {p.chemistry.value}; {p.capacity:g} kWh nominal" + (
        f", {p.usable_capacity:g} kWh usable" if p.usable_capacity else "") + f"; {d.mass:,.1f} kg"
    label, value = _class_line(d).split(": ", 1)
    out = [f"# {e.md('Battery carbon-footprint declaration: ' + p.name)}", "", e.bold(headline(d)) + ".", "",
           e.table(["", ""], [["Scheme", f"{d.scheme.title.en} ({d.scheme.name} {d.scheme.version})"],
                              ["Scheme status", d.scheme.status], ["Pack", pack_cell],
                              ["Manufacturer / model", f"{p.manufacturer or '—'} / {p.model_id or '—'}"],
                              ["Impact method", f"{d.method['title']} ({d.method['name']} {d.method['version']})"],
                              [label, value]]),
           "", "## Functional unit", "", *[f"- {e.md(x.strip())}" for x in _fu_lines(d)]]
    if d.overridden:
        out += ["", "Pack statements the scheme replaces:", ""] + [f"- {e.md(x)}" for x in _override_lines(d)]
    rows = [[s.label, f"{s.kg:,.1f}", per_kwh_text(s.per_kwh), f"{s.share:.1%}"] for s in d.stages]
    rows.append([e.bold("Total"), e.bold(f"{d.total:,.1f}"), e.bold(per_kwh_text(d.per_kwh)), "100%"])
    out += ["", "## Footprint by life-cycle stage", "",
            e.table(["Stage", "kg CO2e per pack", "kg CO2e/kWh", "share"], rows, "lrrr"), "",
            e.line("Excluded: ", ", ".join(x.name for x in d.scheme.excluded) or "none", "."), "",
            "## How each stage was computed", ""]
    trace = [[s.id, f"{x['basis']} → {x['code'] or 'flow ' + str(x['flow'])}"
              + (" (plant data)" if x["primary"] else ""), f"{x['amount']:,.6g}", f"{x['kg_co2e']:,.2f}"]
             for s in d.stages for x in s.links]
    out.append(e.table(["Stage", "Input", "Amount", "kg CO2e"], trace, "llrr"))
    if d.plant:
        pl = d.plant
        out += ["", e.line(f"Plant data: {pl['name']} ({pl['file']}, sha256 {(pl['sha256'] or '')[:16]}), product "
                           f"{pl['product']}, {pl['region']} {pl['year']}, allocation {pl['allocation']}; "
                           f"contractual instruments {pl['contractual_instruments']}.")]
    if d.scheme.deviations:
        out += ["", "## Where the model departs from the scheme text", ""] + [f"- {e.md(x)}" for x in
                                                                               d.scheme.deviations]
    extra = [f"- {e.md(f'{k}: {v}')}" for k, v in d.assumptions.items()] + [f"- {e.md(n)}" for n in d.notes]
    if extra:
        out += ["", "## Assumptions and notes", "", *extra]
    out += ["", "## Provenance", ""]
    out += [f"- {e.md(role)}: {e.code(v['file'])} sha256 {e.code(v['sha256'])}"
            for role, v in d.provenance["inputs"].items()]
    out += [f"- data: sha256 {e.code(d.provenance['data']['sha256'])}",
            f"- carbonev {e.md(d.provenance['software']['carbonev'])}"]
    return "\n".join(out) + "\n"


def render(d: Declaration, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(declaration_dict(d), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt == "batterypass":
        return json.dumps(batterypass(d), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if fmt == "md":
        return markdown(d)
    return table(d)


def declaration_dict(d: Declaration) -> dict[str, Any]:
    """The declaration as a JSON-ready dict (``carbonev-battery-declaration/1``) with its BatteryPass shape."""
    s = d.scheme
    passport = batterypass(d)
    return {
        "format": "carbonev-battery-declaration/1",
        "pack": {"name": d.pack.name, "model_id": d.pack.model_id, "manufacturer": d.pack.manufacturer,
                 "chemistry": d.pack.chemistry.value, "capacity_kwh": d.pack.capacity,
                 "usable_capacity_kwh": d.pack.usable_capacity, "mass_kg": d.mass},
        "scheme": {"name": s.name, "version": s.version, "title": s.title.en, "status": s.status},
        "unit": "kg CO2e/kWh",
        "kg_co2e_per_kwh": d.per_kwh,
        "absolute_kg_co2e": d.total,
        "functional_unit": d.functional_unit,
        "stages": [{"id": x.id, "label": x.label, "carbonev_stages": x.includes, "kg_co2e": x.kg,
                    "kg_co2e_per_kwh": x.per_kwh, "share": x.share, "links": x.links} for x in d.stages],
        "excluded": [x.name for x in s.excluded],
        "performance_class": d.performance_class,
        "scheme_inputs": d.scheme_inputs,
        "overridden_by_scheme": d.overridden,
        "plant": d.plant,
        "deviations": list(s.deviations),
        "assumptions": d.assumptions,
        "notes": d.notes,
        "batterypass": passport,
        "batterypass_missing": check(passport)[1],
        "provenance": d.provenance,
    }


# ------------------------------------------------------------------ batch summary
def summary_dict(decls: Sequence[Declaration], files: Sequence[str | None] = ()) -> dict[str, Any]:
    """One row per pack, and what the scheme asks of a batch (e.g. MIIT's 5 typical packs)."""
    scheme = decls[0].scheme
    files = list(files) or [None] * len(decls)
    chemistries = sorted({d.pack.chemistry.value for d in decls})
    out: dict[str, Any] = {
        "format": "carbonev-battery-declaration-summary/1",
        "scheme": {"name": scheme.name, "version": scheme.version, "title": scheme.title.en, "status": scheme.status},
        "unit": "kg CO2e/kWh",
        "packs": [{"name": d.pack.name, "model_id": d.pack.model_id, "chemistry": d.pack.chemistry.value,
                   "capacity_kwh": d.pack.capacity, "functional_unit_kwh": d.energy, "kg_co2e_per_kwh": d.per_kwh,
                   "absolute_kg_co2e": d.total, "stages": {s.id: s.per_kwh for s in d.stages},
                   "performance_class": d.performance_class.get("class"), "declaration": f}
                  for d, f in zip(decls, files, strict=True)],
        "chemistries": chemistries,
    }
    minimum = decls[0].scheme_inputs.get("submission.min_packs")
    if minimum is not None:
        need = int(minimum["value"])
        out["submission"] = {"min_packs": need, "packs": len(decls), "met": len(decls) >= need,
                             "source": f"{minimum.get('source')}: {minimum.get('locator')}"}
    return out


def render_summary(decls: Sequence[Declaration], fmt: str, files: Sequence[str | None] = ()) -> str:
    s = summary_dict(decls, files)
    if fmt in ("json", "batterypass"):
        return json.dumps(s, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    stage_ids = [st.id for st in decls[0].stages]
    labels = [st.label for st in decls[0].stages]
    rows = [[p["name"], p["chemistry"], f"{p['capacity_kwh']:g}", f"{p['functional_unit_kwh']:,.0f}",
             *(per_kwh_text(p["stages"][i]) for i in stage_ids), per_kwh_text(p["kg_co2e_per_kwh"]),
             f"{p['absolute_kg_co2e']:,.0f}", p["declaration"] or "–"] for p in s["packs"]]
    header = ["Pack", "chemistry", "kWh", "lifetime kWh", *labels, "kg CO2e/kWh", "kg CO2e/pack", "declaration"]
    title = f"{s['scheme']['title']} ({s['scheme']['name']} {s['scheme']['version']}): {len(decls)} pack(s)"
    sub = s.get("submission")
    check_line = None
    if sub:
        check_line = (f"{'Met' if sub['met'] else 'NOT met'}: the scheme asks for at least {sub['min_packs']} "
                      f"typical packs ({sub['source']}); {sub['packs']} declared, chemistries "
                      f"{', '.join(s['chemistries'])}")
    if fmt == "md":
        out = [f"# {e.md('Battery carbon-footprint declarations: ' + title)}", "",
               e.table(header, rows, "llrr" + "r" * (len(labels) + 2) + "l")]
        if check_line:
            out += ["", e.md(check_line)]
        return "\n".join(out) + "\n"
    out = [title, "", _table(rows, header)]
    if check_line:
        out += ["", check_line]
    return "\n".join(out) + "\n"
