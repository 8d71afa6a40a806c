"""Render footprint results: one vehicle as a stage table, several side by side."""

from __future__ import annotations

import csv
import io
import json

from carbonev.inventory.foreground import STAGE_LABELS, STAGES
from carbonev.results import PER_KM_UNIT, UNIT, FootprintResult


def _table(rows: list[list[str]], header: list[str], align_right_from: int = 1) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def fmt(r: list[str]) -> str:
        cells = [
            str(c).rjust(w) if i >= align_right_from else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(r) for r in rows)])


def table_one(result: FootprintResult) -> str:
    rows = [
        [r.label, f"{r.amount:,.0f}", f"{r.per_km:,.1f}", f"{r.share:.1%}"]
        for r in result.stage_rows
    ]
    rows.append(["Total", f"{result.total:,.0f}", f"{result.per_km:,.1f}", "100.0%"])
    out = [
        f"{result.name} — cradle-to-grave, {result.lifetime_km:,.0f} km, {result.provenance['method']['title']}",
        "",
        _table(rows, ["Stage", f"{UNIT}/vehicle", PER_KM_UNIT, "share"]),
        "",
        f"Per km: {result.per_km:,.1f} {PER_KM_UNIT}",
    ]
    if result.aggregated_share > 0:
        out.append(f"{result.aggregated_share:.0%} of the total comes from figures published only as CO2e (GWP100).")
    if result.assumptions:
        out += ["", "Defaults taken from data:"] + [f"  {k}: {v}" for k, v in result.assumptions.items()]
    if result.notes:
        out += ["", "Notes:"] + [f"  {n}" for n in result.notes]
    return "\n".join(out) + "\n"


def table_many(results: list[FootprintResult]) -> str:
    header = ["Stage"] + [r.name for r in results]
    rows = []
    for stage in STAGES:
        rows.append([STAGE_LABELS[stage]] + [
            f"{r.amount(stage):,.0f}" for r in results
        ])
    rows.append([f"Total [{UNIT}/vehicle]"] + [f"{r.total:,.0f}" for r in results])
    rows.append([f"Per km [{PER_KM_UNIT}]"] + [f"{r.per_km:,.1f}" for r in results])
    rows.append(["Lifetime [km]"] + [f"{r.lifetime_km:,.0f}" for r in results])
    title = f"Cradle-to-grave footprints [{UNIT} per vehicle], {results[0].provenance['method']['title']}"
    notes = [f"  {r.name}: {n}" for r in results for n in r.notes]
    return "\n".join([title, "", _table(rows, header)] + (["", "Notes:", *notes] if notes else [])) + "\n"


def render(results: list[FootprintResult], fmt: str) -> str:
    if fmt == "json":
        payload = results[0].to_dict() if len(results) == 1 else [r.to_dict() for r in results]
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        from carbonev.exchange.csv_excel import safe_cell  # no name becomes a spreadsheet formula

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["vehicle", "stage", "amount", "per_km", "unit", "per_km_unit"])
        for r in results:
            writer.writerows([safe_cell(r.name), s.stage, repr(s.amount), repr(s.per_km), UNIT, PER_KM_UNIT]
                             for s in r.stage_rows)
        return buf.getvalue()
    return table_one(results[0]) if len(results) == 1 else table_many(results)
