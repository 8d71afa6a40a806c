"""The output gate (carbonev.io.outputs): atomic for every kind of output, modes follow the umask,
symlinks written through, streams written directly, inputs never overwritten, temporary files
removed on any exit and swept on the next run, manifests written last, strict JSON (issue 12)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from carbonev.errors import CalculationError, FileError, SpecError
from carbonev.io import outputs
from carbonev.io.outputs import TMP_SUFFIX, atomic_path, check_strict_json, json_text, sweep, write_atomic
from cli_runner import invoke

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BEV = EXAMPLES / "bev-midsize-nmc811.yaml"
PLANT_LINKED = EXAMPLES / "plant-linked" / "suv-zj-plant.yaml"
PLANT = EXAMPLES / "factories" / "zj-vehicle-assembly-pass.yaml"


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((TMP_SUFFIX, ".tmp")))


@pytest.fixture
def umask():
    def set_(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    os.umask(old)
    yield set_
    os.umask(old)


# --- modes ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    out = tmp_path / "r.json"
    write_atomic(out, "{}\n")
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_an_existing_file_keeps_its_mode(tmp_path, umask):
    umask(0o077)
    out = tmp_path / "report.html"
    out.write_text("old")
    out.chmod(0o644)
    write_atomic(out, "new")
    assert out.read_text() == "new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_a_secret_is_private_from_its_creation(tmp_path, umask):
    umask(0o022)
    out = tmp_path / "server.key"
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(stat.S_IMODE(os.stat(src).st_mode))
        real_replace(src, dst)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(outputs.os, "replace", spy)
        write_atomic(out, "KEY", "server.key", private=True)
    assert seen == [0o600]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_cli_output_and_manifest_follow_the_umask(session_store, tmp_path, umask):
    umask(0o022)
    out, man = tmp_path / "r.json", tmp_path / "r.manifest.json"
    res = invoke(session_store, "footprint", str(BEV), "-f", "json", "-o", str(out), "--manifest", str(man))
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert stat.S_IMODE(man.stat().st_mode) == 0o644


# --- symlinks, folders, streams, inputs -----------------------------------------------------------------

def test_a_symlink_is_written_through(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "made.csv")
    write_atomic(link, "x")
    assert link.is_symlink() and (tmp_path / "made.csv").read_text() == "x"


def test_an_existing_folder_is_one_line(session_store, tmp_path):
    res = invoke(session_store, "footprint", str(BEV), "-o", str(tmp_path))
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: {tmp_path}: --output: is a folder; give a file name"


def test_a_missing_folder_is_one_line(tmp_path):
    with pytest.raises(SpecError) as err:
        write_atomic(tmp_path / "nope" / "m.json", "{}", "--manifest")
    assert str(err.value) == f"{tmp_path / 'nope' / 'm.json'}: --manifest: folder does not exist"


def test_dev_stdout_is_written_to_directly_and_left_a_device(session_store, tmp_path):
    """``-o /dev/stdout`` (a symlink into /proc) writes to the standard output: the result appears on
    it, nothing is created under /dev, and /dev/stdout stays what it was."""
    before = os.lstat("/dev/stdout")
    env = {**os.environ, "CARBONEV_STORE": str(session_store)}
    res = subprocess.run([sys.executable, "-m", "carbonev.cli", "-q", "footprint", str(BEV), "-f", "json",
                          "-o", "/dev/stdout"], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["name"].startswith("Tesla Model 3")
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not [p for p in os.listdir("/dev") if p.endswith((TMP_SUFFIX, ".tmp"))]


def test_dev_stdout_redirected_to_a_file_appends(tmp_path, session_store):
    out = tmp_path / "o.txt"
    env = {**os.environ, "CARBONEV_STORE": str(session_store)}
    with open(out, "w") as handle:
        res = subprocess.run([sys.executable, "-m", "carbonev.cli", "-q", "footprint", str(BEV), "-f", "csv",
                              "-o", "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE, text=True, env=env,
                             timeout=120)
    assert res.returncode == 0, res.stderr
    assert out.read_text().startswith("vehicle,stage,amount")


def test_nothing_is_created_under_dev(session_store):
    res = invoke(session_store, "footprint", str(BEV), "-o", "/dev/carbonev-nonexistent")
    assert res.exit_code == 2
    assert "creates no files under /dev" in res.stderr
    assert not os.path.exists("/dev/carbonev-nonexistent")


def test_a_pipe_without_reader_is_one_line(tmp_path):
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(FileError, match="no reader on the other end"):
        write_atomic(fifo, "x")


def test_the_output_may_not_be_an_input(session_store, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(BEV.read_bytes())
    res = invoke(session_store, "footprint", str(spec), "--output", str(spec))
    assert res.exit_code == 2
    assert res.stderr.strip() == (f"error: {spec}: --output: is one of this command's input files; refusing to "
                                  "overwrite it (choose another name)")
    assert spec.read_bytes() == BEV.read_bytes()


def test_a_file_the_spec_names_is_not_overwritten_either(session_store, tmp_path):
    """The plant file a spec names is an input too, though it is no command-line argument: the gate
    remembers every file it read and the output gate refuses it."""
    folder = tmp_path / "x"
    (folder / "factories").mkdir(parents=True)
    (folder / "plant-linked").mkdir()
    spec = folder / "plant-linked" / "suv.yaml"
    spec.write_bytes(PLANT_LINKED.read_bytes())
    plant = folder / "factories" / PLANT.name
    plant.write_bytes(PLANT.read_bytes())
    res = invoke(session_store, "footprint", str(spec), "-o", str(plant))
    assert res.exit_code == 2, res.output
    assert "is one of this command's input files" in res.stderr
    assert plant.read_bytes() == PLANT.read_bytes()


def test_two_outputs_on_one_file_are_refused(session_store, tmp_path):
    out = tmp_path / "r.json"
    res = invoke(session_store, "footprint", str(BEV), "-o", str(out), "--manifest", str(out))
    assert res.exit_code == 2
    assert "is also given as --output" in res.stderr
    assert not out.exists()


# --- faults: no space, read-only, permission ------------------------------------------------------------

def test_no_space_on_output_and_plot_is_one_line_and_leaves_nothing(session_store, tmp_path):
    from engine.faults import tmpfs

    with tmpfs(tmp_path / "full", "16k") as full:
        (full / "filler").write_bytes(b"\0" * 12_000)
        res = invoke(session_store, "footprint", str(BEV), "-f", "json", "-o", str(full / "r.json"))
        assert res.exit_code == 2, res.output
        assert res.stderr.strip() == f"error: {full / 'r.json'}: --output: no space left on the device"
        res = invoke(session_store, "sensitivity", str(BEV), "-n", "50", "--plot", str(full / "t.svg"),
                     "--top", "3")
        assert res.exit_code == 2, res.output
        assert res.stderr.strip() == f"error: {full / 't.svg'}: --plot: no space left on the device"
        assert sorted(p.name for p in full.iterdir()) == ["filler"]


def test_read_only_output_is_one_line(session_store, tmp_path):
    from engine.faults import remount, tmpfs

    with tmpfs(tmp_path / "ro", "1m") as ro:
        remount(ro, "ro")
        res = invoke(session_store, "footprint", str(BEV), "-o", str(ro / "r.txt"))
        assert res.exit_code == 2
        assert res.stderr.strip() == f"error: {ro / 'r.txt'}: --output: read-only file system"


@pytest.mark.parametrize(("error", "cause"), [
    (PermissionError(13, "Permission denied"), "permission denied"),
    (IsADirectoryError(21, "Is a directory"), "is a folder, not a file"),
    (OSError(28, "No space left on device"), "no space left on the device"),
    (OSError(30, "Read-only file system"), "read-only file system"),
])
def test_every_os_error_of_a_write_is_one_line(session_store, tmp_path, monkeypatch, error, cause):
    """(Root ignores folder permissions, so a refused open is simulated.)"""
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(outputs, "_create", refuse)
    out = tmp_path / "r.txt"
    res = invoke(session_store, "footprint", str(BEV), "-o", str(out))
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: {out}: --output: {cause}"


# --- atomicity, temporary files -------------------------------------------------------------------------

def test_a_failure_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    out = tmp_path / "r.txt"
    out.write_text("old")
    for exc in (RuntimeError("disk"), KeyboardInterrupt()):
        with pytest.raises(type(exc)), atomic_path(out) as tmp:
            tmp.write_text("half")
            raise exc
    assert out.read_text() == "old"
    assert _temporaries(tmp_path) == []


def test_a_plot_interrupted_while_saving_leaves_no_truncated_image(tmp_path, monkeypatch):
    import matplotlib.figure
    import numpy as np

    from carbonev.report.plots import distribution

    out = tmp_path / "dist.svg"
    out.write_text("<svg>previous</svg>")
    real = matplotlib.figure.Figure.savefig

    def half_then_killed(self, fname, **kw):
        Path(fname).write_text("<svg><g>")  # a truncated image ...
        raise KeyboardInterrupt  # ... and the user presses Ctrl-C

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", half_then_killed)
    with pytest.raises(KeyboardInterrupt):
        distribution(["a"], np.ones((10, 1)), out)
    assert out.read_text() == "<svg>previous</svg>"
    assert _temporaries(tmp_path) == []
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", real)
    distribution(["a"], np.linspace(1, 2, 20)[:, None], out)
    assert out.read_text().lstrip().startswith("<?xml")


def _child(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from carbonev.io.outputs import atomic_path
        {body}
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path)


def test_sigkill_leaves_a_temporary_that_the_next_run_sweeps(tmp_path):
    res = _child(tmp_path, """
        with atomic_path(Path("out.json")) as tmp:
            tmp.write_text("half")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    assert res.returncode == -signal.SIGKILL
    [left] = _temporaries(tmp_path)
    assert not (tmp_path / "out.json").exists()
    write_atomic(tmp_path / "other.json", "{}")  # the next write into the folder sweeps it
    assert _temporaries(tmp_path) == []


def test_sigterm_removes_the_temporary(tmp_path):
    res = _child(tmp_path, """
        from carbonev.cli.main import _stop
        signal.signal(signal.SIGTERM, _stop)
        try:
            with atomic_path(Path("out.json")) as tmp:
                tmp.write_text("half")
                os.kill(os.getpid(), signal.SIGTERM)
        except KeyboardInterrupt:
            sys.exit(143)
    """)
    assert res.returncode == 143, res.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_cli_turns_sigterm_into_one_line(tmp_path, session_store):
    """A real ``carbonev`` process stopped with SIGTERM in the middle of a Monte Carlo run: one line,
    exit 143, no traceback, no output file."""
    env = {**os.environ, "CARBONEV_STORE": str(session_store)}
    out = tmp_path / "mc.json"
    proc = subprocess.Popen([sys.executable, "-c", "from carbonev.cli.main import run; run()", "-q", "uncertainty",
                             str(BEV), "-n", "200000", "-o", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        import time

        time.sleep(6)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 143, err
    assert err.strip().splitlines() == ["error: terminated by signal 15; nothing half-written was left"]
    assert list(tmp_path.iterdir()) == []


def test_a_live_processs_temporary_is_not_swept(tmp_path):
    live = tmp_path / f".r.json.{outputs._host()}-{os.getpid()}-abcd{TMP_SUFFIX}"
    live.write_text("being written")
    other = tmp_path / f".r.json.0000ffff-1-abcd{TMP_SUFFIX}"  # another host: swept only after a day
    other.write_text("x")
    mine_dead = tmp_path / f".r.json.{outputs._host()}-999999999-abcd{TMP_SUFFIX}"
    mine_dead.write_text("x")
    assert sweep(tmp_path) == [mine_dead]
    old = os.stat(other).st_mtime - 2 * 24 * 3600
    os.utime(other, (old, old))
    assert sweep(tmp_path) == [other]
    assert live.exists()


def test_a_killed_write_in_the_cli_folder_is_swept_by_the_next_command(session_store, tmp_path):
    stale = tmp_path / f".out.json.{outputs._host()}-999999999-dead{TMP_SUFFIX}"
    stale.write_text("half")
    res = invoke(session_store, "footprint", str(BEV), "-o", str(tmp_path / "r.txt"))
    assert res.exit_code == 0
    assert not stale.exists() and _temporaries(tmp_path) == []


# --- manifests last -------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["footprint", "factory audit", "battery declare", "export pact"])
def test_a_manifest_is_renamed_into_place_after_its_output(session_store, tmp_path, monkeypatch, command):
    out, man = tmp_path / "out.txt", tmp_path / "run.manifest.json"
    args = {
        "footprint": ["footprint", str(BEV)],
        "factory audit": ["factory", "audit", str(PLANT), "--criteria", "gbt36132-2025", "--values",
                          str(EXAMPLES / "factories" / "auditor-values-demo.yaml")],
        "battery declare": ["battery", "declare", str(EXAMPLES / "battery" / "pack-nmc811-zj.yaml"), "--scheme",
                            "eu-2023-1542", "--values", str(EXAMPLES / "battery" / "battery-values-demo.yaml")],
        "export pact": ["export", "pact", str(EXAMPLES / "battery" / "pack-nmc811-zj.yaml"), "--info",
                        str(EXAMPLES / "exchange" / "pact-info-demo.yaml"), "--created", "2025-01-01T00:00:00Z"],
    }[command]
    order: list[str] = []
    real = os.replace

    def record(src, dst):
        order.append(Path(dst).name)
        real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", record)
    res = invoke(session_store, *args, "-o", str(out), "--manifest", str(man))
    assert res.exit_code == 0, res.output
    assert order == ["out.txt", "run.manifest.json"]


def test_no_manifest_without_its_output(session_store, tmp_path, monkeypatch):
    out, man = tmp_path / "out.txt", tmp_path / "run.manifest.json"
    real = os.replace

    def full(src, dst):
        if Path(dst).name == "out.txt":
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", full)
    res = invoke(session_store, "footprint", str(BEV), "-o", str(out), "--manifest", str(man))
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: {out}: --output: no space left on the device"
    assert list(tmp_path.iterdir()) == []


# --- strict JSON ----------------------------------------------------------------------------------------

def test_json_with_nan_or_infinity_is_never_written(tmp_path):
    with pytest.raises(CalculationError, match="non-finite number"):
        json_text({"per_km": float("inf")})
    with pytest.raises(CalculationError, match="Infinity"):
        check_strict_json('{"per_km": Infinity}')
    check_strict_json("not json [1, 2]")  # other text passes
    check_strict_json('{"a": [1, null]}')


def test_a_tiny_lifetime_never_writes_infinity(session_store, tmp_path):
    out = tmp_path / "r.json"
    res = invoke(session_store, "footprint", str(BEV), "-f", "json", "-o", str(out), "--set",
                 "use.lifetime=1e-320 km")
    assert res.exit_code == 2
    assert "use.lifetime" in res.stderr and not out.exists()


def test_json_outputs_parse_strictly(session_store, tmp_path):
    def strict(name):
        raise ValueError(name)

    for args in (["footprint", str(BEV), "-f", "json"], ["uncertainty", str(BEV), "-n", "20", "-f", "json"],
                 ["sensitivity", str(BEV), "-n", "60", "-f", "json"]):
        res = invoke(session_store, *args)
        assert res.exit_code == 0, res.output
        json.loads(res.stdout, parse_constant=strict)


def test_yaml_dump_is_untouched_by_the_gate(tmp_path):
    """Sanity: outputs are bytes as given (UTF-8), no re-encoding."""
    out = tmp_path / "a.yaml"
    write_atomic(out, yaml.safe_dump({"名": "浙江"}, allow_unicode=True))
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == {"名": "浙江"}
