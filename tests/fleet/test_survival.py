"""Survival curves reproduce their published parameters.

Reference: Hao, Wang, Ouyang & Cheng (2011) Vehicle survival patterns in China, Sci China Tech
Sci 54(3):625-629 — abstract: average life spans 14.5, 13.1, 11.5, 12.8, 10.1, 8 years
(private passenger, government and business, non-operating buses, heavy, medium, light trucks);
taxis 5, transit buses 9, non-transit operating buses 5.5 years (mandatory scrappage).
Weibull parameters as cited from the paper in the vein R package (age.R).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from carbonev.fleet.data import load_survival
from carbonev.fleet.survival import mean_life, survival, table

ABSTRACT = {"private-passenger": 14.5, "government-business": 13.1, "non-operating-bus": 11.5,
            "heavy-truck": 12.8, "medium-truck": 10.1, "light-truck": 8.0}
VEIN = {"private-passenger": (4.79, 14.46), "government-business": (5.33, 13.11), "non-operating-bus": (5.08, 11.53),
        "heavy-truck": (5.58, 12.8), "medium-truck": (5.58, 10.09), "light-truck": (5.58, 8.02)}
STEPS = {"taxi": 5.0, "transit-bus": 9.0, "non-transit-operating-bus": 5.5}


@pytest.fixture(scope="module")
def curves():
    return load_survival()[0].curves


@pytest.mark.parametrize("cls", sorted(VEIN))
def test_weibull_parameters_as_published(curves, cls):
    k, lam = VEIN[cls]
    c = curves[cls]
    assert (c.shape.amount, c.scale.amount) == (k, lam)
    # the scale is the paper's "average life span", to the abstract's rounding
    assert round(c.scale.amount, 1 if ABSTRACT[cls] % 1 else 0) == pytest.approx(ABSTRACT[cls])
    # S(λ) = 1/e by definition of the Weibull scale; S falls monotonically from 1
    assert float(survival(c, lam)) == pytest.approx(math.exp(-1))
    s = survival(c, np.arange(0, 40))
    assert s[0] == 1.0 and np.all(np.diff(s) <= 0) and s[-1] < 1e-6
    # S(age) = exp(-(age/λ)^k) at one more point, by hand
    assert float(survival(c, 10.0)) == pytest.approx(math.exp(-((10.0 / lam) ** k)))


@pytest.mark.parametrize("cls", sorted(STEPS))
def test_mandatory_scrappage_steps(curves, cls):
    c = curves[cls]
    assert mean_life(c) == STEPS[cls]
    assert float(survival(c, STEPS[cls] - 0.01)) == 1.0
    assert float(survival(c, STEPS[cls])) == 0.0


def test_mean_life_of_private_cars(curves):
    # λ·Γ(1 + 1/k) = 14.46 · Γ(1.2088) ≈ 13.24 years: the mean of the fitted distribution
    assert mean_life(curves["private-passenger"]) == pytest.approx(14.46 * math.gamma(1 + 1 / 4.79))
    assert 13.0 < mean_life(curves["private-passenger"]) < 13.5


def test_table_rows_follow_classes():
    sf, _ = load_survival()
    t = table(sf, ["taxi", "private-passenger"], 20)
    assert t.shape == (2, 21)
    assert t[0, 4] == 1.0 and t[0, 5] == 0.0
    assert t[1, 14] == pytest.approx(math.exp(-((14 / 14.46) ** 4.79)))
