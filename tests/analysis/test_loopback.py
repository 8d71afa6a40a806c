"""``--scheduler local`` with the loopback interface down: one line, exit 2, at once (issue 12: a 30 s
wait, then a traceback)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from carbonev.analysis import parallel
from cli_runner import invoke

BEV = Path(__file__).resolve().parents[2] / "examples" / "bev-midsize-nmc811.yaml"
LINE = ("error: --scheduler local: cannot reach the loopback interface 127.0.0.1 (network is unreachable); run "
        "without --scheduler, or give a scheduler address")


def test_loopback_down_is_one_line_at_once(session_store, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OSError(errno.ENETUNREACH, "Network is unreachable")

    monkeypatch.setattr(parallel.socket, "create_connection", unreachable)
    started = time.monotonic()
    res = invoke(session_store, "uncertainty", str(BEV), "-n", "20", "--scheduler", "local")
    assert res.exit_code == 2
    assert res.stderr.strip() == LINE
    assert time.monotonic() - started < 10


def test_loopback_up_passes_the_check():
    parallel.check_loopback()


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.dask
@pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -rn` (a network namespace whose loopback is down)")
def test_a_real_network_namespace_with_loopback_down(session_store):
    env = {**os.environ, "CARBONEV_STORE": str(session_store)}
    started = time.monotonic()
    res = subprocess.run(["unshare", "-rn", sys.executable, "-m", "carbonev.cli", "-q", "uncertainty", str(BEV),
                          "-n", "20", "--scheduler", "local"], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip() == LINE
    assert "Traceback" not in res.stderr
    assert time.monotonic() - started < 30


def test_an_unreachable_scheduler_address_is_one_line(session_store, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.ECONNREFUSED, "Connection refused")

    import dask.distributed

    monkeypatch.setattr(dask.distributed, "Client", refuse)
    res = invoke(session_store, "uncertainty", str(BEV), "-n", "20", "--scheduler", "tcp://127.0.0.1:1")
    assert res.exit_code == 2
    assert res.stderr.strip() == ("error: --scheduler tcp://127.0.0.1:1: cannot reach the Dask scheduler "
                                  "(connection refused)")
