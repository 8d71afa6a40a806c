"""Versions of carbonev and the packages its numbers depend on (recorded in every result)."""

from __future__ import annotations

import platform
from importlib import metadata

PACKAGES = ("carbonev", "bw2data", "bw2calc", "bw_processing", "numpy", "scipy", "pandas", "pint", "pydantic")


def software_versions() -> dict[str, str]:
    """{package: version} of carbonev and its numeric dependencies ('not installed' if absent)."""
    out = {}
    for pkg in PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def with_python() -> dict[str, str]:
    """:func:`software_versions` plus the Python version."""
    return {**software_versions(), "python": platform.python_version()}
