"""The PACT host over HTTPS on loopback: tokens, ListFootprints (filters, pagination),
GetFootprint, access control, expired and forged tokens, malformed filters and events,
the server staying up after bad requests."""

from __future__ import annotations

import base64
import json
import ssl
import time

import httpx
import jwt
import pytest
from tests.exchange.conftest import LFP_PRODUCT, NMC_PRODUCT

pytestmark = pytest.mark.server  # a real PACT host on loopback (tests/exchange/conftest.py)


@pytest.fixture(scope="module")
def http(host, certs):
    with httpx.Client(verify=ssl.create_default_context(cafile=certs["ca"]), base_url=host["url"],
                      timeout=10) as client:
        yield client


def token(http, host, name):
    reply = http.post("/auth/token", data={"grant_type": "client_credentials"}, auth=(name, host["secrets"][name]))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 120
    return body["access_token"]


def bearer(t):
    return {"Authorization": f"Bearer {t}"}


def test_token_endpoint(http, host):
    assert token(http, host, "acme")
    wrong = http.post("/auth/token", data={"grant_type": "client_credentials"}, auth=("acme", "not-the-secret"))
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    nobody = http.post("/auth/token", data={"grant_type": "client_credentials"}, auth=("nobody", "x" * 20))
    assert nobody.status_code == 401
    grant = http.post("/auth/token", data={"grant_type": "password"}, auth=("acme", host["secrets"]["acme"]))
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    # RFC 6749 §2.3.1: credentials in the body work too
    body = http.post("/auth/token", data={"grant_type": "client_credentials", "client_id": "acme",
                                          "client_secret": host["secrets"]["acme"]})
    assert body.status_code == 200
    oidc = http.get("/.well-known/openid-configuration").json()
    assert oidc["token_endpoint"] == f"{host['url']}/auth/token"


def test_a_client_never_sees_another_clients_restricted_footprints(http, host, pact_docs):
    acme, zeta = token(http, host, "acme"), token(http, host, "zeta")
    for major in (2, 3):
        seen_acme = http.get(f"/{major}/footprints", headers=bearer(acme)).json()["data"]
        seen_zeta = http.get(f"/{major}/footprints", headers=bearer(zeta)).json()["data"]
        assert {p for d in seen_acme for p in d["productIds"]} == {NMC_PRODUCT}
        assert {p for d in seen_zeta for p in d["productIds"]} == {LFP_PRODUCT}
    lfp3 = pact_docs["lfp", "3.0"]["id"]
    denied = http.get(f"/3/footprints/{lfp3}", headers=bearer(acme))
    assert denied.status_code == 403 and denied.json()["code"] == "AccessDenied"
    # filtering for the other client's product finds nothing, events answer nothing either
    assert http.get("/3/footprints", params={"productId": LFP_PRODUCT}, headers=bearer(acme)).json() == {"data": []}
    got = http.get(f"/3/footprints/{lfp3}", headers=bearer(zeta))
    assert got.status_code == 200 and got.json()["data"]["id"] == lfp3


def test_get_footprint_and_errors(http, host, pact_docs):
    t = token(http, host, "acme")
    nmc3, nmc2 = pact_docs["nmc", "3.0"]["id"], pact_docs["nmc", "2.3"]["id"]
    assert http.get(f"/3/footprints/{nmc3}", headers=bearer(t)).json()["data"] == pact_docs["nmc", "3.0"]
    assert http.get(f"/2/footprints/{nmc2}", headers=bearer(t)).json()["data"] == pact_docs["nmc", "2.3"]
    missing = "00000000-0000-0000-0000-000000000000"
    r3, r2 = http.get(f"/3/footprints/{missing}", headers=bearer(t)), http.get(f"/2/footprints/{missing}",
                                                                                 headers=bearer(t))
    assert (r3.status_code, r3.json()["code"], r2.status_code, r2.json()["code"]) == (404, "NotFound", 404,
                                                                                      "NoSuchFootprint")
    # a v3 footprint is not served by the v2 API
    assert http.get(f"/2/footprints/{nmc3}", headers=bearer(t)).status_code == 404
    assert http.get("/3/footprints/not-a-uuid", headers=bearer(t)).json()["code"] == "BadRequest"


def test_expired_and_forged_tokens_get_the_specs_errors(http, host):
    from carbonev.exchange.host.clients import signing_key
    from carbonev.exchange.host.db import connect

    key = signing_key(connect(host["db"]))
    now = int(time.time())
    claims = {"iss": "carbonev-pact-host", "sub": "acme", "gen": 1, "iat": now - 7200, "exp": now - 3600}
    expired = http.get("/3/footprints", headers=bearer(jwt.encode(claims, key, algorithm="HS256")))
    assert expired.status_code == 401 and expired.json()["code"] == "TokenExpired"
    fake_key = b"not the host's signing key, 32 bytes or more"
    forged = jwt.encode({**claims, "exp": now + 3600}, fake_key, algorithm="HS256")
    for path in ("/3/footprints", "/2/footprints", "/3/footprints/00000000-0000-0000-0000-000000000000"):
        r = http.get(path, headers=bearer(forged))
        assert r.status_code == 400 and r.json()["code"] == "BadRequest", path
    # a token of another client, its subject edited: the signature no longer matches
    real = token(http, host, "acme")
    head, body, sig = real.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=="))
    payload["sub"] = "conformance"
    edited = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    assert http.get("/3/footprints", headers=bearer(f"{head}.{edited}.{sig}")).status_code == 400
    assert http.get("/3/footprints").json()["code"] == "BadRequest"  # no token at all


def test_filters_and_pagination(http, host, pact_docs):
    t = token(http, host, "conformance")
    everything = http.get("/3/footprints", headers=bearer(t)).json()["data"]
    assert len(everything) == 2
    first = http.get("/3/footprints", params={"limit": 1}, headers=bearer(t))
    assert len(first.json()["data"]) == 1
    link = first.headers["link"]
    assert link.startswith(f"<{host['url']}/3/footprints?limit=1&offset=1>; rel=\"next\"")
    from carbonev.exchange.client import next_link

    second = http.get(next_link(link), headers=bearer(t))
    assert [d["id"] for d in first.json()["data"] + second.json()["data"]] == [d["id"] for d in everything]
    assert next_link(second.headers.get("link")) is None
    q = {"productid": NMC_PRODUCT, "geography": "CN"}  # names are case-insensitive; CN holds CN-ZJ
    assert [d["id"] for d in http.get("/3/footprints", params=q, headers=bearer(t)).json()["data"]] == [
        pact_docs["nmc", "3.0"]["id"]]
    # validity: the LFP supplier states 2025-01-01..2027-01-01, the NMC pack has PACT's default
    on = http.get("/3/footprints", params={"validOn": "2027-06-01T00:00:00Z"}, headers=bearer(t)).json()["data"]
    assert [d["id"] for d in on] == [pact_docs["nmc", "3.0"]["id"]]
    odata = f"productIds/any(p:(p eq '{LFP_PRODUCT}')) and created ge '2026-01-01T00:00:00Z'"
    v2 = http.get("/2/footprints", params={"$filter": odata}, headers=bearer(t)).json()["data"]
    assert [d["id"] for d in v2] == [pact_docs["lfp", "2.3"]["id"]]


@pytest.mark.parametrize("path,params,code", [
    ("/3/footprints", {"validOn": "yesterday"}, "BadRequest"),
    ("/3/footprints", {"limit": "-1"}, "BadRequest"),
    ("/3/footprints", {"limit": "ten"}, "BadRequest"),
    ("/3/footprints", {"colour": "green"}, "BadRequest"),
    ("/3/footprints", {"$filter": "created ge '2020-01-01T00:00:00Z'"}, "BadRequest"),
    ("/2/footprints", {"$filter": "created ge "}, "BadRequest"),
    ("/2/footprints", {"$filter": "created ge '2020-01-01' or x"}, "NotImplemented"),
    ("/2/footprints", {"$filter": "companyName eq 'x'"}, "NotImplemented"),
    ("/2/footprints", {"$filter": "((((created"}, "BadRequest"),
    ("/2/footprints", {"$filter": "created ge 'not a date'"}, "BadRequest"),
    ("/2/footprints", {"$filter": "productIds/any(p:(q eq 'x'))"}, "BadRequest"),
    ("/2/footprints", {"$filter": "'; DROP TABLE footprints; --"}, "BadRequest"),
])
def test_malformed_filters_are_errors_not_crashes(http, host, path, params, code):
    t = token(http, host, "acme")
    r = http.get(path, params=params, headers=bearer(t))
    assert r.status_code == 400 and r.json()["code"] == code, r.text
    assert http.get("/3/footprints", headers=bearer(t)).status_code == 200  # still serving


def test_events_are_checked(http, host, pact_docs):
    t = {**bearer(token(http, host, "acme")), "Content-Type": "application/cloudevents+json; charset=UTF-8"}
    base = {"specversion": "1.0", "id": "e1", "source": "https://customer.example", "time": "2026-01-01T00:00:00Z"}
    published = {**base, "type": "org.wbcsd.pact.ProductFootprint.PublishedEvent.3",
                 "data": {"pfIds": [pact_docs["nmc", "3.0"]["id"]]}}
    assert http.post("/3/events", content=json.dumps(published), headers=t).status_code == 200
    bad = [
        b"{not json", b"[]", json.dumps({**published, "specversion": "0.3"}).encode(),
        json.dumps({**published, "data": {"pfIds": ["urn:gtin:4712345060507"]}}).encode(),
        json.dumps({**published, "type": "org.wbcsd.pathfinder.ProductFootprint.Published.v1"}).encode(),
        json.dumps({**base, "type": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3",
                    "data": {"validOn": "soon"}}).encode(),
        json.dumps({**base, "type": "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3",
                    "data": {"requestEventId": "x", "pfs": [{"id": "broken"}]}}).encode(),
    ]
    for body in bad:
        r = http.post("/3/events", content=body, headers=t)
        assert r.status_code == 400 and r.json()["code"] == "BadRequest", body
    assert http.post("/3/events", content=json.dumps(published), headers={**t, "Content-Type": "text/plain"}
                     ).status_code == 400
    created_v2 = {**base, "type": "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1",
                  "data": {"pf": {"productIds": [NMC_PRODUCT]}, "comment": "please"}}
    assert http.post("/2/events", content=json.dumps(created_v2), headers=t).status_code == 200


def test_a_removed_client_or_new_secret_ends_its_tokens(http, host):
    from carbonev.exchange.host import clients
    from carbonev.exchange.host.db import connect

    engine = connect(host["db"])
    secret = clients.add_client(engine, "temp")
    clients.grant(engine, "temp", ["*"])
    t = token(http, {**host, "secrets": {"temp": secret}}, "temp")
    assert http.get("/3/footprints", headers=bearer(t)).status_code == 200
    clients.new_secret(engine, "temp")
    assert http.get("/3/footprints", headers=bearer(t)).json()["code"] == "BadRequest"
    clients.remove_client(engine, "temp")
    again = http.post("/auth/token", data={"grant_type": "client_credentials"}, auth=("temp", secret))
    assert again.status_code == 401


def test_plain_http_is_refused(host):
    url = host["url"].replace("https://", "http://")
    with pytest.raises(httpx.HTTPError):
        httpx.post(f"{url}/auth/token", data={"grant_type": "client_credentials"},
                   auth=("acme", host["secrets"]["acme"]), timeout=5)


def test_an_internal_error_is_answered_and_the_server_goes_on(http, host, monkeypatch):
    from carbonev.exchange.host import store

    t = token(http, host, "acme")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "page", broken)
    r = http.get("/3/footprints", headers=bearer(t))
    assert r.status_code == 500 and r.json()["code"] == "InternalError" and "fire" not in r.text
    monkeypatch.undo()
    assert http.get("/3/footprints", headers=bearer(t)).status_code == 200


def test_footprint_requests_are_answered_at_the_clients_callback(host, certs, pact_docs):
    """A RequestCreated event → a RequestFulfilled event at the client's registered host; no
    matching footprint → RequestRejected; a source that is not the client's host → nothing sent."""
    import threading

    from tests.exchange.conftest import free_port
    from tests.exchange.test_conformance import Listener

    from carbonev.exchange.host import clients, events
    from carbonev.exchange.host.db import connect

    listener = Listener(free_port(), certs)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    engine = connect(host["db"])
    clients.set_callback(engine, "zeta", listener.url, "us-at-zeta", "our-secret")
    zeta = clients.get_client(engine, "zeta")
    ctx = ssl.create_default_context(cafile=str(certs["ca"]))
    base = {"specversion": "1.0", "source": listener.url, "time": "2026-01-01T00:00:00Z",
            "type": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3"}
    asked = {**base, "id": "req-1", "data": {"productId": [LFP_PRODUCT, NMC_PRODUCT]}}
    pending = events.accept(engine, zeta, json.dumps(asked).encode(), 3)
    assert events.send_answer(engine, pending, host["url"], ctx, waits=()).startswith("sent")
    path, answer = listener.received[-1]
    assert path == "/3/events" and answer["type"].endswith("RequestFulfilledEvent.3")
    assert [d["id"] for d in answer["data"]["pfs"]] == [pact_docs["lfp", "3.0"]["id"]]  # zeta may see LFP only
    nothing = {**base, "id": "req-2", "data": {"productId": ["urn:pact:null"]}}
    events.send_answer(engine, events.accept(engine, zeta, json.dumps(nothing).encode(), 3), host["url"], ctx, ())
    assert listener.received[-1][1]["data"] == {"requestEventId": "req-2", "error": {
        "code": "NotFound", "message": "no footprint you may see matches the request"}}
    elsewhere = {**asked, "id": "req-3", "source": "https://attacker.example"}
    outcome = events.send_answer(engine, events.accept(engine, zeta, json.dumps(elsewhere).encode(), 3),
                                 host["url"], ctx, ())
    assert outcome.startswith("not sent: source") and len(listener.received) == 2
    listener.shutdown()
