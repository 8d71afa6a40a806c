"""``carbonev report`` (product footprint report) and ``carbonev rate`` (footprint rating)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state


class ReportFormat(StrEnum):
    html = "html"
    md = "md"
    json = "json"


class Lang(StrEnum):
    en = "en"
    zh = "zh"


class RateFormat(StrEnum):
    text = "text"
    json = "json"


def report(
    spec: Path = typer.Argument(..., help="Vehicle spec or battery-pack file (YAML or JSON).", show_default=False),
    fmt: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="Output format."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of the labels (en or zh)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    iterations: int | None = typer.Option(
        None, "--iterations", "-n", min=2, help="Add a Monte Carlo uncertainty section with N iterations."
    ),
    sensitivity: int = typer.Option(
        200, "--sensitivity", min=0, help="Iterations of the sensitivity analysis behind the tornado (0: leave the "
        "tornado out)."
    ),
    info: Path | None = typer.Option(
        None, "--info", help="Study information (carbonev-study-info/1): commissioner, practitioner, dates, goal, "
        "critical review."
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed of the Monte Carlo and sensitivity runs."),
) -> None:
    """Product carbon-footprint study report (ISO 14067:2018 §7 / GB/T 24067-2024) of a vehicle or a battery pack."""
    from carbonev.exchange.parts import is_pack_file

    if is_pack_file(spec):
        _component_report(spec, fmt, lang, output, method, iterations)
        return
    from carbonev.api import footprint
    from carbonev.data.catalog import shipped_catalog
    from carbonev.report import sensitivity_section
    from carbonev.report.product_report import build_report, render
    from carbonev.report.study import load_info
    from carbonev.specs.load import load_vehicle

    study_info = load_info(info) if info is not None else None  # checked before anything is computed
    vehicle = load_vehicle(spec)
    cat = shipped_catalog()
    [result] = footprint([spec], method=method, store=state.store, progress=state.progress, catalog=cat)
    unc = sens = None
    if iterations:
        from carbonev.analysis.run import uncertainty

        unc = uncertainty([spec], iterations=iterations, seed=seed, method=method, store=state.store, catalog=cat)
    if sensitivity:
        from carbonev.analysis.run import sensitivity_analysis

        sens = sensitivity_analysis(spec, iterations=max(sensitivity, 20), seed=seed, top=12, method=method,
                                    store=state.store)  # the report keeps the 8 largest the product uses
    scenarios = sensitivity_section.scenarios(spec, vehicle, result, method, state.store, cat, lang.value)
    rep = build_report(result, vehicle, cat, lang.value, file=str(spec), uncertainty=unc, store=state.store,
                       info=study_info, sensitivity=sens, scenarios=scenarios)
    write_output(render(rep, fmt.value), output)


def _component_report(pack: Path, fmt: ReportFormat, lang: Lang, output: Path | None, method: str | None,
                      iterations: int | None) -> None:
    """The report of a battery-pack file (cradle to grave without use, per pack and per kWh)."""
    from carbonev.errors import SpecError
    from carbonev.report.component_report import build_component_report, render

    if iterations:
        raise SpecError("the Monte Carlo section is available for vehicle specs only", file=str(pack),
                        field="--iterations")
    rep = build_component_report(pack, lang=lang.value, store=state.store, method=method)
    write_output(render(rep, fmt.value), output)


def rate(
    spec: Path = typer.Argument(..., help="Vehicle spec file (YAML or JSON).", show_default=False),
    rules: str = typer.Option(..., "--rules", "-r", help="Rating rule set: a name in methods/rating-*.yaml or a path."),
    values: Path | None = typer.Option(
        None, "--values", help="Values file supplying the rule set's required thresholds."
    ),
    fmt: RateFormat = typer.Option(RateFormat.text, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Grade a vehicle's footprint against a rating rule set (评级)."""
    from carbonev.api import footprint
    from carbonev.rules import rating
    from carbonev.rules.functional_unit import with_defaults
    from carbonev.specs.load import load_vehicle

    rs, rs_file = rating.load_rules(rules)
    vals = rating.load_values(values) if values else None
    vehicle = load_vehicle(spec)
    cls = rating.product_class(rs, vehicle, str(spec))
    bounds = rating.thresholds(rs, cls, rs_file, vals, values)  # missing thresholds stop here, before computing
    overrides, fixed = rating.fixed_functional_unit(rs, vehicle, rs_file, vals, values, str(spec))
    [result] = footprint([spec], method=rs.method, store=state.store, progress=state.progress, overrides=overrides)
    value = rating.metric(rs, result, vehicle, str(spec))
    r = rating.rate(rs, bounds, cls, value, result.name, vals, with_defaults(fixed, result.assumptions))
    if fmt is RateFormat.json:
        payload = {**r.to_dict(), "lifetime_km": result.lifetime_km, "method": result.provenance["method"]["name"]}
        text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    else:
        text = rating.render_text(r) + (f"Footprint basis: {result.lifetime_km:,.0f} km lifetime, method "
                                        f"{result.provenance['method']['name']}.\n")
    write_output(text, output)


def register(app: typer.Typer) -> None:
    app.command("report")(guarded(report))
    app.command("rate")(guarded(rate))
