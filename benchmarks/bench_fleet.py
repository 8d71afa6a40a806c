"""Wall time and peak memory of fleet accounting (issue 14 target on a 2-core machine):

  5 million registration rows (synthetic, Parquet), emissions 2015-2035     target < 30 s, < 2 GB
  the same table as CSV                                                      (reference)
  the same Parquet table read and summed on Dask (LocalCluster, 2 workers)  (reference; same numbers)
  CLI: `carbonev fleet run` on the Parquet table, all outputs               (reference)
  5 million rows over 90 county labels (high cardinality: ~9,000 cohorts)   (reference)

Run:  python benchmarks/bench_fleet.py                 (all cases, each in a fresh process)
      python benchmarks/bench_fleet.py --rows 1000000  (smaller table)
      python benchmarks/bench_fleet.py --case parquet --table FILE --store DIR   (one case, JSON)
Peak memory is the case process's maximum resident set size (Dask workers not included).
The synthetic table is written once beforehand (its generation is not timed).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def case(name: str, table: Path, store: Path, out: Path) -> dict:
    start = time.perf_counter()
    if name == "cli":
        subprocess.run([str(Path(sys.executable).parent / "carbonev"), "--store", str(store), "--quiet", "fleet",
                        "run", str(table), "--out", str(out), "--to", "2035", "--format", "csv,parquet,xlsx"],
                       check=True, capture_output=True)
        total = None
    else:
        from carbonev.fleet.pipeline import Options, run

        opts = Options(store=store, end=2035, scheduler="local" if name == "dask" else None)
        result = run(table, opts)
        total = float(result.table["life_cycle"].sum())
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if name == "cli":
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"case": name, "wall_s": round(wall, 2), "peak_mib": round(peak), "life_cycle_t": total}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", choices=["parquet", "csv", "dask", "cli"])
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--table")
    ap.add_argument("--store")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.case:
        print(json.dumps(case(args.case, Path(args.table), Path(args.store), Path(args.out or tempfile.mkdtemp()))))
        return
    from carbonev.fleet.synthetic import write

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = tmp / "store"
        write(args.rows, tmp / "reg.parquet", seed=0)
        write(args.rows, tmp / "reg.csv", seed=0)
        write(args.rows, tmp / "reg-counties.parquet", seed=0, counties=True)
        # warm the Brightway project once (a first run builds it; see bench_analysis.py for that)
        from carbonev.data.catalog import shipped_catalog
        from carbonev.engine.project import ensure_project

        ensure_project(shipped_catalog(), store)
        print(f"{args.rows:,} synthetic registration rows; calendar years 2015-2035")
        results = []
        for name, table in (("parquet", "reg.parquet"), ("csv", "reg.csv"), ("dask", "reg.parquet"),
                            ("cli", "reg.parquet"), ("parquet", "reg-counties.parquet")):
            cmd = [sys.executable, __file__, "--case", name, "--table", str(tmp / table), "--store", str(store),
                   "--out", str(tmp / f"out-{name}")]
            r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
            results.append(r)
            print(f"  {name:8} {table:22} {r['wall_s']:7.2f} s  {r['peak_mib']:6d} MiB")
        totals = {r["life_cycle_t"] for r in results[:3]}
        print("same numbers in every case:", len(totals) == 1)


if __name__ == "__main__":
    main()
