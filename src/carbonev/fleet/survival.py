"""Survival curves: the share of a registration cohort still on the road at each age.

Weibull (Hao et al. 2011, the form the ICCT Roadmap model also uses):

    S(age) = exp(-(age / λ) ** k)          [age in years; λ scale, k shape]

Mandatory-scrappage classes use a step: S(age) = 1 for age < T, else 0.

Reference: Hao H., Wang H., Ouyang M., Cheng F. (2011) Vehicle survival patterns in China.
Science China Technological Sciences 54(3):625-629.
"""

from __future__ import annotations

import numpy as np

from carbonev.errors import SpecError
from carbonev.fleet.data import Curve, SurvivalFile


def survival(curve: Curve, age: np.ndarray | float) -> np.ndarray:
    """S(age) of one curve [-]; ``age`` [year] may be an array."""
    a = np.asarray(age, dtype=float)
    if curve.form == "step":
        return np.where(a < curve.age.amount, 1.0, 0.0)
    lam, k = curve.scale.amount, curve.shape.amount
    return np.exp(-np.power(np.clip(a, 0.0, None) / lam, k))


def mean_life(curve: Curve) -> float:
    """Mean of the lifetime distribution [year]: λ·Γ(1 + 1/k) (Weibull) or T (step)."""
    from math import gamma

    if curve.form == "step":
        return curve.age.amount
    return curve.scale.amount * gamma(1.0 + 1.0 / curve.shape.amount)


def table(sf: SurvivalFile, classes: list[str], max_age: int, file: str = "survival file") -> np.ndarray:
    """[class, age] survival for ages 0..max_age (integer years since first registration)."""
    ages = np.arange(max_age + 1)
    out = np.empty((len(classes), ages.size))
    for i, cls in enumerate(classes):
        if cls not in sf.curves:
            raise SpecError(f"no survival curve for class {cls!r}; curves: {', '.join(sf.curves)}",
                            file=file, field="curves")
        out[i] = survival(sf.curves[cls], ages)
    return out
