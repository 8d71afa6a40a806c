"""Part forming as GREET 2017 process energy (part-manufacturing.yaml, data 2026.12.2).

The forming activities hold GREET's process electricity [kWh/kg] and natural gas [MJ/kg],
recovered by carbonev from GREET's life-cycle energy by primary source (see the file
header). Reference: GREET 2 (2017) as extracted in the Milovanoff et al. (2019) repository
(github.com/amilovanoff/est_milovanoff_et_al_2019 @4e353865), inputs/EF_mat_trans_GREET.csv
(CO2 (VOC, CO, CO2) in g per lb), EF_fuel_GREET.csv (US-mix electricity, WTP CO2
150,020 g per mmBtu delivered) and EF_assembly_GREET.csv ('Vehicle Assembly - Heating':
197,350.5 g CO2 for 3.303876 mmBtu of life-cycle energy, 0.99408 of it natural gas).

Check: priced on GREET's own US supply, the recovered energy must give back GREET's CO2 of
each process. Tolerance 1 %: the recovery itself closes within 0.3 %, the rest is rounding
of the shipped amounts (4 significant figures).
"""

from __future__ import annotations

import pytest

from carbonev.data.catalog import shipped_catalog

LB = 0.45359237  # kg
MMBTU = 1055.056  # MJ
US_GRID_CO2 = 150020.3536 / MMBTU * 3.6 / 1000  # kg CO2 per kWh delivered (GREET 2017 US mix)
GAS_PRIMARY_PER_DELIVERED = 1.10225  # pipeline-gas WTP 0.1088 over a 0.99408 gas share
GAS_CO2_PER_PRIMARY = 197350.5148 / (3.303876207 * 0.99408) / MMBTU / 1000  # kg CO2 per MJ primary gas
# GREET 2017 'Total Emissions' CO2 (VOC, CO, CO2) [g per lb] of processes that are electricity + gas only
GREET_CO2_G_PER_LB = {
    "forming-aluminium-casting": 317.7651993,  # 'Virgin Cast Aluminum'
    "forming-plastics-injection": 211.4257996,  # 'Plastic Injection Molding (PP)'
    "forming-rubber-moulding": 292.8222372,  # 'Rubber Compression Molding'
}


def _energy(code: str) -> tuple[float, float]:
    act = next(a for inv in shipped_catalog().inventories.values() for a in inv.activities if a.code == code)
    kwh = sum(e.amount for e in act.exchanges if e.input == "electricity-lc-cn-2024")
    gas = sum(e.amount for e in act.exchanges if e.input == "heat-natural-gas-cn")
    assert all(e.flow is None for e in act.exchanges), f"{code} should hold energy inputs only"
    return kwh, gas


@pytest.mark.parametrize("code", sorted(GREET_CO2_G_PER_LB))
def test_recovered_energy_gives_back_greet_co2(code):
    kwh, gas = _energy(code)
    co2 = kwh * US_GRID_CO2 + gas * GAS_PRIMARY_PER_DELIVERED * GAS_CO2_PER_PRIMARY
    assert co2 == pytest.approx(GREET_CO2_G_PER_LB[code] / 1000 / LB, rel=0.01)


def test_injection_moulding_is_all_electricity():
    """GREET's PP injection moulding has the US mix's energy profile: 3.278 MJ (0.9106 kWh)."""
    kwh, gas = _energy("forming-plastics-injection")
    assert gas == 0
    assert kwh * 3.6 == pytest.approx(3.278, rel=0.005)
