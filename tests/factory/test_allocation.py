"""Per-unit footprints by units, mass, value and metered lines, checked by hand."""

from __future__ import annotations

import pytest

from carbonev.errors import SpecError
from carbonev.factory.accounting import account
from carbonev.factory.allocation import allocate

from .plants import model

TWO = [{"id": "a", "name": "A", "kind": "vehicle", "quantity": "100 vehicle", "mass": "200 t", "value": "1 亿元"},
       {"id": "b", "name": "B", "kind": "vehicle", "quantity": "300 vehicle", "mass": "200 t", "value": "3000 万元"}]
GAS = [{"carrier": "natural_gas", "amount": "10000 m^3"}]


def run(engine, **changes):
    f = model(products=TWO, energy__fuels=GAS, **changes)
    acc = account(f, engine)
    return acc, allocate(f, acc, "plant.yaml")


@pytest.mark.parametrize(("rule", "share_a"), [("units", 100 / 400), ("mass", 200 / 400), ("value", 1e8 / 1.3e8)])
def test_shares_follow_the_rule(rule, share_a, engine):
    acc, alloc = run(engine, allocation={"rule": rule})
    assert alloc.share("a", "electricity") == pytest.approx(share_a)
    assert alloc.share("b", "natural_gas") == pytest.approx(1 - share_a)
    row = alloc.per_unit.set_index("product").loc["a"]
    assert row["scope2_location"] == pytest.approx(1_000_000 * 0.4974 * share_a / 100)
    assert rule in alloc.basis["a"] and "plant.yaml" in alloc.basis["a"]


def test_per_unit_footprints_add_back_to_the_plant_total(engine):
    acc, alloc = run(engine, allocation={"rule": "value"})
    pu = alloc.per_unit
    for scope, basis in (("scope1", "location"), ("scope2_location", "location"), ("scope2_market", "market")):
        total = acc.total(int(scope[5]), basis)
        assert (pu[scope] * pu["quantity"]).sum() == pytest.approx(total)


def test_metered_lines_take_their_own_energy_and_share_the_rest_by_the_remainder_rule(engine):
    products = [{**TWO[0], "line": "la"}, {**TWO[1], "line": "lb"}]
    lines = [{"id": "la", "electricity": "600 MWh"}, {"id": "lb", "electricity": "200 MWh"}]
    f = model(products=products, lines=lines, energy__fuels=GAS, allocation={"rule": "metered", "remainder": "units"})
    alloc = allocate(f, account(f, engine), "plant.yaml")
    # unmetered 200 MWh split by units 100:300 -> 50 / 150 MWh
    assert alloc.share("a", "electricity") == pytest.approx((600 + 50) / 1000)
    assert alloc.share("b", "electricity") == pytest.approx((200 + 150) / 1000)
    # gas is not metered by any line: all of it by the remainder rule
    assert alloc.share("a", "natural_gas") == pytest.approx(0.25)
    assert alloc.per_unit.set_index("product").loc["a", "electricity_kwh"] == pytest.approx(650_000 / 100)


def test_units_across_different_functional_units_is_an_error(engine):
    cell = {"id": "c", "name": "cell", "kind": "battery", "quantity": "2 GWh"}
    f = model(products=[TWO[0], cell])
    with pytest.raises(SpecError, match=r"^plant.yaml: allocation.rule: allocation by units needs one unit"):
        allocate(f, account(f, engine), "plant.yaml")


def test_metered_energy_above_the_plant_total_is_an_error_naming_lines(engine):
    products = [{**TWO[0], "line": "la"}, TWO[1]]
    f = model(products=products, lines=[{"id": "la", "electricity": "1200 MWh"}], allocation={"rule": "metered"})
    with pytest.raises(SpecError, match=r"^plant.yaml: lines: metered electricity .* exceeds the plant total"):
        allocate(f, account(f, engine), "plant.yaml")


def test_rule_needs_its_data(engine):
    with pytest.raises(SpecError, match=r"products\[0\]\.mass: required by allocation rule 'mass'"):
        model(allocation={"rule": "mass"})
