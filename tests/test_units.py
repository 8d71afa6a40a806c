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
