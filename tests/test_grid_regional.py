"""Derived provincial life-cycle grid factor: national life-cycle factor x the province's
official CO2 emission factor / the national one (MEE/NBS 2023, inventories/electricity-cn.yaml).
Checked by hand from the shipped figures: Zhejiang 0.4974 / 0.5306 = 0.937 (2023)."""

from __future__ import annotations

import pytest

from carbonev.data.catalog import shipped_catalog
from carbonev.inventory import grid


def co2(cat, region, year):
    return cat.activities[f"electricity-co2-{region}-{year}"].exchanges[0].amount


def test_zhejiang_scale_is_the_ratio_of_the_official_co2_factors():
    cat = shipped_catalog()
    s = grid.regional_scale(cat, "cn-zj", 2030)
    assert (s.region, s.year) == ("cn-zj", 2023)
    assert s.scale == pytest.approx(co2(cat, "cn-zj", 2023) / co2(cat, "cn", 2023))
    assert s.scale == pytest.approx(0.4974 / 0.5306, rel=1e-3)
    assert "not an official provincial factor" in s.note


def test_early_years_use_the_same_years_co2_factors():
    cat = shipped_catalog()
    s = grid.regional_scale(cat, "cn-zj", 2022)
    assert s.year == 2022 and s.scale == pytest.approx(co2(cat, "cn-zj", 2022) / co2(cat, "cn", 2022))


def test_province_without_co2_factor_takes_its_grid_and_the_nation_none():
    cat = shipped_catalog()
    tibet = grid.regional_scale(cat, "cn-xz", 2025)
    assert tibet.region == "cn-southwest"
    assert grid.regional_scale(cat, "cn", 2025) is None


def test_provinces_now_differ_in_the_default_footprint(session_store):
    """Sweeping provinces changes the use-phase result (issue 10: identical rows before)."""
    from pathlib import Path

    from carbonev.api import footprint
    from carbonev.specs.load import load_vehicle
    from carbonev.specs.overrides import apply

    spec = load_vehicle(Path(__file__).resolve().parent.parent / "examples" / "bev-midsize-nmc811.yaml")
    use = {}
    for region in ("Zhejiang", "Yunnan", "Shandong"):
        (res,) = footprint([apply(spec, {"use.region": region})], store=session_store)
        use[region] = float(res.stages.set_index("stage").loc["use_energy_upstream", "amount"])
        assert any("derived life-cycle factor" in n for n in res.notes)
    assert use["Yunnan"] < use["Zhejiang"] < use["Shandong"]
