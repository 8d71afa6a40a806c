"""Physical bounds of spec fields, in the fields' canonical units.

A value outside these is impossible for a road vehicle, a traction battery or a plant (an
error, not a warning); each bound is wide of anything real and says why. They are sanity
limits of the schema, not data: no result uses them. Possible-but-unusual values get a
warning instead (:mod:`carbonev.specs.plausibility`).
"""

from __future__ import annotations

# masses [kg]: the heaviest road vehicles are ~49 t gross (GB 1589-2016); curb far below
MAX_VEHICLE_KG = 100_000.0
MAX_PART_KG = 50_000.0
# traction battery [kWh]: a 48 V mild-hybrid pack holds ~0.5 kWh, the largest truck packs ~1 MWh
MIN_PACK_KWH = 0.1
MAX_PACK_KWH = 2_000.0
# energy use per km: heavy e-trucks ~1.5-2 kWh/km, diesel trucks ~0.35 L/km, FCEV trucks ~0.1 kg H2/km
MAX_KWH_PER_KM = 10.0
MAX_L_PER_KM = 2.0
MAX_KG_PER_KM = 2.0
# service life: cars ~150,000-300,000 km, buses and trucks up to ~1.5 million km; 1-50 years
MIN_LIFETIME_KM = 1_000.0
MAX_LIFETIME_KM = 5_000_000.0
MIN_YEARS = 1.0
MAX_YEARS = 50.0
# fuel cells [kW] and hydrogen tanks [kg H2]
MAX_FUEL_CELL_KW = 2_000.0
MAX_TANK_H2_KG = 500.0
MAX_TYRE_KG = 1_000.0
# text
MAX_NAME = 200  # characters of a name
MAX_TEXT = 10_000  # characters of a description or a basis
MAX_PATH = 4_096  # characters of a file name (PATH_MAX)
MAX_CODE = 200  # characters of an inventory code or id
# battery declarations
MAX_WARRANTY_YEARS = 30.0
MAX_CYCLES = 100_000.0
MAX_CYCLES_PER_YEAR = 3_650.0  # ten full cycles a day
# charging stations: a large PV-storage-charging site is a few MW; a year has 8,760 hours
MAX_SITE_KW = 1e6
MAX_SITE_KWH = 1e10
HOURS_PER_YEAR = 8_760.0
MAX_CHARGER_KW = 10_000.0  # megawatt charging (MCS) is 3.75 MW
# plants
MAX_PLANT_KWH = 1e12  # a year's electricity of the largest plants is ~1e10 kWh
MAX_MONEY_CNY = 1e14  # output value of the largest plants ~1e11 CNY
