"""Hourly grid shapes and charging profiles: the equalities that pin the math (docs/charging.md)."""

from __future__ import annotations

import numpy as np
import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.inventory.charging.charging_profile import energy_shares, named_shares, valley_check, valley_share
from carbonev.inventory.charging.grid_shape import choose_shape, hourly_shape
from carbonev.inventory.charging.weighting import named_weight, weight
from carbonev.specs.calendar import HOURS, annual_mean, expand, reduce_mean


@pytest.fixture(scope="module")
def profiles():
    return shipped_catalog().profiles


def test_shipped_shape_annual_mean_equals_the_official_factor(profiles):
    """Annual mean of (official factor × shape) = the official factor: 8,760 hours and the 24×12 form."""
    official = 0.5777  # electricity-lc-cn-2024 [kg CO2e/kWh], MEE 2025 announcement
    for key, g in profiles.grid_shapes.items():
        hourly = official * hourly_shape(g)
        assert len(hourly) == HOURS
        assert hourly.mean() == pytest.approx(official, rel=1e-13), key
        assert official * annual_mean(reduce_mean(hourly_shape(g))) == pytest.approx(official, rel=1e-13)


def test_shape_is_cleaner_at_noon_than_at_night_and_follows_the_thermal_share(profiles):
    shape, note = choose_shape(profiles, "cn-zj", 2023)
    assert "estimate" in note
    assert (shape[12, :] < shape[0, :]).all()  # solar at noon, none at midnight
    g = profiles.grid_shapes[("cn-zj", 2023)]
    night = shape[0, 2]  # March, midnight: thermal share of March relative to the year
    t = np.array(g.series["thermal"].values)
    total = sum(np.array(s.values) for s in g.series.values())
    assert night > 0 and (t / total)[1] > 0  # period 1 = March
    assert shape.min() > 0


def test_flat_profile_weight_is_exactly_one(profiles):
    w, _ = named_weight(profiles, "cn-zj", 2025, "flat")
    assert w == 1.0 and type(w) is float
    # and the arithmetic agrees without the shortcut
    shape, _ = choose_shape(profiles, "cn-zj", 2025)
    assert weight(energy_shares(np.ones((24, 12))), shape) == pytest.approx(1.0, rel=1e-12)


def test_region_without_shape_is_flat_and_says_so(profiles):
    shape, note = choose_shape(profiles, "cn-yn", 2023)
    assert shape is None and "flat" in note
    assert named_weight(profiles, "cn-yn", 2023, "home-night")[0] == 1.0


def test_energy_shares_sum_to_one_and_expand_consistently(profiles):
    p = named_shares(profiles, "public-dc")
    assert p.sum() == pytest.approx(1.0, rel=1e-14)
    m = np.arange(288, dtype=float).reshape(24, 12)
    assert np.allclose(reduce_mean(expand(m)), m)


def test_valley_check_of_the_2024_pilot(profiles):
    home = valley_check(profiles, named_shares(profiles, "home-night"), "cn-zj", private=True)
    assert home.valley_share == pytest.approx(1.0) and home.target == 0.8 and home.passes
    evening = valley_check(profiles, named_shares(profiles, "home-evening"), "cn-zj", private=True)
    assert evening.valley_share == pytest.approx(2 / 6)  # 22-24 of 18-24
    assert evening.passes is False
    flat = named_shares(profiles, "flat")
    assert valley_share(flat, tuple(range(22, 24)) + tuple(range(8))) == pytest.approx(10 / 24)
    public = valley_check(profiles, flat, "cn-zj", private=False)
    assert public.target == 0.6 and public.passes is False
