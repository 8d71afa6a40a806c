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
    from carbonev.api import report as build

    rep = build(spec, lang=lang.value, method=method, store=state.store, iterations=iterations,
                sensitivity=sensitivity, info=info, seed=seed, progress=state.progress)
    write_output(rep.render(fmt.value), output)


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
    from carbonev.api import rate as run

    rated = run(spec, rules, values, store=state.store, progress=state.progress)
    if fmt is RateFormat.json:
        text = json.dumps(rated.to_dict(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = rated.render_text()
    write_output(text, output)


def register(app: typer.Typer) -> None:
    app.command("report")(guarded(report))
    app.command("rate")(guarded(rate))
