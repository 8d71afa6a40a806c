"""Plant files: impossible values are errors naming the file and field; a battery product of another
chemistry than the pack linked to it is warned of (issue 12)."""

from __future__ import annotations

import pytest

from carbonev.errors import SpecError
from carbonev.factory.spec import Factory
from carbonev.io.inputs import validate
from cli_runner import invoke

from .plants import FAIL, PASS, plant


def _error(data: dict) -> str:
    with pytest.raises(SpecError) as err:
        validate(Factory, data, "p.yaml")
    return str(err.value)


@pytest.mark.parametrize("quantity", ["0 GWh", "0 vehicle", "-5 item"])
def test_a_product_made_in_no_quantity_is_an_error_not_a_division_by_zero(quantity):
    products = [{"id": "car", "name": "car", "kind": "vehicle", "quantity": quantity}]
    text = _error(plant(products=products))
    assert text.startswith("p.yaml: products[0].quantity: must ")


def test_a_certificate_from_after_the_period_does_not_count():
    ins = [{"id": "gec-1", "kind": "certificate", "amount": "100 MWh", "vintage": 2099}]
    text = _error(plant(energy={"electricity": {"grid": "1000 MWh", "instruments": ins}}))
    assert text == ("p.yaml: energy.electricity.instruments[0].vintage: 2099 is after the reporting period (ending "
                    "2023-12-31); an instrument counts only for electricity generated in or before the period")
    ins[0]["vintage"] = 2021  # an older vintage is the rule set's business, not an impossibility
    validate(Factory, plant(energy={"electricity": {"grid": "1000 MWh", "instruments": ins}}), "p.yaml")


@pytest.mark.parametrize(("value", "unit"), [(-500, "%"), (150, "%"), (1.5, "-")])
def test_a_measured_share_lies_between_0_and_100_percent(value, unit):
    text = _error(plant(measured={"green_investment_share": {"value": value, "unit": unit}}))
    assert text.startswith("p.yaml: measured.green_investment_share.value: a share must lie between 0 and 100 %")


def test_a_share_in_a_unit_of_another_dimension_is_an_error():
    text = _error(plant(measured={"green_investment_share": {"value": 4, "unit": "kg"}}))
    assert "measured.green_investment_share.unit: a share is written in % or as a fraction" in text


@pytest.mark.parametrize(("changes", "field"), [
    ({"energy": {"electricity": {"grid": "1e300 kWh"}}}, "energy.electricity.grid"),
    ({"output_value": "1e300 CNY"}, "output_value.amount"),
    ({"site": {"name": "t", "province": "Zhejiang", "boundary": "the whole fenced site",
               "land_area": "1e30 m^2"}}, "site.land_area"),
    ({"energy": {"electricity": {"grid": "1000 MWh"}, "fuels": [{"carrier": "diesel", "amount": "1e300 L"}]}},
     "energy.fuels[0].amount"),
])
def test_amounts_beyond_any_plant_are_errors(changes, field):
    text = _error(plant(**changes))
    assert text.startswith(f"p.yaml: {field}: "), text


def test_the_shipped_plants_are_within_the_bounds():
    from carbonev.factory.spec import load_factory

    load_factory(str(PASS))
    load_factory(str(FAIL))


def test_an_lfp_plant_for_an_nmc811_pack_is_one_warning_line(session_store):
    from .plants import EXAMPLES

    pack = EXAMPLES.parent / "battery" / "pack-nmc811-zj.yaml"
    values = EXAMPLES.parent / "battery" / "battery-values-demo.yaml"
    res = invoke(session_store, "battery", "declare", str(pack), "--scheme", "eu-2023-1542", "--values", str(values),
                 "--plant", str(FAIL), "--product", "lfp-cell-280ah")
    assert res.exit_code == 0, res.output
    [line] = res.stderr.strip().splitlines()
    assert line == (f"warning: {pack}: --plant: plant product 'lfp-cell-280ah' of {FAIL} makes LFP cells, the pack "
                    "is NMC811; its per-kWh energy is used as given")
