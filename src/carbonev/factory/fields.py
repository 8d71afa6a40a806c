"""Field types of the factory file: money, free-unit quantities and fixed-unit quantities.

Regions use :data:`carbonev.data.regions.RegionCode`, as the vehicle spec does.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from carbonev.errors import UnitError
from carbonev.specs import quantities as q
from carbonev.units import quantity

_MONEY = {"cny": 1.0, "yuan": 1.0, "元": 1.0, "rmb": 1.0, "万元": 1e4, "亿元": 1e8,
          "kcny": 1e3, "mcny": 1e6, "bcny": 1e9}


def _money(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"expected money like '38 亿元' or '3.8e9 CNY', got {value!r}")
    if isinstance(value, (int, float)):
        raise ValueError(f"{value!r} needs a currency, e.g. '{value} CNY' or '{value} 万元'")
    m = re.match(r"^\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*(\S+)\s*$", value.replace(",", ""))
    if not m or m.group(2).lower() not in _MONEY:
        raise ValueError(f"cannot read {value!r}: write money as '<number> CNY|万元|亿元'")
    amount = float(m.group(1)) * _MONEY[m.group(2).lower()]
    if amount < 0:
        raise ValueError(f"must not be negative, got {value!r}")
    return amount


Money = Annotated[float, BeforeValidator(_money),
                  WithJsonSchema({"type": "string", "pattern": r"^\s*[-+]?[\d.,]+([eE][-+]?\d+)?\s*\S+\s*$",
                                  "description": "money: '<number> CNY', '万元' or '亿元' (stored in CNY)"})]


def _any_quantity(value: Any) -> str:
    try:
        q = quantity(value)
    except UnitError as exc:
        raise ValueError(str(exc)) from None
    if q.magnitude < 0:
        raise ValueError(f"must not be negative, got {value!r}")
    return str(value)


AnyQty = Annotated[str, BeforeValidator(_any_quantity)]


Refs = list[str]
Energy = q.EnergyAmount
Heat = q.Heat
Mass = q.Mass
Area = q.Area
Volume = q.Volume
CO2e = q.CO2e
