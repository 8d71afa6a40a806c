"""A plant's evaluated account: what reports and audits read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from carbonev.factory import metrics as met
from carbonev.factory.accounting import Account
from carbonev.factory.allocation import Allocation
from carbonev.factory.spec import Factory

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class PlantResult:
    """A plant's account, allocation and metrics, with the input's identity."""

    factory: Factory
    file: str | None
    sha256: str | None
    account: Account
    allocation: Allocation
    metrics: dict[str, met.Metric]

    def to_frame(self) -> pd.DataFrame:
        """Per product: unit, quantity made, scope 1, scope 2 (location, market), scope 3 [kg CO2e per
        unit], electricity [kWh per unit], heat and fuels [MJ per unit] under the allocation rule."""
        return self.allocation.per_unit.copy()
