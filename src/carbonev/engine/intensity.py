"""Background intensities: the cradle-to-gate inventory of one unit of each background activity.

Brightway builds the background system (bw2calc's technosphere, biosphere and
characterisation matrices, deterministic or sampled from the uncertainty every
value carries). carbonev then solves it once for all the background activities
a set of foregrounds uses, so that any number of variants — sweeps, Monte Carlo
iterations — costs a matrix product, not a fresh LCA each.

    G[flow, code]  = kg of flow per unit of activity ``code``  (B · A⁻¹ · e_code)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse.linalg import splu

from carbonev.data.catalog import Catalog
from carbonev.engine.brightway import brightway, use_project
from carbonev.engine.project import BACKGROUND, BIOSPHERE, ensure_project, method_key, project_name


@dataclass
class Intensities:
    """Per-unit inventories and impacts of selected background activities."""

    codes: list[str]
    flows: list[str]
    inventory: np.ndarray  # [flow, code]: kg of flow per unit of activity
    cfs: np.ndarray  # [flow]: kg CO2e per kg of flow

    @property
    def impact(self) -> np.ndarray:
        """[code]: kg CO2e per unit of activity."""
        return np.einsum("f,fc->c", self.cfs, self.inventory)  # no BLAS: same bits in every process


def solve_columns(technosphere, biosphere, columns: np.ndarray) -> np.ndarray:
    """B · A⁻¹ restricted to ``columns``: one sparse LU, one multi-right-hand-side solve."""
    lu = splu(technosphere.tocsc())
    rhs = np.zeros((technosphere.shape[0], len(columns)))
    rhs[columns, np.arange(len(columns))] = 1.0
    return biosphere @ lu.solve(rhs)


class BackgroundSystem:
    """The Brightway background system of a store, under one method."""

    def __init__(self, cat: Catalog, store: Path, method: str | None = None):
        self.cat = cat
        self.store = Path(store)
        self.method = cat.method(method).name
        ensure_project(cat, self.store)
        self.bd, self.bc = brightway(self.store)
        use_project(self.bd, project_name(cat))
        self.node_ids = {node["code"]: node.id for node in self.bd.Database(BACKGROUND)}
        # sorted: the database's iteration order is not guaranteed, and flow order
        # decides summation order, hence the last bits of every result
        self.flow_ids = dict(sorted((node["code"], node.id) for node in self.bd.Database(BIOSPHERE)))
        self._anchor = {self.node_ids[min(self.node_ids)]: 1.0}

    def _lca(self, **kwargs):
        # bw2data's store and project are process-wide: another caller may have switched them
        brightway(self.store)
        use_project(self.bd, project_name(self.cat))
        lca = self.bc.LCA(self._anchor, method=method_key(self.cat, self.method), **kwargs)
        lca.lci()
        lca.lcia()
        return lca

    def _columns(self, lca, codes: Sequence[str]) -> np.ndarray:
        return np.array([lca.dicts.activity[self.node_ids[c]] for c in codes], dtype=int)

    def _flows(self, lca) -> tuple[list[str], np.ndarray]:
        """Flow codes in matrix-row order (all carbonev flows, zero rows where unused)."""
        by_row = {row: fid for fid, row in lca.dicts.biosphere.items()}
        id_to_code = {v: k for k, v in self.flow_ids.items()}
        flows = list(self.flow_ids)
        rows = np.full(len(flows), -1)
        for row, fid in by_row.items():
            rows[flows.index(id_to_code[fid])] = row
        return flows, rows

    def _expand(self, lca, rows: np.ndarray, matrix_rows: np.ndarray) -> np.ndarray:
        out = np.zeros((len(rows), matrix_rows.shape[1]))
        present = rows >= 0
        out[present] = matrix_rows[rows[present]]
        return out

    def _cfs(self, lca, rows: np.ndarray) -> np.ndarray:
        """Characterisation factors of every carbonev flow: Brightway's (possibly sampled)
        matrix for flows the background emits, the method file for the others."""
        method = {f.flow: f.amount for f in self.cat.method(self.method).factors}
        cfs = np.array([method.get(code, 0.0) for code in self.flow_ids])
        diag = np.asarray(lca.characterization_matrix.diagonal()).ravel()
        present = rows >= 0
        cfs[present] = diag[rows[present]]
        return cfs

    def intensities(self, codes: Sequence[str]) -> Intensities:
        """Deterministic intensities of ``codes``."""
        codes = list(codes)
        lca = self._lca()
        flows, rows = self._flows(lca)
        g = solve_columns(lca.technosphere_matrix, lca.biosphere_matrix, self._columns(lca, codes))
        return Intensities(codes, flows, self._expand(lca, rows, np.asarray(g)), self._cfs(lca, rows))

    def sampled(self, codes: Sequence[str], seed: int, iterations: int,
                method_uncertainty: bool = False) -> Iterator[Intensities]:
        """``iterations`` Monte Carlo draws of the intensities, reproducible for ``seed``.

        Brightway (bw2calc, ``use_distributions``) samples every background value
        from its distribution; characterisation factors stay fixed unless
        ``method_uncertainty``.
        """
        codes = list(codes)
        selective = {"characterization_matrix": {"use_distributions": bool(method_uncertainty)}}
        lca = self._lca(use_distributions=True, seed_override=int(seed), selective_use=selective)
        flows, rows = self._flows(lca)
        columns = self._columns(lca, codes)
        for i in range(iterations):
            if i:
                next(lca)
            g = solve_columns(lca.technosphere_matrix, lca.biosphere_matrix, columns)
            yield Intensities(codes, flows, self._expand(lca, rows, np.asarray(g)), self._cfs(lca, rows))
