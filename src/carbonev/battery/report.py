"""Render a declaration: a terminal table, a human-readable Markdown declaration, JSON."""

from __future__ import annotations

import json
from typing import Any

from carbonev.battery.batterypass import batterypass, check
from carbonev.battery.declare import Declaration
from carbonev.report.footprint import _table


def _origin(item: dict) -> str:
    cite = f"; {item['source']}: {item['locator']}" if item.get("source") else ""
    return f"{item['origin']}{cite}"


def _fu_lines(d: Declaration) -> list[str]:
    fu = d.functional_unit
    out = [f"Functional unit: total energy over the service life = {fu['worked']}",
           f"  formula {fu['formula']}, capacity basis {fu['capacity_basis']} ({fu['capacity_kwh']:g} kWh)"]
    for key, item in d.scheme_inputs.items():
        if key.startswith("functional_unit."):
            unit = f" {item['unit']}" if item.get("unit") else ""
            out.append(f"  {key.split('.', 1)[1]} = {item['value']}{unit} — {_origin(item)}")
    return out


def _class_line(d: Declaration) -> str:
    pc = d.performance_class
    if pc.get("class") is None and pc.get("thresholds") is None:
        return f"Performance class: {pc['basis']}"
    return f"Performance class: {pc.get('class') or 'above every supplied bound'} ({pc['basis']})"


def table(d: Declaration) -> str:
    rows = [[s.label, f"{s.kg:,.1f}", f"{s.per_kwh:,.4f}", f"{s.share:.1%}"] for s in d.stages]
    rows.append(["Total", f"{d.total:,.1f}", f"{d.per_kwh:,.4f}", "100.0%"])
    out = [f"{d.pack.name} — battery carbon-footprint declaration, {d.scheme.title.en}",
           f"Scheme {d.scheme.name} {d.scheme.version}: {d.scheme.status}", "", *_fu_lines(d), "",
           _table(rows, ["Stage", "kg CO2e/pack", "kg CO2e/kWh", "share"]), "",
           f"Declared footprint: {d.per_kwh:,.4f} kg CO2e per kWh of lifetime energy "
           f"(absolute {d.total:,.1f} kg CO2e per pack of {d.mass:,.1f} kg); {d.method['title']}",
           _class_line(d),
           f"Excluded: {', '.join(e.name for e in d.scheme.excluded) or 'none'}"]
    if d.plant:
        p = d.plant
        out.append(f"Plant: {p['name']} ({p['file']}), product {p['product']}, {p['region']} {p['year']}, "
                   f"allocation {p['allocation']}; contractual instruments {p['contractual_instruments']}")
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
    out = [f"# Battery carbon-footprint declaration: {p.name}", "",
           f"**{d.per_kwh:,.2f} kg CO2e per kWh** of total energy over the service life "
           f"({d.total:,.0f} kg CO2e per pack).", "",
           "| | |", "|---|---|",
           f"| Scheme | {d.scheme.title.en} (`{d.scheme.name}` {d.scheme.version}) |",
           f"| Scheme status | {d.scheme.status} |",
           f"| Pack | {p.name}; {p.chemistry.value}; {p.capacity:g} kWh nominal"
           + (f", {p.usable_capacity:g} kWh usable" if p.usable_capacity else "") + f"; {d.mass:,.1f} kg |",
           f"| Manufacturer / model | {p.manufacturer or '—'} / {p.model_id or '—'} |",
           f"| Impact method | {d.method['title']} ({d.method['name']} {d.method['version']}) |",
           f"| {_class_line(d).split(': ', 1)[0]} | {_class_line(d).split(': ', 1)[1]} |", "",
           "## Functional unit", "", *[f"- {x.strip()}" for x in _fu_lines(d)], "",
           "## Footprint by life-cycle stage", "",
           "| Stage | kg CO2e per pack | kg CO2e/kWh | share |", "|---|---:|---:|---:|"]
    out += [f"| {s.label} | {s.kg:,.1f} | {s.per_kwh:,.4f} | {s.share:.1%} |" for s in d.stages]
    out += [f"| **Total** | **{d.total:,.1f}** | **{d.per_kwh:,.4f}** | 100% |", "",
            f"Excluded: {', '.join(e.name for e in d.scheme.excluded) or 'none'}.", "",
            "## How each stage was computed", "",
            "| Stage | Input | Amount | kg CO2e |", "|---|---|---:|---:|"]
    for s in d.stages:
        for x in s.links:
            what = x["code"] or f"flow {x['flow']}"
            out.append(f"| {s.id} | {x['basis']} → `{what}`{' (plant data)' if x['primary'] else ''} "
                       f"| {x['amount']:,.6g} | {x['kg_co2e']:,.2f} |")
    if d.plant:
        pl = d.plant
        out += ["", f"Plant data: {pl['name']} (`{pl['file']}`, sha256 `{(pl['sha256'] or '')[:16]}`), product "
                f"`{pl['product']}`, {pl['region']} {pl['year']}, allocation {pl['allocation']}; contractual "
                f"instruments {pl['contractual_instruments']}."]
    if d.scheme.deviations:
        out += ["", "## Where the model departs from the scheme text", ""] + [f"- {x}" for x in d.scheme.deviations]
    extra = [f"- {k}: {v}" for k, v in d.assumptions.items()] + [f"- {n}" for n in d.notes]
    if extra:
        out += ["", "## Assumptions and notes", "", *extra]
    out += ["", "## Provenance", ""]
    out += [f"- {role}: `{v['file']}` sha256 `{v['sha256']}`" for role, v in d.provenance["inputs"].items()]
    out += [f"- data: sha256 `{d.provenance['data']['sha256']}`", f"- carbonev {d.provenance['software']['carbonev']}"]
    return "\n".join(out) + "\n"


def render(d: Declaration, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(declaration_dict(d), indent=2, ensure_ascii=False) + "\n"
    if fmt == "batterypass":
        return json.dumps(batterypass(d), indent=2, ensure_ascii=False) + "\n"
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
        "excluded": [e.name for e in s.excluded],
        "performance_class": d.performance_class,
        "scheme_inputs": d.scheme_inputs,
        "plant": d.plant,
        "deviations": list(s.deviations),
        "assumptions": d.assumptions,
        "notes": d.notes,
        "batterypass": passport,
        "batterypass_missing": check(passport)[1],
        "provenance": d.provenance,
    }
