"""``carbonev verify MANIFEST``: recompute a recorded result and say identical or what differs."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from carbonev.cli.guard import guarded
from carbonev.cli.state import state


def verify(
    manifest: Path = typer.Argument(..., help="Manifest written with --manifest.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Check every input file, the data and the method, re-run the command, and compare the result.

    Exit code 0 when identical, 1 when anything differs (each difference is listed), 2 when
    the manifest itself cannot be read.
    """
    from carbonev.provenance.manifest import verify as run

    report = run(manifest, store=state.store)
    if as_json:
        typer.echo(json.dumps({"manifest": report.manifest, "command": report.command,
                               "identical": report.identical, "differences": report.differences,
                               "warnings": report.warnings}, indent=2, ensure_ascii=False))
    elif report.identical:
        typer.echo(f"identical: {manifest} ({report.command}): inputs, data, method and result as recorded")
    else:
        typer.echo(f"DIFFERENT: {manifest} ({report.command}): {len(report.differences)} difference(s)")
        for line in report.differences:
            typer.echo(f"  {line}")
    for line in report.warnings:
        typer.echo(f"warning: {line}", err=True)
    if not report.identical:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("verify")(guarded(verify))
