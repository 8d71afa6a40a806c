"""PNG/SVG figures: Monte Carlo distributions and tornado charts (matplotlib, no display).

Figures are written through the output gate (:func:`carbonev.io.outputs.atomic_path`): a kill
never leaves a truncated image under the final name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from carbonev.errors import SpecError
from carbonev.io.outputs import atomic_path, require_folder

FORMATS = (".png", ".svg")


def _pyplot():
    from carbonev.extras import require

    require("plots", "plots (--plot)")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def check_path(path: Path) -> Path:
    from carbonev.extras import require

    require("plots", "plots (--plot)")
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise SpecError(f"plot files must end in {' or '.join(FORMATS)}", file=str(path), field="--plot")
    return require_folder(path, "--plot")


def _save(fig, path: Path) -> None:
    """Write ``fig`` to ``path`` atomically, in the format its suffix names."""
    with atomic_path(path, "--plot") as tmp:
        fig.savefig(tmp, format=path.suffix.lower().lstrip("."))


def distribution(names: list[str], per_km: np.ndarray, path: Path) -> Path:
    """Histogram of per-km footprints [g CO2e/km], one per vehicle (``per_km[iteration, vehicle]``)."""
    path = check_path(path)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    for v, name in enumerate(names):
        ax.hist(per_km[:, v], bins=50, alpha=0.55, label=name)
    ax.set_xlabel("life-cycle footprint [g CO2e/km]")
    ax.set_ylabel("Monte Carlo iterations")
    ax.legend(fontsize=8)
    fig.tight_layout()
    try:
        _save(fig, path)
    finally:
        plt.close(fig)
    return path


def tornado(table: pd.DataFrame, path: Path, unit: str = "kg CO2e") -> Path:
    """Horizontal bars from output at the input's 5th to 95th percentile."""
    path = check_path(path)
    plt = _pyplot()
    rows = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(rows) + 1.2))
    base = float(table["base"].iloc[0]) if len(table) else 0.0
    for i, r in enumerate(rows.itertuples()):
        lo, hi = sorted((r.output_low, r.output_high))
        ax.barh(i, hi - lo, left=lo, color="#4477aa")
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([str(n)[:60] for n in rows["input"]], fontsize=7)
    ax.set_xlabel(f"total footprint [{unit}] with the input at its 5th / 95th percentile")
    fig.tight_layout()
    try:
        _save(fig, path)
    finally:
        plt.close(fig)
    return path
