"""Shared fixtures: throw-away Brightway stores and the toy data set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from carbonev.data.catalog import load_catalog

HERE = Path(__file__).parent
TOY = HERE / "data" / "toy"
ROOT = HERE.parent


@pytest.fixture(scope="session")
def toy_catalog():
    return load_catalog(TOY / "methods", TOY / "inventories")


@pytest.fixture(scope="session")
def session_store(tmp_path_factory) -> Path:
    """One store for the shipped data, built once per test session."""
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="session", autouse=True)
def _default_store(session_store):
    """Calls that use the default store use the session store: tests never touch the user's own."""
    old = os.environ.get("CARBONEV_STORE")
    os.environ["CARBONEV_STORE"] = str(session_store)
    yield
    if old is None:
        os.environ.pop("CARBONEV_STORE", None)
    else:
        os.environ["CARBONEV_STORE"] = old


@pytest.fixture
def examples() -> Path:
    return ROOT / "examples"


@pytest.fixture(scope="session")
def engine(session_store):
    """The one engine on the shipped data in the session store (default method)."""
    from carbonev.engine.evaluator import Engine

    return Engine.open(None, session_store)


@pytest.fixture(scope="session")
def engine_for(session_store):
    """engine_for(method) → the engine on the shipped data under ``method``."""
    from carbonev.engine.evaluator import Engine

    return lambda method=None: Engine.open(None, session_store, method)
