"""Many processes on one new store: the same data version is built once and every process gets the
same numbers; different data versions build side by side; pruning never removes a build in use."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from carbonev.engine.store import KEEP, Store

ROOT = Path(__file__).resolve().parents[2]
TOY = ROOT / "tests" / "data" / "toy"
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"


def _start(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


@pytest.mark.slow
def test_six_processes_on_one_new_spec_all_succeed_with_identical_numbers(tmp_path):
    cli = [sys.executable, "-m", "carbonev.cli", "--store", str(tmp_path), "-q", "footprint", str(BEV),
           "--format", "json"]
    procs = [_start(cli) for _ in range(6)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [e for _, e in outs]
    stages = [[s["amount"] for s in json.loads(o)["stages"]] for o, _ in outs]
    assert all(s == stages[0] for s in stages)
    assert len(Store(tmp_path).builds()) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".building-", ".trash-"))]


def _toy_version(root: Path, i: int) -> dict[str, str]:
    """A copy of the toy data whose electricity factor differs (another data version)."""
    m, inv = root / f"v{i}" / "methods", root / f"v{i}" / "inventories"
    shutil.copytree(TOY / "methods", m)
    inv.mkdir(parents=True)
    text = (TOY / "inventories" / "toy.yaml").read_text().replace("amount: 500, unit: g/kWh",
                                                                  f"amount: {500 + i}, unit: g/kWh")
    (inv / "toy.yaml").write_text(text)
    return {"CARBONEV_METHODS_DIR": str(m), "CARBONEV_INVENTORIES_DIR": str(inv)}


SCRIPT = """
import sys, time
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import Engine
engine = Engine.open(shipped_catalog(), sys.argv[1])
time.sleep(float(sys.argv[2]))          # still using it while the others build and prune
print(repr(engine.unit_impact("electricity-toy")))
"""


@pytest.mark.slow
def test_different_data_versions_build_side_by_side_and_pruning_spares_builds_in_use(tmp_path):
    n = KEEP + 2
    envs = [_toy_version(tmp_path, i) for i in range(n)]
    procs = [_start([sys.executable, "-c", SCRIPT, str(tmp_path / "store"), "8"], env) for env in envs]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * n, [e for _, e in outs]
    # each process kept its own version's number although the store holds more than KEEP builds
    assert [float(o) for o, _ in outs] == pytest.approx([(500 + i) / 1000 for i in range(n)], rel=1e-6)
    # with every process gone, the next build prunes down to KEEP
    extra = _toy_version(tmp_path, n)
    p = _start([sys.executable, "-c", SCRIPT, str(tmp_path / "store"), "0"], extra)
    assert p.communicate(timeout=300) and p.returncode == 0
    assert len(Store(tmp_path / "store").builds()) == KEEP
