"""Wall time and peak memory of the analyses (issue 5 targets on a 2-core machine):

  cold project build                        (reference)
  one warm footprint (Brightway LCA)        (reference)
  sweep of 10,000 BEV variants              target < 5 s,  < 1 GB
  Monte Carlo, 10,000 iterations, bg on     target < 60 s, < 1 GB
  naive sweep: a fresh Brightway LCA per variant (sampled, extrapolated) → speed-up ratio

Run:  python benchmarks/bench_analysis.py            (all cases, each in a fresh process)
      python benchmarks/bench_analysis.py --case sweep --store DIR   (one case, prints JSON)
Peak memory is the case process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
ICEV = ROOT / "examples" / "icev-gasoline-midsize.yaml"


def variants(n: int = 10_000) -> list[dict]:
    grid = itertools.product(
        [f"{c} kWh" for c in range(40, 140, 4)],          # 25 capacities
        [f"{e / 2} kWh/100km" for e in range(24, 44, 2)],  # 10 energy uses
        ["Zhejiang", "Yunnan", "Shandong", "Guangdong"],  # 4 regions (CO2 factors)
        range(2021, 2031),                                # 10 first years
    )
    out = [{"battery.capacity": c, "energy.electricity": e, "use.region": r, "use.first_year": y,
            "use.electricity_factor": "co2"} for c, e, r, y in grid]
    return out[:n]


def case(name: str, store: Path) -> dict:
    from carbonev.data.catalog import shipped_catalog

    cat = shipped_catalog()
    start = time.perf_counter()
    if name == "cold":
        from carbonev.engine.evaluator import Engine

        Engine.open(cat, store)
    elif name == "warm":
        from carbonev.api import footprint

        footprint([BEV], store=store)
    elif name == "sweep":
        from carbonev.analysis.sweep import sweep
        from carbonev.specs.load import load_vehicle

        table = sweep(load_vehicle(BEV), variants(), cat, store)
        assert len(table) == 10_000
    elif name == "montecarlo":
        from carbonev.analysis.montecarlo import MCJob, run
        from carbonev.specs.load import load_vehicle

        job = MCJob(specs=(load_vehicle(BEV).model_dump_json(),), store=str(store), seed=1, iterations=10_000)
        samples = run(job)
        assert samples.values.shape[0] == 10_000
    elif name == "naive":
        from carbonev.api import footprint

        sample = variants()[:: 10_000 // 40][:40]
        start = time.perf_counter()
        for v in sample:
            footprint([BEV], store=store, overrides=v)
        per_variant = (time.perf_counter() - start) / len(sample)
        return {"case": name, "seconds": per_variant * 10_000, "per_variant": per_variant,
                "note": f"extrapolated from {len(sample)} variants"}
    else:
        raise SystemExit(f"unknown case {name}")
    return {"case": name, "seconds": time.perf_counter() - start}


def run_case(name: str, store: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--case", name, "--store", store],
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--store")
    opts = parser.parse_args()
    if opts.case:
        out = case(opts.case, Path(opts.store))
        out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(out))
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_case(c, tmp) for c in ("cold", "warm", "sweep", "montecarlo", "naive")]
    for r in results:
        extra = f"   ({r['note']})" if "note" in r else ""
        print(f"{r['case']:<11} {r['seconds']:9.2f} s   peak {r['peak_mib']:7.0f} MiB{extra}")
    by = {r["case"]: r for r in results}
    print(f"sweep speed-up over one fresh LCA per variant: {by['naive']['seconds'] / by['sweep']['seconds']:.0f}x")


if __name__ == "__main__":
    main()
