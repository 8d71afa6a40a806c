"""Pick the grid-electricity activity for a region and year.

Codes are ``electricity-<basis>-<region>-<year>`` with basis ``lc`` (life-cycle
carbon-footprint factor, for products) or ``co2`` (CO2 emission factor, for
scope-2 accounting). Where the region has no data, its regional grid and then
the national figure are used; where the year has no data, the closest earlier
year (or the earliest, before the series starts) is used. Each substitution is
reported, never silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from carbonev.errors import DataError
from carbonev.regions import REGIONS, fallbacks

_CODE = re.compile(r"^electricity-(lc|co2)-(.+)-(\d{4})$")

BASIS = {"life-cycle": "lc", "co2": "co2"}


@dataclass(frozen=True)
class GridChoice:
    code: str
    region: str
    year: int
    substituted: str | None  # why the choice differs from what was asked, if it does


@lru_cache(maxsize=64)
def _available(codes: frozenset[str]) -> dict[tuple[str, str], tuple[int, ...]]:
    out: dict[tuple[str, str], list[int]] = {}
    for code in codes:
        m = _CODE.match(code)
        if m:
            out.setdefault((m.group(1), m.group(2)), []).append(int(m.group(3)))
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=4096)
def choose(codes: frozenset[str], region: str, year: int, basis: str = "lc") -> GridChoice:
    """The electricity activity for ``region`` in ``year`` (see module doc)."""
    table = _available(codes)
    for candidate in fallbacks(region):
        years = table.get((basis, candidate))
        if not years:
            continue
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
