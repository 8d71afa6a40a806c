"""Access tokens: OAuth 2 client credentials (RFC 6749 §4.4) answered with a signed JWT.

A token is an HS256 JWT (RFC 7519) signed with the host's key: ``sub`` the client,
``gen`` the client's secret generation, ``exp`` its end. A token is refused when its
signature or form is wrong (PACT error BadRequest, HTTP 400), when it has expired
(TokenExpired, 401), or when its client was removed or got a new secret (BadRequest).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote

import jwt
from sqlalchemy import Engine

from carbonev.exchange.host import clients

TTL = 3600  # [s] token lifetime


class TokenError(Exception):
    """A refused access token: ``code`` is the PACT error code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TokenRequest:
    client_id: str | None
    secret: str | None
    grant_type: str | None


def parse_token_request(authorization: str | None, body: bytes) -> TokenRequest:
    """Client id and secret from HTTP Basic (RFC 6749 §2.3.1), else from the form body."""
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    client_id, secret = form.get("client_id"), form.get("client_secret")
    if authorization and authorization[:6].lower() == "basic ":
        try:
            pair = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            pair = ""
        if ":" in pair:
            user, _, password = pair.partition(":")
            client_id, secret = unquote(user), unquote(password)
        else:
            client_id = secret = None
    return TokenRequest(client_id, secret, form.get("grant_type"))


def issue(key: bytes, client: clients.Client, ttl: int = TTL) -> dict[str, object]:
    """The token response body (RFC 6749 §5.1)."""
    now = int(time.time())
    claims = {"iss": "carbonev-pact-host", "sub": client.name, "gen": client.generation, "iat": now,
              "exp": now + ttl, "jti": secrets.token_hex(8)}
    return {"access_token": jwt.encode(claims, key, algorithm="HS256"), "token_type": "Bearer", "expires_in": ttl}


def verify(engine: Engine, key: bytes, authorization: str | None) -> clients.Client:
    """The client a ``Bearer`` token stands for [raises TokenError]."""
    if not authorization or authorization[:7].lower() != "bearer ":
        raise TokenError("BadRequest", "missing bearer token (Authorization: Bearer <access token>)")
    token = authorization[7:].strip()
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp", "sub", "gen"]},
                            issuer="carbonev-pact-host")
    except jwt.ExpiredSignatureError:
        raise TokenError("TokenExpired", "the access token has expired") from None
    except jwt.PyJWTError:
        raise TokenError("BadRequest", "invalid access token") from None
    client = clients.get_client(engine, str(claims["sub"]))
    if client is None or client.generation != claims["gen"]:
        raise TokenError("BadRequest", "invalid access token (revoked)")
    return client
