"""A station's inputs per kWh delivered (a link set the engine prices), and its hourly profile.

Per kWh delivered over a year (ΣL kWh):

    grid activity   Σ_t grid_t · s_t / ΣL        (s: the region's normalised hourly shape; 1 if none)
    PV activity     Σ_t (direct_t + to_store_t) / ΣL
    storage         C · 1000 / e_LFP / (life · ΣL) kg of LFP pack materials, and
                    C · e_mfg / (life · ΣL) kWh of grid electricity for cell and pack making
    chargers        Σ_groups n · embodied / (life · ΣL) kg CO2e (a direct co2e flow)

with e_LFP the shipped pack specific energy [Wh/kg] and e_mfg the shipped cell-making
electricity [kWh/kWh]. Pure: reads the catalog, writes nothing. See docs/charging.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from carbonev.inventory import grid
from carbonev.inventory.charging.charging_profile import energy_shares, named_shares
from carbonev.inventory.charging.dispatch import Dispatch, dispatch
from carbonev.inventory.charging.grid_shape import choose_shape, monthly_by_source, solar_elevation_sine
from carbonev.specs.calendar import DAYS_IN_MONTH, MONTH_OF_HOUR, expand
from carbonev.specs.station import StationSpec

HANGZHOU_LATITUDE = 30.27  # used only when the region ships no grid shape (and so no latitude)


@dataclass(frozen=True)
class StationLink:
    amount: float  # per kWh delivered
    basis: str
    code: str | None = None
    flow: str | None = None
    kind: str = ""  # grid, pv, storage, chargers


@dataclass
class StationModel:
    """Dispatch, the grid choice and the per-kWh-delivered links of one station."""

    spec: StationSpec
    dispatch: Dispatch
    shape: np.ndarray  # 8,760 normalised grid intensity shape (ones if none)
    shape_note: str
    grid_code: str
    grid_note: str | None
    links: list[StationLink]

    @property
    def delivered(self) -> float:
        return float(self.dispatch.load.sum())


def load_series(station: StationSpec, profiles) -> np.ndarray:
    """Delivered energy per hour [kWh]: annual energy × P[h, m] / D_m."""
    ld = station.load
    shares = named_shares(profiles, ld.profile) if ld.profile else energy_shares(np.array(ld.matrix))
    return ld.annual_energy * expand(shares / DAYS_IN_MONTH[None, :])


def pv_series(station: StationSpec, profiles) -> tuple[np.ndarray, str]:
    """PV output per hour [kWh]: capacity × full-load hours, by month as the region's NBS solar output
    (else as the sun's path) and within the month as the sun's elevation."""
    pv = station.pv
    if pv is None:
        return np.zeros(8760), "no PV"
    shapes = [g for (r, _), g in sorted(profiles.grid_shapes.items()) if r == station.region]
    lat = shapes[-1].latitude if shapes else HANGZHOU_LATITUDE
    e = solar_elevation_sine(lat)
    month_sun = np.bincount(MONTH_OF_HOUR, weights=e, minlength=12)
    if shapes:
        solar = monthly_by_source(shapes[-1])["solar"]
        month_share, how = solar / solar.sum(), f"monthly split as {station.region} NBS solar output {shapes[-1].year}"
    else:
        month_share, how = month_sun / month_sun.sum(), "monthly split by the sun's path (no NBS series for region)"
    annual = pv.capacity * pv.full_load_hours
    return annual * month_share[MONTH_OF_HOUR] * e / month_sun[MONTH_OF_HOUR], how


def _links(station: StationSpec, cat, d: Dispatch, shape: np.ndarray, grid_code: str) -> list[StationLink]:
    total = float(d.load.sum())
    grid_w = float((d.grid * shape).sum()) / total
    out = [StationLink(grid_w, f"grid {d.grid.sum():.6g} kWh/yr, time-weighted", code=grid_code, kind="grid")]
    if station.pv is not None:
        used = float((d.pv_direct + d.pv_to_storage).sum())
        out.append(StationLink(used / total, f"on-site PV {used:.6g} kWh/yr used", code=station.pv.factor, kind="pv"))
    st = station.storage
    if st is not None:
        per = 1.0 / (st.lifetime * total)
        kg = st.capacity * 1000.0 / cat.value("battery_pack_specific_energy_lfp", "Wh/kg")
        out.append(StationLink(kg * per, f"storage {st.capacity:g} kWh LFP: {kg:.1f} kg pack materials over "
                               f"{st.lifetime:g} yr", code="battery-pack-materials-lfp", kind="storage"))
        mfg = st.capacity * cat.value("battery_manufacturing_electricity", "kWh/kWh")
        out.append(StationLink(mfg * per, f"storage cell and pack making {mfg:.6g} kWh", code=grid_code,
                               kind="storage"))
    kg_co2e = sum(c.count * c.embodied / c.lifetime for c in station.chargers)
    out.append(StationLink(kg_co2e / total, f"chargers embodied {kg_co2e:.6g} kg CO2e/yr (site owner's figures)",
                           flow="co2e_aggregated", kind="chargers"))
    return out


@lru_cache(maxsize=64)
def _dispatched(station_json: str, profiles) -> tuple[StationSpec, Dispatch, np.ndarray, str]:
    station = StationSpec.model_validate(json.loads(station_json))
    load = load_series(station, profiles)
    pv, _ = pv_series(station, profiles)
    standby = sum(c.count * c.standby for c in station.chargers) / 1000.0  # kWh per hour
    rated = sum(c.count * c.power for c in station.chargers)
    eff = sum(c.count * c.power * c.efficiency for c in station.chargers) / rated  # power-weighted
    st = station.storage
    d = dispatch(load, pv, eff, standby, st.capacity if st else 0.0, st.power if st else 0.0,
                 st.round_trip_efficiency if st else 1.0)
    shape_m, note = choose_shape(profiles, station.region, station.year)
    shape = expand(shape_m) if shape_m is not None else np.ones(8760)
    return station, d, shape, note


def station_model(station: StationSpec, cat) -> StationModel:
    """The dispatched station (cached per station and profile data) and its links per kWh delivered."""
    station, d, shape, note = _dispatched(station.model_dump_json(), cat.profiles)
    choice = grid.choose(cat.activity_codes, station.region, station.year, grid.BASIS[station.electricity_factor])
    return StationModel(station, d, shape, note, choice.code, choice.substituted,
                        _links(station, cat, d, shape, choice.code))
