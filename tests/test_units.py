import re

import pytest

from carbonev.errors import UnitError
from carbonev.units import convert, magnitude_in, quantity


def test_per_hundred_km_reads_as_per_100_km():
    assert magnitude_in(quantity("15.2 kWh/100km"), "kWh/km") == pytest.approx(0.152)
    assert magnitude_in(quantity("6.5 L/100 km"), "L/km") == pytest.approx(0.065)


def test_co2e_units_convert_among_themselves_only():
    assert convert(1.0, "t CO2e", "kg CO2e") == pytest.approx(1000.0)
    assert convert(2.0, "g CO2e/MJ", "kg CO2e/GJ") == pytest.approx(2.0)
    with pytest.raises(UnitError):
        convert(1.0, "kg CO2e", "kg")


def test_wrong_dimension_is_a_unit_error_naming_the_value():
    with pytest.raises(UnitError, match="'15 kg' has the wrong dimension"):
        magnitude_in(quantity("15 kg"), "kWh/km", "energy use")


@pytest.mark.parametrize("text", ["abc", "12", "1650 kgg", ""])
def test_unreadable_quantities(text):
    with pytest.raises(UnitError):
        quantity(text)


def test_unit_error_is_also_a_type_error():
    with pytest.raises(TypeError):
        quantity("12")


# --- a quantity is a number and a unit, nothing else (issue 12) -------------------------------------------

@pytest.mark.parametrize(("text", "fragment"), [
    ("9**9**9 kWh", "no arithmetic"),
    ("10**400 kWh", "no arithmetic"),
    ("2*3 kg", "no arithmetic"),
    ("1/2 kg", "no arithmetic"),
    ("5 kg-3", "no arithmetic"),
    ("78 kWh**9999999", "an exponent must be a whole number up to 12"),
    ("78 kWh^9^9", "an exponent must follow a unit name or a number"),
    ("78 (kWh^9)^9", "an exponent must follow a unit name or a number"),
    ("1 km^12 km^12 km^12 km^12 km^12 km^12 km^12", "too many exponents"),
    ("1 ((((kg))))", "too many parentheses"),
    ("1 kWh/10000000km", "a number inside a unit may be at most"),
    ("1e400 kWh/100km", "out of range"),
    ("1e-320 km", "too small (denormal)"),
    ("5 kg\x00", "unexpected character"),
    ("nan kg", "expected a quantity"),
    ("inf kg", "expected a quantity"),
    ("5 100", "has no unit"),
])
def test_anything_but_a_number_and_a_unit_is_refused_at_once(text, fragment):
    import time

    started = time.monotonic()
    with pytest.raises(UnitError, match=re.escape(fragment)):
        quantity(text)
    assert time.monotonic() - started < 0.5


def test_a_magnitude_that_overflows_in_the_canonical_unit_is_refused():
    with pytest.raises(UnitError, match="out of range in kg"):
        magnitude_in(quantity("1e308 t"), "kg")


@pytest.mark.parametrize(("text", "unit_", "value"), [
    ("15.2 kWh/100km", "kWh/km", 0.152),
    ("23.5 kWh/100km", "kWh/km", 0.235),
    ("6.5 L/100 km", "L/km", 0.065),
    ("1.2e6 m^3", "m^3", 1.2e6),
    ("3 kg CO2e/(t*km)", "kg_CO2e/(t*km)", 3.0),
    ("5 %", "dimensionless", 0.05),
    ("5%", "dimensionless", 0.05),
    ("-0.5 kg", "kg", -0.5),
    ("1650kg", "kg", 1650.0),
    ("1.8 t", "kg", 1800.0),
])
def test_every_shipped_form_still_reads_exactly(text, unit_, value):
    """Same digits as pint's own reading (the spec round trip depends on the last bit)."""
    assert magnitude_in(quantity(text), unit_) == value


def test_unit_expressions_in_data_files_still_read():
    from carbonev.units import unit

    for text in ("kg CO2e/kWh", "kg_CO2e/(t*km)", "MJ/m^3", "g/kWh", "1/year", "t*km",
                 "Wh/kg", "%", "kg_CO2e/kg_CO2e"):
        unit(text)
    with pytest.raises(UnitError):
        unit("1/2 kg")


def test_the_shipped_unit_table_is_what_pint_reads_and_covers_every_unit_used():
    """data/unit_table.json holds pint's own sizes (recomputed here), for every unit the shipped
    data, the examples and the spec fields use: reading them never needs the registry."""
    import json

    from carbonev.data.unit_table import TABLE, compute, used_units

    shipped = json.loads(TABLE.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(compute(set(shipped))))
    readable = compute(used_units())
    assert set(readable) <= set(shipped), sorted(set(readable) - set(shipped))


def test_a_warm_footprint_builds_no_pint_registry():
    import subprocess
    import sys

    code = ("import sys\nfrom carbonev.data.catalog import load_catalog\nfrom carbonev.specs.load import load_vehicle\n"
            "from carbonev.inventory.vehicle import build\nc = load_catalog()\n"
            "build(load_vehicle('examples/bev-midsize-nmc811.yaml'), c)\nprint('pint' in sys.modules)")
    from pathlib import Path

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False", out.stderr


def test_a_unit_outside_the_table_is_read_by_pint_the_same_way():
    from carbonev.units import factor, magnitude, magnitude_in, quantity, size

    assert size("furlong/fortnight")[1] == size("km/year")[1]  # not shipped: pint builds the registry
    fast = magnitude("2 furlong/fortnight", "km/year")
    assert fast == pytest.approx(magnitude_in(quantity("2 furlong/fortnight"), "km/year"), rel=1e-14)
    assert fast == pytest.approx(2 * 201.168 / 1000 * 26.09, rel=1e-3)  # 201.168 m; a year ≈ 26.09 fortnights
    assert factor("(kg)/(kWh)", "g/Wh") == pytest.approx(1.0)
