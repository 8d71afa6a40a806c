"""Deterministic fast evaluation: the background solved once, foregrounds as sparse products."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from carbonev.data.catalog import Catalog
from carbonev.engine.linkmatrix import LinkMatrix, link_matrix, stage_impacts
from carbonev.inventory.foreground import Foreground


class Evaluator:
    """Stage impacts of any foregrounds, from intensities of every background activity.

    ``impact_per_unit`` [kg CO2e per unit of each activity] may be overridden per
    code (tornado on a background input).
    """

    def __init__(self, cat: Catalog, store: Path, method: str | None = None):
        from carbonev.engine.intensity import BackgroundSystem

        self.cat = cat
        self.system = BackgroundSystem(cat, store, method)
        self.intensities = self.system.intensities(sorted(cat.activities))
        self.column = {c: j for j, c in enumerate(self.intensities.codes)}

    def link_matrix(self, foregrounds: Sequence[Foreground]) -> LinkMatrix:
        return link_matrix(foregrounds, self.intensities.flows, self.intensities.codes)

    def impact_per_unit(self, overrides: dict[str, float] | None = None) -> np.ndarray:
        h = self.intensities.impact.copy()
        for code, value in (overrides or {}).items():
            h[self.column[code]] = value
        return h

    def stages(self, foregrounds: Sequence[Foreground], overrides: dict[str, float] | None = None) -> np.ndarray:
        """[foreground, stage] impacts [kg CO2e per vehicle]."""
        lm = self.link_matrix(foregrounds)
        return stage_impacts(lm, self.impact_per_unit(overrides), self.intensities.cfs)

    def link_impact(self, link, overrides: dict[str, float] | None = None) -> float:
        """Impact of one link [kg CO2e]."""
        if link.code is not None:
            h = (overrides or {}).get(link.code, self.intensities.impact[self.column[link.code]])
            return link.amount * h
        return link.amount * self.intensities.cfs[self.intensities.flows.index(link.flow)]
