"""Build a data version's Brightway project and solve its background, in a process of its own.

``ensure_build`` (called in the user's process) returns the complete build of the catalog's data
version, starting ``python -m carbonev.engine.build`` when there is none. Only that child process
imports Brightway: the caller's own bw2data session, environment and loggers are never touched, and a
crash of the build cannot leave the caller's process in a half-switched state.

The user's process writes the catalog as plain data (``payload.json``) into a fresh ``.building-*``
folder of the store; the child writes it with bw2data (flows, background database, methods), solves
the background with bw2calc, saves ``background.npz``, writes ``complete.json`` last, and renames the
folder into place (:meth:`Store.publish`). ``checkpoint`` is called between the steps; tests replace
it to kill the process at a chosen point.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from carbonev.engine.background import PARAMS_DTYPE, Background, Entries
from carbonev.engine.store import COMPLETE, LAYOUT, Build, Store, describe_os_error
from carbonev.errors import StoreError

if TYPE_CHECKING:
    from carbonev.data.catalog import Catalog

Progress = Callable[[str], None]
PAYLOAD = "payload.json"


def checkpoint(name: str) -> None:
    """Called after each build step (``start``, ``biosphere``, ``background``, ``methods``, ``solved``,
    ``saved``, ``complete``, ``published``); does nothing (tests replace it)."""


# --- the user's process ------------------------------------------------------------------------
def ensure_build(cat: Catalog, store: Store, progress: Progress | None = None) -> Build:
    """The complete build of ``cat``'s data version in ``store``, built first if missing
    [raises StoreError naming the store and the cause]."""
    sha = cat.sha256
    build = store.lease(sha)  # leased before it is read: no prune can remove it from now on
    if build is None:
        if not store.writable():
            raise StoreError(f"cannot write here ({_why_unwritable(store.path)}) and it holds no build of data "
                             f"version {sha[:12]}; use a writable --store, or build it once where writable",
                             store=store.path)
        build = _build_locked(cat, store, progress)
    return build


def _why_unwritable(path: Path) -> str:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".probe-why"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return describe_os_error(exc)
    return "not writable"


def _build_locked(cat: Catalog, store: Store, progress: Progress | None) -> Build:
    from filelock import Timeout

    sha = cat.sha256
    try:
        with store.lock(sha):
            build = store.complete(sha)
            if build is not None:
                return build
            store.sweep(sha)
            if store.build_path(sha).exists():  # damaged (not complete): out of the way
                trash = store.path / f".trash-broken-{sha[:16]}-{os.getpid()}"
                os.replace(store.build_path(sha), trash)
                shutil.rmtree(trash, ignore_errors=True)
            if progress:
                progress(f"building the Brightway project of data version {sha[:12]} (first run for this "
                         "data version)")
            folder = _prepare(cat, store)
            failure = _run_child(folder, store)
            build = store.complete(sha)  # a child killed after publishing still built it
            if build is None:
                shutil.rmtree(folder, ignore_errors=True)
                raise failure or StoreError(f"the build of data version {sha[:12]} did not complete",
                                            store=store.path)
            store.prune()
            return build
    except Timeout:
        raise StoreError(f"another process has been building data version {sha[:12]} for more than "
                         f"{store.lock(sha).timeout:.0f} s", store=store.path) from None
    except OSError as exc:
        if isinstance(exc, StoreError):
            raise
        raise store.fail("cannot build", exc) from None


def _prepare(cat: Catalog, store: Store) -> Path:
    """A new build folder holding the catalog as plain data for the build process."""
    from carbonev.engine.project import payload

    folder = store.new_build_folder(cat.sha256)
    try:
        with open(folder / PAYLOAD, "w", encoding="utf-8") as handle:
            json.dump(payload(cat), handle)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def child_command(folder: Path, store: Store) -> list[str]:
    """The command line of the build process for a prepared ``folder``."""
    return [sys.executable, "-m", "carbonev.engine.build", "--store", str(store.path), "--folder", str(folder)]


def _run_child(folder: Path, store: Store) -> StoreError | None:
    """Run the build process; the error it ended with, if any."""
    sha = folder.name.split("-")[1]
    proc = subprocess.Popen(child_command(folder, store), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate()
    except BaseException:  # Ctrl-C: stop the build too; its folder is swept by the next build
        proc.kill()
        proc.wait()
        raise
    if proc.returncode == 0:
        return None
    lines = [x for x in err.decode("utf-8", "replace").splitlines() if x.strip()]
    if proc.returncode < 0:
        return StoreError(f"the build of data version {sha[:12]} was interrupted (signal "
                          f"{-proc.returncode}); run again to rebuild it", store=store.path)
    return StoreError(f"the build of data version {sha[:12]} failed: "
                      f"{lines[-1] if lines else f'exit code {proc.returncode}'}", store=store.path)


# --- the build process ---------------------------------------------------------------------------
def _brightway(base: Path) -> tuple[Any, Any]:
    """bw2data and bw2calc, quietly, with bw2data's base folder ``base`` (this process only)."""
    os.environ["BRIGHTWAY2_DIR"] = str(base)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import bw2calc as bc
        import bw2data as bd
    return bd, bc


def _entries(dp: Any, label: str, rows: dict[int, int], cols: dict[int, int]) -> Entries:
    names = {r["name"] for r in dp.resources}
    indices, _ = dp.get_resource(f"{label}.indices")
    data, _ = dp.get_resource(f"{label}.data")
    flip = dp.get_resource(f"{label}.flip")[0] if f"{label}.flip" in names else np.zeros(len(data), bool)
    params = np.zeros(len(data), dtype=PARAMS_DTYPE)
    if f"{label}.distributions" in names:  # absent when no value of the matrix is uncertain
        dist, _ = dp.get_resource(f"{label}.distributions")
        for name in PARAMS_DTYPE.names or ():
            params[name] = dist[name]
    else:
        params["loc"] = data
        params["scale"] = params["shape"] = params["minimum"] = params["maximum"] = np.nan
    return Entries(rows=np.array([rows[int(i)] for i in indices["row"]], dtype=np.int64),
                   cols=np.array([cols[int(i)] for i in indices["col"]], dtype=np.int64),
                   amount=np.asarray(data, dtype=np.float64),
                   sign=np.where(np.asarray(flip, bool), -1.0, 1.0), params=params)


def solve_background(bd: Any, bc: Any, data: dict[str, Any]) -> Background:
    """Solve every background activity with bw2calc and read Brightway's uncertainty arrays."""
    from carbonev.engine.project import BACKGROUND, BIOSPHERE

    codes = tuple(sorted(a["code"] for a in data["activities"]))
    flows = tuple(sorted(f["code"] for f in data["flows"]))
    keys = {m["name"]: tuple(m["key"]) for m in data["methods"]}
    methods = tuple(sorted(keys))
    node = {n["code"]: n.id for n in bd.Database(BACKGROUND)}
    flow_id = {n["code"]: n.id for n in bd.Database(BIOSPHERE)}
    code_of = {i: codes.index(c) for c, i in node.items()}
    flow_of = {i: flows.index(c) for c, i in flow_id.items()}
    lca = bc.LCA({node[codes[0]]: 1.0}, method=keys[methods[0]])
    lca.lci()
    lca.decompose_technosphere()
    act = lca.dicts.activity
    bio_row = lca.dicts.biosphere
    inventory = np.zeros((len(flows), len(codes)))
    for j, code in enumerate(codes):
        demand = np.zeros(len(act))
        demand[act[node[code]]] = 1.0
        per_flow = lca.biosphere_matrix @ lca.solve_linear_system(demand)
        for fid, row in bio_row.items():
            inventory[flow_of[fid], j] = per_flow[row]
    dp = bd.Database(BACKGROUND).datapackage()
    tech = _entries(dp, f"{BACKGROUND}_technosphere_matrix", code_of, code_of)
    bio = _entries(dp, f"{BACKGROUND}_biosphere_matrix", flow_of, code_of)
    _check_matrices(lca, tech, bio, node, flow_id, codes, flows)
    cfs = np.zeros((len(methods), len(flows)))
    cf_params = np.zeros((len(methods), len(flows)), dtype=PARAMS_DTYPE)
    for m, name in enumerate(methods):
        mdp = bd.Method(keys[name]).datapackage()
        label = next(r["name"] for r in mdp.resources if r["name"].endswith(".data"))[:-len(".data")]
        entries = _entries(mdp, label, flow_of, {1: 0})
        cfs[m, entries.rows] = entries.amount
        cf_params[m, entries.rows] = entries.params
    return Background(codes, flows, methods, inventory, cfs, tech, bio, cf_params)


def _check_matrices(lca: Any, tech: Entries, bio: Entries, node: dict[str, int], flow_id: dict[str, int],
                    codes: tuple[str, ...], flows: tuple[str, ...]) -> None:
    """The coordinate lists must rebuild bw2calc's own matrices (to float32 precision: matrix_utils sums
    duplicate entries, e.g. two exchanges of one flow, in float32)."""
    n = len(codes)
    a = lca.technosphere_matrix.toarray()
    prow = [lca.dicts.product[node[c]] for c in codes]
    pcol = [lca.dicts.activity[node[c]] for c in codes]
    if not np.allclose(tech.dense((n, n)), a[np.ix_(prow, pcol)], rtol=1e-6, atol=0):
        raise RuntimeError("technosphere coordinates differ from bw2calc's matrix")
    b = lca.biosphere_matrix.toarray()
    rows = {f: lca.dicts.biosphere[flow_id[f]] for f in flows if flow_id[f] in lca.dicts.biosphere}
    mine = bio.dense((len(flows), n))
    for f, r in rows.items():
        if not np.allclose(mine[flows.index(f)], b[r, pcol], rtol=1e-6, atol=0):
            raise RuntimeError(f"biosphere coordinates of {f} differ from bw2calc's matrix")


def _close_sqlite(bd: Any) -> None:
    """Close bw2data's SQLite files (a folder with open files cannot be renamed on Windows)."""
    with contextlib.suppress(Exception):
        for _, db in bd.config.sqlite3_databases:
            db.db.close()
        bd.projects.db.db.close()


def _sync_write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def build(folder: Path, store: Store) -> Build:
    """Write, solve, save and publish the build prepared in ``folder`` (run in the build process)."""
    from carbonev.engine.project import PROJECT, write_all
    from carbonev.version import __version__

    checkpoint("start")
    try:
        data = json.loads((folder / PAYLOAD).read_text(encoding="utf-8"))
        base = folder / "brightway"
        base.mkdir()
        bd, bc = _brightway(base)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            bd.projects.set_current(PROJECT)
            write_all(bd, data, checkpoint)
            background = solve_background(bd, bc, data)
        checkpoint("solved")
        background.save(folder / "background.npz")
        checkpoint("saved")
        _close_sqlite(bd)
        (folder / PAYLOAD).unlink()
        info = {"format": "carbonev-build/1", "layout": LAYOUT, "data_sha256": data["data_sha256"],
                "built": time.time(), "carbonev": __version__, "files": data["versions"],
                "brightway": {p: _version(p) for p in ("bw2data", "bw2calc", "bw_processing")}}
        _sync_write(folder / COMPLETE, json.dumps(info, indent=1, sort_keys=True))
        checkpoint("complete")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    out = store.publish(folder, data["data_sha256"])
    checkpoint("published")
    return out


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the build process (``python -m carbonev.engine.build``)."""
    p = argparse.ArgumentParser(prog="python -m carbonev.engine.build")
    for opt in ("--store", "--folder"):
        p.add_argument(opt, required=True)
    args = p.parse_args(argv)
    try:
        build(Path(args.folder), Store(args.store))
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"{describe_os_error(exc)}{where}", file=sys.stderr)
        return 3
    except Exception as exc:  # SQLite reports a full or read-only disk as its own error
        print(_sqlite_cause(exc) or f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


def _sqlite_cause(exc: Exception) -> str | None:
    text = str(exc)
    if "disk is full" in text:
        return "no space left on device (SQLite: database or disk is full)"
    if "readonly database" in text or "read-only" in text:
        return "read-only file system (SQLite: attempt to write a readonly database)"
    return None


if __name__ == "__main__":
    sys.exit(main())
