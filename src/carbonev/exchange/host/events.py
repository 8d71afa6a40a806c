"""The Events action: CloudEvents 1.0 in structured JSON mode (v2.2+ and v3.0).

Accepted (HTTP 200, empty body), after checks that answer HTTP 400 BadRequest otherwise:

- a *published* event (a supplier tells us footprints changed): ``data.pfIds`` must be a
  non-empty list of footprint ids (UUIDs); the event is logged;
- a *request created* event (a customer asks for footprints): its criteria are the
  ListFootprints filters (v3 ``data``; v2 ``data.pf`` with ``productIds``, ``companyIds``,
  ``productClassifications``); the host answers later with a *fulfilled* event holding the
  footprints the client may see, or a *rejected* event (error NotFound) when there are none;
- *fulfilled* / *rejected* events (answers to our own requests): logged, footprints checked.

An answer goes to the client's registered callback URL (``serve client callback``), and only
when the request's ``source`` names that host: PACT asks the host to validate ``source``
before sending, and a host that posted to any URL a caller names could be made to attack
others. The answer is posted to ``<callback>/<2|3>/events`` with a token obtained from
``<callback>/auth/token``, retried 3 times with exponential back-off (1, 2, 4 s).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import ssl
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine, insert

from carbonev.errors import SpecError
from carbonev.exchange.host import store
from carbonev.exchange.host.clients import Client
from carbonev.exchange.host.db import events
from carbonev.exchange.host.query import MAX_LIMIT, Query, QueryError, criteria
from carbonev.specs.pact import _PATTERNS
from carbonev.specs.pact_file import check_document

TYPES = {
    2: {"created": "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1",
        "fulfilled": "org.wbcsd.pathfinder.ProductFootprintRequest.Fulfilled.v1",
        "rejected": "org.wbcsd.pathfinder.ProductFootprintRequest.Rejected.v1",
        "published": "org.wbcsd.pathfinder.ProductFootprint.Published.v1"},
    3: {"created": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3",
        "fulfilled": "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3",
        "rejected": "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3",
        "published": "org.wbcsd.pact.ProductFootprint.PublishedEvent.3"},
}
_V2_FRAGMENT = {"productIds": "productId", "companyIds": "companyId", "productClassifications": "classification"}
RETRIES = (1.0, 2.0, 4.0)  # [s] waits before the 2nd, 3rd and 4th attempt


class EventError(Exception):
    """A refused event (PACT BadRequest, HTTP 400)."""


@dataclass(frozen=True)
class Request:
    """A footprint request to answer after the HTTP response."""

    client: Client
    event_id: str
    source: str
    query: Query
    api_major: int


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def log(engine: Engine, direction: str, client: str | None, event: dict[str, Any], outcome: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(events).values(
            at=dt.datetime.now(dt.UTC).replace(tzinfo=None), direction=direction, client=client,
            type=str(event.get("type", ""))[:128], event_id=str(event.get("id", ""))[:256],
            source=str(event.get("source", "")), body=json.dumps(event, ensure_ascii=False), outcome=outcome))


def _envelope(body: bytes) -> dict[str, Any]:
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise EventError("the body is not JSON (a CloudEvent in structured mode)") from None
    if not isinstance(event, dict):
        raise EventError("a CloudEvent is a JSON object")
    if event.get("specversion") != "1.0":
        raise EventError("specversion: must be '1.0' (CloudEvents 1.0)")
    for key in ("id", "source", "type"):
        if not isinstance(event.get(key), str) or not event[key]:
            raise EventError(f"{key}: required, a non-empty string")
    if "time" in event and not (isinstance(event["time"], str) and re.match(_PATTERNS["datetime"], event["time"])):
        raise EventError("time: must be an RFC 3339 date-time")
    if not isinstance(event.get("data"), dict):
        raise EventError("data: required, a JSON object")
    return event


def _request_query(data: dict[str, Any], api_major: int) -> Query:
    query = Query()
    try:
        if api_major == 2:
            pf = data.get("pf")
            if not isinstance(pf, dict):
                raise EventError("data.pf: required, the requested footprint's properties (an object)")
            for name, crit in _V2_FRAGMENT.items():
                if name in pf:
                    values = pf[name] if isinstance(pf[name], list) else [pf[name]]
                    criteria(query, crit, values)
            return query
        for name, value in data.items():
            if name == "comment" or name.lower().startswith("x-"):
                continue
            if isinstance(value, list) and not all(isinstance(v, str) for v in value):
                raise EventError(f"data.{name}: a list of strings")
            criteria(query, name, value if isinstance(value, list) else [value])
    except QueryError as exc:
        raise EventError(f"data.{exc}") from None
    return query


def _check_answer(data: dict[str, Any], kind: str) -> str:
    if not isinstance(data.get("requestEventId"), str):
        raise EventError("data.requestEventId: required, the id of the request event answered")
    if kind == "rejected":
        error = data.get("error")
        if not (isinstance(error, dict) and all(isinstance(error.get(k), str) for k in ("code", "message"))):
            raise EventError("data.error: required, an error object with code and message")
        return f"rejected: {error['code']}"
    pfs = data.get("pfs")
    if not isinstance(pfs, list):
        raise EventError("data.pfs: required, a list of product footprints")
    try:
        for i, doc in enumerate(pfs):
            check_document(doc, f"data.pfs[{i}]")
    except SpecError as exc:
        raise EventError(str(exc)) from None
    return f"fulfilled: {len(pfs)} footprint(s)"


def accept(engine: Engine, client: Client, body: bytes, api_major: int) -> Request | None:
    """Check and log an incoming event; a footprint request to answer, or None [raises EventError]."""
    event = _envelope(body)
    kinds = {v: k for k, v in TYPES[api_major].items()}
    kind = kinds.get(event["type"])
    if kind is None:
        raise EventError(f"type: {event['type']!r} is not a PACT v{api_major} event type; valid: "
                         f"{', '.join(TYPES[api_major].values())}")
    data = event["data"]
    if kind == "published":
        ids = data.get("pfIds")
        if not isinstance(ids, list) or not ids or not all(
                isinstance(i, str) and re.match(_PATTERNS["uuid"], i) for i in ids):
            raise EventError("data.pfIds: required, a non-empty list of footprint ids (UUIDs)")
        log(engine, "in", client.name, event, f"published: {len(ids)} footprint id(s)")
        return None
    if kind in ("fulfilled", "rejected"):
        log(engine, "in", client.name, event, _check_answer(data, kind))
        return None
    query = _request_query(data, api_major)
    log(engine, "in", client.name, event, "request accepted")
    return Request(client, event["id"], event["source"], query, api_major)


def _same_host(a: str, b: str) -> bool:
    pa, pb = urlsplit(a if "//" in a else "//" + a), urlsplit(b)
    return bool(pa.hostname) and (pa.hostname, pa.port) == (pb.hostname, pb.port)


def answer_event(engine: Engine, request: Request, own_url: str) -> dict[str, Any]:
    """The fulfilled (or rejected) event answering ``request``."""
    docs, _ = store.page(engine, request.query, request.client, request.api_major, 0, MAX_LIMIT)
    types = TYPES[request.api_major]
    head = {"specversion": "1.0", "id": str(uuid.uuid4()), "source": own_url, "time": _now()}
    if docs:
        return {**head, "type": types["fulfilled"],
                "data": {"requestEventId": request.event_id, "pfs": [json.loads(d) for d in docs]}}
    return {**head, "type": types["rejected"], "data": {"requestEventId": request.event_id, "error": {
        "code": "NotFound", "message": "no footprint you may see matches the request"}}}


def _token(http: httpx.Client, base: str, client: Client) -> dict[str, str]:
    if not client.callback_client_id:
        return {}
    reply = http.post(f"{base}/auth/token", data={"grant_type": "client_credentials"},
                      auth=(client.callback_client_id, client.callback_secret or ""))
    reply.raise_for_status()
    return {"Authorization": f"Bearer {reply.json()['access_token']}"}


def send_answer(engine: Engine, request: Request, own_url: str, verify: ssl.SSLContext | bool = True,
                waits: tuple[float, ...] = RETRIES) -> str:
    """Answer ``request`` at the client's callback URL; the outcome (also logged)."""
    base = request.client.callback_url
    event = answer_event(engine, request, own_url)
    if not base:
        outcome = "not sent: the client has no callback URL (serve client callback)"
    elif not _same_host(request.source, base):
        outcome = f"not sent: source {request.source!r} is not the client's callback host {base}"
    else:
        outcome = "not sent"
        for attempt, wait in enumerate((0.0, *waits)):
            time.sleep(wait)
            try:
                with httpx.Client(verify=verify, timeout=10.0) as http:
                    headers = {"Content-Type": "application/cloudevents+json; charset=UTF-8",
                               **_token(http, base, request.client)}
                    reply = http.post(f"{base}/{request.api_major}/events", headers=headers,
                                      content=json.dumps(event, ensure_ascii=False).encode())
                if reply.is_success:
                    outcome = f"sent to {base} (HTTP {reply.status_code}, attempt {attempt + 1})"
                    break
                outcome = f"refused by {base}: HTTP {reply.status_code}"
            except httpx.HTTPError as exc:
                outcome = f"failed: {type(exc).__name__}: {exc}"
    log(engine, "out", request.client.name, event, outcome)
    return outcome
