"""The host's data-access layer and ``carbonev serve`` commands: publishing keeps the PACT
version history, clients and secrets are managed from the CLI with hashed secrets, backups."""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest
from tests.cli_runner import invoke
from tests.exchange.conftest import LFP, NMC, NMC_PRODUCT

from carbonev.errors import SpecError
from carbonev.exchange.host import clients, store
from carbonev.exchange.host.db import connect
from carbonev.exchange.host.query import Query
from carbonev.exchange.pact import content_id


@pytest.fixture
def engine(tmp_path):
    return connect(f"sqlite:///{tmp_path / 'h.sqlite'}")


def changed(doc: dict, value: str) -> dict:
    new = copy.deepcopy(doc)
    key = "pcfExcludingBiogenicUptake" if new["specVersion"].startswith("3") else "pCfExcludingBiogenic"
    new["pcf"][key] = value
    new["id"] = content_id(new)
    return new


def run_history(engine, doc: dict) -> tuple[store.Published, store.Published, store.Published]:
    first = store.publish(engine, copy.deepcopy(doc), computed=True)
    again = store.publish(engine, copy.deepcopy(doc), computed=True)
    second = store.publish(engine, changed(doc, "9999"), computed=True)
    return first, again, second


@pytest.mark.parametrize("version", ["3.0", "2.3"])
def test_republishing_keeps_the_version_history(engine, pact_docs, version):
    doc = pact_docs["nmc", version]
    first, again, second = run_history(engine, doc)
    assert again.unchanged and again.pf_id == first.pf_id
    assert second.deprecated == (first.pf_id,) and second.pf_id != first.pf_id
    everyone = clients.Client("x", 1)
    clients.add_client(engine, "x")
    clients.grant(engine, "x", ["*"])
    major = int(version[0])
    old = json.loads(store.get(engine, first.pf_id, everyone, major))
    new = json.loads(store.get(engine, second.pf_id, everyone, major))
    assert old["status"] == "Deprecated" and new["status"] == "Active"
    assert new["precedingPfIds"] == [first.pf_id]
    if major == 2:  # v2.3: the deprecation is a new version of the old footprint, updated after created
        assert old["version"] == 2 and old["updated"] > old["created"] and new["version"] == 1
    else:
        assert "version" not in old
    third = store.publish(engine, changed(doc, "8888"), computed=True)
    latest = json.loads(store.get(engine, third.pf_id, everyone, major))
    assert latest["precedingPfIds"] == [second.pf_id, first.pf_id]
    docs, total = store.page(engine, Query(status=["active"]), everyone, major, 0, 10)
    assert total == 1 and json.loads(docs[0])["id"] == third.pf_id
    assert store.page(engine, Query(), everyone, major, 0, 10)[1] == 3  # deprecated ones are listed too


def test_a_data_owners_own_id_is_kept_and_not_reused(engine, pact_docs):
    doc = pact_docs["lfp", "3.0"]
    store.publish(engine, copy.deepcopy(doc))
    reused = changed(doc, "1.0")
    reused["id"] = doc["id"]
    with pytest.raises(SpecError, match="already published with other content"):
        store.publish(engine, reused, file="x.json")
    bad = {**copy.deepcopy(doc), "status": "Deprecated"}
    with pytest.raises(SpecError) as err:
        store.publish(engine, bad, file="x.json")
    assert err.value.field == "status"


def test_secrets_are_stored_hashed(tmp_path):
    url = f"sqlite:///{tmp_path / 'h.sqlite'}"
    engine = connect(url)
    secret = clients.add_client(engine, "acme")
    raw = sqlite3.connect(tmp_path / "h.sqlite").execute("select secret_hash from clients").fetchone()[0]
    assert secret not in raw and raw.startswith("scrypt$16384$8$1$")
    assert clients.authenticate(engine, "acme", secret) is not None
    assert clients.authenticate(engine, "acme", secret + "x") is None
    with pytest.raises(SpecError):
        clients.add_client(engine, "acme")
    with pytest.raises(SpecError):
        clients.add_client(engine, "bad name!")


def test_serve_commands(session_store, tmp_path, pact_docs):
    db = ["--db", str(tmp_path / "host.sqlite")]
    assert invoke(session_store, "serve", "client", "add", "acme", *db, "--secret-file",
                  str(tmp_path / "acme.secret")).exit_code == 0
    assert len((tmp_path / "acme.secret").read_text().strip()) >= 32
    assert oct((tmp_path / "acme.secret").stat().st_mode)[-3:] == "600"
    pcf = tmp_path / "lfp.json"
    pcf.write_text(json.dumps(pact_docs["lfp", "2.3"]))
    res = invoke(session_store, "serve", "publish", str(pcf), *db, "--grant", "acme")
    assert res.exit_code == 0 and f"v2 {pact_docs['lfp', '2.3']['id']}: published" in res.output, res.output
    res = invoke(session_store, "serve", "publish", str(NMC["spec"]), *db, "--info", str(NMC["info"]), "--version",
                 "3.0", "--created", "2026-01-15", "--public")
    assert res.exit_code == 0 and f"v3 {pact_docs['nmc', '3.0']['id']}: published" in res.output, res.output
    listed = invoke(session_store, "serve", "list", *db, "--format", "json")
    rows = json.loads(listed.stdout)
    assert [(r["status"], r["access"]) for r in rows] == [("Active", "restricted"), ("Active", "public")]
    assert invoke(session_store, "serve", "grant", "acme", *db, "--product", NMC_PRODUCT).exit_code == 0
    assert f"lfp-pack-compact, {NMC_PRODUCT}" in invoke(session_store, "serve", "client", "list", *db).output
    assert invoke(session_store, "serve", "revoke", "acme", *db, "--product", NMC_PRODUCT).exit_code == 0
    assert invoke(session_store, "serve", "client", "secret", "acme", *db).exit_code == 0
    (tmp_path / "ours.secret").write_text("our secret at acme's host\n")
    res = invoke(session_store, "serve", "client", "callback", "acme", *db, "--url", "https://pact.acme.example/",
                 "--client-id", "supplier-1", "--secret-file", str(tmp_path / "ours.secret"))
    assert res.exit_code == 0 and "callback: https://pact.acme.example" in invoke(
        session_store, "serve", "client", "list", *db).output
    backup = tmp_path / "backup.sqlite"
    assert invoke(session_store, "serve", "backup", str(backup), *db).exit_code == 0
    copy_rows = sqlite3.connect(backup).execute("select count(*) from footprints").fetchone()[0]
    assert copy_rows == 2
    assert invoke(session_store, "serve", "client", "remove", "acme", *db).exit_code == 0
    certs = invoke(session_store, "serve", "cert", str(tmp_path / "certs"))
    assert certs.exit_code == 0 and (tmp_path / "certs" / "ca.pem").is_file()


@pytest.mark.parametrize("args,message", [
    (["publish", str(LFP["spec"])], "--info"),
    (["publish", "missing.json"], "not found"),
    (["client", "remove", "nobody"], "no client 'nobody'"),
    (["grant", "nobody", "--all"], "no client"),
    (["start", "--cert", "none.pem", "--key", "none.key"], "HTTPS only"),
    (["client", "callback", "nobody", "--url", "http://x"], "HTTPS only"),
    (["backup", "b.sqlite", "--db", "postgresql+psycopg://u@localhost/db"], "pg_dump"),
])
def test_serve_errors_are_one_line_exit_2(session_store, tmp_path, args, message):
    db = [] if "--db" in args else ["--db", str(tmp_path / "h.sqlite")]
    res = invoke(session_store, "serve", *args, *db)
    assert res.exit_code == 2 and message in res.output, res.output
    assert len(res.output.strip().splitlines()) == 1
