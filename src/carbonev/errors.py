"""Exceptions raised by carbonev.

Every error is a :class:`CarbonevError` and also the built-in it resembles, so
callers can catch either. The CLI turns any ``CarbonevError`` (and any ``OSError``,
through :func:`describe_os_error`) into one line per problem on stderr and exit code 2.
No error text is ever empty, and error text quotes structure (file, key path, unit),
never more than a short printable prefix of a value (:func:`preview`).
"""

from __future__ import annotations

import errno as _errno
import os

PREVIEW_CHARS = 16  # at most this many characters of an offending value appear in an error


def preview(value: object, limit: int = PREVIEW_CHARS) -> str:
    """A short, printable, quoted prefix of ``value`` for an error message: ``'78 kWh**9999…'``.

    Control and non-printable characters become ``?``; longer text is cut and marked with ``…``
    (so a secret or a 50 MB string is never echoed in full)."""
    text = value if isinstance(value, str) else repr(value)
    cut = len(text) > limit
    text = "".join(ch if ch.isprintable() else "?" for ch in text[:limit])
    return f"'{text}…'" if cut else f"'{text}'"


class CarbonevError(Exception):
    """Base class of every error carbonev raises on purpose."""

    def __str__(self) -> str:  # never empty: fall back to the class's one-line description
        text = super().__str__()
        if text.strip():
            return text
        doc = (type(self).__doc__ or "").strip().splitlines()
        return doc[0] if doc else type(self).__name__


class SpecError(CarbonevError, ValueError):
    """An input file is malformed or holds an invalid value.

    The message names the file, the key path and what is wrong.
    """

    def __init__(self, message: str = "", *, file: str | None = None, field: str | None = None):
        self.file = file
        self.field = field
        self.message = message
        parts = [p for p in (file, field) if p]
        prefix = ": ".join(parts)
        message = message or (type(self).__doc__ or "").strip().splitlines()[0]
        super().__init__(f"{prefix}: {message}" if prefix else message)


class SpecErrors(SpecError):
    """Several problems in one input: one line each (``file: key.path: what is wrong``)."""

    def __init__(self, errors: list[SpecError]):
        if not errors:
            raise ValueError("SpecErrors needs at least one error")
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.message, file=first.file, field=first.field)
        self.args = ("\n".join(str(e) for e in self.errors),)

    def __str__(self) -> str:
        return str(self.args[0])


def raise_all(errors: list[SpecError]) -> None:
    """Raise the one error, or all of them at once [no-op when ``errors`` is empty]."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SpecErrors(errors)


class DataError(SpecError):
    """A shipped inventory or method file is inconsistent."""


class UnitError(CarbonevError, TypeError):
    """A quantity has the wrong unit or dimension."""


class UnknownName(CarbonevError, KeyError):
    """A name (chemistry, region, method, data file) is not known.

    The message lists the valid names.
    """

    def __init__(self, kind: str, name: str, valid: list[str] | tuple[str, ...] | set[str]):
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        shown = ", ".join(self.valid[:40]) + (" ..." if len(self.valid) > 40 else "")
        super().__init__(f"unknown {kind} {preview(name, 60)}; valid: {shown}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class CarbonevWarning(UserWarning):
    """Base class of carbonev's warnings: a possible but unusual input; the run goes on. The CLI
    prints each as one line (``warning: file: key.path: ...``)."""


class PlausibilityWarning(CarbonevWarning):
    """A possible but unusual value (a pack of 450 Wh/kg, a drive unit of 1 % of the curb mass)."""


class CalculationError(CarbonevError, RuntimeError):
    """The LCA could not be computed (e.g. a singular technosphere matrix)."""


class StoreError(CarbonevError, OSError):
    """The store folder cannot be used: read-only without a build, full, unwritable, or a build failed.

    The message names the store folder and the cause (no traceback text).
    """

    def __init__(self, message: str = "", *, store: object | None = None):
        self.store = store
        message = message or "cannot be used"
        text = f"store {store}: {message}" if store is not None else message
        super().__init__(text)

    def __str__(self) -> str:  # OSError would format (errno, strerror)
        return self.args[0] if self.args and str(self.args[0]).strip() else CarbonevError.__str__(self)


_CAUSES = {
    _errno.ENOSPC: "no space left on the device",
    _errno.EDQUOT: "disk quota exceeded",
    _errno.EROFS: "read-only file system",
    _errno.EACCES: "permission denied",
    _errno.EPERM: "operation not permitted",
    _errno.EISDIR: "is a folder, not a file",
    _errno.ENOTDIR: "a part of the path is not a folder",
    _errno.ENOENT: "not found",
    _errno.EEXIST: "already exists",
    _errno.ENXIO: "no reader on the other end (a pipe or device)",
    _errno.ENAMETOOLONG: "file name too long",
    _errno.ELOOP: "too many levels of symbolic links",
    _errno.EMFILE: "too many open files",
    _errno.EIO: "input/output error",
    _errno.ETXTBSY: "file busy",
    _errno.EXDEV: "cannot rename across file systems",
    _errno.EBUSY: "device or resource busy",
}


class FileError(CarbonevError, OSError):
    """A file or folder cannot be read or written: one line naming the path and the cause."""

    def __init__(self, path: object, cause: str, *, field: str | None = None, code: int | None = None):
        self.path = None if path is None else str(path)
        self.field = field
        self.cause = cause
        parts = [p for p in (self.path, field) if p]
        super().__init__(": ".join([*parts, cause]))
        self.errno = code
        self.filename = self.path

    def __str__(self) -> str:
        return self.args[0] if self.args and str(self.args[0]).strip() else CarbonevError.__str__(self)


def os_cause(exc: OSError) -> str:
    """The cause of an OSError in a few words (``no space left on the device``), never empty."""
    if isinstance(exc, FileError):
        return exc.cause
    code = getattr(exc, "errno", None)
    if code in _CAUSES:
        return _CAUSES[code]
    if code:
        return os.strerror(code).lower()
    text = (getattr(exc, "strerror", None) or str(exc) or "").strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def describe_os_error(exc: OSError, path: object | None = None, field: str | None = None) -> str:
    """One line for any OSError: ``PATH: [FIELD: ]CAUSE`` (the path from the error if not given)."""
    if isinstance(exc, CarbonevError):
        return str(exc)
    where = path if path is not None else (exc.filename if exc.filename is not None else None)
    if isinstance(where, bytes):
        where = os.fsdecode(where)
    parts = [str(p) for p in (where, field) if p not in (None, "")]
    return ": ".join([*parts, os_cause(exc)])


def file_error(exc: OSError, path: object | None = None, field: str | None = None) -> FileError:
    """``exc`` as a :class:`FileError` (one line naming the path and the cause)."""
    if isinstance(exc, FileError):
        return exc
    where = path if path is not None else exc.filename
    return FileError(where, os_cause(exc), field=field, code=getattr(exc, "errno", None))
