"""The one engine: every carbonev number is a foreground priced with the background Brightway solved.

A foreground link is ``amount`` units of background activity ``code`` or ``amount`` kg of flow
``flow``; with the build's per-unit inventories ``G`` and factors ``c`` (:mod:`~carbonev.engine.background`)::

    inventory of a link  = amount · G[:, code]       or amount · e_flow          [kg per flow]
    impact of a link     = amount · h[code]          or amount · c[flow]         [kg CO2e]
    h = c · G                                                                     [kg CO2e per unit]

Vehicles, packs, plants, stations and fleets alike are priced here (``Engine.open``), so a plant's kWh
and a vehicle's kWh of the same grid cost the same. Opening an engine builds the store's data version
once if needed (in a separate process, see :mod:`carbonev.engine.build`) and then only reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from carbonev.data.catalog import Catalog
from carbonev.engine.background import Background
from carbonev.engine.linkmatrix import (
    LinkMatrix,
    link_matrix,
    stage_impacts,
    stage_inventories,
    varying_stage_impacts,
)
from carbonev.engine.store import Store
from carbonev.inventory.foreground import Foreground, Link

if TYPE_CHECKING:
    from carbonev.engine.sampling import BackgroundSampler

BIOGENIC_FLOWS = ("co2_biogenic", "ch4_biogenic")


@dataclass(frozen=True)
class Intensities:
    """Per-unit inventories and impacts of the background activities."""

    codes: list[str]
    flows: list[str]
    inventory: np.ndarray  # [flow, code]: kg of flow per unit of activity
    cfs: np.ndarray  # [flow]: kg CO2e per kg of flow

    @property
    def impact(self) -> np.ndarray:
        """[code]: kg CO2e per unit of activity."""
        out: np.ndarray = np.einsum("f,fc->c", self.cfs, self.inventory)  # no BLAS: same bits in every process
        return out


class Engine:
    """Prices foregrounds under one method with one data version's solved background."""

    def __init__(self, cat: Catalog, background: Background, method: str | None = None,
                 store: Store | None = None):
        self.cat = cat
        self.method = cat.method(method).name
        self.background = background
        self.store = store
        m = background.method_index(self.method)
        self.intensities = Intensities(list(background.codes), list(background.flows), background.inventory,
                                       background.cfs[m])
        self.impact = self.intensities.impact
        self.column = {c: j for j, c in enumerate(background.codes)}
        self.flow_index = {f: i for i, f in enumerate(background.flows)}

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def open(cls, cat: Catalog | None = None, store: str | Path | Store | None = None,
             method: str | None = None, progress: Callable[[str], None] | None = None) -> Engine:
        """The engine of ``cat`` (default: shipped data) in ``store`` (default store) under ``method``."""
        from carbonev.data.catalog import shipped_catalog

        cat = cat or shipped_catalog()
        st = store if isinstance(store, Store) else _store(store)
        name = cat.method(method).name
        key = (str(st.path), cat.sha256, name)
        if key not in _ENGINES:
            background = _backgrounds(cat, st, progress)
            if len(_ENGINES) >= 8:
                _ENGINES.pop(next(iter(_ENGINES)))
            _ENGINES[key] = cls(cat, background, name, st)
        engine = _ENGINES[key]
        return engine if engine.cat is cat else engine.with_catalog(cat)

    def with_catalog(self, cat: Catalog) -> Engine:
        """The same engine for a view of its catalog (e.g. Monte Carlo parameter values)."""
        if cat.sha256 != self.cat.sha256:
            raise ValueError("a catalog of other data needs its own engine")
        return Engine(cat, self.background, self.method, self.store)

    # --- prices ---------------------------------------------------------------------------------
    @property
    def cfs(self) -> np.ndarray:
        return self.intensities.cfs

    def unit_impact(self, code: str) -> float:
        """Cradle-to-gate impact of one unit of background activity ``code`` [kg CO2e/unit]."""
        return float(self.impact[self.column[code]])

    def cf(self, flow: str) -> float:
        """Characterisation factor of ``flow`` [kg CO2e per kg]."""
        return float(self.cfs[self.flow_index[flow]])

    def direct_amount(self, code: str, flow: str) -> float:
        """kg of ``flow`` emitted by one unit of ``code`` itself (its inputs excluded), from the
        biosphere column Brightway holds."""
        b = self.background.biosphere
        mask = (b.cols == self.column[code]) & (b.rows == self.flow_index[flow])
        return float(b.values[mask].sum())

    def direct_impact(self, code: str, flows: Iterable[str]) -> float:
        """Impact of the direct emissions of ``flows`` by one unit of ``code`` itself [kg CO2e/unit]."""
        return float(sum(self.direct_amount(code, f) * self.cf(f) for f in flows))

    # --- links and foregrounds ------------------------------------------------------------------
    def link_impact(self, link: Link, overrides: dict[str, float] | None = None) -> float:
        """Impact of one link [kg CO2e]; ``overrides`` replace the impact per unit of some codes."""
        if link.code is not None:
            h = (overrides or {}).get(link.code, self.impact[self.column[link.code]])
            return float(link.amount * h)
        return float(link.amount * self.cfs[self.flow_index[_flow(link)]])

    def link_flows(self, link: Link) -> np.ndarray:
        """Impact of one link split by elementary flow [kg CO2e], in ``intensities.flows`` order."""
        if link.code is not None:
            flows: np.ndarray = link.amount * self.intensities.inventory[:, self.column[link.code]] * self.cfs
            return flows
        out = np.zeros(len(self.cfs))
        i = self.flow_index[_flow(link)]
        out[i] = link.amount * self.cfs[i]
        return out

    def link_inventory(self, link: Link) -> np.ndarray:
        """Emissions of one link by elementary flow [kg], in ``intensities.flows`` order."""
        if link.code is not None:
            emitted: np.ndarray = link.amount * self.intensities.inventory[:, self.column[link.code]]
            return emitted
        out = np.zeros(len(self.cfs))
        out[self.flow_index[_flow(link)]] = link.amount
        return out

    def biogenic_share(self, links: Iterable[Link]) -> tuple[float, float]:
        """(total, of which biogenic-flow impacts) of ``links`` [kg CO2e]."""
        idx = [self.flow_index[f] for f in BIOGENIC_FLOWS if f in self.flow_index]
        total = biogenic = 0.0
        for link in links:
            v = self.link_flows(link)
            total += float(v.sum())
            biogenic += float(v[idx].sum()) if idx else 0.0
        return total, biogenic

    def link_matrix(self, foregrounds: Sequence[Foreground]) -> LinkMatrix:
        return link_matrix(foregrounds, self.intensities.flows, self.intensities.codes)

    def impact_per_unit(self, overrides: dict[str, float] | None = None) -> np.ndarray:
        h = self.impact.copy()
        for code, value in (overrides or {}).items():
            h[self.column[code]] = value
        return h

    def stages(self, foregrounds: Sequence[Foreground], overrides: dict[str, float] | None = None) -> np.ndarray:
        """[foreground, stage] impacts [kg CO2e per vehicle]."""
        lm = self.link_matrix(foregrounds)
        return stage_impacts(lm, self.impact_per_unit(overrides), self.cfs)

    def stage_matrix(self, fg: Foreground, n: int, h: np.ndarray | None = None,
                     cfs: np.ndarray | None = None) -> np.ndarray:
        """[variant, stage] impacts [kg CO2e] of a foreground built for ``n`` variants at once (varying
        link amounts), at this engine's prices or at per-variant prices ``h`` [n, code], ``cfs`` [n, flow]."""
        return varying_stage_impacts(fg, n, self.impact if h is None else h, self.cfs if cfs is None else cfs,
                                     self.column, self.flow_index)

    def stage_flows(self, foregrounds: Sequence[Foreground]) -> np.ndarray:
        """[foreground, stage, flow] inventories [kg]; × ``cfs`` gives impacts [kg CO2e]."""
        return stage_inventories(self.link_matrix(foregrounds), self.intensities.inventory)

    # --- Monte Carlo ----------------------------------------------------------------------------
    def sampler(self, method_uncertainty: bool = False) -> BackgroundSampler:
        """A :class:`~carbonev.engine.sampling.BackgroundSampler` of this engine's background."""
        from carbonev.engine.sampling import BackgroundSampler

        return BackgroundSampler(self.background, self.method, method_uncertainty)


def _flow(link: Link) -> str:
    """The flow of a link that names no activity."""
    if link.flow is None:
        raise ValueError("a link names neither an activity nor a flow")
    return link.flow


_ENGINES: dict[tuple[str, str, str], Engine] = {}
_STORES: dict[str, Store] = {}
_BACKGROUNDS: dict[tuple[str, str], Background] = {}


def _store(path: str | Path | None) -> Store:
    st = Store(path)
    return _STORES.setdefault(str(st.path), st)


def _backgrounds(cat: Catalog, store: Store, progress: Callable[[str], None] | None) -> Background:
    from carbonev.engine.build import ensure_build

    key = (str(store.path), cat.sha256)
    if key not in _BACKGROUNDS:
        build = ensure_build(cat, store, progress)
        try:
            _BACKGROUNDS[key] = Background.load(build.background_file)
        except OSError as exc:
            raise store.fail("cannot read the build", exc) from None
    return _BACKGROUNDS[key]


def Evaluator(cat: Catalog, store: str | Path | None = None, method: str | None = None) -> Engine:  # noqa: N802
    """The engine of ``cat`` in ``store`` under ``method`` (the name earlier versions used)."""
    return Engine.open(cat, store, method)


def engine(cat: Catalog | None = None, store: str | Path | None = None, method: str | None = None,
           progress: Callable[[str], None] | None = None) -> Engine:
    """Shorthand for :meth:`Engine.open`."""
    return Engine.open(cat, store, method, progress)
