"""``carbonev uncertainty``, ``sensitivity``, ``sweep`` and ``compare``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from carbonev.cli.choices import TableFormat
from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state
from carbonev.io.outputs import json_text

SET_HELP = "Override a spec field, e.g. --set battery.capacity=75kWh (repeatable)."
SCHEDULER_HELP = ("Run on Dask: 'local' starts a LocalCluster (one worker per core; 'local:2' two workers), or a "
                  "scheduler address (tcp://host:8786; see docs/dask.md).")


def _overrides(items: list[str] | None) -> dict:
    from carbonev.specs.overrides import parse_assignments

    return parse_assignments(items or [])


class _Progress:
    """A progress bar on stderr for long Monte Carlo runs."""

    def __init__(self, total: int, label: str):
        self.bar = None if state.quiet else typer.progressbar(length=total, label=label, file=sys.stderr)
        if self.bar is not None:
            self.bar.__enter__()

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _csv(df) -> str:
    from carbonev.exchange.csv_excel import csv_text

    return csv_text(df)


def _check_scheduler() -> None:
    """--scheduler needs carbonev[parallel]: said before anything is computed."""
    from carbonev.extras import require

    require("parallel", "--scheduler")


def _check_plot(plot: Path | None) -> None:
    """Refuse a bad --plot path before the Monte Carlo run, not after it."""
    if plot is not None:
        from carbonev.report.plots import check_path

        check_path(plot)


def uncertainty(
    specs: list[Path] = typer.Argument(..., help="Vehicle spec files.", show_default=False),
    iterations: int = typer.Option(1000, "--iterations", "-n", min=2, help="Monte Carlo iterations."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same numbers)."),
    background: bool = typer.Option(True, "--background/--no-background", help="Sample background values."),
    foreground: bool = typer.Option(True, "--foreground/--no-foreground", help="Sample parameters and spec."),
    sets: list[str] | None = typer.Option(None, "--set", help=SET_HELP),
    method: str | None = typer.Option(None, "--method", "-m"),
    scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o"),
    plot: Path | None = typer.Option(None, "--plot", help="Write a distribution plot (.png or .svg)."),
) -> None:
    """Monte Carlo: distributions per stage, and the probability that one vehicle beats another."""
    from carbonev.api import uncertainty as run

    _check_plot(plot)
    if scheduler is not None:
        _check_scheduler()
    progress = _Progress(iterations, "Monte Carlo")
    try:
        result = run(specs, iterations, seed, overrides=_overrides(sets), method=method, store=state.store,
                     background=background, foreground=foreground, scheduler=scheduler, progress=progress,
                     keep_inputs=False)
    finally:
        progress.close()
    if plot is not None:
        from carbonev.report.plots import distribution

        totals = result.samples.per_km()
        distribution(result.samples.names, totals, plot)
    if fmt is TableFormat.json:
        text = json_text(result.to_dict())
    elif fmt is TableFormat.csv:
        text = _csv(result.summary)
    else:
        total = result.summary[result.summary["stage"] == "total"]
        lines = [f"Monte Carlo, {iterations} iterations, seed {seed} "
                 f"(background {'on' if background else 'off'}, foreground {'on' if foreground else 'off'})", ""]
        for r in total.itertuples():
            lines.append(f"{r.vehicle}: {r.mean_per_km:,.1f} g CO2e/km mean, {r.median_per_km:,.1f} median, "
                         f"90% interval {r.p5_per_km:,.1f}–{r.p95_per_km:,.1f}")
        names = result.samples.names
        if len(names) > 1:
            lines += ["", "Probability of a lower footprint per km (same background draws):"]
            for i, x in enumerate(names):
                for y in names[i + 1:]:
                    lines.append(f"  P({x} < {y}) = {result.probability_lower.loc[x, y]:.3f}")
        text = "\n".join(lines) + "\n"
    write_output(text, output)


def sensitivity(
    spec: Path = typer.Argument(..., help="Vehicle spec file.", show_default=False),
    iterations: int = typer.Option(2000, "--iterations", "-n", min=50),
    seed: int = typer.Option(0, "--seed"),
    top: int = typer.Option(10, "--top", min=1, help="Inputs in the tornado."),
    sets: list[str] | None = typer.Option(None, "--set", help=SET_HELP),
    method: str | None = typer.Option(None, "--method", "-m"),
    scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o"),
    plot: Path | None = typer.Option(None, "--plot", help="Write a tornado chart (.png or .svg)."),
) -> None:
    """Which inputs drive the variance (delta indices, SALib) and a one-at-a-time tornado."""
    from carbonev.api import sensitivity as sensitivity_analysis

    _check_plot(plot)
    if scheduler is not None:
        _check_scheduler()
    progress = _Progress(iterations, "Monte Carlo")
    try:
        result = sensitivity_analysis(spec, iterations, seed, top, overrides=_overrides(sets), method=method,
                                      store=state.store, scheduler=scheduler, progress=progress)
    finally:
        progress.close()
    if plot is not None:
        from carbonev.report.plots import tornado

        tornado(result.tornado, plot)
    if fmt is TableFormat.json:
        text = json_text(result.to_dict())
    elif fmt is TableFormat.csv:
        text = _csv(result.indices)
    else:
        text = ("Delta moment-independent indices of the total footprint (SALib):\n"
                + result.indices.round(4).to_string(index=False)
                + "\n\nTornado (total kg CO2e with the input at its 5th / 95th percentile):\n"
                + result.tornado[["input", "output_low", "output_high", "swing"]].round(1).to_string(index=False)
                + "\n")
    write_output(text, output)


def sweep(
    spec: Path = typer.Argument(..., help="Vehicle spec file.", show_default=False),
    grid: Path = typer.Option(..., "--grid", help="YAML with 'grid' (all combinations) and/or 'variants'."),
    sets: list[str] | None = typer.Option(None, "--set", help=SET_HELP),
    method: str | None = typer.Option(None, "--method", "-m"),
    fmt: TableFormat = typer.Option(TableFormat.csv, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o"),
    scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
) -> None:
    """Many variants of one vehicle: one row each (stages, total, per km)."""
    from carbonev.api import sweep as run_sweep

    if scheduler is not None:
        _check_scheduler()
    table = run_sweep(spec, grid, overrides=_overrides(sets), method=method, store=state.store,
                      scheduler=scheduler).to_frame()
    if fmt is TableFormat.csv:  # streamed: a large sweep's text is never held whole
        from carbonev.exchange.csv_excel import write_csv

        write_csv(table, output)
        return
    if fmt is TableFormat.json:
        text = table.to_json(orient="records", indent=2, force_ascii=False) + "\n"
    else:
        text = table.round(1).to_string(index=False) + "\n"
    write_output(text, output)


def compare(
    a: Path = typer.Argument(..., help="First vehicle spec.", show_default=False),
    b: Path = typer.Argument(..., help="Second vehicle spec.", show_default=False),
    sets: list[str] | None = typer.Option(None, "--set", help=SET_HELP),
    method: str | None = typer.Option(None, "--method", "-m"),
    iterations: int = typer.Option(0, "--iterations", "-n", min=0, help="Also run Monte Carlo (0: no)."),
    seed: int = typer.Option(0, "--seed"),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o"),
) -> None:
    """Two vehicles side by side, the break-even distance and year, and P(A < B)."""
    from carbonev.api import compare as run_compare

    progress = _Progress(iterations, "Monte Carlo") if iterations else None
    try:
        cmp = run_compare(a, b, overrides=_overrides(sets), method=method, store=state.store, iterations=iterations,
                          seed=seed, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    prob, be = cmp.probability_first_lower, cmp.break_even
    if fmt is TableFormat.json:
        text = json_text(cmp.to_dict())
    elif fmt is TableFormat.csv:
        text = _csv(cmp.stages.reset_index(names="stage"))
    else:
        lines = [cmp.stages.round(0).to_string(), ""]
        lines += [f"{n}: {v:,.1f} g CO2e/km" for n, v in cmp.per_km.items()]
        if be is not None:
            if be.km is None:
                lines.append("Break-even: the electric car does not break even within its life.")
            elif be.electric_lower_from_start:
                lines.append("Break-even: the electric car is lower from the start.")
            else:
                lines.append(f"Break-even: after {be.km:,.0f} km, in {be.year:.1f}.")
        if prob is not None:
            lines.append(f"P({cmp.names[0]} lower per km than {cmp.names[1]}) = {prob:.3f} ({iterations} iterations)")
        text = "\n".join(lines) + "\n"
    write_output(text, output)


def register(app: typer.Typer) -> None:
    app.command("uncertainty")(guarded(uncertainty))
    app.command("sensitivity")(guarded(sensitivity))
    app.command("sweep")(guarded(sweep))
    app.command("compare")(guarded(compare))
