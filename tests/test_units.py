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
