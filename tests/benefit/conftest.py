from __future__ import annotations

import pytest
from tests.fleet.conftest import StubEngine


@pytest.fixture(scope="session")
def engine(session_store):
    from carbonev.fleet.factors import Engine

    return Engine(session_store)


@pytest.fixture
def stub_engine():
    return StubEngine()
