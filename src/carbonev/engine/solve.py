"""Solve many sampled backgrounds at once: ``Aᵀ · h = q`` for an acyclic technosphere.

For activity ``j`` with production amount ``A[j, j]`` and inputs ``A[i, j]`` (negative) of products ``i``,

    h[j] = ( q[j] − Σ_{i ≠ j} A[i, j] · h[i] ) / A[j, j]          with q = Bᵀ · c

so ``h`` (kg CO2e per unit of each activity) follows in topological order: leaves first, then every
activity whose inputs are solved. Activities of one *level* (all inputs at lower levels) are solved
together, and every sample of a chunk in the same array operation. This is exact (no iteration) when
the technosphere has no cycle; :func:`plan` returns None for a cyclic one and callers fall back to a
sparse factorisation per sample (:func:`solve_each`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Level:
    activities: np.ndarray  # indices solved at this level
    entries: np.ndarray  # off-diagonal entries whose column is one of ``activities``
    inputs: np.ndarray  # their rows (already solved)
    gather: sparse.csr_matrix  # [len(activities), len(entries)] sums entries into their column


@dataclass(frozen=True)
class Plan:
    n: int
    diagonal: sparse.csr_matrix  # [n, nnz] sums the diagonal entries of each activity
    levels: tuple[Level, ...]


def plan(rows: np.ndarray, cols: np.ndarray, n: int) -> Plan | None:
    """The level order of an n×n technosphere given by entry coordinates; None if it has a cycle."""
    nnz = len(rows)
    diag = rows == cols
    diagonal = sparse.csr_matrix((np.ones(int(diag.sum())), (cols[diag], np.nonzero(diag)[0])), shape=(n, nnz))
    off = np.nonzero(~diag)[0]
    inputs_of: list[set[int]] = [set() for _ in range(n)]
    for e in off:
        inputs_of[int(cols[e])].add(int(rows[e]))
    level = np.full(n, -1)
    remaining = set(range(n))
    current = 0
    while remaining:
        ready = [j for j in remaining if all(level[i] >= 0 and level[i] < current for i in inputs_of[j])]
        if not ready:
            return None  # a cycle
        for j in ready:
            level[j] = current
        remaining.difference_update(ready)
        current += 1
    levels = []
    for lv in range(current):
        acts = np.nonzero(level == lv)[0]
        pos = {int(j): k for k, j in enumerate(acts)}
        ents = np.array([e for e in off if level[cols[e]] == lv], dtype=np.int64)
        gather = sparse.csr_matrix((np.ones(len(ents)), ([pos[int(cols[e])] for e in ents], np.arange(len(ents)))),
                                   shape=(len(acts), len(ents)))
        levels.append(Level(acts, ents, rows[ents] if len(ents) else np.zeros(0, np.int64), gather))
    return Plan(n, diagonal, tuple(levels))


def solve_levels(p: Plan, values: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``h`` [n, k] with ``Aᵀ h = q`` for k samples: ``values`` [nnz, k] are A's entries, ``q`` [n, k]."""
    diag = p.diagonal @ values
    h = np.zeros_like(q)
    for lv in p.levels:
        acc = q[lv.activities]
        if len(lv.entries):
            acc = acc - lv.gather @ (values[lv.entries] * h[lv.inputs])
        h[lv.activities] = acc / diag[lv.activities]
    return h


def solve_each(rows: np.ndarray, cols: np.ndarray, n: int, values: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The same as :func:`solve_levels` by one sparse LU per sample (any technosphere, cycles included)."""
    from scipy.sparse.linalg import splu

    h = np.empty_like(q)
    for k in range(q.shape[1]):
        a = sparse.csc_matrix((values[:, k], (rows, cols)), shape=(n, n))
        h[:, k] = splu(a.T.tocsc()).solve(q[:, k])
    return h
