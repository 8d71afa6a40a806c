"""``carbonev footprint`` and ``carbonev validate``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.choices import TableFormat
from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state


class EndOfLifeRule(StrEnum):
    cut_off = "cut-off"
    avoided_burden = "avoided-burden"
    cff = "cff"


def footprint(
    specs: list[Path] = typer.Argument(..., help="Vehicle spec files (YAML or JSON).", show_default=False),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    sets: list[str] | None = typer.Option(
        None, "--set", help="Override a spec field, e.g. --set battery.capacity=75kWh (repeatable)."
    ),
    scenario: Path | None = typer.Option(
        None, "--scenario", help="YAML file 'scenarios: {name: {key.path: value}}': one column per scenario."
    ),
    eol: EndOfLifeRule | None = typer.Option(
        None, "--eol", help="End-of-life modelling (same as --set end_of_life.modelling=...); "
        "cff also needs --set end_of_life.cff_a=<A>."
    ),
    manifest: Path | None = typer.Option(
        None, "--manifest", help="Also write a reproducibility manifest (check it with `carbonev verify`)."
    ),
) -> None:
    """Cradle-to-grave footprint per vehicle and per km, by life stage."""
    from carbonev.api import footprint as compute
    from carbonev.api.records import manifest_inputs, payload
    from carbonev.report.footprint import render
    from carbonev.specs.overrides import load_scenarios, parse_assignments

    overrides = parse_assignments(sets or [])
    if eol is not None:
        overrides["end_of_life.modelling"] = eol.value
    scenarios = load_scenarios(scenario) if scenario else None
    results = compute(specs, method=method, store=state.store, progress=state.progress,
                      overrides=overrides, scenarios=scenarios)
    record = None
    if manifest is not None:  # checked before anything is written; written last, with the output's hash
        from carbonev.provenance.manifest import check_manifest

        record = ("footprint", {"method": method, "overrides": overrides}, manifest_inputs(specs, scenario),
                  payload(results))
        check_manifest(*record, manifest, method=method)
    write_output(render(results, fmt.value), output)
    if record is not None:
        from carbonev.provenance.manifest import write_manifest

        write_manifest(*record, manifest, outputs={"output": output} if output else None, method=method)


def validate(
    specs: list[Path] = typer.Argument(..., help="Vehicle spec files to check.", show_default=False),
    sets: list[str] | None = typer.Option(
        None, "--set", help="Check with a spec field overridden, e.g. --set battery.capacity=75kWh (repeatable)."
    ),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method the check prices plants with."),
) -> None:
    """Check spec files without computing the footprint: every check `footprint` makes (schema, units,
    bounds, mass balance, the files they name, the uncertainty section), so ok means it will compute."""
    from carbonev.api import validate as check_specs
    from carbonev.errors import SpecError, SpecErrors, raise_all
    from carbonev.specs.overrides import parse_assignments

    overrides = parse_assignments(sets or [])
    failed: list[SpecError] = []
    for file in specs:  # every file checked; each file's errors all at once
        try:
            [(path, spec)] = check_specs([file], method=method, store=state.store, overrides=overrides)
        except SpecError as exc:
            failed += exc.errors if isinstance(exc, SpecErrors) else [exc]
            continue
        typer.echo(f"ok: {path} ({spec.name}, {spec.powertrain.value})")
    raise_all(failed)


def register(app: typer.Typer) -> None:
    app.command("footprint")(guarded(footprint))
    app.command("validate")(guarded(validate))
