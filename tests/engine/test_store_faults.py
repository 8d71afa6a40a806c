"""The store survives a kill, Ctrl-C, a full disk and a dead lock holder at any point of a build,
and the next run gives the same numbers as a clean build (toy data: quick builds)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import numpy as np
import pytest

from carbonev.engine import build as build_module
from carbonev.engine.evaluator import Engine
from carbonev.engine.store import Store
from carbonev.errors import StoreError
from carbonev.inventory.foreground import STAGES, Foreground, Stage

from .faults import child_running, killed_at, leftovers, remount, tmpfs

CHECKPOINTS = ("start", "biosphere", "background", "methods", "solved", "saved", "complete", "published")


def _fg() -> Foreground:
    stages = {s: Stage(s) for s in STAGES}
    stages["materials_and_parts"].add(10.0, "steel", code="steel-toy")
    stages["use_direct"].add(1.0, "tailpipe", flow="co2_fossil")
    return Foreground(key="t", name="t", lifetime_km=100.0, stages=stages)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, toy_catalog):
    """Stage impacts from a clean build."""
    return Engine.open(toy_catalog, tmp_path_factory.mktemp("clean")).stages([_fg()])


@pytest.mark.parametrize("point", CHECKPOINTS)
def test_a_build_killed_at_any_point_is_rebuilt_with_identical_numbers(point, tmp_path, toy_catalog, reference,
                                                                      monkeypatch):
    monkeypatch.setattr(build_module, "child_command", killed_at(point))
    if point == "published":  # killed after publishing: the build is complete and used
        Engine.open(toy_catalog, tmp_path)
    else:
        with pytest.raises(StoreError, match=r"was interrupted \(signal 9\); run again"):
            Engine.open(toy_catalog, tmp_path)
        assert Store(tmp_path).complete(toy_catalog.sha256) is None
    monkeypatch.undo()
    again = Engine.open(toy_catalog, Store(tmp_path / ".." / tmp_path.name))  # a new process's view
    assert np.array_equal(again.stages([_fg()]), reference)
    assert leftovers(tmp_path) == []


def test_a_dead_lock_holder_does_not_block_the_next_build(tmp_path, toy_catalog, reference):
    """A process that took the build lock and died (SIGKILL) leaves the lock free and its
    half-written folder behind; the next build sweeps it."""
    script = (f"import os, signal, sys\nfrom carbonev.engine.store import Store\ns = Store({str(tmp_path)!r})\n"
              f"s.lock({toy_catalog.sha256!r}).acquire()\ns.new_build_folder({toy_catalog.sha256!r})\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    assert subprocess.run([sys.executable, "-c", script]).returncode == -signal.SIGKILL
    assert len(leftovers(tmp_path)) == 1
    engine = Engine.open(toy_catalog, tmp_path)
    assert np.array_equal(engine.stages([_fg()]), reference)
    assert leftovers(tmp_path) == []


def test_ctrl_c_stops_the_build_and_the_next_run_rebuilds(tmp_path, toy_catalog, reference, monkeypatch):
    hook = ("def checkpoint(name):\n    if name == 'background':\n"
            "        os.kill(os.getppid(), signal.SIGINT)\n        time.sleep(60)")
    monkeypatch.setattr(build_module, "child_command", child_running(hook))
    with pytest.raises(KeyboardInterrupt):
        Engine.open(toy_catalog, tmp_path)
    monkeypatch.undo()
    assert Store(tmp_path).complete(toy_catalog.sha256) is None
    assert np.array_equal(Engine.open(toy_catalog, tmp_path).stages([_fg()]), reference)
    assert leftovers(tmp_path) == []


def test_a_full_disk_is_one_line_and_leaves_nothing_half_built(tmp_path, toy_catalog, reference):
    with tmpfs(tmp_path / "small", "160k") as store:
        with pytest.raises(StoreError) as err:
            Engine.open(toy_catalog, store)
        message = str(err.value)
        assert message.startswith(f"store {store}: ") and "no space left on device" in message
        assert "\n" not in message and "Traceback" not in message
        assert leftovers(store) == [] and Store(store).complete(toy_catalog.sha256) is None
        remount(store, "size=8m")  # space freed: the next run builds
        assert np.array_equal(Engine.open(toy_catalog, Store(store)).stages([_fg()]), reference)


def test_a_full_disk_in_any_step_is_reported_by_the_build(tmp_path, toy_catalog, monkeypatch):
    """The same through the checkpoint seam, on any machine: ENOSPC raised inside the build."""
    hook = ("import errno\ndef checkpoint(name):\n    if name == 'methods':\n"
            "        raise OSError(errno.ENOSPC, 'No space left on device', 'x.db')")
    monkeypatch.setattr(build_module, "child_command", child_running(hook))
    with pytest.raises(StoreError, match=r"failed: no space left on device \(x.db\)$"):
        Engine.open(toy_catalog, tmp_path)
    assert leftovers(tmp_path) == []


def _in_a_process(toy_catalog, store) -> subprocess.CompletedProcess:
    """Open the toy engine on ``store`` in a new process; print steel's unit impact."""
    inventories = next(f.path for f in toy_catalog.files if f.kind == "inventories").parent
    script = ("from pathlib import Path\nfrom carbonev.data.catalog import load_catalog\n"
              "from carbonev.engine.evaluator import Engine\n"
              f"cat = load_catalog(Path({str(toy_catalog.files[0].path.parent)!r}), Path({str(inventories)!r}))\n"
              f"print(repr(Engine.open(cat, {str(store)!r}).unit_impact('steel-toy')))\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


def test_a_read_only_store_with_a_build_still_computes(tmp_path, toy_catalog, reference):
    with tmpfs(tmp_path / "ro", "8m") as store:
        assert _in_a_process(toy_catalog, store).returncode == 0  # built, then the process is gone
        remount(store, "ro")
        out = _in_a_process(toy_catalog, store)
        assert out.returncode == 0, out.stderr
        assert float(out.stdout) == Engine.open(toy_catalog, tmp_path / "clean2").unit_impact("steel-toy")


def test_a_read_only_store_without_a_build_is_one_line(tmp_path, toy_catalog):
    with tmpfs(tmp_path / "ro", "8m") as store:
        remount(store, "ro")
        with pytest.raises(StoreError) as err:
            Engine.open(toy_catalog, store)
        assert str(err.value).startswith(f"store {store}: cannot write here (read-only file system) and it "
                                         f"holds no build of data version {toy_catalog.sha256[:12]}")


def test_a_store_path_that_is_a_file_is_one_line(tmp_path, toy_catalog):
    path = tmp_path / "not-a-folder"
    path.write_text("x")
    with pytest.raises(StoreError, match=r"^store .*not-a-folder: cannot write here \("):
        Engine.open(toy_catalog, path)


def test_pruning_keeps_builds_in_use(tmp_path, toy_catalog):
    """Five data versions on one store; the oldest two are still leased by this process: the store
    keeps them beyond KEEP (3) and prunes only builds nobody uses."""
    store = Store(tmp_path)
    built = []
    for i in range(5):
        cat = toy_catalog.with_values({})
        cat.__dict__["sha256"] = f"{i:x}" * 64
        folder = store.new_build_folder(cat.sha256)
        (folder / "complete.json").write_text(
            f'{{"layout": 3, "data_sha256": "{cat.sha256}", "built": {i}}}')
        built.append(store.publish(folder, cat.sha256))
    store.lease(built[0].data_sha256)
    removed = store.prune()
    assert removed == [built[1].path.name]  # newest three kept, the leased oldest kept too
    assert store.complete(built[0].data_sha256) is not None


def test_a_lease_of_a_dead_process_does_not_protect_a_build(tmp_path):
    store = Store(tmp_path)
    for i in range(4):
        sha = f"{i:x}" * 64
        folder = store.new_build_folder(sha)
        (folder / "complete.json").write_text(f'{{"layout": 3, "data_sha256": "{sha}", "built": {i}}}')
        store.publish(folder, sha)
    oldest = store.builds()[-1]
    script = (f"import os, signal\nfrom carbonev.engine.store import Store, Build\n"
              f"s = Store({str(tmp_path)!r})\ns.lease({oldest.data_sha256!r})\nos.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", script])
    assert store.in_use(oldest) is False
    assert store.prune() == [oldest.path.name]
    assert not os.path.exists(oldest.path)
