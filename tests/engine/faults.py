"""Helpers to break a store on purpose: kill the build process at a checkpoint, real tmpfs mounts."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest

from carbonev.engine import build as build_module

REAL_CHILD = build_module.child_command


def child_running(hook: str):
    """A ``child_command`` whose build process runs ``hook`` (Python source defining
    ``checkpoint(name)``) in place of the no-op checkpoint."""
    script = "\n".join([
        "import os, signal, sys, time",
        "import carbonev.engine.build as b",
        hook,
        "b.checkpoint = checkpoint",
        "sys.exit(b.main(sys.argv[1:]))",
    ])

    def command(folder, store):
        return [sys.executable, "-c", script, *REAL_CHILD(folder, store)[3:]]

    return command


def killed_at(point: str):
    """The build process SIGKILLs itself at checkpoint ``point``."""
    return child_running(f"def checkpoint(name):\n    if name == {point!r}: os.kill(os.getpid(), signal.SIGKILL)")


def leftovers(store: Path) -> list[str]:
    """Interrupted builds or half-deleted folders left in a store."""
    return sorted(p.name for p in store.iterdir() if p.name.startswith((".building-", ".trash-")))


@contextlib.contextmanager
def tmpfs(path: Path, size: str):
    """A real tmpfs of ``size`` mounted at ``path`` (root only; skipped elsewhere)."""
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if r.returncode:
        pytest.skip(f"cannot mount a tmpfs here ({r.stderr.decode().strip()[:80]}); needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True, capture_output=True)
