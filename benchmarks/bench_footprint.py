"""Wall time and peak memory of the CLI: a cold project build and warm footprints.

Run:  python benchmarks/bench_footprint.py [--repeat 5]

Each measurement is a fresh ``carbonev`` process (what a user waits for),
so imports are included. Peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / n for n in ("bev-midsize-nmc811.yaml", "bev-compact-lfp.yaml",
                                            "icev-gasoline-midsize.yaml")]


def run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one carbonev process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "carbonev.cli", *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"carbonev failed: {proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = ["--store", tmp, "--quiet"]
        cold, cold_mem = run([*store, "footprint", str(EXAMPLES[0])])
        warm = [run([*store, "footprint", str(EXAMPLES[0])]) for _ in range(opts.repeat)]
        three = [run([*store, "footprint", *map(str, EXAMPLES)]) for _ in range(opts.repeat)]
    print(f"cold: project build + first footprint   {cold:6.2f} s   peak {cold_mem:6.0f} MiB")
    print(f"warm: one footprint (median of {opts.repeat})       {statistics.median(w for w, _ in warm):6.2f} s"
          f"   peak {max(m for _, m in warm):6.0f} MiB")
    print(f"warm: three specs side by side (median)  {statistics.median(w for w, _ in three):6.2f} s"
          f"   peak {max(m for _, m in three):6.0f} MiB")


if __name__ == "__main__":
    main()
