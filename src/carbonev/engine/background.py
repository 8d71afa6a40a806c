"""The background as Brightway solved it: per-unit inventories, characterisation factors, and the
uncertainty of every matrix value, stored once per data version (``background.npz`` of a build).

For background activities ``a`` (sorted codes) and elementary flows ``f`` (sorted keys)::

    G[f, a]  = kg of flow f per unit of activity a    = (B · A⁻¹)[f, a]     (bw2calc, deterministic)
    c[m, f]  = kg CO2e per kg of flow f under method m (Brightway's characterisation matrix)
    h[m, a]  = Σ_f c[m, f] · G[f, a]                  kg CO2e per unit of activity a

``A`` (technosphere, products × activities) and ``B`` (biosphere, flows × activities) are also kept as
coordinate lists with Brightway's amounts (``bw_processing``'s float32 values), signs (its ``flip``) and
uncertainty parameters (``stats_arrays`` rows), so that Monte Carlo draws samples of exactly the
matrices bw2calc would sample (:mod:`carbonev.engine.sampling`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PARAMS_DTYPE = np.dtype([("loc", "<f8"), ("scale", "<f8"), ("shape", "<f8"), ("minimum", "<f8"),
                         ("maximum", "<f8"), ("negative", "?"), ("uncertainty_type", "u1")])


@dataclass(frozen=True)
class Entries:
    """Coordinate list of one matrix: ``value[k] = sign[k] · amount[k]`` at (``rows[k]``, ``cols[k]``)."""

    rows: np.ndarray  # int64
    cols: np.ndarray  # int64
    amount: np.ndarray  # float64, Brightway's stored amount (before the sign)
    sign: np.ndarray  # float64, −1 where Brightway flips the value (technosphere inputs), else +1
    params: np.ndarray  # PARAMS_DTYPE, one stats_arrays row per entry

    @property
    def values(self) -> np.ndarray:
        out: np.ndarray = self.sign * self.amount
        return out

    def dense(self, shape: tuple[int, int], values: np.ndarray | None = None) -> np.ndarray:
        out = np.zeros(shape)
        np.add.at(out, (self.rows, self.cols), self.values if values is None else values)
        return out


@dataclass(frozen=True)
class Background:
    """The solved background of one data version (see module doc)."""

    codes: tuple[str, ...]
    flows: tuple[str, ...]
    methods: tuple[str, ...]
    inventory: np.ndarray  # G [flow, code]
    cfs: np.ndarray  # c [method, flow]
    technosphere: Entries  # A in (code, code) positions: rows = product, cols = activity
    biosphere: Entries  # B in (flow, code) positions
    cf_params: np.ndarray  # [method, flow] PARAMS_DTYPE

    def method_index(self, method: str) -> int:
        return self.methods.index(method)

    def save(self, path: Path) -> None:
        """Write to ``path`` (``.npz``, no pickles) and flush it to disk."""
        arrays: dict[str, np.ndarray] = {
            "codes": np.array(self.codes, dtype=str), "flows": np.array(self.flows, dtype=str),
            "methods": np.array(self.methods, dtype=str), "inventory": self.inventory, "cfs": self.cfs,
            "cf_params": self.cf_params,
        }
        for name, e in (("tech", self.technosphere), ("bio", self.biosphere)):
            arrays.update({f"{name}_rows": e.rows, f"{name}_cols": e.cols, f"{name}_amount": e.amount,
                           f"{name}_sign": e.sign, f"{name}_params": e.params})
        with open(path, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds too narrowly
            handle.flush()
            os.fsync(handle.fileno())

    @classmethod
    def load(cls, path: Path) -> Background:
        with np.load(path, allow_pickle=False) as z:
            def entries(name: str) -> Entries:
                return Entries(z[f"{name}_rows"], z[f"{name}_cols"], z[f"{name}_amount"], z[f"{name}_sign"],
                               z[f"{name}_params"])

            return cls(codes=tuple(z["codes"].tolist()), flows=tuple(z["flows"].tolist()),
                       methods=tuple(z["methods"].tolist()), inventory=z["inventory"], cfs=z["cfs"],
                       technosphere=entries("tech"), biosphere=entries("bio"), cf_params=z["cf_params"])
