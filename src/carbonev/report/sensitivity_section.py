"""The sensitivity section of a product report: a tornado of the inputs that matter most
(:func:`carbonev.analysis.run.sensitivity_analysis`: delta indices rank them, each is then set to
its 5th and 95th percentile alone), and alternative scenarios of end of life and use that
ISO 14067 asks to assess (each a full re-computation with one spec field changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from carbonev.data.catalog import Catalog
from carbonev.report import i18n
from carbonev.results import FootprintResult
from carbonev.specs.vehicle import VehicleSpec


def _label(name: str, catalog: Catalog) -> str:
    """A readable name of a Monte Carlo input: a parameter's description, an activity's name, a spec field."""
    kind, _, key = name.partition(":")
    if kind == "parameter" and key in catalog.parameters:
        return f"{catalog.parameters[key].description} ({key})"
    if kind == "background" and key in catalog.activities:
        return f"{catalog.activities[key].name} ({key})"
    return key.rsplit(":", 1)[-1] if kind not in ("parameter", "background") else key


def tornado_rows(sens: Any, catalog: Catalog, used: set[str] | None = None, top: int = 8) -> list[dict[str, Any]]:
    """The tornado's rows with readable labels; a parameter the product's model never reads (``used``:
    the parameters it reads) and an input that moves nothing are left out; at most ``top`` rows."""
    rows = []
    for r in sens.tornado.to_dict(orient="records"):
        kind, _, key = r["input"].partition(":")
        if float(r["swing"]) <= 0 or (used is not None and kind == "parameter" and key not in used):
            continue
        base = float(r["base"])
        rows.append({"input": r["input"], "label": _label(r["input"], catalog), "low_value": float(r["low_value"]),
                     "high_value": float(r["high_value"]), "output_low": float(r["output_low"]),
                     "output_high": float(r["output_high"]), "base": base, "swing": float(r["swing"]),
                     "swing_share": float(r["swing"]) / base if base else 0.0})
    return rows[:top]


def scenarios(spec_file: str | Path, spec: VehicleSpec, result: FootprintResult, method: str | None,
              store: str | Path | None, catalog: Catalog, lang: str) -> list[dict[str, Any]]:
    """Alternative end-of-life and use scenarios: total and per km against the study's own."""
    from carbonev.analysis.footprint import footprint

    cases: list[tuple[str, dict[str, Any]]] = []
    for rule in ("cut-off", "avoided-burden"):
        if rule != spec.end_of_life.modelling:
            cases.append((i18n.t("scenario_eol", lang).format(rule), {"end_of_life.modelling": rule}))
    life = result.lifetime_km
    for factor in (0.75, 1.25):
        cases.append((i18n.t("scenario_life", lang).format(life * factor), {"use.lifetime": f"{life * factor} km"}))
    if spec.use.region != "cn":
        cases.append((i18n.t("scenario_grid", lang), {"use.region": "cn"}))
    out = []
    for label, overrides in cases:
        [alt] = footprint([spec_file], method=method, store=store, catalog=catalog, overrides=overrides)
        out.append({"label": label, "overrides": overrides, "total": alt.total, "per_km": alt.per_km,
                    "change": alt.total / result.total - 1 if result.total else 0.0,
                    "change_per_km": alt.per_km / result.per_km - 1 if result.per_km else 0.0})
    return out


def section(sens: Any, scenario_rows: list[dict[str, Any]] | None, catalog: Catalog, lang: str,
            used: set[str] | None = None) -> dict[str, Any]:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out: dict[str, Any] = {"title": t("sensitivity"), "computed": sens is not None, "scenarios": scenario_rows or []}
    if sens is None:
        out["text"] = t("sens_not_run")
        out["tornado"] = []
        return out
    opts = sens.provenance.get("options", {})
    out.update(text=t("sens_run"), iterations=opts.get("iterations"), seed=opts.get("seed"),
               tornado=tornado_rows(sens, catalog, used))
    return out
