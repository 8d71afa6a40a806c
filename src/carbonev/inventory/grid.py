"""Pick the grid-electricity activity for a region and year.

Codes are ``electricity-<basis>-<region>-<year>`` with basis ``lc`` (life-cycle
carbon-footprint factor, for products) or ``co2`` (CO2 emission factor, for
scope-2 accounting). Where the region has no data, its regional grid and then
the national figure are used; where the year has no data, the closest earlier
year (or the earliest, before the series starts) is used. Each substitution is
reported, never silent.

Prospective (scenario) factors end in ``-trajectory``. They are used only when
asked for (``trajectory=True``) and only for years after the region's last
official figure; the choice then says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from carbonev.data.regions import REGIONS, fallbacks
from carbonev.errors import DataError

_CODE = re.compile(r"^electricity-(lc|co2)-(.+)-(\d{4})(-trajectory)?$")

BASIS = {"life-cycle": "lc", "co2": "co2"}


def official_lc(code: str) -> tuple[str, int] | None:
    """(region, year) of an official life-cycle grid code (``electricity-lc-<region>-<year>``), else None."""
    m = _CODE.match(code)
    if m is None or m.group(4) or m.group(1) != "lc":
        return None
    return m.group(2), int(m.group(3))


def is_grid(code: str) -> bool:
    """Whether ``code`` is a grid-electricity activity (any basis, official or trajectory)."""
    return _CODE.match(code) is not None


@dataclass(frozen=True)
class GridChoice:
    code: str
    region: str
    year: int
    substituted: str | None  # why the choice differs from what was asked, if it does


@lru_cache(maxsize=64)
def _available(codes: frozenset[str]) -> dict[tuple[str, str, bool], tuple[int, ...]]:
    """(basis, region, is_trajectory) → years with data."""
    out: dict[tuple[str, str, bool], list[int]] = {}
    for code in codes:
        m = _CODE.match(code)
        if m:
            out.setdefault((m.group(1), m.group(2), bool(m.group(4))), []).append(int(m.group(3)))
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=4096)
def choose(codes: frozenset[str], region: str, year: int, basis: str = "lc", trajectory: bool = False) -> GridChoice:
    """The electricity activity for ``region`` in ``year`` (see module doc)."""
    table = _available(codes)
    for candidate in fallbacks(region):
        years = table.get((basis, candidate, False))
        if not years:
            continue
        future = table.get((basis, candidate, True), ())
        if trajectory and year > years[-1] and future:
            earlier = [y for y in future if y <= year]
            chosen = earlier[-1] if earlier else future[0]
            reasons = [f"scenario trajectory value for {chosen} (no official figure after {years[-1]})"]
            if candidate != region:
                reasons.insert(0, f"no {basis} factor for {REGIONS[region].name}; used {REGIONS[candidate].name}")
            return GridChoice(code=f"electricity-{basis}-{candidate}-{chosen}-trajectory", region=candidate,
                              year=chosen, substituted="; ".join(reasons))
        earlier = [y for y in years if y <= year]
        chosen = earlier[-1] if earlier else years[0]
        reasons = []
        if candidate != region:
            reasons.append(f"no {basis} factor for {REGIONS[region].name}; used {REGIONS[candidate].name}")
        if chosen != year:
            reasons.append(f"no {year} figure; used {chosen}")
        return GridChoice(
            code=f"electricity-{basis}-{candidate}-{chosen}",
            region=candidate,
            year=chosen,
            substituted="; ".join(reasons) or None,
        )
    raise DataError(f"no electricity data with basis {basis!r} for {region} or China", file="inventories/")


@dataclass(frozen=True)
class RegionalScale:
    """Derived regional life-cycle factor = national factor × ``scale``.

    ``scale`` = region's official CO2 emission factor / national CO2 emission factor of the
    same year (MEE/NBS 电力二氧化碳排放因子), i.e. the province (or its regional grid) is
    assumed to differ from the nation in life-cycle terms as it does in CO2 terms. Not an
    official factor; ``note`` says so and names the figures.
    """

    scale: float
    region: str  # region whose CO2 factor was used (province or its grid)
    year: int  # year of the CO2 factors
    note: str


def _co2(cat, region: str, year: int) -> float | None:
    act = cat.activities.get(f"electricity-co2-{region}-{year}")
    if act is None:
        return None
    return sum(e.amount for e in act.exchanges if e.flow == "co2_fossil")


_SCALES: dict[tuple[str, str, int], RegionalScale | None] = {}


def regional_scale(cat, region: str, year: int) -> RegionalScale | None:
    """As :func:`_regional_scale`, remembered per data version (activities do not change with
    parameter values, so every catalog view of one data version shares the answer)."""
    key = (cat.sha256, region, year)
    if key not in _SCALES:
        if len(_SCALES) > 4096:
            _SCALES.clear()
        _SCALES[key] = _regional_scale(cat, region, year)
    return _SCALES[key]


def _regional_scale(cat, region: str, year: int) -> RegionalScale | None:
    """Scale for a derived life-cycle factor of ``region`` in ``year`` [-], or None for the
    nation or when no CO2 factors exist. Uses the latest year <= ``year`` (else the earliest)
    with CO2 factors for both the region (province first, then its grid) and the nation."""
    if REGIONS[region].code == "cn":
        return None
    table = _available(cat.activity_codes)
    national = set(table.get(("co2", "cn", False), ()))
    for candidate in fallbacks(region)[:-1]:
        years = sorted(set(table.get(("co2", candidate, False), ())) & national)
        if not years:
            continue
        earlier = [y for y in years if y <= year]
        chosen = earlier[-1] if earlier else years[0]
        ratio = _co2(cat, candidate, chosen) / _co2(cat, "cn", chosen)
        name = REGIONS[candidate].name
        note = (f"derived life-cycle factor for {REGIONS[region].name}: national life-cycle factor × {ratio:.3f} "
                f"({name}/China CO2 emission factor ratio, MEE/NBS {chosen}); not an official provincial factor")
        return RegionalScale(scale=ratio, region=candidate, year=chosen, note=note)
    return None
