"""A 10,000-variant sweep with a charging profile against the same sweep without (issue 15 target: within 20 %).

Both sweeps use benchmarks/bench_analysis.py's variant grid on the mid-size BEV example; the
charging sweep sets ``use.charging.profile: home-night`` (time-of-use weights precomputed per
region, year and profile; one lookup per use year). Each case runs in a fresh process, after a
warm-up build of the Brightway project; the best of ``--repeat`` runs is reported.

Run:  python benchmarks/bench_charging.py [--repeat 3]
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
sys.path.insert(0, str(ROOT / "benchmarks"))


def case(name: str, store: Path) -> dict:
    from bench_analysis import BEV, variants

    from carbonev.analysis.sweep import sweep
    from carbonev.data.catalog import shipped_catalog
    from carbonev.engine.evaluator import Evaluator
    from carbonev.specs.load import load_vehicle

    cat = shipped_catalog()
    base = load_vehicle(BEV)
    if name == "profile":
        from carbonev.charging.spec import Charging

        use = base.use.model_copy(update={"charging": Charging(profile="home-night")})
        base = base.model_copy(update={"use": use})
    ev = Evaluator(cat, store)
    start = time.perf_counter()
    table = sweep(base, variants(), cat, store, evaluator=ev)
    seconds = time.perf_counter() - start
    assert len(table) == 10_000
    return {"case": name, "seconds": seconds, "mean_total": float(table["total"].mean())}


def run_case(name: str, store: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--case", name, "--store", store], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--store")
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    if opts.case:
        out = case(opts.case, Path(opts.store))
        out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(out))
        return
    with tempfile.TemporaryDirectory() as tmp:
        from carbonev.data.catalog import shipped_catalog
        from carbonev.engine.project import ensure_project

        ensure_project(shipped_catalog(), Path(tmp))
        best = {}
        for _ in range(opts.repeat):
            for name in ("annual", "profile"):
                r = run_case(name, tmp)
                if name not in best or r["seconds"] < best[name]["seconds"]:
                    best[name] = r
    for r in best.values():
        print(f"sweep 10,000 variants, {r['case']:<8} {r['seconds']:6.2f} s   peak {r['peak_mib']:5.0f} MiB   "
              f"mean total {r['mean_total']:,.0f} kg CO2e")
    ratio = best["profile"]["seconds"] / best["annual"]["seconds"]
    print(f"charging profile / annual factor: {ratio:.2f}x (target <= 1.20)")


if __name__ == "__main__":
    main()
