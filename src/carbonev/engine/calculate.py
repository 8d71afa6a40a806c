"""The one module that runs bw2calc.

One LCA object is built for all foregrounds written together; the
technosphere matrix is factorised once and every (vehicle, stage) demand is a
cheap solve against that factorisation. The solve itself is :func:`solve_stage`,
small and swappable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from carbonev.data.catalog import Catalog
from carbonev.engine.brightway import brightway, use_project
from carbonev.engine.project import foreground_db, method_key, project_name, root_code, stage_code
from carbonev.errors import CalculationError
from carbonev.inventory.foreground import Foreground


@dataclass
class StageFlows:
    """Per stage and flow: inventory [kg of flow] and impact [kg CO2e] for one vehicle life."""

    key: str
    table: pd.DataFrame  # columns: stage, flow, inventory, impact


def solve_stage(lca, demand: np.ndarray) -> np.ndarray:
    """Life-cycle inventory vector (biosphere flows) for one demand vector."""
    supply = lca.solve_linear_system(demand)
    return lca.biosphere_matrix @ supply


def calculate(foregrounds: list[Foreground], cat: Catalog, store: Path, method: str | None = None) -> list[StageFlows]:
    """Solve every stage of every foreground under ``method``."""
    bd, bc = brightway(store)
    use_project(bd, project_name(cat))
    ids = {}
    for fg in foregrounds:
        db = foreground_db(fg)
        ids[fg.key] = {name: bd.get_node(database=db, code=stage_code(fg, name)).id for name in fg.stages}
        ids[fg.key]["__root__"] = bd.get_node(database=db, code=root_code(fg)).id
    try:
        # one demand over every root loads every foreground database into one system
        lca = bc.LCA({ids[fg.key]["__root__"]: 1.0 for fg in foregrounds}, method=method_key(cat, method))
        lca.lci(factorize=True)
        lca.lcia()
    except Exception as exc:  # bw2calc raises many types (singular matrix, ...)
        raise CalculationError(f"Brightway could not solve the system: {exc}") from exc
    cfs = np.asarray(lca.characterization_matrix.diagonal()).ravel()
    flow_codes = {}
    for node_id, row in lca.dicts.biosphere.items():
        flow_codes[row] = bd.get_node(id=node_id)["code"]
    order = [flow_codes[i] for i in range(len(flow_codes))]
    out = []
    for fg in foregrounds:
        rows = []
        for name in fg.stages:
            demand = np.zeros(len(lca.dicts.activity))
            demand[lca.dicts.activity[ids[fg.key][name]]] = 1.0
            inventory = solve_stage(lca, demand)
            for i, flow in enumerate(order):
                if inventory[i] != 0:
                    rows.append((name, flow, float(inventory[i]), float(inventory[i] * cfs[i])))
        table = pd.DataFrame(rows, columns=["stage", "flow", "inventory", "impact"])
        out.append(StageFlows(key=fg.key, table=table))
    return out
