"""``carbonev pact pull`` against ``carbonev serve``: the files it writes are the served footprints,
and a vehicle spec citing them computes with the supplier's number."""

from __future__ import annotations

import json
import ssl

import pytest
import yaml
from tests.cli_runner import invoke
from tests.exchange.conftest import NMC_PRODUCT, ROOT

from carbonev.api import footprint
from carbonev.exchange.client import PactClient
from carbonev.specs.pact_file import load_footprint

pytestmark = pytest.mark.server  # a real PACT host on loopback (tests/exchange/conftest.py)


def pull(session_store, host, certs, *args):
    return invoke(session_store, "pact", "pull", "--url", host["url"], "--ca", str(certs["ca"]), *args)


def test_pull_round_trips_with_serve(session_store, host, certs, pact_docs, tmp_path):
    out = tmp_path / "supplied"
    res = pull(session_store, host, certs, "--client-id", "acme", "--secret-file",
               str(host["folder"] / "acme.secret"), "--out", str(out))
    assert res.exit_code == 0, res.output
    served = pact_docs["nmc", "3.0"]
    files = sorted(out.glob("*.json"))
    assert [f.name for f in files] == [f"{served['id']}.json"]  # acme sees only the NMC pack
    assert json.loads(files[0].read_text()) == served
    # v2 API: the same pack per kilogram
    res2 = pull(session_store, host, certs, "--client-id", "acme", "--secret-file", str(host["folder"] / "acme.secret"),
                "--api", "2", "--out", str(tmp_path / "v2"))
    assert res2.exit_code == 0, res2.output
    v2 = load_footprint(next((tmp_path / "v2").glob("*.json")))
    v3 = load_footprint(files[0])
    assert v2.declared_unit == "kilogram" and v2.per_product == pytest.approx(v3.per_product, rel=1e-9)

    # a vehicle spec cites the pulled file: its battery stage is the supplier's pack
    spec = yaml.safe_load((ROOT / "examples" / "bev-midsize-nmc811.yaml").read_text(encoding="utf-8"))
    spec["supplied"] = [{"replaces": "battery", "footprint": str(files[0])}]
    path = tmp_path / "car.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    [car] = footprint([path], store=session_store)
    battery = car.stages.set_index("stage")["amount"]["battery"]
    packs = 1 + spec["battery"].get("replacements", 0)
    assert battery == pytest.approx(v3.per_product * packs, rel=1e-6)  # the engine solves in float32


def test_pull_lists_fetches_by_id_and_follows_pages(session_store, host, certs, pact_docs, tmp_path):
    secret = str(host["folder"] / "conformance.secret")
    listed = pull(session_store, host, certs, "--client-id", "conformance", "--secret-file", secret, "--list")
    assert listed.exit_code == 0 and "2 footprint(s)" in listed.output
    assert not (tmp_path / "supplied").exists()
    one = pact_docs["lfp", "3.0"]["id"]
    res = pull(session_store, host, certs, "--client-id", "conformance", "--secret-file", secret, "--id", one,
               "--out", str(tmp_path / "one"))
    assert res.exit_code == 0 and [p.stem for p in (tmp_path / "one").glob("*.json")] == [one]
    ctx = ssl.create_default_context(cafile=str(certs["ca"]))
    with PactClient(host["url"], "conformance", host["secrets"]["conformance"], ctx) as c:
        paged = [d["id"] for d in c.footprints(limit=["1"])]  # one per page, following Link
        assert paged == [pact_docs["nmc", "3.0"]["id"], pact_docs["lfp", "3.0"]["id"]]
        assert [d["id"] for d in c.footprints(productId=[NMC_PRODUCT])] == [pact_docs["nmc", "3.0"]["id"]]


def test_pull_errors_are_one_line(session_store, host, certs, tmp_path):
    wrong = tmp_path / "wrong.secret"
    wrong.write_text("not-the-secret-at-all\n")
    res = pull(session_store, host, certs, "--client-id", "acme", "--secret-file", str(wrong), "--out",
               str(tmp_path / "x"))
    assert res.exit_code == 2 and "refused the client credentials" in res.output
    assert not (tmp_path / "x").exists()
    plain = invoke(session_store, "pact", "pull", "--url", host["url"].replace("https", "http"), "--client-id", "acme",
                   "--secret-file", str(wrong))
    assert plain.exit_code == 2 and "HTTPS only" in plain.output
    denied = pull(session_store, host, certs, "--client-id", "acme", "--secret-file",
                  str(host["folder"] / "acme.secret"), "--id", "00000000-0000-0000-0000-000000000000")
    assert denied.exit_code == 2 and "404" in denied.output
