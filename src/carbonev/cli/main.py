"""Entry point: the Typer app, global options and error handling.

Any :class:`CarbonevError` becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path

import typer

from carbonev.cli import (
    analysis_cmds,
    battery_cmds,
    benefit_cmds,
    data_cmds,
    exchange_cmds,
    factory_cmds,
    fleet_cmds,
    footprint_cmds,
    pact_cmds,
    report_cmds,
    schema_cmds,
    serve_cmds,
    station_cmds,
    verify_cmds,
)
from carbonev.cli.state import state
from carbonev.version import __version__

app = typer.Typer(
    name="carbonev",
    help="Life-cycle carbon footprints of new-energy vehicles, computed with Brightway.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"carbonev {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    store: Path | None = typer.Option(
        None, "--store", envvar="CARBONEV_STORE",
        help="Brightway store folder (default: per-user data folder).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress messages on stderr."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    state.store = store
    state.quiet = quiet


footprint_cmds.register(app)
data_cmds.register(app)
analysis_cmds.register(app)
factory_cmds.register(app)
report_cmds.register(app)
battery_cmds.register(app)
exchange_cmds.register(app)
verify_cmds.register(app)
station_cmds.register(app)
serve_cmds.register(app)
pact_cmds.register(app)
fleet_cmds.register(app)
benefit_cmds.register(app)
schema_cmds.register(app)


def _stop(signum: int, frame: object) -> None:
    from carbonev.cli.guard import Terminated

    raise Terminated(signum)


def run() -> None:
    """Console-script entry point: SIGTERM and SIGHUP end the command like Ctrl-C (one line, temporary
    files removed, a non-zero exit)."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    app()
