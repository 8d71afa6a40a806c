"""Dated, sourced carbon prices (``methods/benefit/prices-carbon.yaml``) and what a tonne is worth.

A price is never used without its date: :func:`price` returns the point at (or the latest
before) the date asked for, with its kind, source and locator, and the result carries them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from carbonev.data.records import Source, Strict, Text, Uncertainty
from carbonev.data.resources import data_dir
from carbonev.errors import SpecError
from carbonev.io.files import load


class Point(Strict):
    date: dt.date
    kind: Literal["close", "first-trade", "annual-average", "range", "high", "threshold"]
    amount: float = Field(gt=0)
    period: str | None = None
    source: str
    locator: str = Field(min_length=1)
    uncertainty: Uncertainty
    comment: str | None = None


class Market(Strict):
    name: Text
    currency: Literal["CNY", "EUR"]
    per: str
    points: list[Point] = Field(min_length=1)


class PriceFile(Strict):
    format: Literal["carbonev-carbon-prices/1"]
    name: str
    version: str
    title: str
    sources: dict[str, Source] = Field(min_length=1)
    markets: dict[str, Market] = Field(min_length=1)

    @model_validator(mode="after")
    def _sources(self):
        for key, m in self.markets.items():
            for i, p in enumerate(m.points):
                if p.source not in self.sources:
                    raise ValueError(f"markets.{key}.points[{i}].source: {p.source!r} is not in 'sources'")
        return self


def load_prices(path: str | Path | None = None) -> tuple[PriceFile, Path]:
    p = Path(path) if path else data_dir("methods") / "benefit" / "prices-carbon.yaml"
    return load(PriceFile, p), p


def price(prices: PriceFile, market: str, on: dt.date | None = None) -> tuple[Point, Market]:
    """The point of ``market`` on date ``on`` or the latest before it (default: the latest)
    [raises SpecError if the market is unknown or has no point by that date]."""
    if market not in prices.markets:
        raise SpecError(f"unknown market {market!r}; markets: {', '.join(prices.markets)}", field="--price")
    m = prices.markets[market]
    # the latest point by then; on a day with several points, the closing price
    points = sorted((p for p in m.points if on is None or p.date <= on), key=lambda p: (p.date, p.kind == "close"))
    if not points:
        first = min(p.date for p in m.points)
        raise SpecError(f"no {market} price on or before {on} (series starts {first})", field="--price-date")
    return points[-1], m


def worth(tonnes: float, prices: PriceFile, market: str, on: dt.date | None = None) -> dict:
    """What ``tonnes`` [t CO2e] would be worth at ``market``'s price on a date — a yardstick, not a sale."""
    p, m = price(prices, market, on)
    src = prices.sources[p.source]
    return {"market": market, "market_name": m.name.en, "price": p.amount, "currency": m.currency,
            "per": m.per, "price_date": p.date.isoformat(), "price_kind": p.kind, "value": tonnes * p.amount,
            "source": src.citation, "locator": p.locator, "url": src.url}
