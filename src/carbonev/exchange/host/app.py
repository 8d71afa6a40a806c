"""The PACT host as an ASGI application (Starlette).

Routes (each under the v2 and v3 prefix ``/2`` and ``/3``):

    POST /auth/token                     Action Authenticate (OAuth 2 client credentials)
    GET  /.well-known/openid-configuration   where the token endpoint is
    GET  /{2,3}/footprints               Action ListFootprints (filters, Link pagination)
    GET  /{2,3}/footprints/{id}          Action GetFootprint
    POST /{2,3}/events                   Action Events (CloudEvents)

Errors are PACT error responses ``{"code": ..., "message": ...}`` with the code's HTTP status
(BadRequest 400, TokenExpired 401, AccessDenied 403, NotFound/NoSuchFootprint 404,
NotImplemented 400, InternalError 500); the token endpoint answers as RFC 6749 §5.2 does.
Nothing a request carries can stop the server: an unexpected error is an InternalError
response, logged, and the next request is served.
"""

from __future__ import annotations

import logging
import re
import ssl
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from carbonev.exchange.host import auth, clients, events, store
from carbonev.exchange.host.query import QueryError, parse_params

log = logging.getLogger("carbonev.pact")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
STATUS = {"BadRequest": 400, "NotImplemented": 400, "TokenExpired": 401, "AccessDenied": 403, "NotFound": 404,
          "NoSuchFootprint": 404, "InternalError": 500}
MAX_BODY = 16 * 2**20  # [bytes] an event larger than this is refused


@dataclass
class HostConfig:
    engine: Engine
    key: bytes
    token_ttl: int = auth.TTL
    verify: ssl.SSLContext | bool = True  # for answers posted to clients' hosts


def error(code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=STATUS[code], headers=headers)


def _oauth_error(status: int, code: str, description: str) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Basic realm="pact"'} if status == 401 else None
    return JSONResponse({"error": code, "error_description": description}, status_code=status,
                        headers={"Cache-Control": "no-store", **(headers or {})})


def _config(request: Request) -> HostConfig:
    return request.app.state.config


def _too_large(request: Request, limit: int) -> bool:
    try:
        return int(request.headers.get("content-length", "0")) > limit
    except ValueError:
        return True


async def token(request: Request) -> Response:
    cfg = _config(request)
    if _too_large(request, 65536):
        return _oauth_error(400, "invalid_request", "request body too large")
    req = auth.parse_token_request(request.headers.get("authorization"), await request.body())
    if req.grant_type != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type", "grant_type must be client_credentials")
    if not req.client_id or req.secret is None:
        return _oauth_error(401, "invalid_client", "client authentication failed")
    client = await run_in_threadpool(clients.authenticate, cfg.engine, req.client_id, req.secret)
    if client is None:
        return _oauth_error(401, "invalid_client", "client authentication failed")
    body = auth.issue(cfg.key, client, cfg.token_ttl)
    return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


async def openid(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    return JSONResponse({"issuer": base, "token_endpoint": f"{base}/auth/token",
                         "grant_types_supported": ["client_credentials"],
                         "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]})


def _client(request: Request) -> clients.Client:
    cfg = _config(request)
    return auth.verify(cfg.engine, cfg.key, request.headers.get("authorization"))


def _links(request: Request, offset: int, limit: int, total: int) -> str:
    """RFC 8288 Link header: next (when more remain), prev, first, last; absolute, on the request's host."""
    base = str(request.url.replace(query=""))
    kept = [(k, v) for k, v in request.query_params.multi_items() if k.lower() not in ("offset", "limit")]

    def link(at: int, rel: str) -> str:
        return f'<{base}?{urlencode([*kept, ("limit", limit), ("offset", at)])}>; rel="{rel}"'

    last = max(0, (total - 1) // limit * limit)
    rels = []
    if offset + limit < total:
        rels.append(link(offset + limit, "next"))
    if offset > 0:
        rels.append(link(max(0, offset - limit), "prev"))
    rels += [link(0, "first"), link(last, "last")]
    return ", ".join(rels)


def _api(request: Request) -> int:
    return int(request.url.path.split("/")[1])


async def list_footprints(request: Request) -> Response:
    cfg, major = _config(request), _api(request)
    client = await run_in_threadpool(_client, request)
    query, offset, limit = parse_params(request.query_params.multi_items(), major)
    docs, total = await run_in_threadpool(store.page, cfg.engine, query, client, major, offset, limit)
    body = '{"data":[' + ",".join(docs) + "]}"
    headers = {"Link": _links(request, offset, limit, total)} if total > limit or offset else {}
    return Response(body, media_type="application/json", headers=headers)


async def get_footprint(request: Request) -> Response:
    cfg, major = _config(request), _api(request)
    client = await run_in_threadpool(_client, request)
    pf_id = request.path_params["id"]
    missing = "NoSuchFootprint" if major == 2 else "NotFound"
    if not _UUID.match(pf_id):
        return error("BadRequest", f"footprint id {pf_id!r} is not a UUID")
    try:
        doc = await run_in_threadpool(store.get, cfg.engine, pf_id.lower(), client, major)
    except store.NotVisible:
        return error("AccessDenied", "access denied: the data owner has not shared this footprint with you")
    if doc is None:
        return error(missing, f"footprint with id {pf_id!r} does not exist")
    return Response('{"data":' + doc + "}", media_type="application/json")


async def post_event(request: Request) -> Response:
    cfg, major = _config(request), _api(request)
    client = await run_in_threadpool(_client, request)
    if _too_large(request, MAX_BODY):
        return error("BadRequest", f"event larger than {MAX_BODY} bytes")
    body = await request.body()
    if len(body) > MAX_BODY:
        return error("BadRequest", f"event larger than {MAX_BODY} bytes")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/cloudevents+json", "application/json"):
        return error("BadRequest", "content-type must be application/cloudevents+json (structured mode)")
    try:
        pending = await run_in_threadpool(events.accept, cfg.engine, client, body, major)
    except events.EventError as exc:
        return error("BadRequest", str(exc))
    task = None
    if pending is not None:
        own = str(request.base_url).rstrip("/")
        task = BackgroundTask(events.send_answer, cfg.engine, pending, own, cfg.verify)
    return Response(status_code=200, background=task)


async def _token_error(request: Request, exc: auth.TokenError) -> Response:
    challenge = 'Bearer error="invalid_token"'
    return error(exc.code, str(exc), headers={"WWW-Authenticate": challenge})


async def _query_error(request: Request, exc: QueryError) -> Response:
    return error(exc.code, str(exc))


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 404:
        return error("NotFound", f"no such endpoint: {request.url.path}")
    if exc.status_code == 405:
        return JSONResponse({"code": "BadRequest", "message": f"method {request.method} not allowed here"},
                            status_code=405, headers=dict(exc.headers or {}))
    return JSONResponse({"code": "BadRequest", "message": str(exc.detail)}, status_code=exc.status_code)


class CatchAll:
    """ASGI middleware: an unexpected error becomes a logged InternalError response; the server goes on."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                response = error("InternalError", "an internal error occurred; the request was not processed")
                await response(scope, receive, send)


def create_app(config: HostConfig) -> Starlette:
    routes = [Route("/auth/token", token, methods=["POST"]),
              Route("/.well-known/openid-configuration", openid, methods=["GET"])]
    for v in ("2", "3"):
        routes += [Route(f"/{v}/footprints", list_footprints, methods=["GET"]),
                   Route(f"/{v}/footprints/{{id}}", get_footprint, methods=["GET"]),
                   Route(f"/{v}/events", post_event, methods=["POST"])]
    app = Starlette(routes=routes, middleware=[Middleware(CatchAll)], exception_handlers={
        auth.TokenError: _token_error, QueryError: _query_error, HTTPException: _http_error})
    app.state.config = config
    return app
