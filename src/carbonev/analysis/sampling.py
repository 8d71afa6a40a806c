"""Draw samples from the uncertainty a value carries (pure numpy, seeded).

Distributions follow Brightway's conventions: lognormal has median = amount and
``sigma = ln(gsd)``; normal has mean = amount; uniform and triangular span
[min, max] (triangular's mode = amount).
"""

from __future__ import annotations

import numpy as np

from carbonev.data.records import Exact, Lognormal, Normal, SourcedValue, Triangular, Uniform


def draw(value: SourcedValue, size: int, rng: np.random.Generator) -> np.ndarray:
    """``size`` samples of ``value`` in its own unit."""
    u = value.uncertainty
    a = value.amount
    if isinstance(u, Lognormal):
        return np.sign(a) * np.exp(rng.normal(np.log(abs(a)), np.log(u.gsd), size))
    if isinstance(u, Normal):
        return rng.normal(a, u.sd, size)
    if isinstance(u, Uniform):
        return rng.uniform(u.min, u.max, size)
    if isinstance(u, Triangular):
        if u.min == u.max:
            return np.full(size, a)
        return rng.triangular(u.min, a, u.max, size)
    assert isinstance(u, Exact)
    return np.full(size, a)


def chunk_rng(seed: int, chunk: int, stream: int = 0) -> np.random.Generator:
    """The generator of one chunk of iterations: depends on (seed, chunk, stream) only,
    so any scheduler that runs the same chunks gets the same numbers."""
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(int(chunk), int(stream))))


def chunk_seed(seed: int, chunk: int) -> int:
    """An integer seed for Brightway's sampler for one chunk."""
    return int(np.random.SeedSequence(int(seed), spawn_key=(int(chunk), 99)).generate_state(1)[0])
