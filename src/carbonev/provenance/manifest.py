"""Reproducibility manifests (``carbonev-manifest/1``) and their verification.

A manifest records what a result was computed from: the command and its options, the
SHA-256 of every input file, the shipped data (one hash plus every file's version and hash),
the impact method, carbonev and dependency versions, the seed, and the result itself with
its hash (SHA-256 of the canonical JSON of the numeric result)::

    write_manifest("battery declare", {"scheme": "eu-2023-1542"}, {"pack": "pack.yaml"},
                   decl.payload(), "decl.manifest.json", method=None)
    report = verify("decl.manifest.json")      # re-runs the command in-process
    report.identical, report.differences       # what differs: input file, data, result numbers

Input paths are stored relative to the manifest's folder, so a folder of inputs plus its
manifest can be moved as a whole. No clock time is written: the same run gives the same
manifest bytes. A command is re-runnable when it has an entry in ``RUNNERS``
(``"module:function"``, called as ``function(inputs, options, store) -> payload``).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.errors import CarbonevError, SpecError
from carbonev.io.files import sha256_file, write_atomic
from carbonev.provenance.software import with_python

FORMAT = "carbonev-manifest/1"
RUNNERS: dict[str, str] = {
    "battery declare": "carbonev.battery.declare:rerun",
    "export pact": "carbonev.exchange.pact:rerun",
    "footprint": "carbonev.api:rerun",
    "factory audit": "carbonev.factory.pipeline:rerun_audit",
}
SIGNIFICANT = 12  # digits kept when hashing floats (removes last-bit noise, keeps every meaningful digit)


def register_runner(command: str, target: str) -> None:
    """Make ``command`` re-runnable by ``verify``: ``target`` is ``"module:function"``."""
    RUNNERS[command] = target


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SpecError(f"result holds a non-finite number ({value})")
        return float(f"{value:.{SIGNIFICANT}g}")
    return value


def canonical(payload: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, floats to 12 significant digits."""
    return json.dumps(_normalise(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def result_hash(payload: Any) -> str:
    return hashlib.sha256(canonical(payload).encode()).hexdigest()


def _software() -> dict[str, str]:
    return with_python()


def _method(cat: Catalog, method: str | None) -> dict[str, str]:
    meth = cat.method(method)
    return {"name": meth.name, "version": meth.version, "sha256": cat.files_by_name[("methods", meth.name)].sha256}


def build_manifest(command: str, options: dict[str, Any], inputs: dict[str, str | Path], result_payload: Any,
                   manifest_path: str | Path, *, method: str | None = None, seed: int | None = None,
                   catalog: Catalog | None = None) -> dict[str, Any]:
    """The manifest as a dict (see module doc); ``inputs`` maps a role to a file path."""
    cat = catalog or shipped_catalog()
    folder = Path(manifest_path).resolve().parent
    files = []
    for role, path in inputs.items():
        p = Path(path)
        if not p.is_file():
            raise SpecError("input file not found", file=str(p), field=f"manifest inputs.{role}")
        files.append({"role": role, "path": os.path.relpath(p.resolve(), folder), "given": str(path),
                      "sha256": sha256_file(p)})
    return {
        "format": FORMAT,
        "command": command,
        "options": _normalise(options),
        "inputs": files,
        "data": {"sha256": cat.sha256, "files": cat.versions()},
        "method": _method(cat, method),
        "software": _software(),
        "seed": seed,
        "result": {"sha256": result_hash(result_payload), "payload": json.loads(canonical(result_payload))},
    }


def write_manifest(command: str, options: dict[str, Any], inputs: dict[str, str | Path], result_payload: Any,
                   path: str | Path, *, method: str | None = None, seed: int | None = None,
                   catalog: Catalog | None = None) -> dict[str, Any]:
    """Build the manifest and write it to ``path`` atomically (all or nothing)."""
    manifest = build_manifest(command, options, inputs, result_payload, path, method=method, seed=seed,
                              catalog=catalog)
    write_atomic(path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "--manifest")
    return manifest


def load_manifest(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        raise SpecError("file not found", file=str(p))
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SpecError(f"not a JSON manifest: {exc}", file=str(p)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SpecError(f"format must be {FORMAT!r}", file=str(p), field="format")
    for key in ("command", "options", "inputs", "data", "method", "result"):
        if key not in data:
            raise SpecError("required key is missing", file=str(p), field=key)
    if data["command"] not in RUNNERS:
        raise SpecError(f"cannot re-run command {data['command']!r}; re-runnable: {', '.join(sorted(RUNNERS))}",
                        file=str(p), field="command")
    return data


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            out.update(_flatten(v, f"{prefix}[{i}]"))
        return out
    return {prefix: value}


def diff_payloads(old: Any, new: Any) -> list[str]:
    """Every leaf that differs between two results, as 'path: old → new'."""
    a, b = _flatten(_normalise(old)), _flatten(_normalise(new))
    out = []
    for key in sorted(set(a) | set(b)):
        if key not in b:
            out.append(f"{key}: {a[key]!r} → (absent)")
        elif key not in a:
            out.append(f"{key}: (absent) → {b[key]!r}")
        elif a[key] != b[key]:
            out.append(f"{key}: {a[key]!r} → {b[key]!r}")
    return out


@dataclass
class VerifyReport:
    manifest: str
    command: str
    identical: bool
    differences: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _data_differences(recorded: dict, cat: Catalog) -> list[str]:
    if recorded.get("sha256") == cat.sha256:
        return []
    old, new = recorded.get("files", {}), cat.versions()
    out = [f"data changed: sha256 {str(recorded.get('sha256'))[:12]}… → {cat.sha256[:12]}…"]
    for name in sorted(set(old) | set(new)):
        if name not in new:
            out.append(f"data file removed: {name}")
        elif name not in old:
            out.append(f"data file added: {name} (version {new[name]['version']})")
        elif old[name]["sha256"] != new[name]["sha256"]:
            out.append(f"data file changed: {name}: version {old[name]['version']} → {new[name]['version']}, "
                       f"sha256 {old[name]['sha256'][:12]}… → {new[name]['sha256'][:12]}…")
    return out


def verify(path: str | Path, store: str | Path | None = None, catalog: Catalog | None = None) -> VerifyReport:
    """Check the inputs, data and method of a manifest and re-run its command; report every difference."""
    data = load_manifest(path)
    folder = Path(path).resolve().parent
    cat = catalog or shipped_catalog()
    diffs: list[str] = []
    inputs: dict[str, Path] = {}
    for item in data["inputs"]:
        p = (folder / item["path"]).resolve()
        inputs[item["role"]] = p
        if not p.is_file():
            diffs.append(f"input file missing: {item['role']} {item['given']} ({p})")
            continue
        now = sha256_file(p)
        if now != item["sha256"]:
            diffs.append(f"input file changed: {item['role']} {item['given']} ({p}): sha256 "
                         f"{item['sha256'][:12]}… → {now[:12]}…")
    diffs += _data_differences(data["data"], cat)
    meth = data["method"]
    try:
        now_meth = _method(cat, meth["name"])
        if now_meth["sha256"] != meth["sha256"]:
            diffs.append(f"method changed: {meth['name']} {meth['version']} → {now_meth['version']}")
    except CarbonevError as exc:
        diffs.append(f"method not available: {exc}")
    warnings = [f"software differs: {k} {v} → {_software().get(k, 'not installed')}"
                for k, v in data.get("software", {}).items() if _software().get(k) != v]
    missing = [role for role, p in inputs.items() if not p.is_file()]
    if missing:
        diffs.append(f"not re-run: input file(s) missing ({', '.join(missing)})")
        return VerifyReport(str(path), data["command"], False, diffs, warnings)
    module, func = RUNNERS[data["command"]].split(":")
    try:
        payload = getattr(importlib.import_module(module), func)(inputs, data["options"], store)
    except CarbonevError as exc:
        diffs.append(f"re-run failed: {exc}")
    else:
        if result_hash(payload) != data["result"]["sha256"]:
            changed = diff_payloads(data["result"]["payload"], payload)
            diffs.append(f"result differs: sha256 {data['result']['sha256'][:12]}… → {result_hash(payload)[:12]}…")
            diffs += [f"result differs: {c}" for c in changed]
    return VerifyReport(str(path), data["command"], not diffs, diffs, warnings)
