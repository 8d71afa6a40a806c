"""A vehicle made in the example plant gets the plant's manufacturing inputs, not the generic ones."""

from __future__ import annotations

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.errors import UnknownName
from carbonev.factory.link import assembly_footprint
from carbonev.inventory import grid
from carbonev.inventory.plants import plant_links

from .plants import PASS

# The plant file: 66 GWh used (56.1 grid + 9.9 PV), 59.9 GWh evidenced renewable; line-a (SUV, 90,000
# vehicles) meters 30 GWh and 3.2e6 m3 gas; line-b 18 GWh and 2.0e6 m3; the unmetered rest (18 GWh,
# 0.8e6 m3) is split by units, 90,000 : 60,000.
SUV_SHARE_E = (30 + 18 * 0.6) / 66
SUV_GAS_M3 = 3.2e6 + 0.8e6 * 0.6


@pytest.fixture(scope="module")
def share():
    return assembly_footprint(PASS, "zj-suv-ev")


def test_per_vehicle_amounts_are_the_plant_inputs_times_the_share(share):
    assert share.functional_unit == "vehicle" and (share.region, share.year) == ("cn-zj", 2024)
    total = share.grid_electricity.value + share.renewable_electricity.value
    assert total == pytest.approx((30e6 + 18e6 * 0.6) / 90_000)  # 453.3 kWh/vehicle
    assert share.renewable_electricity.value == pytest.approx(59.9e6 * SUV_SHARE_E / 90_000)
    assert share.fuels["natural_gas"].value == pytest.approx(SUV_GAS_M3 * 38.931 / 90_000)
    assert share.fuels["natural_gas"].code == "heat-natural-gas-cn"
    # diesel combustion and the R410A leak are direct emissions; units split 0.6 to the SUV
    assert share.direct_emissions["co2_fossil"].value == pytest.approx(120_000 * 2.570 * 0.6 / 90_000)
    assert share.direct_emissions["co2e_aggregated"].value == pytest.approx(240 * 2255.5 * 0.6 / 90_000)
    assert "natural_gas" not in share.direct_emissions


def test_it_differs_from_the_generic_assembly_parameters(share):
    cat = shipped_catalog()
    generic_kwh = cat.value("vehicle_assembly_electricity", "kWh/vehicle")
    generic_mj = cat.value("vehicle_assembly_heat", "MJ/vehicle")
    assert (generic_kwh, generic_mj) == (1150, 4130)
    assert share.grid_electricity.value + share.renewable_electricity.value < generic_kwh / 2
    assert share.fuels["natural_gas"].value < generic_mj / 2


def test_every_amount_cites_the_plant_file_and_the_allocation_rule(share):
    amounts = [share.grid_electricity, share.renewable_electricity, *share.fuels.values(),
               *share.direct_emissions.values()]
    for a in amounts:
        assert str(PASS) in a.basis and "metered" in a.basis, a.basis
    assert share.allocation == "metered"


def test_the_manufacturing_stage_changes_and_the_change_is_traceable(share, engine):
    """The stage the vehicle model would build from the plant, against the generic one, both
    priced by the same engine (life-cycle electricity of Zhejiang 2024)."""
    cat = shipped_catalog()
    choice = grid.choose(cat.activity_codes, "cn-zj", 2024, "lc")
    e_factor = engine.unit_impact(choice.code)
    gas_factor = engine.unit_impact("heat-natural-gas-cn")
    generic = 1150 * e_factor + 4130 * gas_factor

    def co2e(links):
        return sum(a * (engine.unit_impact(code) if code else engine.cf(flow)) for a, _, code, flow in links)

    links = plant_links(share, cat, "life-cycle")
    plant = co2e(links)
    assert plant < generic
    # traceable: grid part at the grid factor, renewables at their technology factors, gas, diesel and leaks
    tech = sum(a.value * engine.unit_impact(a.code) for a in share.renewable_by_technology.values() if a.code)
    diesel_l = share.fuels["diesel"].value / (cat.value("diesel_lhv", "MJ/kg") * cat.value("diesel_density", "kg/L"))
    by_hand = (share.grid_electricity.value * e_factor + tech + share.fuels["natural_gas"].value * gas_factor
               + diesel_l * engine.unit_impact("diesel-supply-cn")
               + share.direct_emissions["co2_fossil"].value + share.direct_emissions["co2e_aggregated"].value)
    assert plant == pytest.approx(by_hand, rel=1e-6)  # Brightway's CFs are float32
    assert all(basis for _, basis, _, _ in links)


def test_unknown_product_lists_the_valid_ones():
    with pytest.raises(UnknownName, match="zj-suv-ev"):
        assembly_footprint(PASS, "no-such-model")
