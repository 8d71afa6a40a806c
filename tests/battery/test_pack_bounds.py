"""Pack files: warranty, capacity, mass and cycles within physical bounds; an unusual specific
energy warns (issue 12)."""

from __future__ import annotations

import pytest

from carbonev.errors import PlausibilityWarning, SpecError
from carbonev.specs.pack import load_pack
from cli_runner import invoke

from .helpers import DEMO_VALUES, PACK, write


@pytest.mark.parametrize(("key", "value", "fragment"), [
    ("warranty_years", "1000 year", "warranty_years: must be at most 30 year"),
    ("warranty_years", "0.1 year", "warranty_years: must be at least 1 year"),
    ("capacity", "1e-9 kWh", "capacity: must be at least 0.1 kWh"),
    ("capacity", "1e400 kWh", "capacity: cannot read"),
    ("mass", "0 kg", "mass: must be greater than 0 kg"),
    ("cycles", {"total": 1e9}, "cycles.total: must be at most 100000"),
    ("cycles", {"per_year": 1e6}, "cycles.per_year: must be at most 3650"),
])
def test_impossible_pack_values_are_errors(tmp_path, key, value, fragment):
    path = write(tmp_path, {**PACK, key: value})
    with pytest.raises(SpecError) as err:
        load_pack(path)
    assert str(err.value).startswith(f"{path}: {fragment}"), str(err.value)


def test_a_thousand_year_warranty_gives_no_declaration(tmp_path, session_store):
    path = write(tmp_path, {**PACK, "warranty_years": "1000 year"})
    res = invoke(session_store, "battery", "declare", str(path), "--scheme", "eu-2023-1542", "--values",
                 str(DEMO_VALUES))
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: {path}: warranty_years: must be at most 30 year (got '1000 year')"
    assert res.stdout == ""


def test_an_unusual_specific_energy_warns(tmp_path, recwarn):
    path = write(tmp_path, {**PACK, "mass": "50 kg"})  # 1,600 Wh/kg
    load_pack(path)
    [w] = [w for w in recwarn if issubclass(w.category, PlausibilityWarning)]
    assert str(w.message).startswith(f"{path}: mass: pack specific energy 1,600 Wh/kg")
