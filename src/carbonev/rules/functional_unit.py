"""Functional-unit parameters a rule set fixes, so that a grade cannot be bought by declaring them.

A per-km grade follows the lifetime distance, the real-world factor, the grid basis and the
end-of-life rule. A rule set (rating, criteria) may fix them in a ``functional_unit`` section;
the spec's own values are then overridden (through :func:`carbonev.specs.overrides.apply`, the
same path as ``--set``) and every override is reported::

    functional_unit:
      use.lifetime: {value: shipped_default}                    # carbonev's sourced class default
      end_of_life.modelling: {value: cut-off, source: s, locator: "..."}
      use.region: {value: required_input}                       # the scheme owner supplies it
      energy.cycle: {value: CLTC, source: s, locator: "...", mode: require}

``shipped_default`` clears the spec's value so the shipped parameter applies (with its own
source); ``required_input`` is read from the values file under ``functional_unit.<key>``;
``mode: require`` does not override (energy use measured on another cycle cannot be converted)
but refuses a spec that states something else.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from carbonev.errors import SpecError
from carbonev.rules.required_inputs import REQUIRED
from carbonev.specs.overrides import apply, get_path
from carbonev.specs.vehicle import VehicleSpec

SHIPPED = "shipped_default"
# what a rule set may fix: key path → (what it is, unit a bare number is read in)
FIXABLE: dict[str, tuple[str, str | None]] = {
    "use.lifetime": ("lifetime distance", "km"),
    "use.years": ("service life", "year"),
    "use.region": ("grid region of the use phase", None),
    "use.electricity_factor": ("grid factor basis (life-cycle | co2)", None),
    "use.grid_outlook": ("years after the last official grid factor (official | trajectory)", None),
    "use.regional_factor": ("region without its own factor (derived | official)", None),
    "energy.cycle": ("driving cycle the energy use is stated on", None),
    "energy.real_world_factor": ("real-world / test-cycle energy use", None),
    "end_of_life.modelling": ("end-of-life rule (cut-off | avoided-burden | cff)", None),
}


class Fixed(BaseModel):
    """One fixed parameter: a sourced value, the shipped default, or a required input."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str | float
    mode: Literal["override", "require"] = "override"
    source: str | None = None
    locator: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _sourced(self):
        if self.value not in (SHIPPED, REQUIRED) and not (self.source and self.locator):
            raise ValueError("source: a fixed value needs source and locator (or shipped_default, required_input)")
        if self.mode == "require" and self.value in (SHIPPED, REQUIRED):
            raise ValueError("mode: 'require' needs a stated value")
        return self


def check_keys(fixed: dict[str, Fixed], sources: dict[str, Any]) -> None:
    """Schema checks shared by the rule-set models [raises ValueError naming the key]."""
    for key, item in fixed.items():
        if key not in FIXABLE:
            raise ValueError(f"functional_unit.{key}: cannot be fixed; fixable: {', '.join(FIXABLE)}")
        if item.source is not None and item.source not in sources:
            raise ValueError(f"functional_unit.{key}.source: {item.source!r} is not in 'sources'")


@dataclass(frozen=True)
class Override:
    key: str
    what: str
    spec: Any  # the spec's own value (None: not stated, the shipped default applied)
    fixed: Any  # what the rule set fixes (None: the shipped default)
    basis: str  # where the fixed value comes from
    resolved: str | None = None  # the shipped default as the model used it (from the result's assumptions)

    @property
    def changed(self) -> bool:
        return self.spec != self.fixed

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "what": self.what, "spec": self.spec, "fixed": self.fixed, "basis": self.basis,
                "resolved": self.resolved, "overridden": self.changed}

    def text(self) -> str:
        spec = "not stated" if self.spec is None else self.spec
        fixed = f"the shipped default{f' ({self.resolved})' if self.resolved else ''}" if self.fixed is None \
            else self.fixed
        verb = "overridden" if self.changed else "as fixed"
        return f"{self.key} ({self.what}): spec {spec} → {fixed} [{verb}; {self.basis}]"


def _value(key: str, item: Fixed, given: dict[str, Any], owner: str, where: str, file: str | None) -> tuple[Any, str]:
    if item.value == SHIPPED:
        return None, "shipped default parameter (its own source applies)"
    if item.value == REQUIRED:
        slot = f"functional_unit.{key}"
        if slot not in given:
            raise SpecError(f"required input not supplied: the rule set fixes {FIXABLE[key][0]} but publishes no "
                            f"value ({where} has no {slot})", file=file, field=slot)
        value = given[slot]
        if value == SHIPPED:
            return None, f"required input of {owner}, supplied: the shipped default parameter"
        unit = FIXABLE[key][1]
        if unit and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = f"{value} {unit}"
        return value, f"required input of {owner}, supplied in the values file"
    return item.value, f"{item.source}: {item.locator}"


def fix(spec: VehicleSpec, fixed: dict[str, Fixed], *, owner: str, given: dict[str, Any] | None = None,
        where: str = "the values file", rule_file: str | None = None,
        spec_file: str | None = None) -> tuple[dict[str, Any], list[Override]]:
    """(overrides for ``api.footprint``, the report rows) of a rule set's fixed parameters on ``spec``.

    The overridden spec is validated here (errors name the rule set); a ``require`` entry the
    spec does not meet raises SpecError naming the spec file and the field.
    """
    given = given or {}
    overrides: dict[str, Any] = {}
    rows: list[Override] = []
    for key, item in fixed.items():
        stated = get_path(spec, key)
        stated = getattr(stated, "value", stated)
        value, basis = _value(key, item, given, owner, where, rule_file)
        if item.mode == "require":
            if stated != value:
                raise SpecError(f"rule set {owner} requires {FIXABLE[key][0]} = {value} ({basis}); the spec states "
                                f"{stated}", file=spec_file, field=key)
        else:
            overrides[key] = value
        rows.append(Override(key, FIXABLE[key][0], stated, value, basis))
    if overrides:
        checked = apply(spec, overrides, origin=f"rule set {owner}: functional_unit")
        rows = [Override(r.key, r.what, r.spec, _shown(checked, r), r.basis) for r in rows]
    return overrides, rows


def _shown(spec: VehicleSpec, row: Override) -> Any:
    if row.fixed is None:
        return None
    value = get_path(spec, row.key)
    return getattr(value, "value", value)


def with_defaults(rows: list[Override], assumptions: dict[str, str]) -> list[Override]:
    """The rows with each shipped default as the model used it (``result.assumptions``)."""
    return [dataclasses.replace(r, resolved=assumptions.get(r.key)) if r.fixed is None else r for r in rows]


RuleFixed = dict[str, Fixed]
FixedField = Field(default={}, description="functional-unit parameters the rule set fixes (rules/functional_unit.py)")
