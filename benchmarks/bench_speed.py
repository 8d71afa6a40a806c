"""Issue 13's speed targets, measured for this checkout and, side by side in the same run, for another
one (``--before``: a checkout of an earlier version with its own ``.venv``).

    python benchmarks/bench_speed.py                       # this checkout only
    python benchmarks/bench_speed.py --before ../carbonev-0.1 --repeat 3

Every case is a fresh process (imports included, as a user waits for it); cases alternate between
the two checkouts so that a drifting machine affects both alike. Reported: the median wall time of
``--repeat`` runs and the largest peak resident memory. Targets (2-core machine):

    warm `carbonev footprint` CLI, one spec                  ≤ 1.0 s
    cold first run (the store's build + footprint)           ≤ 1.5 s
    sweep of 10,000 variants, in process                     ≤ 0.5 s
    sweep of 10,000 variants, CLI                            ≤ 1.5 s
    sweep of 100,000 variants, CLI                           ≤ 8 s, < 400 MB
    Monte Carlo, 10,000 iterations, background on, in process ≤ 3 s
    Monte Carlo, 100,000 iterations, CLI                     ≤ 25 s, < 500 MB
    plant-linked spec, Monte Carlo 10,000, CLI               ≈ a plain spec

The in-process cases time only the call (imports and the store excluded); the CLI cases time the
whole process.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent
BEV = "examples/bev-midsize-nmc811.yaml"
PLANT = "examples/plant-linked/suv-zj-plant.yaml"
SUV = "examples/bev-suv.yaml"

IN_PROCESS = """
import itertools, json, sys, time
from pathlib import Path
from carbonev.data.catalog import shipped_catalog
from carbonev.specs.load import load_vehicle
case, store = sys.argv[1], Path(sys.argv[2])
cat = shipped_catalog()
spec = load_vehicle("{bev}")
grid = itertools.product([f"{{c}} kWh" for c in range(40, 140, 4)], [f"{{e / 2}} kWh/100km" for e in range(24, 44, 2)],
                         ["Zhejiang", "Yunnan", "Shandong", "Guangdong"], range(2021, 2031))
variants = [dict(zip(("battery.capacity", "energy.electricity", "use.region", "use.first_year"), v)) for v in grid]
from carbonev.analysis.sweep import sweep
sweep(spec, variants[:10], cat, store)            # warm: the store is built and read
from carbonev.analysis.montecarlo import MCJob, run
run(MCJob(specs=(spec.model_dump_json(),), store=str(store), seed=1, iterations=10))
start = time.perf_counter()
if case == "sweep":
    assert len(sweep(spec, variants, cat, store)) == 10_000
else:
    job = MCJob(specs=(spec.model_dump_json(),), store=str(store), seed=1, iterations=10_000)
    assert run(job).values.shape[0] == 10_000
print(json.dumps({{"seconds": time.perf_counter() - start}}))
"""


def _grids(folder: Path) -> dict[str, Path]:
    caps = [f"{c} kWh" for c in range(40, 140, 4)]
    uses = [f"{e / 2} kWh/100km" for e in range(24, 44, 2)]
    regions = ["Zhejiang", "Yunnan", "Shandong", "Guangdong"]
    years = list(range(2021, 2031))
    small = {"battery.capacity": caps, "energy.electricity": uses, "use.region": regions, "use.first_year": years}
    large = {**small, "mass.curb": [f"{m} kg" for m in range(1700, 2200, 50)]}
    out = {}
    for name, grid in (("10k", small), ("100k", large)):
        out[name] = folder / f"grid-{name}.yaml"
        out[name].write_text(yaml.safe_dump({"grid": grid}))
    assert len(list(itertools.product(*large.values()))) == 100_000
    return out


def _timed(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB of the command's own process, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read().decode()[-2000:]}")
        return wall, usage.ru_maxrss / 1024.0, out.read().decode()


def _cases(checkout: Path, grids: dict[str, Path], work: Path) -> dict[str, list[str] | tuple]:
    py = str(checkout / ".venv" / "bin" / "python")
    store = work / f"store-{abs(hash(str(checkout)))}"
    cli = [py, "-m", "carbonev.cli", "--store", str(store), "-q"]
    out = {"warm footprint CLI": [*cli, "footprint", BEV],
           "cold first run CLI": ("cold", [py, "-m", "carbonev.cli", "-q", "footprint", BEV]),
           "sweep 10k, in process": ("in-process", [py, "-c", IN_PROCESS.format(bev=BEV), "sweep", str(store)]),
           "sweep 10k CLI": [*cli, "sweep", BEV, "--grid", str(grids["10k"]), "--output", str(work / "s10k.csv")],
           "sweep 100k CLI": [*cli, "sweep", BEV, "--grid", str(grids["100k"]), "--output", str(work / "s100k.csv")],
           "MC 10k, in process": ("in-process", [py, "-c", IN_PROCESS.format(bev=BEV), "mc", str(store)]),
           "MC 100k CLI": [*cli, "uncertainty", BEV, "-n", "100000", "--seed", "1"],
           "MC 10k CLI, plant-linked": [*cli, "uncertainty", PLANT, "-n", "10000", "--seed", "1"],
           "MC 10k CLI, plain": [*cli, "uncertainty", SUV, "-n", "10000", "--seed", "1"]}
    subprocess.run([*cli, "footprint", BEV], cwd=checkout, capture_output=True, check=True)  # build the store
    return out


def _measure(case, checkout: Path, work: Path) -> tuple[float, float]:
    if isinstance(case, tuple) and case[0] == "cold":
        fresh = work / "cold-store"
        shutil.rmtree(fresh, ignore_errors=True)
        cmd = [*case[1][:3], "--store", str(fresh), *case[1][3:]]
        wall, peak, _ = _timed(cmd, checkout)
        return wall, peak
    if isinstance(case, tuple):
        wall, peak, out = _timed(case[1], checkout)
        return json.loads(out.strip().splitlines()[-1])["seconds"], peak
    wall, peak, _ = _timed(case, checkout)
    return wall, peak


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--before", type=Path, help="another checkout (with .venv) to measure side by side")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--only", help="run only cases whose name contains this text")
    opts = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        grids = _grids(work)
        checkouts = [("after", HERE)] + ([("before", opts.before.resolve())] if opts.before else [])
        cases = {name: _cases(path, grids, work) for name, path in checkouts}
        rows = []
        for case in cases["after"]:
            if opts.only and opts.only not in case:
                continue
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in checkouts}
            for _ in range(opts.repeat):
                for name, path in checkouts:
                    runs[name].append(_measure(cases[name][case], path, work))
            rows.append((case, {n: (statistics.median(w for w, _ in r), max(m for _, m in r))
                                for n, r in runs.items()}))
    head = f"{'case':<28}" + "".join(f"{n + ' [s]':>14}{n + ' [MiB]':>14}" for n, _ in checkouts)
    print(head + ("   before/after" if opts.before else ""))
    for case, res in rows:
        line = f"{case:<28}" + "".join(f"{res[n][0]:>14.2f}{res[n][1]:>14.0f}" for n, _ in checkouts)
        if opts.before:
            line += f"   {res['before'][0] / res['after'][0]:>10.1f}x"
        print(line)


if __name__ == "__main__":
    main()
