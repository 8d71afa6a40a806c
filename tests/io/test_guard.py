"""The CLI guard: every fault is one line per problem on stderr, exit 2 (130/143 when stopped), no
traceback, never an empty message; carbonev's warnings are one line each and the run goes on (issue 12)."""

from __future__ import annotations

import errno
import warnings

import pytest
import typer
from typer.testing import CliRunner

import carbonev.errors as errors_module
from carbonev.cli.guard import Terminated, guarded
from carbonev.errors import (
    CarbonevError,
    FileError,
    PlausibilityWarning,
    SpecError,
    SpecErrors,
    StoreError,
    UnknownName,
    describe_os_error,
    preview,
)

runner = CliRunner()


def _run(exc: BaseException | None = None, warn: str | None = None):
    app = typer.Typer()

    def command() -> None:
        if warn:
            warnings.warn(warn, PlausibilityWarning, stacklevel=1)
        if exc is not None:
            raise exc
        typer.echo("done")

    app.command()(guarded(command))
    app.command("other")(lambda: None)
    return runner.invoke(app, ["command"])


@pytest.mark.parametrize("exc", [
    SpecError("must be positive", file="a.yaml", field="mass.curb"),
    FileError("/x/r.json", "no space left on the device", field="--output"),
    StoreError("read-only", store="/s"),
    UnknownName("chemistry", "NMC999", ["LFP", "NMC811"]),
])
def test_carbonev_errors_are_one_line_exit_2(exc):
    res = _run(exc)
    assert res.exit_code == 2
    assert res.stderr == f"error: {exc}\n"
    assert "\n" not in str(exc)


@pytest.mark.parametrize(("exc", "line"), [
    (OSError(errno.ENOSPC, "No space left on device", "/data/out.json"), "/data/out.json: no space left on the device"),
    (OSError(errno.EROFS, "Read-only file system", "/ro/x"), "/ro/x: read-only file system"),
    (PermissionError(errno.EACCES, "Permission denied", "/root/x"), "/root/x: permission denied"),
    (IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp"), "/tmp: is a folder, not a file"),
    (OSError(errno.ENXIO, "No such device or address", "/p"), "/p: no reader on the other end (a pipe or device)"),
    (OSError("something odd"), "something odd"),
    (OSError(), "OSError"),
    (TimeoutError(), "TimeoutError"),
])
def test_every_os_error_is_one_line_naming_the_path_and_the_cause(exc, line):
    res = _run(exc)
    assert res.exit_code == 2
    assert res.stderr == f"error: {line}\n"
    assert describe_os_error(exc) == line


def test_ctrl_c_is_one_line_and_non_zero():
    res = _run(KeyboardInterrupt())
    assert res.exit_code == 130
    assert res.stderr == "error: interrupted; nothing half-written was left\n"


def test_sigterm_is_one_line_exit_143():
    res = _run(Terminated(15))
    assert res.exit_code == 143
    assert res.stderr == "error: terminated by signal 15; nothing half-written was left\n"


def test_several_errors_print_one_line_each():
    exc = SpecErrors([SpecError("a", file="f.yaml", field="x"), SpecError("b", file="f.yaml", field="y")])
    res = _run(exc)
    assert res.exit_code == 2
    assert res.stderr == "error: f.yaml: x: a\nerror: f.yaml: y: b\n"


def test_a_multi_line_message_never_becomes_a_multi_line_error():
    res = _run(CarbonevError("first\n  indented second"))
    assert res.stderr == "error: first\nerror: indented second\n"


def test_warnings_are_one_line_each_before_the_result_and_the_run_goes_on():
    res = _run(warn="spec.yaml: battery.mass: pack specific energy 784 Wh/kg ...\n(second line)")
    assert res.exit_code == 0
    assert res.stdout == "done\n"
    assert res.stderr == "warning: spec.yaml: battery.mass: pack specific energy 784 Wh/kg ... (second line)\n"


def test_warnings_come_before_the_error():
    res = _run(SpecError("bad", file="f"), warn="odd")
    assert res.stderr == "warning: odd\nerror: f: bad\n"


def _error_classes():
    out = []
    for name in dir(errors_module):
        obj = getattr(errors_module, name)
        if isinstance(obj, type) and issubclass(obj, CarbonevError):
            out.append(obj)
    return out


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda c: c.__name__)
def test_no_error_is_ever_empty(cls):
    """``str(UnknownObject())`` printed nothing: every carbonev error has text even when raised bare."""
    try:
        exc = cls()
    except TypeError:  # needs arguments: give empty ones
        exc = {"SpecErrors": lambda: cls([SpecError("")]), "UnknownName": lambda: cls("", "", []),
               "FileError": lambda: cls(None, "")}[cls.__name__]()
    assert str(exc).strip()
    res = _run(exc)
    assert res.exit_code == 2
    assert res.stderr.strip() not in ("error:", "")


def test_an_empty_os_error_from_a_library_is_not_empty():
    assert describe_os_error(OSError()) == "OSError"


def test_preview_is_short_and_printable():
    assert preview("x" * 100) == "'" + "x" * 16 + "…'"
    assert preview("a\x1b[31mb") == "'a?[31mb'"
    assert preview(12.5) == "'12.5'"
