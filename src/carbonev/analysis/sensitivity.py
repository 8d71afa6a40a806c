"""Which inputs drive the variance: delta moment-independent indices (SALib) on the
Monte Carlo samples, and a one-at-a-time tornado for the top inputs.

Inputs are the sampled foreground parameters (``parameter:NAME``), the spec's
uncertain fields (``VEHICLE:key.path``) and the impact per unit of each background
activity the vehicle uses (``background:CODE``), which aggregates every background
exchange behind it.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd


def _varying(inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: v for k, v in inputs.items() if np.ptp(v) > 0}


def rank_correlations(inputs: dict[str, np.ndarray], output: np.ndarray) -> pd.Series:
    """|Spearman ρ| of each input with the output, largest first (a fast screen)."""
    from scipy.stats import spearmanr  # scipy.stats takes ~0.5 s to import: only when screening

    out = {}
    for name, x in _varying(inputs).items():
        rho = spearmanr(x, output).statistic
        out[name] = abs(float(rho)) if np.isfinite(rho) else 0.0
    return pd.Series(out, dtype=float).sort_values(ascending=False)


def delta_indices(inputs: dict[str, np.ndarray], output: np.ndarray, top: int = 15,
                  seed: int = 0, resamples: int = 10) -> pd.DataFrame:
    """Borgonovo delta and first-order Sobol (S1) indices from the given samples
    (SALib ``analyze.delta``) for the ``top`` inputs by rank correlation."""
    from carbonev.extras import require

    require("sensitivity", "sensitivity indices")
    from SALib.analyze import delta

    screen = rank_correlations(inputs, output)
    names = list(screen.index[:top])
    if not names:
        return pd.DataFrame(columns=["input", "delta", "delta_conf", "S1", "S1_conf", "spearman"])
    x = np.column_stack([inputs[n] for n in names])
    problem = {"num_vars": len(names), "names": names,
               "bounds": [[float(c.min()), float(c.max())] for c in x.T]}
    # SALib resets the warning filters itself ('once'), so its per-input bin-merge notices are
    # silenced by replacing the display hook for the duration of the call
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings():
        warnings.showwarning = lambda *args, **kwargs: None
        res = delta.analyze(problem, x, np.asarray(output, dtype=float), num_resamples=resamples, seed=seed,
                            print_to_console=False)
    # SALib >= 1.5 names the classic estimator with balanced bins 'delta_balanced'
    key = "delta_balanced" if "delta_balanced" in res else "delta"
    df = pd.DataFrame({"input": names, "delta": res[key], "delta_conf": res[f"{key}_conf"],
                       "S1": res["S1"], "S1_conf": res["S1_conf"], "spearman": [screen[n] for n in names]})
    return df.sort_values("delta", ascending=False, ignore_index=True)


def tornado(inputs: dict[str, np.ndarray], names: list[str], evaluate) -> pd.DataFrame:
    """One at a time: each input set to its 5th and 95th percentile, all others at
    their deterministic values; ``evaluate(name, value)`` returns the output."""
    base = evaluate(None, None)
    rows = []
    for name in names:
        lo, hi = np.percentile(inputs[name], [5, 95])
        y_lo, y_hi = evaluate(name, float(lo)), evaluate(name, float(hi))
        rows.append({"input": name, "low_value": lo, "high_value": hi, "output_low": y_lo, "output_high": y_hi,
                     "swing": abs(y_hi - y_lo), "base": base})
    return pd.DataFrame(rows).sort_values("swing", ascending=False, ignore_index=True)
