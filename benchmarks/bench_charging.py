"""A 10,000-variant sweep with a charging profile against the same sweep without (issue 15 target: within 20 %).

Both sweeps use benchmarks/bench_analysis.py's variant grid on the mid-size BEV example; the
charging sweep sets ``use.charging.profile: home-night`` (time-of-use weights precomputed per
region, year and profile; one look-up per use year). Both run in one process on one Evaluator,
alternating, so machine noise hits both alike; the best of ``--repeat`` runs is reported.

Run:  python benchmarks/bench_charging.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    from bench_analysis import BEV, variants

    from carbonev.analysis.sweep import sweep
    from carbonev.data.catalog import shipped_catalog
    from carbonev.engine.evaluator import Evaluator
    from carbonev.specs.charging import Charging
    from carbonev.specs.load import load_vehicle

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    cat = shipped_catalog()
    annual = load_vehicle(BEV)
    profile = annual.model_copy(update={"use": annual.use.model_copy(
        update={"charging": Charging(profile="home-night")})})
    vs = variants()
    with tempfile.TemporaryDirectory() as tmp:
        ev = Evaluator(cat, Path(tmp))
        best: dict[str, float] = {}
        means: dict[str, float] = {}
        for _ in range(opts.repeat):
            for name, base in (("annual", annual), ("profile", profile)):
                start = time.perf_counter()
                table = sweep(base, vs, cat, Path(tmp), evaluator=ev)
                best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
                means[name] = float(table["total"].mean())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name in best:
        print(f"sweep 10,000 variants, {name:<8} {best[name]:6.2f} s   mean total {means[name]:,.0f} kg CO2e")
    print(f"charging profile / annual factor: {best['profile'] / best['annual']:.2f}x (target <= 1.20); "
          f"peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
