"""Turn carbonev errors into one line on stderr and exit code 2 (no traceback)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from carbonev.errors import CarbonevError
from carbonev.io.files import write_atomic


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CarbonevError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    return wrapper


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (all or nothing)."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    write_atomic(output, text, "--output")
