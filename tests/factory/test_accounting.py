"""Scope 1 and scope 2 (location- and market-based), checked by hand against the shipped factors.

Factors used (all in the shipped data, cited there):
  Zhejiang 2023 grid CO2 factor 0.4974 kg/kWh (MEE/NBS 2025 No. 47, table 3)
  national 2023 factor excluding market-traded non-fossil power 0.6096 kg/kWh (residual mix)
  natural gas 38.931 MJ/m3 x 0.05554 kg CO2/MJ; diesel 2.570 kg CO2/L; LPG 50.24 MJ/kg x 0.06181 kg/MJ
  purchased heat 0.11 kg CO2/MJ; GWP100 AR6: R134a 1530, HFC-32 771, HFC-125 3740
"""

from __future__ import annotations

import pytest

from carbonev.errors import SpecError
from carbonev.factory.accounting import account
from carbonev.factory.spec import load_factory

from .plants import model, plant, write

GEC = {"id": "GEC-1", "kind": "certificate", "amount": "400 MWh", "evidence": ["gec"]}


def test_location_based_scope2_is_grid_kwh_times_the_provincial_factor_of_the_year(engine):
    acc = account(model(), engine)
    assert acc.total(2, "location") == pytest.approx(1_000_000 * 0.4974)
    assert acc.rows.loc[acc.rows["basis"] == "location", "reference"].tolist() == ["electricity-co2-cn-zj-2023"]
    assert not any(n.startswith("location factor") for n in acc.notes)  # 2023 exists: no substitution


def test_market_based_counts_evidenced_certificates_at_zero_and_the_rest_at_the_residual_mix(engine):
    acc = account(model(energy__electricity={"grid": "1000 MWh", "instruments": [GEC]}), engine)
    assert acc.total(2, "market") == pytest.approx(600_000 * 0.6096)
    assert acc.total(2, "location") == pytest.approx(1_000_000 * 0.4974)  # location-based ignores certificates
    assert acc.electricity.renewable == pytest.approx(400_000)


def test_a_certificate_without_evidence_is_not_counted(engine):
    bare = {**GEC, "evidence": []}
    acc = account(model(energy__electricity={"grid": "1000 MWh", "instruments": [bare]}), engine)
    assert acc.total(2, "market") == pytest.approx(1_000_000 * 0.6096)
    assert acc.electricity.renewable == 0
    assert any("GEC-1" in gap for gap in acc.evidence_gaps)


def test_a_certificate_is_counted_once_only(engine):
    with pytest.raises(SpecError, match=r"^plant.yaml: energy.electricity.instruments\[1\]\.id: .*counted once"):
        model(energy__electricity={"grid": "1000 MWh", "instruments": [GEC, {**GEC, "amount": "100 MWh"}]})


def test_self_consumed_pv_whose_certificates_were_sold_is_not_claimed_twice(engine):
    pv = {"generation": "300 MWh", "self_consumed": "300 MWh", "certificates_sold": "100 MWh", "evidence": ["bill"]}
    acc = account(model(energy__electricity={"grid": "1000 MWh", "onsite_pv": pv}), engine)
    assert acc.electricity.consumed == pytest.approx(1_300_000)
    assert acc.electricity.renewable == pytest.approx(200_000)
    # the 100 MWh whose attributes were sold are priced at the residual mix, market-based
    assert acc.total(2, "market") == pytest.approx((1_000_000 + 100_000) * 0.6096)


def test_more_certificates_than_grid_electricity_is_an_error_naming_file_and_field(tmp_path, engine):
    path = write(tmp_path, plant(energy__electricity={"grid": "300 MWh", "instruments": [GEC]}))
    with pytest.raises(SpecError) as err:
        load_factory(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: energy.electricity.instruments: ")
    assert "exceed" in msg


def test_scope1_fuels_by_hand(engine):
    fuels = [{"carrier": "natural_gas", "amount": "1000 m^3"}, {"carrier": "diesel", "amount": "1000 L"},
             {"carrier": "lpg", "amount": "1 t"}]
    acc = account(model(energy__fuels=fuels), engine)
    rows = acc.rows[acc.rows["scope"] == 1].set_index("carrier")["co2e"]
    assert rows["natural_gas"] == pytest.approx(1000 * 38.931 * 0.05554)
    assert rows["diesel"] == pytest.approx(1000 * 2.570)
    assert rows["lpg"] == pytest.approx(1000 * 50.24 * 0.06181)
    assert acc.total(1) == pytest.approx(rows.sum())


def test_refrigerant_leaks_use_the_method_gwp_and_blend_composition(engine, engine_for):
    refs = [{"gas": "R134a", "charge": "10 kg", "leaked": "1 kg"},
            {"gas": "R410A", "charge": "100 kg", "leaked": "10 kg"}]
    acc = account(model(refrigerants=refs), engine)
    assert acc.total(1) == pytest.approx(1 * 1530 + 10 * (0.5 * 771 + 0.5 * 3740))
    ar5 = account(model(refrigerants=refs), engine_for("ipcc-ar5-gwp100"))
    assert ar5.total(1) == pytest.approx(1 * 1300 + 10 * (0.5 * 677 + 0.5 * 3170))


def test_purchased_heat_is_scope2_on_both_bases(engine):
    acc = account(model(energy__electricity={"grid": "0 kWh"}, energy__purchased_heat={"amount": "1000 MJ"}), engine)
    assert acc.total(2, "location") == pytest.approx(110.0)
    assert acc.total(2, "market") == pytest.approx(110.0)


def test_credits_count_only_when_retired_with_evidence(engine):
    credits = [{"id": "a", "kind": "CCER", "amount": "10 t CO2e", "retired": "2024-03-01", "evidence": ["gec"]},
               {"id": "b", "kind": "CCER", "amount": "5 t CO2e"},
               {"id": "c", "kind": "VCS", "amount": "7 t CO2e", "retired": "2024-03-01"}]
    acc = account(model(credits=credits), engine)
    assert acc.credits == pytest.approx(10_000)
    assert acc.totals["scope12_market"] == pytest.approx(1_000_000 * 0.6096)  # credits are never netted


@pytest.mark.parametrize(("changes", "field"), [
    ({"energy__fuels": [{"carrier": "natural_gas", "amount": "5 t"}]}, "energy.fuels[0].amount"),
    ({"process_emissions": [{"gas": "xenon", "amount": "1 kg", "source": "kiln"}]}, "process_emissions[0].gas"),
])
def test_bad_accounting_input_names_the_field(changes, field, engine):
    with pytest.raises(SpecError, match=field.replace("[", r"\[").replace("]", r"\]")):
        account(model(**changes), engine, file="plant.yaml")


def test_a_missing_evidence_reference_is_an_error_naming_the_field(tmp_path, engine):
    path = write(tmp_path, plant(energy__electricity={"grid": "1 MWh", "evidence": ["nope"]}))
    with pytest.raises(SpecError, match=r"energy\.electricity\.evidence\[0\]: evidence 'nope' is not defined"):
        load_factory(path)
