"""Foreground links of many vehicles as sparse matrices, priced against the background.

A foreground stage is a linear combination of background activities (``Link.code``)
and direct emissions (``Link.flow``). With the intensities ``G`` of the background
activities (from :mod:`carbonev.engine.background`), the stage inventory is
``T · Gᵀ + D`` and its impact ``T · h + D · c`` — a sparse matrix product, so a
sweep of 10,000 variants costs milliseconds once the foregrounds are built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
from scipy import sparse

from carbonev.inventory.foreground import STAGES, Foreground


@dataclass
class LinkMatrix:
    """Foreground link amounts of ``n`` foregrounds × stages, as sparse matrices.

    Row ``i * len(STAGES) + s`` is stage ``STAGES[s]`` of foreground ``i``.
    """

    n: int
    codes: list[str]
    flows: list[str]
    tech: sparse.csr_matrix  # [row, code]: units of background activity per vehicle
    direct: sparse.csr_matrix  # [row, flow]: kg of flow per vehicle

    def stage_rows(self) -> np.ndarray:
        return np.arange(self.n * len(STAGES))


def link_matrix(foregrounds: Sequence[Foreground], flows: Sequence[str],
                codes: Sequence[str] | None = None) -> LinkMatrix:
    """Gather the links of ``foregrounds`` (stages in STAGES order) into sparse matrices."""
    flows = list(flows)
    flow_col = {f: j for j, f in enumerate(flows)}
    code_col: dict[str, int] = {c: j for j, c in enumerate(codes)} if codes is not None else {}
    t_rows, t_cols, t_vals, d_rows, d_cols, d_vals = [], [], [], [], [], []
    nstage = len(STAGES)
    for i, fg in enumerate(foregrounds):
        for s, name in enumerate(STAGES):
            row = i * nstage + s
            for link in fg.stages[name].links:
                if link.code is not None:
                    col = code_col.setdefault(link.code, len(code_col)) if codes is None else code_col[link.code]
                    t_rows.append(row)
                    t_cols.append(col)
                    t_vals.append(link.amount)
                else:
                    d_rows.append(row)
                    d_cols.append(flow_col[cast(str, link.flow)])
                    d_vals.append(link.amount)
    nrows = len(foregrounds) * nstage
    ordered = sorted(code_col, key=lambda c: code_col[c])
    tech = sparse.csr_matrix((t_vals, (t_rows, t_cols)), shape=(nrows, len(ordered)))
    direct = sparse.csr_matrix((d_vals, (d_rows, d_cols)), shape=(nrows, len(flows)))
    return LinkMatrix(len(foregrounds), ordered, flows, tech, direct)


def used_codes(foregrounds: Sequence[Foreground]) -> list[str]:
    """Background activity codes any of ``foregrounds`` links to (sorted)."""
    return sorted({link.code for fg in foregrounds for st in fg.stages.values() for link in st.links if link.code})


def stage_impacts(lm: LinkMatrix, impact_per_unit: np.ndarray, cfs: np.ndarray) -> np.ndarray:
    """[foreground, stage] impacts [kg CO2e]; ``impact_per_unit`` is over ``lm.codes``,
    ``cfs`` over ``lm.flows``."""
    flat = lm.tech @ impact_per_unit + lm.direct @ cfs
    return np.asarray(flat).reshape(lm.n, len(STAGES))


def stage_inventories(lm: LinkMatrix, inventory: np.ndarray) -> np.ndarray:
    """[foreground, stage, flow] inventories [kg]; ``inventory`` is [flow, code] over ``lm.codes``."""
    flat = (lm.tech @ inventory.T) + lm.direct.toarray()
    return np.asarray(flat).reshape(lm.n, len(STAGES), len(lm.flows))


def varying_stage_impacts(fg: Foreground, n: int, h: np.ndarray, cfs: np.ndarray, column: dict[str, int],
                          flow_index: dict[str, int]) -> np.ndarray:
    """[variant, stage] impacts [kg CO2e] of ONE foreground whose link amounts vary across ``n``
    variants (:class:`carbonev.inventory.varying.Varying`, or plain numbers shared by all):
    ``Σ_links amount[v] · price[v]``, where the price ``h`` [code] / ``cfs`` [flow] may also vary by
    variant (``[n, code]`` / ``[n, flow]``, Monte Carlo draws)."""
    out = np.zeros((n, len(STAGES)))
    for s, name in enumerate(STAGES):
        acc = out[:, s]
        for link in fg.stages[name].links:
            price = (h[..., column[link.code]] if link.code is not None
                     else cfs[..., flow_index[cast(str, link.flow)]])
            acc += np.asarray(link.amount) * price
    return out
