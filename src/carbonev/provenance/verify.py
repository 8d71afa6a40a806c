"""``verify``: check a manifest against itself, against the files it names and against a re-run.

Checks, in order; every difference is one line:

1. the manifest's shape (:mod:`carbonev.provenance.schema`): a malformed or hostile manifest
   is one SpecError (exit 2), before anything else is read;
2. the recorded result against its own SHA-256 (an edited number with a stale hash);
3. every input file and every output file the manifest names, against the SHA-256 of its
   bytes recorded at write time; only files inside the manifest's folder or a folder the
   verifier names (``roots``) are read, through symbolic links too;
4. the shipped data and the impact method against this installation;
5. a re-computation (the command's runner), confined by :mod:`carbonev.provenance.sandbox`
   (reads only in those folders, writes nothing, bounded memory), against the recorded result:
   the hash and every number.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonev.data.catalog import Catalog, shipped_catalog
from carbonev.data.resources import data_dir
from carbonev.errors import CarbonevError, SpecError
from carbonev.provenance import sandbox
from carbonev.provenance.manifest import RUNNERS, _method, _normalise, _software, canonical, file_hash, result_hash
from carbonev.provenance.schema import FileRecord, Manifest, read

MAX_FILE = 1024**3  # [bytes] larger input or output files are not hashed


@dataclass
class VerifyReport:
    manifest: str
    command: str
    identical: bool
    differences: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: dict[str, Any] = field(default_factory=dict)  # inputs, outputs, re_run

    def to_frame(self) -> Any:
        """One row per difference and warning: kind ('difference' or 'warning'), text (a pandas DataFrame)."""
        import pandas as pd

        rows = [("difference", d) for d in self.differences] + [("warning", w) for w in self.warnings]
        return pd.DataFrame(rows, columns=["kind", "text"])

    def to_dict(self) -> dict[str, Any]:
        return {"manifest": self.manifest, "command": self.command, "identical": self.identical,
                "checked": self.checked, "differences": self.differences, "warnings": self.warnings}


def show(text: object, limit: int = 160) -> str:
    """``text`` for one line of output: control characters escaped, at most ``limit`` characters."""
    out = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
    return out if len(out) <= limit else out[: limit - 1] + "…"


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


def diff_payloads(old: Any, new: Any, limit: int = 50) -> list[str]:
    """Every leaf that differs between two results, as 'path: old → new' (at most ``limit``)."""
    a, b = _flatten(_normalise(old)), _flatten(_normalise(new))
    out = []
    for key in sorted(set(a) | set(b)):
        if key not in b:
            out.append(f"{show(key)}: {show(repr(a[key]), 60)} → (absent)")
        elif key not in a:
            out.append(f"{show(key)}: (absent) → {show(repr(b[key]), 60)}")
        elif a[key] != b[key]:
            out.append(f"{show(key)}: {show(repr(a[key]), 60)} → {show(repr(b[key]), 60)}")
    if len(out) > limit:
        out = [*out[:limit], f"… and {len(out) - limit} more"]
    return out


def _folders(manifest: Path, roots: tuple[str | Path, ...]) -> list[Path]:
    return [manifest.resolve().parent, *(Path(r).resolve() for r in roots)]


def _inside(path: str, folders: list[Path]) -> bool:
    return any(path == str(f) or path.startswith(os.path.join(str(f), "")) for f in folders)


def _locate(folder: Path, item: FileRecord, readable: list[Path]) -> tuple[Path | None, str | None]:
    """The real path of a recorded file, or why it is not read."""
    real = os.path.realpath(folder / item.path)
    if not _inside(real, readable):
        return None, "outside the folders verify reads (the manifest's folder; add one with --root)"
    p = Path(real)
    if not p.exists():
        return None, "missing"
    if not p.is_file():
        return None, "not a regular file"
    return p, None


def _files(m: Manifest, kind: str, folder: Path, readable: list[Path]) -> tuple[dict[str, Path], list[str], list[str]]:
    """(role → path of the readable files, differences, roles not read)."""
    found: dict[str, Path] = {}
    diffs: list[str] = []
    unread: list[str] = []
    for item in getattr(m, f"{kind}s"):
        where = f"{show(item.role, 60)} {show(item.given, 120)}"
        p, problem = _locate(folder, item, readable)
        if problem:
            diffs.append(f"{kind} file {problem}: {where}")
            unread.append(item.role)
            continue
        try:
            now, _ = file_hash(p, MAX_FILE)
        except (SpecError, OSError) as exc:
            diffs.append(f"{kind} file not hashed: {where} ({show(exc, 80)})")
            unread.append(item.role)
            continue
        found[item.role] = p
        if now != item.sha256:
            diffs.append(f"{kind} file changed: {where}: sha256 {item.sha256[:12]}… recorded, {now[:12]}… now")
    return found, diffs, unread


def _data_differences(recorded: dict, cat: Catalog) -> list[str]:
    if recorded.get("sha256") == cat.sha256:
        return []
    old, new = recorded.get("files", {}), cat.versions()
    out = [f"data changed: sha256 {str(recorded.get('sha256'))[:12]}… → {cat.sha256[:12]}…"]
    for name in sorted(set(old) | set(new)):
        if name not in new:
            out.append(f"data file removed: {show(name)}")
        elif name not in old:
            out.append(f"data file added: {show(name)} (version {new[name]['version']})")
        elif old[name]["sha256"] != new[name]["sha256"]:
            out.append(f"data file changed: {show(name)}: version {show(old[name]['version'])} → "
                       f"{new[name]['version']}, sha256 {old[name]['sha256'][:12]}… → {new[name]['sha256'][:12]}…")
    return out


def _method_differences(m: Manifest, cat: Catalog) -> list[str]:
    try:
        now = _method(cat, m.method.name)
    except CarbonevError:
        return [f"method not available here: {show(m.method.name, 60)}"]
    if now["sha256"] != m.method.sha256:
        return [f"method changed: {show(m.method.name, 60)} {show(m.method.version, 20)} → {now['version']}"]
    return []


def _footprint_overrides(inputs: dict[str, Path], options: dict[str, Any], manifest: str) -> None:
    """A footprint manifest's overrides, applied to its specs exactly as ``--set`` is (the same
    spec model and bounds): a value the command line would refuse is a manifest error."""
    from carbonev.specs.load import load_vehicle
    from carbonev.specs.overrides import apply

    overrides = options.get("overrides") or {}
    if not overrides:
        return
    for role, spec in inputs.items():
        if role.startswith("spec") and "." not in role:
            try:
                apply(load_vehicle(spec), overrides, origin="--set")
            except SpecError as exc:
                where = f"{exc.field}: " if exc.field else ""
                raise SpecError(f"{where}{show(exc.args[0].rsplit(': ', 1)[-1], 200)} (as --set would refuse it)",
                                file=manifest, field="options.overrides") from None


# options a command line would refuse are checked before the re-run: command → check(inputs, options, manifest)
OPTION_CHECKS = {"footprint": _footprint_overrides}


def _rerun(m: Manifest, path: Path, inputs: dict[str, Path], folders: list[Path], store, memory: int) -> list[str]:
    module, func = RUNNERS[m.command].split(":")
    runner = getattr(importlib.import_module(module), func)
    with sandbox.confined(folders, store, memory, manifest=str(path), recorded=inputs.values()) as rules:
        try:
            if m.command in OPTION_CHECKS:
                OPTION_CHECKS[m.command](inputs, dict(m.options), str(path))
            payload = runner(inputs, dict(m.options), store)
            failure = None
        except sandbox.Refused:
            payload, failure = None, None
        except SpecError as exc:
            if exc.file == str(path):  # the manifest itself asks for what the command line refuses
                raise
            payload, failure = None, show(exc, 300)
        except CarbonevError as exc:
            payload, failure = None, show(exc, 300)
        except (OSError, ValueError, KeyError, TypeError) as exc:  # an input the command cannot use
            payload, failure = None, f"{type(exc).__name__}: {show(exc, 200)}"
    diffs = [f"re-run refused to {show(r, 200)} (outside the folders verify reads; writes are never allowed)"
             for r in rules.refused]
    diffs += [f"re-run read a file the manifest does not record (not checked): {show(p, 200)}"
              for p in rules.unrecorded]
    if rules.refused:
        return diffs
    if failure is not None:
        return [*diffs, f"re-run failed: {failure}"]
    now = result_hash(payload)
    if now != m.result.sha256 or canonical(payload) != canonical(m.result.payload):
        diffs.append(f"result differs from the re-computation: sha256 {m.result.sha256[:12]}… recorded, "
                     f"{now[:12]}… recomputed")
        diffs += [f"result differs: {c}" for c in diff_payloads(m.result.payload, payload)]
    return diffs


def verify(path: str | Path, store: str | Path | None = None, catalog: Catalog | None = None,
           roots: tuple[str | Path, ...] = (), memory: int = sandbox.MEMORY) -> VerifyReport:
    """Check a manifest (see module doc); ``roots``: more folders verify may read besides the
    manifest's own. Raises SpecError (one line) for a manifest that cannot be checked at all."""
    p = Path(path)
    m = read(p)
    if m.command not in RUNNERS:
        raise SpecError(f"cannot re-run this command; re-runnable: {', '.join(sorted(RUNNERS))}", file=str(p),
                        field="command")
    folders = _folders(p, roots)
    readable = [*folders, Path(data_dir("methods")).resolve(), Path(data_dir("inventories")).resolve()]
    folder = p.resolve().parent
    cat = catalog or shipped_catalog()
    diffs: list[str] = []
    warnings: list[str] = []
    if m.format == "carbonev-manifest/1":
        warnings.append("manifest format 1 records no output files: only inputs and the result are checked")
    recorded = result_hash(m.result.payload)
    if recorded != m.result.sha256:
        diffs.append(f"recorded result does not match its own sha256: {m.result.sha256[:12]}… recorded, "
                     f"{recorded[:12]}… for the result as it stands (edited after it was written)")
    inputs, in_diffs, unread = _files(m, "input", folder, readable)
    _, out_diffs, _ = _files(m, "output", folder, readable)
    diffs += in_diffs + out_diffs
    diffs += _data_differences(m.data.model_dump(), cat)
    diffs += _method_differences(m, cat)
    now = _software()
    warnings += [f"software differs: {show(k, 40)} {show(v, 40)} → {now.get(k, 'not installed')}"
                 for k, v in m.software.items() if now.get(k) != v]
    if unread:
        diffs.append(f"not re-run: input file(s) not read ({', '.join(show(r, 40) for r in unread)})")
    else:
        diffs += _rerun(m, p, inputs, folders, store, memory)
    checked = {"inputs": len(m.inputs), "outputs": len(m.outputs), "re_run": not unread}
    return VerifyReport(str(path), m.command, not diffs, diffs, warnings, checked)
