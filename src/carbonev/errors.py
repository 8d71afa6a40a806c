"""Exceptions raised by carbonev.

Every error is a :class:`CarbonevError` and also the built-in it resembles, so
callers can catch either. The CLI turns any ``CarbonevError`` into one line on
stderr and exit code 2.
"""

from __future__ import annotations


class CarbonevError(Exception):
    """Base class of every error carbonev raises on purpose."""


class SpecError(CarbonevError, ValueError):
    """An input file is malformed or holds an invalid value.

    The message names the file, the key path and what is wrong.
    """

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None):
        self.file = file
        self.field = field
        parts = [p for p in (file, field) if p]
        prefix = ": ".join(parts)
        super().__init__(f"{prefix}: {message}" if prefix else message)


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
        super().__init__(f"unknown {kind} {name!r}; valid: {shown}")

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0]


class CalculationError(CarbonevError, RuntimeError):
    """The LCA could not be computed (e.g. a singular technosphere matrix)."""


class StoreError(CarbonevError, OSError):
    """The store folder cannot be used: read-only without a build, full, unwritable, or a build failed.

    The message names the store folder and the cause (no traceback text).
    """

    def __init__(self, message: str, *, store: object | None = None):
        self.store = store
        text = f"store {store}: {message}" if store is not None else message
        super().__init__(text)

    def __str__(self) -> str:  # OSError would format (errno, strerror)
        return self.args[0]
