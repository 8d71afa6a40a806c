"""The host's data-access layer and server on a real PostgreSQL.

``.ci/run`` starts a throw-away PostgreSQL cluster on loopback and exports
``CARBONEV_TEST_POSTGRES_URL`` (a SQLAlchemy URL); without it these tests are skipped.
"""

from __future__ import annotations

import copy
import json
import os
import ssl

import pytest
from sqlalchemy import text
from tests.exchange.conftest import LFP_PRODUCT, NMC_PRODUCT, fill, free_port
from tests.exchange.test_host_store import changed

from carbonev.exchange.client import PactClient
from carbonev.exchange.host import clients, store
from carbonev.exchange.host.db import connect, metadata
from carbonev.exchange.host.query import Query, parse_odata
from carbonev.exchange.host.server import Background, ServeOptions

URL = os.environ.get("CARBONEV_TEST_POSTGRES_URL")
pytestmark = [pytest.mark.server, pytest.mark.skipif(not URL, reason="CARBONEV_TEST_POSTGRES_URL is not set "
                                                                       "(.ci/run starts PostgreSQL and sets it)")]


@pytest.fixture
def pg():
    engine = connect(URL, create=False)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    yield engine
    metadata.drop_all(engine)
    engine.dispose()


def test_data_access_layer_on_postgresql(pg, pact_docs):
    with pg.connect() as conn:
        assert conn.execute(text("select version()")).scalar_one().startswith("PostgreSQL")
    secret = clients.add_client(pg, "acme")
    assert clients.authenticate(pg, "acme", secret) is not None
    first = store.publish(pg, copy.deepcopy(pact_docs["nmc", "3.0"]), computed=True)
    second = store.publish(pg, changed(pact_docs["nmc", "3.0"], "9999"), computed=True)
    store.publish(pg, copy.deepcopy(pact_docs["lfp", "2.3"]))
    acme = clients.get_client(pg, "acme")
    assert store.page(pg, Query(), acme, 3, 0, 10) == ([], 0)  # restricted, not granted yet
    clients.grant(pg, "acme", [NMC_PRODUCT])
    docs, total = store.page(pg, Query(status=["Active"], geography=["CN"]), acme, 3, 0, 10)
    assert total == 1 and json.loads(docs[0])["precedingPfIds"] == [first.pf_id]
    assert json.loads(store.get(pg, first.pf_id, acme, 3))["status"] == "Deprecated"
    with pytest.raises(store.NotVisible):
        store.get(pg, pact_docs["lfp", "2.3"]["id"], acme, 2)
    clients.grant(pg, "acme", ["*"])
    odata = Query(odata=[parse_odata(f"productIds/any(p:(p eq '{LFP_PRODUCT}')) and pcf/referencePeriodStart "
                                     "ge '2024-01-01T00:00:00Z'")])
    docs, total = store.page(pg, odata, acme, 2, 0, 10)
    assert total == 1 and json.loads(docs[0])["id"] == pact_docs["lfp", "2.3"]["id"]
    assert second.deprecated == (first.pf_id,)


def test_server_on_postgresql(pg, pact_docs, certs, tmp_path):
    pg.dispose()
    secrets = fill(URL, pact_docs, tmp_path)
    options = ServeOptions(URL, certs["cert"], certs["key"], port=free_port(), log_level="warning")
    with Background(options) as base:
        ctx = ssl.create_default_context(cafile=str(certs["ca"]))
        with PactClient(base, "acme", secrets["acme"], ctx) as c:
            assert [d["id"] for d in c.footprints()] == [pact_docs["nmc", "3.0"]["id"]]
        with PactClient(base, "conformance", secrets["conformance"], ctx, version=2) as c:
            assert {d["id"] for d in c.footprints(limit=["1"])} == {pact_docs["nmc", "2.3"]["id"],
                                                                   pact_docs["lfp", "2.3"]["id"]}
