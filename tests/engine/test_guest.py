"""carbonev is a good guest in a Python session that already uses Brightway: a user's own bw2data
project, base folder, environment and loggers are as they were after every public call."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from pathlib import Path

import pytest

import carbonev
from carbonev.analysis.run import uncertainty

ROOT = Path(__file__).resolve().parents[2]
BEV = ROOT / "examples" / "bev-midsize-nmc811.yaml"
PACK = ROOT / "examples" / "battery" / "pack-nmc811-zj.yaml"


@pytest.fixture
def users_project(tmp_path):
    """The user's own Brightway session: their base folder and an open project 'mine'."""
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import bw2data as bd
    previous = (Path(bd.projects._base_data_dir), bd.projects.current)
    base = tmp_path / "users-brightway"
    base.mkdir()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        bd.projects.change_base_directories(base, project_name="mine", update=False)
        bd.Database("my-db").write({("my-db", "a"): {"name": "a", "exchanges": []}})
    yield bd
    bd.projects.change_base_directories(previous[0], project_name=previous[1], update=False)


def _loggers() -> dict:
    return {name: (lg.level, len(lg.handlers), lg.disabled) for name, lg in logging.root.manager.loggerDict.items()
            if isinstance(lg, logging.Logger)}


def _state(bd, loggers: dict | None = None) -> dict:
    """What a guest must leave as it was (loggers: those that existed before, by name)."""
    now = _loggers()
    return {"project": bd.projects.current, "base": str(bd.projects._base_data_dir),
            "databases": sorted(bd.databases), "env": dict(os.environ),
            "loggers": {k: now.get(k) for k in (loggers or now)},
            "root": (logging.root.level, len(logging.root.handlers))}


def test_public_calls_leave_the_users_brightway_session_alone(users_project, tmp_path):
    bd = users_project
    before = _state(bd)
    names = _loggers()
    store = tmp_path / "carbonev-store"  # a new store: the build happens during the calls
    [result] = carbonev.footprint([BEV], store=store)
    uncertainty([BEV], iterations=20, store=store)
    from carbonev.battery.declare import declare

    declare(PACK, "eu-2023-1542", store=store)
    assert result.total > 0
    assert _state(bd, names) == before
    assert bd.projects.current == "mine" and "my-db" in bd.databases
    assert not (Path(before["base"]) / "carbonev").exists()
