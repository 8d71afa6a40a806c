"""Clients of the PACT host (data recipients), their hashed secrets, grants and callbacks.

A client authenticates with its name (``client_id``) and a secret that only the client
holds: the host stores an scrypt hash (RFC 7914; N=2^14, r=8, p=1, 16-byte salt) and
compares in constant time. A new secret bumps the client's ``generation``, which every
access token carries: older tokens stop working at once.

Grants say which restricted footprints a client may see: by product id (a URN of the
footprint's ``productIds``, so every later version of that product is covered) or ``*``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update

from carbonev.errors import SpecError
from carbonev.exchange.host.db import clients, grants, meta

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Client:
    name: str
    generation: int
    callback_url: str | None = None
    callback_client_id: str | None = None
    callback_secret: str | None = None


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT, dklen=32)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def signing_key(engine: Engine) -> bytes:
    """The host's token-signing key, created on first use (kept in the database)."""
    with engine.begin() as conn:
        row = conn.execute(select(meta.c.value).where(meta.c.key == "signing_key")).first()
        if row is None:
            key = secrets.token_hex(32)
            conn.execute(insert(meta).values(key="signing_key", value=key))
            return bytes.fromhex(key)
    return bytes.fromhex(row[0])


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise SpecError("a client id is 1-128 letters, digits, '.', '_', '@' or '-'", field="client")


def add_client(engine: Engine, name: str, secret: str | None = None) -> str:
    """Register ``name``; returns its secret (generated unless given) [raises if it exists]."""
    _check_name(name)
    secret = secret or secrets.token_urlsafe(32)
    if len(secret) < 16:
        raise SpecError("a client secret needs at least 16 characters", field="secret")
    with engine.begin() as conn:
        if conn.execute(select(clients.c.name).where(clients.c.name == name)).first():
            raise SpecError(f"client {name!r} exists; use `serve client secret` for a new secret", field="client")
        conn.execute(insert(clients).values(name=name, secret_hash=hash_secret(secret), generation=1,
                                            created=_now()))
    return secret


def new_secret(engine: Engine, name: str, secret: str | None = None) -> str:
    """Give ``name`` a new secret; its earlier secret and tokens stop working."""
    secret = secret or secrets.token_urlsafe(32)
    with engine.begin() as conn:
        done = conn.execute(update(clients).where(clients.c.name == name).values(
            secret_hash=hash_secret(secret), generation=clients.c.generation + 1)).rowcount
    if not done:
        raise SpecError(f"no client {name!r}", field="client")
    return secret


def remove_client(engine: Engine, name: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(grants).where(grants.c.client == name))
        if not conn.execute(delete(clients).where(clients.c.name == name)).rowcount:
            raise SpecError(f"no client {name!r}", field="client")


def set_callback(engine: Engine, name: str, url: str | None, client_id: str | None, secret: str | None) -> None:
    """Where answers to ``name``'s footprint requests go, and our credentials there."""
    if url is not None and not url.startswith("https://"):
        raise SpecError("callbacks go over HTTPS only: give an https:// URL", field="--callback-url")
    with engine.begin() as conn:
        done = conn.execute(update(clients).where(clients.c.name == name).values(
            callback_url=url.rstrip("/") if url else None, callback_client_id=client_id,
            callback_secret=secret)).rowcount
    if not done:
        raise SpecError(f"no client {name!r}", field="client")


def _client(row) -> Client:
    return Client(row.name, row.generation, row.callback_url, row.callback_client_id, row.callback_secret)


def get_client(engine: Engine, name: str) -> Client | None:
    with engine.connect() as conn:
        row = conn.execute(select(clients).where(clients.c.name == name)).first()
    return _client(row) if row else None


def authenticate(engine: Engine, name: str, secret: str) -> Client | None:
    """The client if ``secret`` is its current secret, else None."""
    with engine.connect() as conn:
        row = conn.execute(select(clients).where(clients.c.name == name)).first()
    if row is None:
        hash_secret(secret)  # the same work either way: no timing hint that the name is unknown
        return None
    return _client(row) if verify_secret(secret, row.secret_hash) else None


def list_clients(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(select(clients).order_by(clients.c.name)).all()
        given = conn.execute(select(grants).order_by(grants.c.client, grants.c.product)).all()
    by_client: dict[str, list[str]] = {}
    for g in given:
        by_client.setdefault(g.client, []).append(g.product)
    return [{"client": r.name, "created": r.created.isoformat(), "grants": by_client.get(r.name, []),
             "callback": r.callback_url or ""} for r in rows]


def grant(engine: Engine, name: str, products: list[str]) -> None:
    """Let ``name`` see restricted footprints of these product ids (``*``: all)."""
    if get_client(engine, name) is None:
        raise SpecError(f"no client {name!r}", field="client")
    bad = [p for p in products if p != "*" and not p.lower().startswith("urn:")]
    if bad:
        raise SpecError(f"a product id is a URN (urn:...) or *, got {bad[0]!r}", field="--product")
    with engine.begin() as conn:
        have = {r[0] for r in conn.execute(select(grants.c.product).where(grants.c.client == name))}
        new = [p for p in dict.fromkeys(products) if p not in have]
        if new:
            conn.execute(insert(grants), [{"client": name, "product": p} for p in new])


def revoke(engine: Engine, name: str, products: list[str]) -> None:
    with engine.begin() as conn:
        conn.execute(delete(grants).where(grants.c.client == name, grants.c.product.in_(products)))


def granted(engine: Engine, name: str) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(select(grants.c.product).where(grants.c.client == name))]
