"""Run the carbonev CLI in-process (Typer's CliRunner) against a given Brightway store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from carbonev.cli.main import app

runner = CliRunner()


def invoke(store: Path, *args: str):
    """``carbonev --store STORE --quiet ARGS...``; the Result has exit_code, stdout, stderr."""
    return runner.invoke(app, ["--store", str(store), "--quiet", *args])
