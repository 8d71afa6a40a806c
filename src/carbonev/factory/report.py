"""Render a plant's footprint (table | json | csv); an audit as data (:func:`audit_dict`), rendered as
table, Markdown or HTML by :mod:`carbonev.report.audit`.

HTML is one self-contained file: inline CSS, no scripts, no network.
"""

from __future__ import annotations

import dataclasses
import io
import json

import pandas as pd

from carbonev.factory.result import PlantResult
from carbonev.factory.scoring import Audit


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
def audit_dict(a: Audit, res: PlantResult) -> dict:
    d = dataclasses.asdict(a)
    d["plant"] = {"name": res.factory.name, "file": res.file, "sha256": res.sha256}
    return d
