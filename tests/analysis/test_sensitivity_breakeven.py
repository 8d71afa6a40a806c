"""Sensitivity ranks a known dominant input first; break-even is checkable by hand."""

from __future__ import annotations

import numpy as np

from carbonev.analysis.breakeven import Curve, break_even
from carbonev.analysis.sensitivity import delta_indices, rank_correlations, tornado


def test_delta_ranks_the_dominant_input_first():
    """y = 10·a + b + 0·c: a dominates by construction."""
    rng = np.random.default_rng(0)
    inputs = {"a": rng.normal(size=1500), "b": rng.normal(size=1500), "c": rng.normal(size=1500)}
    y = 10 * inputs["a"] + inputs["b"]
    table = delta_indices(inputs, y, top=3, seed=1)
    assert table["input"].iloc[0] == "a"
    assert table["delta"].iloc[0] > 2 * table["delta"].iloc[1]
    assert rank_correlations(inputs, y).index[0] == "a"


def test_constant_inputs_are_not_ranked():
    rng = np.random.default_rng(1)
    inputs = {"a": rng.normal(size=200), "fixed": np.ones(200)}
    assert list(rank_correlations(inputs, inputs["a"]).index) == ["a"]


def test_tornado_orders_by_swing():
    inputs = {"a": np.linspace(0, 1, 101), "b": np.linspace(0, 10, 101)}
    table = tornado(inputs, ["a", "b"], lambda name, value: 0.0 if name is None else value)
    assert list(table["input"]) == ["b", "a"]
    assert table.loc[0, "swing"] == np.float64(9.0)


def test_break_even_by_hand():
    """Electric: 10 t at 0 km, +100 kg per 1,000 km; combustion: 5 t, +200 kg per 1,000 km
    → equal at 50,000 km, i.e. 2.5 years at 20,000 km a year."""
    km = np.linspace(0, 200_000, 11)
    electric = Curve(km, 10_000 + 0.1 * km, 2025, 20_000.0, 0.0)
    combustion = Curve(km, 5_000 + 0.2 * km, 2025, 20_000.0, 0.0)
    be = break_even(electric, combustion)
    assert be.km == np.float64(50_000.0) or abs(be.km - 50_000.0) < 1e-6
    assert abs(be.year - 2027.5) < 1e-9
    assert be.electric_lower_from_start is False


def test_no_break_even_when_electric_always_higher():
    km = np.linspace(0, 100_000, 6)
    be = break_even(Curve(km, 10_000 + 0.2 * km, 2025, 10_000.0, 0.0), Curve(km, 5_000 + 0.1 * km, 2025, 10_000.0, 0.0))
    assert be.km is None and be.year is None
