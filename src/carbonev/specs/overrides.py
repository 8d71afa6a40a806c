"""Override spec fields: ``--set battery.capacity=75kWh``, scenario files and sweep grids.

An override is a dotted key path into the vehicle spec and a value written as in
the spec file. Every overridden spec is validated like a file; errors name the
override (``--set battery.capacity``) or the scenario file and key.
"""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from carbonev.errors import SpecError, preview
from carbonev.io.inputs import check_values, read_mapping, validate
from carbonev.specs.plausibility import vehicle_warnings, warn
from carbonev.specs.vehicle import VehicleSpec

Overrides = dict[str, Any]
MAX_VARIANTS = 100_000  # variants of one sweep file


def parse_assignments(items: Iterable[str], origin: str = "--set") -> Overrides:
    """``["battery.capacity=75 kWh", ...]`` → ``{"battery.capacity": "75 kWh"}``."""
    out: Overrides = {}
    for item in items:
        if "=" not in item:
            raise SpecError(f"expected KEY=VALUE, got {preview(item)}", file=origin)
        key, raw = item.split("=", 1)
        key = key.strip()
        if not key:
            raise SpecError(f"empty key in {preview(item)}", file=origin)
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except (yaml.YAMLError, ValueError, RecursionError):
            raise SpecError("the value is not readable YAML", file=origin, field=key) from None
        check_values(value, f"{origin} {key}")
        if isinstance(value, str):
            value = _space_units(value)
        out[key] = value
    return out


def _space_units(text: str) -> str:
    """'75kWh' → '75 kWh' (a quantity without the space, as typed on a command line)."""
    i = 0
    while i < len(text) and (text[i].isdigit() or text[i] in ".-+eE"):
        i += 1
    if 0 < i < len(text) and text[i] != " " and text[:i].strip("+-").replace(".", "", 1).isdigit():
        return f"{text[:i]} {text[i:]}"
    return text


def _set_path(data: dict[str, Any], path: str, value: Any) -> None:
    keys = path.split(".")
    node = data
    for key in keys[:-1]:
        if node.get(key) is None:
            node[key] = {}
        node = node[key]
        if not isinstance(node, dict):
            raise SpecError(f"{key!r} is not a section", field=path)
    node[keys[-1]] = value


def apply(spec: VehicleSpec, overrides: Mapping[str, Any], origin: str = "--set") -> VehicleSpec:
    """A copy of ``spec`` with ``overrides`` applied and validated."""
    if not overrides:
        return spec
    data = spec.model_dump(mode="json")
    for path, value in overrides.items():
        _set_path(data, path, copy.deepcopy(value))
    varied = validate(VehicleSpec, data, origin)
    before = set(vehicle_warnings(spec))
    warn([f"{origin}: {text}" for text in vehicle_warnings(varied) if text not in before])
    return varied


def get_path(model: Any, path: str) -> Any:
    for key in path.split("."):
        model = getattr(model, key)
    return model


def load_scenarios(path: str | Path) -> dict[str, Overrides]:
    """Scenario file: ``scenarios: {name: {key.path: value, ...}, ...}``."""
    data = read_mapping(path)
    scenarios = data.get("scenarios")
    if not isinstance(scenarios, dict) or not scenarios:
        raise SpecError("needs a 'scenarios' mapping of name → overrides", file=str(path), field="scenarios")
    for name, overrides in scenarios.items():
        if not isinstance(overrides, dict):
            raise SpecError("must be a mapping of key.path: value", file=str(path), field=f"scenarios.{name}")
    return {str(k): dict(v) for k, v in scenarios.items()}


def load_grid(path: str | Path) -> list[Overrides]:
    """Sweep file: ``grid: {key.path: [v1, v2, ...], ...}`` (all combinations) and/or
    ``variants: [{key.path: value, ...}, ...]`` (a table of overrides)."""
    data = read_mapping(path)
    unknown = set(data) - {"grid", "variants", "description"}
    if unknown:
        raise SpecError("unknown key (expected 'grid' and/or 'variants')", file=str(path), field=sorted(unknown)[0])
    variants: list[Overrides] = []
    grid = data.get("grid") or {}
    if not isinstance(grid, dict):
        raise SpecError("must map key.path to a list of values", file=str(path), field="grid")
    for key, values in grid.items():
        if not isinstance(values, list) or not values:
            raise SpecError("needs a non-empty list of values", file=str(path), field=f"grid.{key}")
    combos = math.prod(len(v) for v in grid.values()) if grid else 0
    if combos > MAX_VARIANTS:
        raise SpecError(f"{combos:,} combinations; at most {MAX_VARIANTS:,} (split the sweep)", file=str(path),
                        field="grid")
    if grid:
        keys = list(grid)
        variants += [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*grid.values())]
    table = data.get("variants") or []
    if not isinstance(table, list) or not all(isinstance(v, dict) for v in table):
        raise SpecError("must be a list of mappings key.path: value", file=str(path), field="variants")
    variants += [dict(v) for v in table]
    if len(variants) > MAX_VARIANTS:
        raise SpecError(f"{len(variants):,} variants; at most {MAX_VARIANTS:,} (split the sweep)", file=str(path))
    if not variants:
        raise SpecError("no variants: give 'grid' or 'variants'", file=str(path))
    return variants


class VariantFactory:
    """Builds many overridden specs fast: each distinct (key, value) is validated once,
    then variants are assembled with ``model_copy`` and the cross-field checks rerun."""

    def __init__(self, base: VehicleSpec, origin: str = "sweep"):
        self.base = base
        self.origin = origin
        self._values: dict[tuple[str, str], Any] = {}

    def validated(self, path: str, value: Any) -> Any:
        """``value`` at ``path`` as the spec stores it (validated once per distinct value)."""
        key = (path, repr(value))
        if key not in self._values:
            spec = apply(self.base, {path: value}, f"{self.origin}: {path}={preview(value)}")
            self._values[key] = get_path(spec, path)
        return self._values[key]

    def make(self, overrides: Mapping[str, Any]) -> VehicleSpec:
        """The base spec with ``overrides`` (validated)."""
        if not overrides:
            return self.base
        if "powertrain" in overrides:  # another powertrain is another model: validate the whole spec
            return apply(self.base, overrides, self.origin)
        nested: dict[str, Any] = {}
        for path, value in overrides.items():
            node = nested
            keys = path.split(".")
            for key in keys[:-1]:
                node = node.setdefault(key, {})
            node[keys[-1]] = self.validated(path, value)
        spec: VehicleSpec = _copy(self.base, nested)  # one copy per touched section
        try:
            spec.check_consistent()
        except ValueError as exc:
            raise SpecError(str(exc), file=self.origin, field=", ".join(overrides)) from None
        return spec


def with_field(spec: VehicleSpec, path: str, value: Any) -> VehicleSpec:
    """``spec`` with the already-validated ``value`` at ``path`` (no re-validation)."""
    nested: dict[str, Any] = {}
    node = nested
    keys = path.split(".")
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value
    varied: VehicleSpec = _copy(spec, nested)
    return varied


def _copy(model: Any, update: dict[str, Any]) -> Any:
    changes = {}
    for key, value in update.items():
        if isinstance(value, dict):
            changes[key] = _copy(getattr(model, key), value)
        else:
            changes[key] = value
    return model.model_copy(update=changes)
