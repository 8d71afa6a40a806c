"""The shipped data: schema, cross-references, and reference values tied to their sources."""

from __future__ import annotations

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.data.records import Exact


@pytest.fixture(scope="module")
def cat():
    return shipped_catalog()


def test_every_shipped_file_loads_and_cross_checks(cat):
    # load_catalog validates every value's unit, year, geography, source, locator and
    # uncertainty, that inputs and flows exist and that units convert
    assert len(cat.inventories) >= 6
    assert {"ipcc-ar6-gwp100", "ipcc-ar6-gwp20", "ipcc-ar5-gwp100"} <= set(cat.methods)
    assert cat.default_method.name == "ipcc-ar6-gwp100"


def test_every_value_cites_a_known_source_with_a_locator(cat):
    count = 0
    for inv in cat.inventories.values():
        values = [e for a in inv.activities for e in a.exchanges] + list(inv.parameters.values())
        for v in values:
            assert v.source in inv.sources
            assert v.locator.strip()
            assert v.uncertainty.basis.strip()
            count += 1
    assert count > 100


def test_every_method_covers_every_flow(cat):
    for meth in cat.methods.values():
        assert {f.flow for f in meth.factors} == set(cat.flows.flows), meth.name


def test_inexact_values_are_the_rule(cat):
    """Only definitions are exact; measured data always carry a spread."""
    for inv in cat.inventories.values():
        for a in inv.activities:
            for e in a.exchanges:
                assert not isinstance(e.uncertainty, Exact), (inv.name, a.code)


def test_ipcc_ar6_table_7_15_methane_and_n2o(cat):
    """IPCC AR6 WG1 Table 7.15 (doi:10.1017/9781009157896.009): GWP100 CH4 fossil 29.8,
    non-fossil 27.0, N2O 273; GWP20 CH4 fossil 82.5."""
    gwp100 = {f.flow: f.amount for f in cat.method("ipcc-ar6-gwp100").factors}
    gwp20 = {f.flow: f.amount for f in cat.method("ipcc-ar6-gwp20").factors}
    assert gwp100["ch4_fossil"] == 29.8
    assert gwp100["ch4_biogenic"] == 27.0
    assert gwp100["n2o"] == 273
    assert gwp20["ch4_fossil"] == 82.5


def test_ipcc_ar5_table_8_7_gwp100(cat):
    """IPCC AR5 WG1 Table 8.7: GWP100 CH4 28 (fossil 30), N2O 265, HFC-134a 1300."""
    ar5 = {f.flow: f.amount for f in cat.method("ipcc-ar5-gwp100").factors}
    assert (ar5["ch4_biogenic"], ar5["ch4_fossil"], ar5["n2o"], ar5["hfc134a"]) == (28, 30, 265, 1300)


def test_mee_nbs_2022_national_grid_factor(cat):
    """MEE & NBS announcement of 2024-12 (2022 factors): national average 0.5366 kg CO2/kWh."""
    act = cat.activity("electricity-co2-cn-2022")
    [exc] = act.exchanges
    assert exc.flow == "co2_fossil"
    assert cat.exchange_factor(act, 0) == pytest.approx(0.5366)


def test_mee_2023_national_life_cycle_electricity_factor(cat):
    """MEE/NBS/NEA 2025 No. 3: 2023 national electricity carbon-footprint factor 0.6205 kg CO2e/kWh."""
    act = cat.activity("electricity-lc-cn-2023")
    assert sum(cat.exchange_factor(act, i) for i in range(len(act.exchanges))) == pytest.approx(0.6205)


def test_the_data_version_is_known_from_the_files_bytes():
    """The store's build is named by a hash of the data files, computable without parsing them."""
    from carbonev.data.catalog import data_version, shipped_catalog

    assert data_version() == shipped_catalog().sha256
