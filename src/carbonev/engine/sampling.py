"""Monte Carlo draws of the background, a chunk of samples at a time.

Every technosphere, biosphere (and, if asked, characterisation) value is drawn from the uncertainty
Brightway holds for it (``stats_arrays``, as bw2calc's ``use_distributions`` would), all samples of a
chunk at once; then, per sample ``k``::

    q_k = B_kᵀ · c_k          h_k = A_k⁻ᵀ · q_k          (kg CO2e per unit of each background activity)

solved for the whole chunk by :mod:`carbonev.engine.solve`. A chunk's numbers depend only on its
seed, so one process and any number of Dask workers give the same bits.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from carbonev.engine import solve
from carbonev.engine.background import Background


class BackgroundSampler:
    """Draws ``(h, c)``: impact per unit of each background code and characterisation factors."""

    def __init__(self, background: Background, method: str, method_uncertainty: bool = False):
        bg = background
        self.bg = bg
        self.n = len(bg.codes)
        self.m = bg.method_index(method)
        self.method_uncertainty = method_uncertainty
        t, b = bg.technosphere, bg.biosphere
        parts = [t.params, b.params] + ([bg.cf_params[self.m]] if method_uncertainty else [])
        self.params = np.concatenate(parts)
        self.plan = solve.plan(t.rows, t.cols, self.n)
        # q[a] = Σ_e B[e] · c[row_e] summed into column a
        self.scatter = sparse.csr_matrix((np.ones(len(b.rows)), (b.cols, np.arange(len(b.rows)))),
                                         shape=(self.n, len(b.rows)))

    def draw(self, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """``size`` samples: h [size, code] (kg CO2e per unit) and c [size, flow] (kg CO2e per kg)."""
        from stats_arrays import MCRandomNumberGenerator

        rng = MCRandomNumberGenerator(self.params, seed=int(seed))
        x = rng.generate(samples=max(size, 2))[:, :size]  # [param, sample]
        t, b = self.bg.technosphere, self.bg.biosphere
        nt, nb = len(t.rows), len(b.rows)
        a_values = t.sign[:, None] * x[:nt]
        b_values = b.sign[:, None] * x[nt:nt + nb]
        if self.method_uncertainty:
            c = x[nt + nb:]
        else:
            c = np.repeat(self.bg.cfs[self.m][:, None], size, axis=1)
        q = self.scatter @ (b_values * c[b.rows])
        if self.plan is not None:
            h = solve.solve_levels(self.plan, a_values, q)
        else:
            h = solve.solve_each(t.rows, t.cols, self.n, a_values, q)
        return h.T, c.T
