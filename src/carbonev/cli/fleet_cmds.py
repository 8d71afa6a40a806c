"""``carbonev fleet run|synth|survival``: provincial fleet accounting."""

from __future__ import annotations

from pathlib import Path

import typer

from carbonev.cli.guard import guarded
from carbonev.cli.state import state
from carbonev.errors import SpecError

fleet_app = typer.Typer(help="Fleets: stock, activity, emissions by year, city and powertrain; savings against "
                             "a combustion baseline (T/CSAE 235-2021).", no_args_is_help=True)
SCHEDULER_HELP = "Run the table reading on Dask: 'local' starts a LocalCluster; or a scheduler address."


def _list(value: str) -> list[str]:
    """'csv, xlsx' → ['csv', 'xlsx'] (checked by the library)."""
    return [v.strip() for v in value.split(",") if v.strip()]


def run(
    registrations: Path = typer.Argument(..., help="Registration table (.csv or .parquet).", show_default=False),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for tables, charts and summaries (created)."),
    formats: str = typer.Option("csv,xlsx", "--format", "-f", help="Table formats: csv, parquet, xlsx."),
    province: str = typer.Option("Zhejiang", "--province", help="Grid region of rows without a province column."),
    start: int | None = typer.Option(None, "--from", help="First calendar year (default: first registration)."),
    end: int | None = typer.Option(None, "--to", help="Last calendar year (default: last registration)."),
    first_year_share: float = typer.Option(0.5, "--first-year-share", min=0.0, max=1.0,
                                           help="Share of the registration year a new vehicle is on the road."),
    models: Path | None = typer.Option(None, "--models", help="Model keys -> vehicle specs (carbonev-fleet-models/1)."),
    survival: Path | None = typer.Option(None, "--survival", help="Survival curves (carbonev-fleet-survival/1)."),
    baseline: Path | None = typer.Option(None, "--baseline", help="Baseline vehicles (carbonev-fleet-baseline/1)."),
    activity: Path | None = typer.Option(None, "--activity", help="Annual km by class[, age, city] (CSV)."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    langs: str = typer.Option("en,zh", "--lang", help="Summary languages: en, zh."),
    summary_format: str = typer.Option("md", "--summary", help="Summary format: md or html."),
    charts: bool = typer.Option(True, "--charts/--no-charts", help="Write PNG charts."),
) -> None:
    """Account a fleet from its registration table: tables, charts and summaries in --out."""
    from carbonev.api import fleet as account
    from carbonev.api import write_fleet
    from carbonev.workflows.fleet import check_outputs, headline

    fmts, languages = _list(formats), _list(langs)
    check_outputs(fmts, languages, summary_format, charts)  # before anything is computed
    if start is not None and end is not None and end < start:
        raise SpecError(f"--to {end} is before --from {start}", field="--to")
    state.progress(f"reading {registrations}")
    result = account(registrations, province=province, start=start, end=end, first_year_share=first_year_share,
                     models=models, survival=survival, baseline=baseline, activity=activity, method=method,
                     store=state.store, scheduler=scheduler)
    written = write_fleet(result, out, formats=fmts, charts=charts, langs=languages, summary=summary_format)
    typer.echo(headline(result))
    for p in written:
        typer.echo(f"wrote {p}")


def synth(
    rows: int = typer.Argument(..., min=1, help="Number of rows.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="File to write (.parquet or .csv)."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    max_count: int = typer.Option(1, "--max-count", min=1, help="Vehicles per row drawn from 1..N."),
) -> None:
    """Write a SYNTHETIC registration table (benchmarks and scale tests; not data about any fleet)."""
    from carbonev.fleet.synthetic import write

    if output.suffix.lower() not in (".parquet", ".pq", ".csv"):
        raise SpecError("the file name must end in .parquet or .csv", file=str(output), field="--output")
    typer.echo(f"wrote {write(rows, output, seed, max_count)} ({rows:,} synthetic rows, seed {seed})")


def survival_table(
    curves: Path | None = typer.Option(None, "--survival", help="Survival curves file (default: shipped)."),
    ages: int = typer.Option(20, "--ages", min=1, max=80, help="Show ages 0..N."),
) -> None:
    """Survival S(age) by class, with each curve's parameters, mean life and source."""
    from carbonev.fleet import data
    from carbonev.fleet.survival import mean_life, survival

    sf, path = data.load_survival(curves)
    typer.echo(f"{sf.title} ({path}, version {sf.version})")
    for key, c in sf.curves.items():
        if c.form == "weibull":
            what = f"Weibull k={c.shape.amount:g}, λ={c.scale.amount:g} year [{c.scale.source}: {c.scale.locator}]"
        else:
            what = f"step at {c.age.amount:g} year [{c.age.source}: {c.age.locator}]"
        typer.echo(f"{key}: {what}; mean life {mean_life(c):.1f} year")
        typer.echo("    " + " ".join(f"{a}:{float(survival(c, a)):.3f}" for a in range(ages + 1)))


def register(app: typer.Typer) -> None:
    fleet_app.command("run")(guarded(run))
    fleet_app.command("synth")(guarded(synth))
    fleet_app.command("survival")(guarded(survival_table))
    app.add_typer(fleet_app, name="fleet")
