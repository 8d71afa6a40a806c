"""A plant's evaluated account: what reports and audits read."""

from __future__ import annotations

from dataclasses import dataclass

from carbonev.factory import metrics as met
from carbonev.factory.accounting import Account
from carbonev.factory.allocation import Allocation
from carbonev.factory.spec import Factory


@dataclass
class PlantResult:
    """A plant's account, allocation and metrics, with the input's identity."""

    factory: Factory
    file: str | None
    sha256: str | None
    account: Account
    allocation: Allocation
    metrics: dict[str, met.Metric]
