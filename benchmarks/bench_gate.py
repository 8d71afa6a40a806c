"""Cost of the input gate and the schema bounds: reading and validating specs, parsing quantities,
building sweep variants, writing outputs.

Run:  python benchmarks/bench_gate.py [--repeat 5] [--against OTHER_SRC]

With ``--against`` (e.g. the ``src`` folder of a checkout before the gate), each measurement
alternates between that tree and this one in fresh processes, so both are timed in one run on
the same machine state. Timings are in-process medians (imports excluded).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import glob, json, sys, tempfile, time, warnings
from pathlib import Path
warnings.simplefilter("ignore")
root = Path(sys.argv[1])
from carbonev.specs.load import load_vehicle
from carbonev.specs.overrides import VariantFactory
from carbonev.units import quantity
from carbonev.io.files import write_atomic, read_mapping
specs = [p for p in sorted(glob.glob(str(root / "examples" / "*.yaml")))]
def clock(fn, n):
    t = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t) / n
out = {}
out["load+validate 17 example specs [ms]"] = 1e3 * clock(lambda: [load_vehicle(p) for p in specs], 5)
texts = [f"{v} kWh/100km" for v in range(1, 2001)]
def parse():
    for t in texts:
        quantity(t)
out["2000 distinct quantities [ms]"] = 1e3 * clock(parse, 1)
base = load_vehicle(root / "examples" / "bev-midsize-nmc811.yaml")
def variants():
    f = VariantFactory(base)
    for i in range(500):
        f.make({"battery.capacity": f"{50 + i * 0.1:.1f} kWh", "use.first_year": 2025 + i % 10})
out["500 sweep variants [ms]"] = 1e3 * clock(variants, 1)
big = "\n".join(f"k{i}: {{a: {i}, b: text {i}}}" for i in range(20000))
tmp = Path(tempfile.mkdtemp())
(tmp / "big.yaml").write_text(big)
out["read a 20,000-key YAML (0.5 MB) [ms]"] = 1e3 * clock(lambda: read_mapping(tmp / "big.yaml"), 3)
text = "x" * 200_000
def writes():
    for i in range(100):
        write_atomic(tmp / f"o{i}.txt", text)
out["100 atomic 200 kB writes [ms]"] = 1e3 * clock(writes, 1)
print(json.dumps(out))
"""


def measure(src: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], capture_output=True, text=True, env=env)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--against", type=Path, default=None, help="another checkout's src folder")
    opts = parser.parse_args()
    trees = {"this": ROOT / "src"}
    if opts.against is not None:
        trees = {"other": opts.against, **trees}
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
    for _ in range(opts.repeat):
        for name, src in trees.items():  # alternate, so both see the same machine state
            runs[name].append(measure(src))
    keys = list(runs["this"][0])
    print(f"{'':42}" + "".join(f"{name:>12}" for name in trees))
    for key in keys:
        print(f"{key:42}" + "".join(f"{statistics.median(r[key] for r in runs[n]):12.1f}" for n in trees))


if __name__ == "__main__":
    main()
