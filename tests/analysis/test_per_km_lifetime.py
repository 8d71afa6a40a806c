"""Monte Carlo per km divides each iteration by its own lifetime (issue 12).

Only the lifetime varies (uniform 100,000–300,000 km; every shipped parameter held at its value, no
background sampling). The footprint per km of a car is fixed burdens / lifetime + use per km: it falls
as the lifetime grows, so every per-km percentile must lie between the deterministic per-km values at
300,000 km and at 100,000 km. Dividing by the deterministic lifetime instead puts the upper
percentiles of a combustion car above the 100,000 km value (the bug this pins).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from carbonev.analysis import montecarlo
from carbonev.analysis.run import uncertainty
from carbonev.api import footprint

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LO, HI = 100_000, 300_000


@pytest.mark.parametrize("example", ["icev-gasoline-midsize.yaml", "bev-midsize-nmc811.yaml"])
def test_every_per_km_percentile_lies_between_the_per_km_at_the_ends_of_the_lifetime_range(
        example, tmp_path, session_store, monkeypatch):
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    data.setdefault("use", {})["lifetime"] = f"{(LO + HI) // 2} km"
    data["uncertainty"] = {"use.lifetime": {"distribution": "uniform", "min": f"{LO} km", "max": f"{HI} km",
                                            "basis": "test: only the lifetime varies"}}
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(montecarlo, "uncertain_parameters", lambda cat: [])  # no shipped parameter varies

    [at_lo] = footprint([spec], store=session_store, overrides={"use.lifetime": f"{LO} km"})
    [at_hi] = footprint([spec], store=session_store, overrides={"use.lifetime": f"{HI} km"})
    assert at_hi.per_km < at_lo.per_km
    res = uncertainty([spec], iterations=400, seed=3, store=session_store, background=False)
    lifetimes = res.samples.lifetimes[:, 0]
    assert lifetimes.min() >= LO and lifetimes.max() <= HI and lifetimes.std() > 10_000  # it really varied
    total = res.summary[res.summary["stage"] == "total"].iloc[0]
    for key in ("p5_per_km", "median_per_km", "mean_per_km", "p95_per_km"):
        assert at_hi.per_km * (1 - 1e-9) <= total[key] <= at_lo.per_km * (1 + 1e-9), (key, total[key])
    # each iteration's per km is its own total over its own lifetime
    per_km = res.samples.per_km()[:, 0]
    assert per_km == pytest.approx(res.samples.values[:, 0, :].sum(axis=1) * 1000.0 / lifetimes)


def test_a_sampled_field_stays_within_its_physical_bounds(tmp_path, session_store, monkeypatch):
    """A normal spread wide enough to reach below zero is cut at the schema's bounds (a lifetime never
    falls under 1,000 km, where the per-km figure would be nonsense)."""
    data = yaml.safe_load((EXAMPLES / "bev-midsize-nmc811.yaml").read_text(encoding="utf-8"))
    data.setdefault("use", {})["lifetime"] = "150000 km"
    data["uncertainty"] = {"use.lifetime": {"distribution": "normal", "sd": "120000 km", "basis": "test: too wide"}}
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(montecarlo, "uncertain_parameters", lambda cat: [])
    res = uncertainty([spec], iterations=300, seed=1, store=session_store, background=False)
    lifetimes = res.samples.lifetimes[:, 0]
    assert (lifetimes < 100_000).any() and lifetimes.min() >= 1_000  # the tail reached the bound, no lower
    assert montecarlo.field_limits("use.lifetime") == (1_000.0, 5_000_000.0)
