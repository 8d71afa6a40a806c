"""Every command runs inside :func:`guarded`: one line per problem on stderr, exit code 2, no traceback.

- a :class:`~carbonev.errors.CarbonevError` prints its text (several lines when a file has several
  errors: one each), prefixed ``error:``;
- any ``OSError`` (no space, read-only, permission, a folder, not a regular file) prints one line
  naming the path and the cause (:func:`carbonev.errors.describe_os_error`);
- Ctrl-C and SIGTERM print one line and exit 130 / 143;
- carbonev's warnings (:class:`~carbonev.errors.CarbonevWarning`) print one line each, ``warning:``,
  before the result or the error; the run goes on;
- an output option naming one of the command's input files is refused before anything runs, and
  the output gate refuses any file the command has read (:func:`carbonev.io.inputs.tracking`).
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from carbonev.errors import CarbonevError, CarbonevWarning, SpecError, describe_os_error
from carbonev.io.inputs import tracking
from carbonev.io.outputs import check_strict_json, write_atomic

OUTPUT_OPTIONS = {"output": "--output", "plot": "--plot", "manifest": "--manifest", "hourly": "--hourly"}
EXIT_ERROR = 2


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, SIGHUP)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _line(text: str) -> str:
    return " ".join(text.split()) or "unknown error"


def _paths(value: Any) -> list[Path]:
    if isinstance(value, Path):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, Path)]
    return []


def check_outputs(kwargs: dict[str, Any]) -> None:
    """Refuse an output option that names an input file of the command, or another output option
    [raises SpecError, before anything is computed]."""
    outputs = [(OUTPUT_OPTIONS[k], v) for k, v in kwargs.items() if k in OUTPUT_OPTIONS and isinstance(v, Path)]
    inputs = [p for k, v in kwargs.items() if k not in OUTPUT_OPTIONS for p in _paths(v)]
    seen: list[tuple[str, Path]] = []
    for option, out in outputs:
        for name, other in seen:
            if _same(out, other):
                raise SpecError(f"is also given as {name}; give each output its own file", file=str(out), field=option)
        seen.append((option, out))
        for given in inputs:
            if _same(out, given):
                raise SpecError("is one of this command's input files; refusing to overwrite it (choose another name)",
                                file=str(out), field=option)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.abspath(a) == os.path.abspath(b)


def guarded(func: Callable[..., Any], needs: tuple[str, str] | None = None) -> Callable[..., Any]:
    """``func`` as a command: errors as one line each, exit 2; ``needs`` = (extra, command) names an
    optional extra the command cannot run without (checked first: one line naming the ``pip install``)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        failure: tuple[str, int] | None = None
        with warnings.catch_warnings(), tracking():
            warnings.simplefilter("always", CarbonevWarning)
            warnings.showwarning = _shower(warnings.showwarning)
            try:
                if needs is not None:
                    from carbonev.extras import require

                    require(*needs)
                check_outputs(kwargs)
                return func(*args, **kwargs)
            except CarbonevError as exc:
                failure = (str(exc), EXIT_ERROR)
            except OSError as exc:
                failure = (describe_os_error(exc), EXIT_ERROR)
            except MemoryError:
                failure = ("out of memory (the input asks for more than this machine has)", EXIT_ERROR)
            except Terminated as exc:
                failure = (f"terminated by signal {exc.signum}; nothing half-written was left", 128 + exc.signum)
            except KeyboardInterrupt:
                failure = ("interrupted; nothing half-written was left", 130)
            finally:
                if failure is not None:
                    for line in str(failure[0]).splitlines() or [""]:
                        typer.echo(f"error: {_line(line)}", err=True)
        raise typer.Exit(failure[1])

    return wrapper


def _shower(original: Callable[..., Any]) -> Callable[..., Any]:
    """A ``warnings.showwarning`` printing carbonev's warnings as one line each, once each, when they
    happen (before the result or the error); other warnings as Python shows them."""
    shown: set[str] = set()

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if not issubclass(category, CarbonevWarning):
            original(message, category, filename, lineno, file, line)
            return
        text = _line(str(message))
        if text not in shown:
            shown.add(text)
            typer.echo(f"warning: {text}", err=True)

    return show


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (all or nothing); JSON text must be
    strict (no NaN or Infinity) either way."""
    check_strict_json(text)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    write_atomic(output, text, "--output")
