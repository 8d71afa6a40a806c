"""Optional dependencies by role, and the one-line error when one is missing.

carbonev's core (footprints, declarations, reports, audits) needs no optional package. Features that
do say which extra to install::

    >>> from carbonev.extras import require
    >>> require("plots", "--plot")   # raises MissingExtra if matplotlib is not installed
    ... # MissingExtra: --plot: matplotlib is not installed; pip install "carbonev[plots]"
"""

from __future__ import annotations

import importlib

from carbonev.errors import CarbonevError

# extra → the modules it provides (import names) and what it is for
EXTRAS: dict[str, tuple[tuple[str, ...], str]] = {
    "parallel": (("dask", "dask.dataframe", "distributed"), "running on a Dask cluster"),
    "sensitivity": (("SALib",), "sensitivity indices"),
    "plots": (("matplotlib",), "plots and charts"),
    "excel": (("openpyxl",), "Excel workbooks"),
    "fleet": (("pyarrow",), "fleet registration tables"),
    "server": (("starlette", "uvicorn", "sqlalchemy", "jwt", "httpx", "cryptography"), "the PACT host and client"),
}


class MissingExtra(CarbonevError, ImportError):
    """An optional dependency is not installed; the message names the ``pip install`` to run."""

    def __init__(self, extra: str, module: str, what: str | None = None):
        self.extra = extra
        self.module = module
        need = what or EXTRAS[extra][1]
        super().__init__(f"{need}: {module} is not installed; pip install \"carbonev[{extra}]\"")

    def __str__(self) -> str:  # ImportError's own __str__ would do too; keep CarbonevError's never-empty rule
        return CarbonevError.__str__(self)


def available(extra: str) -> bool:
    """Whether every module of ``extra`` can be imported."""
    try:
        require(extra)
    except MissingExtra:
        return False
    return True


def require(extra: str, what: str | None = None) -> None:
    """Import the modules of ``extra`` [raises MissingExtra naming ``pip install "carbonev[extra]"``].

    ``what`` names the feature in the message (an option such as ``--plot``); default: the extra's
    purpose."""
    modules, _ = EXTRAS[extra]
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            raise MissingExtra(extra, name.split('.')[0], what) from None
