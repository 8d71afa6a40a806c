"""Shared fixtures: throw-away Brightway stores and the toy data set."""

from __future__ import annotations

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


@pytest.fixture
def examples() -> Path:
    return ROOT / "examples"
