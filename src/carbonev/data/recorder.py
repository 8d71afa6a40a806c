"""A catalog view that notes the shipped parameters a model build reads.

Wrap the catalog, build, then read ``used`` (parameter names in first-use order): a report lists
the values its product used; Monte Carlo and sensitivity vary only parameters that can move the
result.
"""

from __future__ import annotations

from typing import Any

from carbonev.data.catalog import Catalog
from carbonev.data.inventory_file import Parameter
from carbonev.data.records import Source


class Recorder:
    """Everything of ``cat``, with :meth:`value`, :meth:`parameter` and :meth:`parameter_source`
    noting the parameter read."""

    def __init__(self, cat: Catalog):
        self._cat = cat
        self.used: dict[str, None] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cat, name)

    def value(self, name: str, in_unit: str) -> float:
        self.used.setdefault(name)
        return self._cat.value(name, in_unit)

    def parameter(self, name: str) -> Parameter:
        self.used.setdefault(name)
        return self._cat.parameter(name)

    def parameter_source(self, name: str) -> Source:
        self.used.setdefault(name)
        return self._cat.parameter_source(name)
