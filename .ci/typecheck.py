"""The type-check ratchet: mypy over src/carbonev with the configuration in pyproject.toml.

- the strict modules (pyproject's [[tool.mypy.overrides]] with disallow_untyped_defs) must have no error;
- every other module may have at most the number of errors in .ci/mypy-baseline.txt.

Exit 0 when both hold, 1 otherwise. When the count falls, lower the baseline in the same commit.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / ".ci" / "mypy-baseline.txt"
LINE = re.compile(r"^(?P<path>src/[^:]+\.py):\d+(?::\d+)?: error: ")


def strict_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    return [m for o in config.get("overrides", []) if o.get("disallow_untyped_defs") for m in o["module"]]


def module_of(path: str) -> str:
    parts = Path(path).with_suffix("").parts[1:]  # drop "src"
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_strict(module: str, patterns: list[str]) -> bool:
    return any(module == p or (p.endswith(".*") and module.startswith(p[:-1])) for p in patterns)


def main() -> int:
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True,
                         text=True)
    if run.returncode not in (0, 1) or run.stderr.strip():
        print(run.stdout + run.stderr)
        print("mypy did not run")
        return 1
    patterns = strict_modules()
    strict, rest = [], []
    for line in run.stdout.splitlines():
        m = LINE.match(line)
        if m:
            (strict if is_strict(module_of(m["path"]), patterns) else rest).append(line)
    allowed = int(BASELINE.read_text().split()[0])
    for line in strict:
        print(line)
    print(f"mypy: strict modules {len(strict)} error(s) (must be 0); other modules {len(rest)} error(s) "
          f"(at most {allowed}, .ci/mypy-baseline.txt)")
    if len(rest) > allowed:
        print("\n".join(rest))
        print(f"mypy: {len(rest) - allowed} new error(s) outside the strict modules; fix them")
    elif len(rest) < allowed:
        print(f"mypy: {allowed - len(rest)} fewer than the baseline; lower .ci/mypy-baseline.txt to {len(rest)}")
    return 0 if not strict and len(rest) <= allowed else 1


if __name__ == "__main__":
    sys.exit(main())
