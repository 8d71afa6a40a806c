"""Reproducibility manifests (``carbonev-manifest/2``): what a result was computed from and
what was written.

A manifest records the command and its options, the SHA-256 of every input file, of every
output file as written (``outputs``), the shipped data (one hash plus every file's version and
hash), the impact method, carbonev and dependency versions, the seed, and the result itself
with its hash (SHA-256 of the canonical JSON of the numeric result)::

    write_manifest("battery declare", {"scheme": "eu-2023-1542"}, {"pack": "pack.yaml"},
                   decl.payload(), "decl.manifest.json", outputs={"output": "decl.md"})
    report = carbonev.provenance.verify.verify("decl.manifest.json")  # checks, re-runs, compares
    report.identical, report.differences       # one line per difference

Paths are stored relative to the manifest's folder, so a folder of inputs, outputs and the
manifest can be moved as a whole. No clock time is written: the same run gives the same
manifest bytes. Outputs are hashed from the files on disk after they were written, so a
command writes its outputs first and its manifest last. A command is re-runnable when it has
an entry in ``RUNNERS`` (``"module:function"``, called as ``function(inputs, options, store)
-> payload``). Verification: :mod:`carbonev.provenance.verify`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path
from typing import Any

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.errors import SpecError
from carbonev.io.files import write_atomic
from carbonev.provenance.schema import FORMAT
from carbonev.provenance.software import with_python

RUNNERS: dict[str, str] = {
    "battery declare": "carbonev.battery.declare:rerun",
    "export pact": "carbonev.exchange.pact:rerun",
    "footprint": "carbonev.analysis.footprint:rerun",
    "factory audit": "carbonev.factory.pipeline:rerun_audit",
}
SIGNIFICANT = 12  # digits kept when hashing floats (removes last-bit noise, keeps every meaningful digit)
CHUNK = 1 << 20


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


def file_hash(path: str | Path, limit: int | None = None) -> tuple[str, int]:
    """(SHA-256 hex digest, size in bytes) of a file, read in chunks; with ``limit`` a file
    larger than ``limit`` bytes raises SpecError instead of being read to the end."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            if limit is not None and size > limit:
                raise SpecError(f"larger than {limit // 1024**2} MiB: not hashed", file=str(path))
            digest.update(chunk)
    return digest.hexdigest(), size


def _software() -> dict[str, str]:
    return with_python()


def _method(cat: Catalog, method: str | None) -> dict[str, str]:
    meth = cat.method(method)
    return {"name": meth.name, "version": meth.version, "sha256": cat.files_by_name[("methods", meth.name)].sha256}


def _records(files: dict[str, str | Path], folder: Path, kind: str) -> list[dict[str, Any]]:
    out = []
    for role, path in files.items():
        p = Path(path)
        if not p.is_file():
            raise SpecError(f"{kind} file not found", file=str(p), field=f"manifest {kind}s.{role}")
        digest, size = file_hash(p)
        out.append({"role": role, "path": os.path.relpath(p.resolve(), folder), "given": str(path),
                    "sha256": digest, **({"bytes": size} if kind == "output" else {})})
    return out


def build_manifest(command: str, options: dict[str, Any], inputs: dict[str, str | Path], result_payload: Any,
                   manifest_path: str | Path, *, outputs: dict[str, str | Path] | None = None,
                   method: str | None = None, seed: int | None = None,
                   catalog: Catalog | None = None) -> dict[str, Any]:
    """The manifest as a dict (see module doc); ``inputs`` and ``outputs`` map a role to a file path
    (outputs must exist: they are hashed as written)."""
    cat = catalog or shipped_catalog()
    folder = Path(manifest_path).resolve().parent
    return {
        "format": FORMAT,
        "command": command,
        "options": _normalise(options),
        "inputs": _records(inputs, folder, "input"),
        "outputs": _records(outputs or {}, folder, "output"),
        "data": {"sha256": cat.sha256, "files": cat.versions()},
        "method": _method(cat, method),
        "software": _software(),
        "seed": seed,
        "result": {"sha256": result_hash(result_payload), "payload": json.loads(canonical(result_payload))},
    }


def check_manifest(command: str, options: dict[str, Any], inputs: dict[str, str | Path], result_payload: Any,
                   manifest_path: str | Path, *, method: str | None = None) -> None:
    """Everything :func:`write_manifest` will need, checked before any output is written
    (inputs readable, result hashable, the manifest's folder present)."""
    if not Path(manifest_path).parent.exists():
        raise SpecError("folder does not exist", file=str(manifest_path), field="--manifest")
    build_manifest(command, options, inputs, result_payload, manifest_path, method=method)


def write_manifest(command: str, options: dict[str, Any], inputs: dict[str, str | Path], result_payload: Any,
                   path: str | Path, *, outputs: dict[str, str | Path] | None = None, method: str | None = None,
                   seed: int | None = None, catalog: Catalog | None = None) -> dict[str, Any]:
    """Build the manifest and write it to ``path`` atomically (all or nothing); write it after
    the ``outputs`` it names, so their hashes are those of the bytes on disk."""
    manifest = build_manifest(command, options, inputs, result_payload, path, outputs=outputs, method=method,
                              seed=seed, catalog=catalog)
    write_atomic(path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "--manifest")
    return manifest
