"""Turn carbonev errors into one line on stderr and exit code 2 (no traceback)."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from carbonev.errors import CarbonevError, SpecError


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
    output = Path(output)
    if not output.parent.exists():
        raise SpecError("folder does not exist", file=str(output), field="--output")
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
