"""The example vehicles against published cradle-to-grave results for China.

Published figures (China, passenger cars, cradle-to-grave GHG):
- Gan Y. et al. (2023) Sustainability 15(3):2627, doi:10.3390/su15032627 (Argonne/GREET,
  national average grid): BEV with 160 km range 231 g CO2e/km, with 480 km range 279 g/km,
  22% and 5% below gasoline ICEVs, i.e. ICEV about 296 and 294 g/km.
- Bieker G. (2021) ICCT white paper "A global comparison of the life-cycle GHG emissions of
  combustion engine and electric passenger cars": medium BEVs registered in China in 2021
  emit 37-45% less than gasoline cars over their life.
- CATARC, China Automotive Low-Carbon Action Plan 2022: BEVs 43.4% below gasoline cars.

These are envelope tests (regression bounds from the literature, not exact values): a
result outside them means the model or its data changed in a way that needs explaining
in docs/validation.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from carbonev.api import footprint

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# g CO2e/km envelopes: Gan et al. 2023 values widened by 25% either way
GAN_2023_BEV = (231.0, 279.0)
GAN_2023_ICEV = 295.0
# BEV saving against the gasoline car: Gan 2023 (5%) to ICCT 2021 (45%)
SAVING_RANGE = (0.05, 0.45)


@pytest.fixture(scope="module")
def results(session_store):
    names = ["bev-midsize-nmc811.yaml", "bev-compact-lfp.yaml", "icev-gasoline-midsize.yaml"]
    computed = footprint([EXAMPLES / n for n in names], store=session_store)
    return dict(zip(["bev", "lfp", "icev"], computed, strict=True))


def test_gasoline_car_is_above_the_midsize_bev_on_china_grid(results):
    assert results["icev"].per_km > results["bev"].per_km
    assert results["icev"].per_km > results["lfp"].per_km


def test_bev_saving_within_gan_2023_to_icct_2021_range(results):
    saving = 1.0 - results["bev"].per_km / results["icev"].per_km
    assert SAVING_RANGE[0] <= saving <= SAVING_RANGE[1], saving


def test_per_km_within_gan_2023_envelope(results):
    lo, hi = GAN_2023_BEV[0] * 0.75, GAN_2023_BEV[1] * 1.25
    assert lo <= results["bev"].per_km <= hi
    assert GAN_2023_ICEV * 0.75 <= results["icev"].per_km <= GAN_2023_ICEV * 1.25


def test_battery_cradle_to_gate_per_kwh_within_peiseler_2024_range(results, session_store):
    """Peiseler et al. 2024, Nat. Commun., doi:10.1038/s41467-024-54634-y: NMC811 packs
    59-115 kg CO2e/kWh; the range is shipped as parameters reference_cradle_to_gate_*."""
    from carbonev.data.catalog import shipped_catalog
    from carbonev.specs.load import load_vehicle

    cat = shipped_catalog()
    capacity = load_vehicle(EXAMPLES / "bev-midsize-nmc811.yaml").battery.capacity
    per_kwh = float(results["bev"].stages.set_index("stage").loc["battery", "amount"]) / capacity
    lo = cat.value("reference_cradle_to_gate_nmc811_low", "kg_CO2e/kWh")
    hi = cat.value("reference_cradle_to_gate_nmc811_high", "kg_CO2e/kWh")
    assert lo <= per_kwh <= hi, per_kwh


def test_stages_add_up_to_total_and_shares_to_one(results):
    for r in results.values():
        assert r.stages["amount"].sum() == pytest.approx(r.total)
        assert r.stages["share"].sum() == pytest.approx(1.0)
        assert r.per_km == pytest.approx(r.total * 1000 / r.lifetime_km)
