"""``carbonev verify MANIFEST``: check a recorded result against itself, its files and a re-run."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from carbonev.cli.guard import guarded
from carbonev.cli.state import state


def verify(
    manifest: Path = typer.Argument(..., help="Manifest written with --manifest.", show_default=False),
    roots: list[Path] | None = typer.Option(
        None, "--root", help="Another folder verify may read (repeatable); by default only the manifest's folder."
    ),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Check the recorded result against its own hash, every input and output file against the
    hash recorded when it was written, the data and the method; re-run the command (reading only
    the manifest's folder and --root folders, writing nothing) and compare every number.

    Exit code 0 when everything is as recorded, 1 when anything differs (one line each), 2 when
    the manifest itself cannot be read or asks for more than verify allows.
    """
    from carbonev.api import verify as run
    from carbonev.provenance.verify import show

    report = run(manifest, store=state.store, roots=tuple(roots or ()))
    shown = show(manifest)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif report.identical:
        c = report.checked
        typer.echo(f"identical: {shown} ({report.command}): result and its hash, {c['inputs']} input file(s), "
                   f"{c['outputs']} output file(s), data, method and the re-computation as recorded")
    else:
        typer.echo(f"DIFFERENT: {shown} ({report.command}): {len(report.differences)} difference(s)")
        for line in report.differences:
            typer.echo(f"  {line}")
    for line in report.warnings:
        typer.echo(f"warning: {line}", err=True)
    if not report.identical:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("verify")(guarded(verify))
